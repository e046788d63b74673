// Exact decimals and money: amounts are never binary floating point, so 0.1 + 0.2 is 0.3,
// USD 1,000,000.00 is USD 1000000, and amounts beyond 2^53 still compare exactly.
import Big from 'big.js';
import { describe, expect, it } from 'vitest';
import { addDecimal, canonicalDecimal, compareDecimal, formatDecimal, multiplyDecimal } from '../../language/src/values/decimal.ts';
import { compareMoney, formatMoney, isMoney } from '../../language/src/values/money.ts';
import { Reader } from '../../language/src/ast/reader.ts';
import { parse } from '../../language/src/syntax/parser.ts';
import type { RefSite } from '../../language/src/ast/ast.ts';
import type { Problem, Statement } from '../../language/src/syntax/syntax-tree.ts';
import { BASE, findingsOf } from '../../language/src/testing/index.ts';

describe('canonicalDecimal', () => {
  it.each([
    ['1,250,000.50', '1250000.5'],
    ['1_250_000.50', '1250000.5'],
    ['1250000.5', '1250000.5'],
    ['1,000,000.00', '1000000'],
    ['1000000', '1000000'],
    ['1_000', '1000'],
    ['12.5', '12.5'],
    ['0.30', '0.3'],
    ['0.3', '0.3'],
    ['0', '0'],
    ['0.000', '0'],
    ['000', '0'],
    ['007', '7'],
    ['100', '100'],
    ['10.10', '10.1'],
    ['0.0001', '0.0001'],
    ['99,999,999,999,999.99', '99999999999999.99'],
    ['1,000,000,000,000,000,000,000', '1000000000000000000000'],
    ['123456789012345678901234567890.123456789', '123456789012345678901234567890.123456789'],
  ])('%s → %s', (text, canonical) => {
    expect(canonicalDecimal(text)).toBe(canonical);
  });

  it.each([
    '',
    ' ',
    'abc',
    'USD',
    '-5',
    '+5',
    '1e21',
    '1E3',
    '.5',
    '5.',
    '1.2.3',
    '0x10',
    'NaN',
    'Infinity',
    '1 000',
    // Malformed grouping: these used to be accepted by dropping every ',' and '_' (1,08 → 108).
    '1,08',
    '1,2,3',
    '5,',
    ',5',
    '1,,000',
    '1,0000',
    '1000,000',
    '1_',
    '_1',
    '1__000',
    '1_000,000',
    '1.000,50',
    '1,000.5_0',
  ])('%j is not a decimal', (text) => {
    expect(canonicalDecimal(text)).toBeUndefined();
  });

  it('gives the same canonical form to every spelling of the same amount', () => {
    const spellings = ['1,000,000.00', '1000000', '1_000_000', '1000000.000', '1,000,000', '001000000.0'];
    expect(new Set(spellings.map(canonicalDecimal))).toEqual(new Set(['1000000']));
  });
});

