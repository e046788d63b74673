// The split-purchase rules answered on a window's units (language/src/audit/window-units.ts) against
// the rules' own conditions run on the facts the auditor makes: wherever the units test gives an
// answer it is the condition's, on random windows with amounts of any scale, limits of other scales,
// and units too large to scale (where it must leave the answer open).
import { describe, expect, it } from 'vitest';
import { unitsOfDecimal, unitsTestOf, type WindowUnits } from '../../language/src/audit/window-units.ts';
import { auditPredicate } from '../../language/src/audit/step-judge.ts';
import { canonicalOfUnits } from '../../language/src/audit/fast-decimal.ts';
import type { Condition } from '../../language/src/check/types.ts';
import splitPurchase from '../../rules/audit/audit-split-purchase/audit-split-purchase.ts';

function prng(seed: number) {
  return () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

const leaf = (path: string, operator: string, value: unknown) => ({ fact: 'vendorWindow', path, operator, value }) as Condition;
const limit = { fact: 'vendorWindow', path: '$.limit' };

const known: Record<string, Condition> = {
  'the split-purchase rule': splitPurchase.rules![0]!.conditions as Condition,
  'every money operator': {
    all: [leaf('$.count', 'greaterThanInclusive', 2), leaf('$.total', 'moneyAtLeast', limit), leaf('$.largest', 'moneyLessThan', limit), leaf('$.total', 'moneyEqual', limit)],
  },
  'counts only': { all: [leaf('$.count', 'lessThan', 4), leaf('$.count', 'notEqual', 2)] },
  'the largest above the limit': { all: [leaf('$.largest', 'moneyGreaterThan', limit), leaf('$.count', 'equal', 3)] },
};

/** Integer units at a scale from the pool: small and large, some beyond what can be scaled safely. */
function units(rnd: () => number): { units: number; scale: number } {
  const scale = Math.floor(rnd() * 5);
  const pick = rnd();
  const n = pick < 0.1 ? Number.MAX_SAFE_INTEGER - Math.floor(rnd() * 3) : pick < 0.3 ? Math.floor(rnd() * 10 ** 15) : Math.floor(rnd() * 200_000 * 10 ** scale);
  return { units: n, scale };
}

describe('split-purchase rules on units', () => {
  for (const [name, conditions] of Object.entries(known)) {
    it(`answers as the condition on the facts: ${name}`, () => {
      const test = unitsTestOf(conditions)!;
      expect(test).toBeDefined();
      const predicate = auditPredicate(conditions);
      const rnd = prng(name.length * 31 + 7);
      const answers = { true: 0, false: 0, open: 0 };
      for (let i = 0; i < 5000; i++) {
        const total = units(rnd);
        // The largest at the total's scale, at most the total (as in a window).
        const largest = Math.floor(rnd() * total.units);
        // A limit near the total or the largest (at the same or a finer scale) puts both on its edge.
        const pick = rnd();
        const near = pick < 0.2 ? total.units : largest;
        const finer = rnd() < 0.5 ? 0 : 1;
        const lim = pick < 0.4 ? { units: (near + Math.floor(rnd() * 3) - 1) * 10 ** finer, scale: total.scale + finer } : units(rnd);
        if (lim.units < 0) continue;
        const w: WindowUnits = { count: 1 + Math.floor(rnd() * 5), total: total.units, largest, scale: total.scale, limit: lim.units, limitScale: lim.scale };
        const currency = 'USD';
        const facts = {
          vendorWindow: {
            count: w.count,
            total: { amount: canonicalOfUnits(w.total, w.scale), currency },
            largest: { amount: canonicalOfUnits(w.largest, w.scale), currency },
            limit: { amount: canonicalOfUnits(w.limit, w.limitScale), currency },
          },
        };
        const got = test(w);
        if (got === undefined) answers.open++;
        else {
          expect(got, JSON.stringify(facts)).toBe(predicate(facts));
          answers[got ? 'true' : 'false']++;
        }
      }
      // Both answers given, and some left open, or the comparison above could not fail.
      if (name !== 'counts only') expect(answers.open).toBeGreaterThan(0);
      expect(answers.true).toBeGreaterThan(0);
      expect(answers.false).toBeGreaterThan(0);
    });
  }

  it('gives no units test to a condition of another shape', () => {
    const others: Condition[] = [
      { any: [leaf('$.count', 'greaterThan', 1)] },
      { all: [{ not: leaf('$.count', 'greaterThan', 1) }] },
      { all: [] },
      { all: [leaf('$.vendor', 'equal', 'ACME')] },
      { all: [leaf('$.total', 'moneyGreaterThan', { fact: 'vendorWindow', path: '$.largest' })] },
      { all: [leaf('$.total', 'moneyGreaterThan', { amount: '5', currency: 'USD' })] },
      { all: [leaf('$.total', 'greaterThan', limit)] },
      { all: [leaf('$.count', 'greaterThan', '1')] },
      { all: [{ ...leaf('$.count', 'greaterThan', 1), params: { x: 1 } } as unknown as Condition] },
      { all: [{ fact: 'transaction', path: '$.count', operator: 'greaterThan', value: 1 } as Condition] },
    ];
    for (const c of others) expect(unitsTestOf(c), JSON.stringify(c)).toBeUndefined();
  });

  it('reads a limit as units only when it is a plain decimal', () => {
    expect(unitsOfDecimal('25000')).toEqual({ units: 25000, scale: 0 });
    expect(unitsOfDecimal('0.05')).toEqual({ units: 5, scale: 2 });
    expect(unitsOfDecimal('1.50')).toEqual({ units: 150, scale: 2 });
    for (const text of ['', '.', '-5', '1e3', '1,000', '1.2.3', '123456789012345678', '0.12345678901234567']) expect(unitsOfDecimal(text), text).toBeUndefined();
  });
});
