// Duplicate instruments: the same authority granted twice to the same delegate under the same
// parent, for overlapping periods. Independent of the check date.
import type { InstrumentDecl } from '../ast/ast.ts';
import type { WorkspaceModel } from '../model/model.ts';
import { addDays } from '../values/dates.ts';
import { grantIndex } from './common.ts';

/**
 * For each duplicate, the earlier instrument it duplicates: among the instruments before it with the
 * same parent and delegate, the first that grants the same authority (its grants taken in order)
 * and overlaps it in time.
 */
export function findDuplicates(model: WorkspaceModel): Map<InstrumentDecl, InstrumentDecl> {
  // Instruments by parent, then by delegate, in workspace order: no key strings to build and hash.
  const byParent = new Map<string, Map<string, InstrumentDecl[]>>();
  const out = new Map<InstrumentDecl, InstrumentDecl>();
  const instruments = model.instruments;
  for (let n = 0; n < instruments.length; n++) {
    const i = instruments[n]!;
    if (!i.delegate) continue;
    const parentKey = i.kind === 'sub-delegation' ? (i.parent?.name ?? '?') : '<root>';
    let byDelegate = byParent.get(parentKey);
    if (!byDelegate) byParent.set(parentKey, (byDelegate = new Map()));
    const earlier = byDelegate.get(i.delegate.name);
    if (!earlier) {
      byDelegate.set(i.delegate.name, [i]);
      continue;
    }
    const dup = firstDuplicated(i, earlier);
    if (dup) out.set(i, dup);
    earlier.push(i);
  }
  return out;
}

function firstDuplicated(i: InstrumentDecl, earlier: readonly InstrumentDecl[]): InstrumentDecl | undefined {
  for (let k = 0; k < i.grants.length; k++) {
    const authority = i.grants[k]!.authority.name;
    for (let n = 0; n < earlier.length; n++) {
      const e = earlier[n]!;
      if (e !== i && grantIndex(e, authority) >= 0 && windowsOverlap(e, i)) return e;
    }
  }
  return undefined;
}

function windowsOverlap(a: InstrumentDecl, b: InstrumentDecl): boolean {
  const aFrom = a.validFrom?.value ?? '0000-00-00';
  const bFrom = b.validFrom?.value ?? '0000-00-00';
  return aFrom <= lastDayInForce(b) && bFrom <= lastDayInForce(a);
}

/** The last day an instrument is in force: its `valid … to` date, or the day before its revocation if earlier. */
function lastDayInForce(i: InstrumentDecl): string {
  const to = i.validTo?.value ?? '9999-12-31';
  // A revocation takes effect on its date: the instrument is no longer in force that day.
  const revoked = i.revocation ? addDays(i.revocation.date.value, -1) : '9999-12-31';
  return to < revoked ? to : revoked;
}