describe('compareDecimal', () => {
  it('orders amounts exactly', () => {
    expect(compareDecimal('1', '2')).toBe(-1);
    expect(compareDecimal('2', '1')).toBe(1);
    expect(compareDecimal('0.3', '0.30')).toBe(0);
    expect(compareDecimal('1000000', '1000000.00')).toBe(0);
    expect(compareDecimal('10', '9.99')).toBe(1);
    expect(compareDecimal('0.1', '0.09999999999999999')).toBe(1);
  });

  it('treats 0.1 + 0.2 as exactly 0.3 (binary floating point would not)', () => {
    expect(0.1 + 0.2 === 0.3).toBe(false); // the trap
    const sum = addDecimal('0.1', '0.2');
    expect(sum).toBe('0.3');
    expect(compareDecimal(sum, '0.3')).toBe(0);
    expect(compareDecimal(sum, canonicalDecimal('0.30')!)).toBe(0);
    // A limit of USD 0.3 is not exceeded by 0.1 + 0.2, and is exceeded by the float result.
    expect(compareDecimal(sum, '0.3') > 0).toBe(false);
    expect(compareDecimal(String(0.1 + 0.2), '0.3')).toBe(1);
  });

  it('adds many small amounts without drift', () => {
    let total = '0';
    for (let i = 0; i < 1000; i++) total = addDecimal(total, '0.01');
    expect(total).toBe('10');
    let float = 0;
    for (let i = 0; i < 1000; i++) float += 0.01;
    expect(float === 10).toBe(false); // the trap
  });

  it('compares very large amounts exactly, one cent apart', () => {
    const limit = canonicalDecimal('99,999,999,999,999.99')!;
    const above = canonicalDecimal('100,000,000,000,000.00')!;
    const cent = canonicalDecimal('99,999,999,999,999.98')!;
    expect(compareDecimal(limit, above)).toBe(-1);
    expect(compareDecimal(limit, cent)).toBe(1);
    expect(compareDecimal(limit, '99999999999999.99')).toBe(0);
    expect(addDecimal(cent, '0.01')).toBe(limit);
  });

  it('compares beyond 2^53 and around 1e21 exactly, where Number cannot', () => {
    expect(Number('9007199254740993') === Number('9007199254740992')).toBe(true); // the trap
    expect(compareDecimal('9007199254740993', '9007199254740992')).toBe(1);
    const big = canonicalDecimal('1,000,000,000,000,000,000,000')!; // 1e21
    const bigPlusCent = canonicalDecimal('1,000,000,000,000,000,000,000.01')!;
    expect(Number(big) === Number(bigPlusCent)).toBe(true); // the trap
    expect(compareDecimal(bigPlusCent, big)).toBe(1);
    expect(addDecimal(big, '0.01')).toBe(bigPlusCent);
    expect(String(Number(big))).toBe('1e+21'); // what a float would print
    expect(big).toBe('1000000000000000000000');
  });

  it('compares plain digits as big.js does, leading and trailing zeros included', () => {
    // Plain decimals are compared as text; every other spelling goes through big.js.
    let seed = 7;
    const next = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const pieces = ['0', '00', '1', '9', '10', '099', '100', '123456789012345678901234567890'];
    const fractions = ['', '.0', '.5', '.50', '.05', '.999', '.0001', '.1000'];
    const pick = (a: string[]) => a[Math.floor(next() * a.length)]!;
    for (let k = 0; k < 2000; k++) {
      const a = pick(pieces) + pick(fractions);
      const b = next() < 0.2 ? a : pick(pieces) + pick(fractions);
      expect(compareDecimal(a, b), `${a} vs ${b}`).toBe(new Big(a).cmp(new Big(b)));
    }
    expect(compareDecimal('-5', '3')).toBe(-1);
    expect(compareDecimal('1e3', '999')).toBe(1);
  });

  it('multiplies by exchange rates exactly', () => {
    expect(100 * 1.1 === 110).toBe(false); // the trap
    expect(multiplyDecimal('100', '1.1')).toBe('110');
    expect(multiplyDecimal('1000', '1.08')).toBe('1080');
    expect(multiplyDecimal('0.1', '3')).toBe('0.3');
    expect(multiplyDecimal('1000000000000000000000', '1.5')).toBe('1500000000000000000000');
    expect(multiplyDecimal('123.45', '0')).toBe('0');
  });
});

describe('formatDecimal', () => {
  it.each([
    ['0', '0'],
    ['5', '5'],
    ['999', '999'],
    ['1000', '1,000'],
    ['1000000', '1,000,000'],
    ['1250000.5', '1,250,000.50'],
    ['1250000.05', '1,250,000.05'],
    ['0.3', '0.30'],
    ['0.125', '0.125'],
    ['1234.5678', '1,234.5678'],
    ['99999999999999.99', '99,999,999,999,999.99'],
    ['1000000000000000000000', '1,000,000,000,000,000,000,000'],
  ])('%s → %s', (value, formatted) => {
    expect(formatDecimal(value)).toBe(formatted);
  });

  it('formats money with its currency', () => {
    expect(formatMoney({ amount: '1000000', currency: 'USD' })).toBe('USD 1,000,000');
    expect(formatMoney({ amount: canonicalDecimal('1,000,000.01')!, currency: 'EUR' })).toBe('EUR 1,000,000.01');
  });

  it('round-trips through canonicalDecimal', () => {
    for (const v of ['0', '0.5', '12.5', '1000', '1250000.5', '99999999999999.99', '1000000000000000000000.01']) {
      expect(canonicalDecimal(formatDecimal(v))).toBe(v);
    }
  });
});

describe('money', () => {
  it('compares amounts of the same currency exactly, and not across currencies', () => {
    expect(compareMoney({ amount: '0.3', currency: 'USD' }, { amount: addDecimal('0.1', '0.2'), currency: 'USD' })).toBe(0);
    expect(compareMoney({ amount: '1000000', currency: 'USD' }, { amount: canonicalDecimal('1,000,000.00')!, currency: 'USD' })).toBe(0);
    expect(compareMoney({ amount: '1000000.01', currency: 'USD' }, { amount: '1000000', currency: 'USD' })).toBe(1);
    expect(compareMoney({ amount: '1', currency: 'USD' }, { amount: '1', currency: 'EUR' })).toBeUndefined();
  });

  it('recognises money values', () => {
    expect(isMoney({ amount: '5', currency: 'USD' })).toBe(true);
    expect(isMoney({ amount: '5', currency: 'USS' })).toBe(false);
    expect(isMoney({ amount: 5, currency: 'USD' })).toBe(false);
    expect(isMoney(null)).toBe(false);
    expect(isMoney('USD 5')).toBe(false);
  });
});

