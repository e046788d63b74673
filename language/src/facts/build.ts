// Builds the subjects of every fact family the active rules need, for one check date.
import type { FactFamily, Subject } from '../check/types.ts';
import type { WorkspaceModel } from '../model/model.ts';
import { instrumentSubjects } from './instrument-facts.ts';
import { declarationSubjects, dutySubjects, entityAuthoritySubjects, personSubjects, referenceSubjects } from './workspace-facts.ts';

export function buildSubjects(model: WorkspaceModel, asOf: string, families: ReadonlySet<FactFamily>): Map<FactFamily, Subject[]> {
  const out = new Map<FactFamily, Subject[]>();
  if (families.has('instrument') || families.has('grant') || families.has('holding')) {
    const { instruments, grants, holdings } = instrumentSubjects(model, asOf);
    out.set('instrument', instruments);
    out.set('grant', grants);
    out.set('holding', holdings);
  }
  if (families.has('duties')) out.set('duties', dutySubjects(model, asOf));
  if (families.has('entityAuthority')) out.set('entityAuthority', entityAuthoritySubjects(model, asOf));
  if (families.has('person')) out.set('person', personSubjects(model, asOf));
  if (families.has('reference')) out.set('reference', referenceSubjects(model));
  if (families.has('declaration')) out.set('declaration', declarationSubjects(model));
  return out;
}
