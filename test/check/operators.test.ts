// The set operators, written as loops, answer as their definitions with `some` and `every` do.
import { describe, expect, it } from 'vitest';
import { OPERATORS } from '../../language/src/check/operators.ts';

const isList = Array.isArray;
const DEFINITIONS: Record<string, (a: any, b: any) => boolean> = {
  intersects: (a, b) => isList(a) && isList(b) && a.some((x: unknown) => b.includes(x)),
  disjointFrom: (a, b) => isList(a) && isList(b) && !a.some((x: unknown) => b.includes(x)),
  subsetOf: (a, b) => isList(a) && isList(b) && a.every((x: unknown) => b.includes(x)),
  notSubsetOf: (a, b) => isList(a) && isList(b) && !a.every((x: unknown) => b.includes(x)),
  containsAny: (a, b) => isList(a) && (isList(b) ? b.some((x: unknown) => a.includes(x)) : a.includes(b)),
};

describe('set operators', () => {
  const values: unknown[] = [null, undefined, 'a', 1, [], ['a'], ['b'], ['a', 'b'], ['b', 'c', 'a'], [null], [NaN], NaN, { a: 1 }];
  for (const [name, definition] of Object.entries(DEFINITIONS)) {
    it(`${name} answers as its definition`, () => {
      let holds = 0;
      for (const a of values) {
        for (const b of values) {
          const answer = OPERATORS[name]!(a, b);
          expect(answer, `${name}(${JSON.stringify(a)}, ${JSON.stringify(b)})`).toBe(definition(a, b));
          if (answer) holds++;
        }
      }
      expect(holds).toBeGreaterThan(0);
    });
  }
});