describe('the money() reader', () => {
  function readMoney(source: string) {
    const statement = parse('u', source).statements[0]!;
    return readMoneyOf(statement);
  }
  function readMoneyOf(statement: Statement) {
    const problems: Problem[] = [];
    const refs: RefSite[] = [];
    const r = new Reader(statement, problems, refs);
    const money = r.money();
    r.finish();
    const brief = problems.map((p) => `${p.range.start.character}-${p.range.end.character} ${p.message}`);
    return { money, problems: brief };
  }

  it('reads `USD 5` and `5 USD` alike, with the range and source text', () => {
    const a = readMoney('limit USD 5');
    expect(a.problems).toEqual([]);
    expect(a.money).toEqual({
      amount: '5',
      currency: 'USD',
      raw: 'USD 5',
      range: { start: { line: 0, character: 6, offset: 6 }, end: { line: 0, character: 11, offset: 11 } },
    });
    const b = readMoney('limit 5 USD');
    expect(b.problems).toEqual([]);
    expect(b.money).toMatchObject({ amount: '5', currency: 'USD', raw: '5 USD' });
  });

  it('canonicalises the amount as written', () => {
    expect(readMoney('limit USD 1,000,000.00').money).toMatchObject({ amount: '1000000', raw: 'USD 1,000,000.00' });
    expect(readMoney('limit EUR 1_250_000.50').money).toMatchObject({ amount: '1250000.5', currency: 'EUR' });
    expect(readMoney('limit 0.30 CHF').money).toMatchObject({ amount: '0.3', currency: 'CHF' });
    expect(readMoney('limit USD 99,999,999,999,999.99').money).toMatchObject({ amount: '99999999999999.99' });
  });

  it('rejects a currency that does not exist', () => {
    expect(readMoney('limit USS 5')).toEqual({ money: undefined, problems: ["6-9 'USS' is not an ISO 4217 currency code (such as USD, EUR, CHF)"] });
    expect(readMoney('limit 5 XYZ')).toEqual({ money: undefined, problems: ["8-11 'XYZ' is not an ISO 4217 currency code (such as USD, EUR, CHF)"] });
    expect(readMoney('limit usd 5').problems).toEqual(["6-9 'usd' is not an ISO 4217 currency code (such as USD, EUR, CHF)"]);
  });

  it('rejects an amount without a currency', () => {
    expect(readMoney('limit 5')).toEqual({ money: undefined, problems: ["6-7 The amount '5' needs a currency, e.g. USD 5"] });
    expect(readMoney('limit 1,000,000')).toEqual({ money: undefined, problems: ["6-15 The amount '1,000,000' needs a currency, e.g. USD 1,000,000"] });
  });

  it('rejects a currency without an amount, and nothing at all', () => {
    expect(readMoney('limit USD')).toEqual({ money: undefined, problems: ["6-9 Expected an amount such as USD 500,000 in 'limit', but found 'USD'"] });
    expect(readMoney('limit')).toEqual({ money: undefined, problems: ["0-5 Expected an amount such as USD 500,000 after 'limit'"] });
    expect(readMoney('limit "USD 5"')).toEqual({ money: undefined, problems: ["6-13 Expected an amount such as USD 500,000 in 'limit', but found '\"USD 5\"'"] });
  });

  it('rejects a malformed number', () => {
    // The lexer never produces a malformed number token, so build the statement by hand.
    const statement = parse('u', 'limit USD 1').statements[0]!;
    const num = statement.values[1]!;
    const bad = { ...statement, values: [statement.values[0]!, { ...num, text: '1,2,3', raw: '1,2,3' }] } as Statement;
    expect(readMoneyOf(bad)).toEqual({ money: undefined, problems: ["10-11 '1,2,3' is not an amount"] });
    // As written in a file, `1,2,3` is a comma list, and the reader says where it went wrong.
    expect(readMoney('limit USD 1,2,3').money).toBeUndefined();
    expect(readMoney('limit USD 1,2,3').problems.length).toBeGreaterThan(0);
  });

  it('reports values after the amount', () => {
    expect(readMoney('limit USD 5 6')).toEqual({
      money: { amount: '5', currency: 'USD', raw: 'USD 5', range: expect.anything() },
      problems: ["12-13 Unexpected '6' in 'limit'"],
    });
  });
});

