// The compiled predicates read facts exactly as json-rules-engine's almanac does (`factValue`), on
// the shapes rules meet: missing facts, paths through null, through strings and arrays, and pass
// values by identity; the operators' fast paths keep the engine's semantics.
import { describe, expect, it } from 'vitest';
import { compileCondition } from '../../language/src/check/compile.ts';
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

describe('compiled predicates', () => {
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

  it('test literals with equal, notEqual and isPresent as the operators do on every path', () => {
    // These leaves are compiled to one closure each (read and test fused): they must answer as the
    // operator applied to `factValue`.
    const values: unknown[] = [null, undefined, true, false, 'text', 7, 0, ''];
    for (const operator of ['equal', 'notEqual', 'isPresent']) {
      for (const path of PATHS) {
        for (const value of values) {
          const p = compileCondition({ fact: 'grant', path, operator, value } as Condition);
          for (const facts of FACTS) {
            const expected = OPERATORS[operator]!(factValue(facts, 'grant', path), value);
            expect(p(facts), `${operator} ${String(value)} at ${path} on ${JSON.stringify(facts)}`).toBe(expected);
          }
        }
      }
    }
  });

  it('pass literal values by identity', () => {
    const list = ['x'];
    let received: unknown;
    OPERATORS['__spy'] = (_a: unknown, b: unknown) => ((received = b), false);
    try {
      compileCondition({ fact: 'grant', operator: '__spy', value: list } as Condition)({});
      expect(received).toBe(list);
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
