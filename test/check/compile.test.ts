// The generated predicates read facts exactly as json-rules-engine's almanac does (`factValue`) and
// give the closures' answers, on the shapes rules meet: missing facts, paths through null, through
// strings and arrays, names that are not identifiers, and values compared by identity.
import { describe, expect, it } from 'vitest';
import { compileClosures, compileCondition } from '../../language/src/check/compile.ts';
import { factValue } from '../../language/src/check/path.ts';
import { OPERATORS } from '../../language/src/check/operators.ts';
import type { Condition } from '../../language/src/check/types.ts';

const FACTS: Array<Record<string, unknown>> = [
  {},
  { grant: null },
  { grant: 'text' },
  { grant: 7 },
  { grant: { limit: null } },
  { grant: { limit: { amount: '10', currency: 'USD' }, list: ['a', 'b'], 'odd "name"\n': 1 } },
  { grant: { limit: { amount: '9.99', currency: 'USD' }, list: [], 'odd "name"\n': 2 }, other: { limit: { amount: '9.990', currency: 'USD' } } },
  { grant: { limit: 'USD 5', list: 'a' } },
];

const PATHS = [undefined, '', '$', '$.limit', '$.limit.amount', '$.list[0]', '$.list.length', '$.limit.amount.length', '$.missing.deeper.still'];

describe('generated predicates', () => {
  it('read every path as factValue does', () => {
    for (const path of PATHS) {
      for (const facts of FACTS) {
        let seen: unknown = 'unset';
        const spy = (a: unknown) => ((seen = a), true);
        OPERATORS['__spy'] = spy;
        try {
          const p = compileCondition({ fact: 'grant', path, operator: '__spy', value: null } as Condition);
          expect(p(facts)).toBe(true);
        } finally {
          delete OPERATORS['__spy'];
        }
        expect(seen, `${path} on ${JSON.stringify(facts)}`).toEqual(factValue(facts, 'grant', path));
      }
    }
  });

  it('give the closures’ answers on nested all, any and not, fact references included', () => {
    const conditions: Condition[] = [
      { all: [] },
      { any: [] },
      { all: [{ fact: 'grant', path: '$.limit', operator: 'moneyGreaterThan', value: { fact: 'other', path: '$.limit' } }] },
      { any: [{ fact: 'grant', path: '$.list', operator: 'contains', value: 'a' }, { not: { fact: 'grant', path: '$.limit', operator: 'isPresent', value: true } }] },
      {
        all: [
          { fact: 'grant', operator: 'isPresent', value: true },
          { any: [{ fact: 'grant', path: '$.list[0]', operator: 'in', value: ['b', 'a'] }, { fact: 'grant', path: '$.limit.amount', operator: 'equal', value: '10' }] },
          { not: { not: { fact: 'grant', path: '$.list.length', operator: 'lessThan', value: 2 } } },
          { fact: 'grant', path: '$["odd"]', operator: 'equal', value: undefined },
        ],
      },
    ] as Condition[];
    let fired = 0;
    for (const c of conditions) {
      const generated = compileCondition(c);
      const closures = compileClosures(c);
      for (const facts of FACTS) {
        const answer = generated(facts);
        expect(answer, `${JSON.stringify(c)} on ${JSON.stringify(facts)}`).toBe(closures(facts));
        if (answer) fired++;
      }
    }
    expect(fired).toBeGreaterThan(5);
  });

  it('pass literal values by identity, never as source text', () => {
    const list = ['x'];
    let received: unknown;
    OPERATORS['__spy'] = (_a: unknown, b: unknown) => ((received = b), false);
    try {
      compileCondition({ fact: 'grant', operator: '__spy', value: list } as Condition)({});
      expect(received).toBe(list);
      const hostile = '"); throw new Error("evaluated"); ("';
      compileCondition({ fact: hostile, path: `$.${hostile}`, operator: '__spy', value: hostile } as Condition)({});
      expect(received).toBe(hostile);
    } finally {
      delete OPERATORS['__spy'];
    }
  });

  it('reject an unknown operator when compiled', () => {
    expect(() => compileCondition({ fact: 'grant', operator: 'nope', value: 1 } as Condition)).toThrow(/Unknown operator 'nope'/);
  });
});

describe('operators on their fast paths', () => {
  it('recognise dates exactly as /^\\d{4}-\\d{2}-\\d{2}$/ does', () => {
    const texts = ['2025-06-30', '2025-6-30', '2025-06-3a', '2025/06/30', '20250-06-30', '2025-06-30\n', '２０２５-06-30', '', 'x'];
    for (const t of texts) {
      const byRegex = /^\d{4}-\d{2}-\d{2}$/.test(t);
      expect(OPERATORS['dateOnOrBefore']!(t, t), t).toBe(byRegex);
    }
    expect(OPERATORS['dateBefore']!(20250630, '2025-07-01')).toBe(false);
  });

  it('treat values as numeric exactly as parseFloat(String(v)) does', () => {
    const isNumeric = (v: unknown) => Number.parseFloat(v as string).toString() !== 'NaN';
    for (const v of [0, -1, 1.5, 1e21, Infinity, -Infinity, NaN, '3', '3abc', 'abc', null, undefined, true, [], [2]]) {
      for (const bound of [-Infinity, -1, 0, 2, 1e22, Infinity]) {
        expect(OPERATORS['lessThanInclusive']!(v, bound), `${String(v)} <= ${bound}`).toBe(isNumeric(v) && (v as number) <= bound);
      }
    }
  });
});