describe('limits checked exactly', () => {
  const RULE = 'sub-delegation-exceeds-parent-limit';

  function instruments(parentLimit: string, childLimit: string, extra = ''): Record<string, string> {
    return {
      'base.doa': BASE,
      'd.doa': `${extra}
delegation D1 "Procurement, Test Mission" {
  to MSN-HOM
  area procurement
  authority procurement/award-contract limit ${parentLimit}
  valid from 2024-01-01 to 2026-12-31
  may-sub-delegate
  report "Use of procurement authority" to UNHQ every quarter
}
sub-delegation S1 "Chief Procurement Officer" {
  under D1
  to MSN-CPO
  authority procurement/award-contract limit ${childLimit}
  valid from 2024-01-01 to 2026-12-31
  report "Awards" to MSN-HOM every month
}
`,
    };
  }
  // The line and column of S1's limit in the file above (1-based, as `findingsOf` reports them).
  const at = (childLimit: string, extra = '') => {
    const text = instruments('USD 1', childLimit, extra)['d.doa']!;
    const offset = text.indexOf(`limit ${childLimit}`, text.indexOf('sub-delegation')) + 'limit '.length;
    const before = text.slice(0, offset);
    return `d.doa:${before.split('\n').length}:${offset - before.lastIndexOf('\n')}`;
  };

  it('a limit equal to the parent’s, written differently, passes', async () => {
    expect(await findingsOf(RULE, instruments('USD 1000000', 'USD 1,000,000.00'))).toEqual([]);
    expect(await findingsOf(RULE, instruments('USD 1,000,000.00', 'USD 1000000'))).toEqual([]);
    expect(await findingsOf(RULE, instruments('USD 1_000_000', '1,000,000 USD'))).toEqual([]);
  });

  it('one cent above the parent’s limit fails', async () => {
    expect(await findingsOf(RULE, instruments('USD 1000000', 'USD 1,000,000.01'))).toEqual([
      `${at('USD 1,000,000.01')} S1 grants procurement/award-contract (USD 1,000,000.01), above the USD 1,000,000 that its parent D1 holds`,
    ]);
  });

  it('a lower limit passes', async () => {
    expect(await findingsOf(RULE, instruments('USD 1,000,000', 'USD 999,999.99'))).toEqual([]);
  });

  it('0.30 equals 0.3 and 0.31 exceeds it', async () => {
    expect(await findingsOf(RULE, instruments('USD 0.3', 'USD 0.30'))).toEqual([]);
    expect(await findingsOf(RULE, instruments('USD 0.3', 'USD 0.31'))).toHaveLength(1);
  });

  it('very large limits compare exactly, one cent apart', async () => {
    expect(await findingsOf(RULE, instruments('USD 99,999,999,999,999.99', 'USD 99999999999999.99'))).toEqual([]);
    expect(await findingsOf(RULE, instruments('USD 99,999,999,999,999.98', 'USD 99,999,999,999,999.99'))).toEqual([
      `${at('USD 99,999,999,999,999.99')} S1 grants procurement/award-contract (USD 99,999,999,999,999.99), above the USD 99,999,999,999,999.98 that its parent D1 holds`,
    ]);
    // Beyond 2^53 and 1e21, where floating point would call these equal.
    expect(await findingsOf(RULE, instruments('USD 9007199254740992', 'USD 9007199254740993'))).toHaveLength(1);
    expect(await findingsOf(RULE, instruments('USD 1,000,000,000,000,000,000,000', 'USD 1,000,000,000,000,000,000,000.01'))).toHaveLength(1);
    expect(await findingsOf(RULE, instruments('USD 1,000,000,000,000,000,000,000', 'USD 1000000000000000000000.00'))).toEqual([]);
  });

  it('converts with exchange rates exactly (EUR 100 at 1.1 is exactly USD 110, not 110.00000000000001)', async () => {
    const rates = 'rates "ORE" { rate EUR USD 1.1 from 2024-01-01 }\n';
    expect(await findingsOf(RULE, instruments('USD 110', 'EUR 100', rates))).toEqual([]);
    expect(await findingsOf(RULE, instruments('USD 3.3', 'EUR 3', rates))).toEqual([]);
    expect(await findingsOf(RULE, instruments('USD 110', 'EUR 100.01', rates))).toHaveLength(1);
  });
});
