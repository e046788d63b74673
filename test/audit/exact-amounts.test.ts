// The audit's exact decimal arithmetic without big.js (language/src/audit/fast-decimal.ts) and its
// money operators (step-judge.ts) give the answers of values/decimal.ts and of the shared operator
// table, on random canonical decimals of every size and on texts that are not canonical.
import { describe, expect, it } from 'vitest';
import { compareCanonical, divideCanonical, isCanonicalDecimal, multiplyCanonical } from '../../language/src/audit/fast-decimal.ts';
import { AUDIT_OPERATORS } from '../../language/src/audit/step-judge.ts';
import { OPERATORS } from '../../language/src/check/operators.ts';
import { compareDecimal, divideDecimal, multiplyDecimal } from '../../language/src/values/decimal.ts';
import { rng } from '../syntax/helpers.ts';

/** A random canonical decimal: up to 20 integer digits and 12 fraction digits, often short. */
function decimal(next: () => number): string {
  const digits = (n: number) => Array.from({ length: n }, () => Math.floor(next() * 10)).join('');
  const whole = next() < 0.1 ? '0' : String(1 + Math.floor(next() * 9)) + digits(Math.floor(next() * (next() < 0.8 ? 8 : 20)));
  const fraction = next() < 0.5 ? '' : digits(Math.floor(next() * (next() < 0.8 ? 4 : 12))).replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : whole;
}

const ODD = ['0.50', '007', '1e3', '1.', '.5', '-2', '12.340'];

describe('exact amounts without big.js', () => {
  it('tell canonical decimals as the regular expression of the canonical form does', () => {
    const canonical = /^(?:0|[1-9]\d*)(?:\.\d*[1-9])?$/;
    const next = rng(20261201);
    // Short texts over the characters that matter: every place a digit, a point or another may go.
    const alphabet = '0123456789.0019-e ,';
    const texts = [...ODD, '', '0', '0.0', '0.01', '10', '10.', '.', '00.5', '5.50', '٣', '1\n'];
    for (let i = 0; i < 20000; i++) texts.push(Array.from({ length: Math.floor(next() * 7) }, () => alphabet[Math.floor(next() * alphabet.length)]!).join(''));
    for (let i = 0; i < 2000; i++) texts.push(decimal(next));
    for (const t of texts) expect(isCanonicalDecimal(t), JSON.stringify(t)).toBe(canonical.test(t));
  });

  it('multiply, divide and compare as values/decimal.ts does', () => {
    const next = rng(20261130);
    for (let i = 0; i < 5000; i++) {
      const a = decimal(next);
      const b = decimal(next);
      expect(multiplyCanonical(a, b), `${a} × ${b}`).toBe(multiplyDecimal(a, b));
      if (b !== '0') expect(divideCanonical(a, b), `${a} ÷ ${b}`).toBe(divideDecimal(a, b));
      expect(compareCanonical(a, b), `${a} ? ${b}`).toBe(compareDecimal(a, b));
    }
  });

  it('round a quotient half to even at ten places, as divideDecimal does', () => {
    for (const [a, b] of [['1', '3'], ['2', '3'], ['1', '8'], ['5', '2'], ['0.00000000005', '1'], ['0.00000000015', '1'], ['0.00000000025', '1'], ['8548', '1.0834'], ['10', '0.00775']])
      expect(divideCanonical(a!, b!), `${a} ÷ ${b}`).toBe(divideDecimal(a!, b!));
  });

  it('leave texts that are not canonical to values/decimal.ts', () => {
    for (const a of ODD) for (const b of ['3', '1.5', ...ODD.filter((x) => x !== '-2')]) {
      expect(multiplyCanonical(a, b)).toBe(multiplyDecimal(a, b));
      expect(divideCanonical(a, b)).toBe(divideDecimal(a, b));
      expect(compareCanonical(a, b)).toBe(compareDecimal(a, b));
    }
  });

  it('money operators of the audit answer as the shared ones', () => {
    const next = rng(7);
    const values: unknown[] = [null, undefined, 5, 'USD 5', { amount: '5' }, { amount: '5', currency: 'XYZ' }, { amount: '0.50', currency: 'USD' }];
    for (let i = 0; i < 300; i++) values.push({ amount: decimal(next), currency: next() < 0.8 ? 'USD' : 'EUR' });
    for (const op of ['moneyGreaterThan', 'moneyAtLeast', 'moneyLessThan', 'moneyAtMost', 'moneyEqual'])
      for (let i = 0; i < values.length; i++) for (let j = 0; j < values.length; j += 7) expect(AUDIT_OPERATORS[op]!(values[i], values[j]), op).toBe(OPERATORS[op]!(values[i], values[j]));
  });
});
