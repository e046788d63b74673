// Builds the subjects of every fact family the active rules need, for one check date.
import type { Condition, FactFamily, Subject } from '../check/types.ts';
import type { WorkspaceModel } from '../model/model.ts';
import { conditionLeaves } from '../check/compile.ts';
import { INSTRUMENT_DETAILS, instrumentSubjects } from './instrument-facts.ts';
import { GRANT_DETAILS } from './grant-facts.ts';
import { HOLDING_DETAILS } from './holding-facts.ts';
import { declarationSubjects, dutySubjects, entityAuthoritySubjects, personSubjects, referenceSubjects } from './workspace-facts.ts';

/**
 * Facts that only messages and fixes read, by family: a subject gets them from `complete()`, which
 * runs before a finding is made of it. A family whose rules test one of them in a condition is built
 * complete (`familiesReadingDetails`), so a rule always sees every fact it reads.
 */
export const DETAIL_FACTS: Partial<Record<FactFamily, readonly string[]>> = {
  instrument: INSTRUMENT_DETAILS,
  grant: GRANT_DETAILS,
  holding: HOLDING_DETAILS,
};

export interface BuildOptions {
  /** Families whose subjects are completed as they are built (see `DETAIL_FACTS`). */
  complete?: ReadonlySet<FactFamily>;
}

/**
 * Where built subjects go. A builder asks `wants` with a subject's facts first and makes the
 * subject (its object, the scope its places are found from) only if the answer is yes: the checker
 * answers by testing its rules, and fires on few of the tens of thousands of subjects of a check.
 */
export interface SubjectSink {
  /** Whether the subject of `family` with these facts is to be made and visited. */
  wants(family: FactFamily, facts: Record<string, unknown>): boolean;
  /** Takes a subject made after `wants` said yes to its facts (the call just before). */
  visit(subject: Subject): void;
}

/**
 * Builds the subjects of the given families one at a time and hands each to `visit` (every
 * subject) or to a sink (those it wants), in a fixed order within each family. A caller that keeps
 * only some subjects (the checker keeps those a rule fires on) lets the others go at once.
 */
export function visitSubjects(
  model: WorkspaceModel,
  asOf: string,
  families: ReadonlySet<FactFamily>,
  visitOrSink: ((subject: Subject) => void) | SubjectSink,
  options: BuildOptions = {},
): void {
  const inner: SubjectSink = typeof visitOrSink === 'function' ? { wants: () => true, visit: visitOrSink } : visitOrSink;
  const complete = options.complete;
  // A family built complete is made before it is judged: its rules may read the details.
  const sink: SubjectSink = complete?.size
    ? {
        wants: (family, facts) => complete.has(family) || inner.wants(family, facts),
        visit: (s) => {
          if (complete.has(s.family)) {
            s.complete?.();
            if (!inner.wants(s.family, s.facts)) return;
          }
          inner.visit(s);
        },
      }
    : inner;
  const instrument = families.has('instrument');
  const grant = families.has('grant');
  const holding = families.has('holding');
  if (instrument || grant || holding) instrumentSubjects(model, asOf, { instrument, grant, holding }, sink);
  if (families.has('duties')) offer(dutySubjects(model, asOf), sink);
  if (families.has('entityAuthority')) offer(entityAuthoritySubjects(model, asOf), sink);
  if (families.has('person')) personSubjects(model, asOf, sink);
  if (families.has('reference')) offer(referenceSubjects(model), sink);
  if (families.has('declaration')) offer(declarationSubjects(model), sink);
}

/** Hands subjects already made (families with few subjects) to a sink, as a builder would. */
function offer(subjects: readonly Subject[], sink: SubjectSink): void {
  for (let k = 0; k < subjects.length; k++) {
    const s = subjects[k]!;
    if (sink.wants(s.family, s.facts)) sink.visit(s);
  }
}

/** The subjects of the given families, by family. */
export function buildSubjects(model: WorkspaceModel, asOf: string, families: ReadonlySet<FactFamily>, options: BuildOptions = {}): Map<FactFamily, Subject[]> {
  const out = new Map<FactFamily, Subject[]>();
  for (const family of families) out.set(family, []);
  visitSubjects(model, asOf, families, (s) => out.get(s.family)!.push(s), options);
  return out;
}

/** The families in which some rule's condition reads a detail fact: they must be built complete. */
export function familiesReadingDetails(rules: ReadonlyArray<{ family: FactFamily; conditions: Condition }>): Set<FactFamily> {
  const out = new Set<FactFamily>();
  for (const rule of rules) {
    for (const leaf of conditionLeaves(rule.conditions)) {
      // `isPresent` looks at the value, not inside it: testing `$.parent` does not read `$.parent.limitText`.
      if (readsDetail(leaf.fact, leaf.path, leaf.operator !== 'isPresent')) out.add(leaf.fact as FactFamily);
      const v = leaf.value;
      if (v !== null && typeof v === 'object' && 'fact' in v) {
        const ref = v as { fact: string; path?: string };
        if (readsDetail(ref.fact, ref.path, true)) out.add(ref.fact as FactFamily);
      }
    }
  }
  return out;
}

function readsDetail(fact: string, path: string | undefined, readsInside: boolean): boolean {
  const details = DETAIL_FACTS[fact as FactFamily];
  if (!details) return false;
  const p = path || '$';
  return details.some((d) => {
    if (d === p || p.startsWith(`${d}.`) || p.startsWith(`${d}[`)) return true;
    // An object that holds the detail is read by every operator but `isPresent`.
    return readsInside && (p === '$' || d.startsWith(`${p}.`) || d.startsWith(`${p}[`));
  });
}
