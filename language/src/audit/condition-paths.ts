// Which facts the conditions of rules read, so that the audit can leave out of a step's facts what
// only messages read until a rule fires: the compiled predicate then gives the same answer on the
// facts without those fields as on the whole facts, and findings are made from the whole facts.
import type { PreparedRule } from '../check/check.ts';
import { conditionLeaves } from '../check/compile.ts';
import type { Condition } from '../check/types.ts';

/** The `{ fact, path }` places a condition reads: its leaves' facts and the facts they compare with. */
function readPlaces(c: Condition): Array<{ fact: string; path: string | undefined }> {
  const out: Array<{ fact: string; path: string | undefined }> = [];
  for (const leaf of conditionLeaves(c)) {
    out.push({ fact: leaf.fact, path: leaf.path });
    const v = leaf.value as { fact?: unknown; path?: unknown } | null;
    if (v !== null && typeof v === 'object' && typeof v.fact === 'string') out.push({ fact: v.fact, path: typeof v.path === 'string' ? v.path : undefined });
  }
  return out;
}

/**
 * Whether any condition of the rules reads one of the paths of `fact` (or a path above one of them,
 * such as the whole fact).
 */
export function readsAny(rules: readonly PreparedRule[], fact: string, paths: readonly string[]): boolean {
  for (const r of rules) {
    for (const place of readPlaces(r.definition.conditions)) {
      if (place.fact !== fact) continue;
      const read = place.path ?? '$';
      if (paths.some((p) => p === read || p.startsWith(read + '.') || read.startsWith(p + '.') || read.startsWith(p + '['))) return true;
    }
  }
  return false;
}
