// Rates that disagree: two rates for one pair of currencies from one date, with different values.
// `rateInForce` takes the one listed later (the policy's files after the configuration's rates
// file, in file order), which is a choice the user did not make: the CLI says which applies.
import type { RateDecl } from '../ast/ast.ts';
import { compareDecimal } from '../values/decimal.ts';

export interface RateConflict {
  from: string;
  to: string;
  /** The date the rates apply from, '' for always. */
  since: string;
  /** The rate that applies: the one listed last. */
  applied: RateDecl;
  /** The earlier listed rates of other values, which never apply. */
  replaced: RateDecl[];
}

/** The pairs and dates with rates of different values, in the order their applied rate is listed. */
export function rateConflicts(rates: readonly RateDecl[]): RateConflict[] {
  const groups = new Map<string, RateDecl[]>();
  for (const r of rates) {
    const key = `${r.from} ${r.to} ${r.validFrom?.value ?? ''}`;
    const list = groups.get(key);
    if (list) list.push(r);
    else groups.set(key, [r]);
  }
  const out: RateConflict[] = [];
  for (const list of groups.values()) {
    const applied = list[list.length - 1]!;
    const replaced = list.slice(0, -1).filter((r) => !sameRate(r.rate, applied.rate));
    if (replaced.length) out.push({ from: applied.from, to: applied.to, since: applied.validFrom?.value ?? '', applied, replaced });
  }
  return out;
}

function sameRate(a: string, b: string): boolean {
  try {
    return compareDecimal(a, b) === 0;
  } catch {
    return a === b;
  }
}
