import { describe, expect, it } from 'vitest';
import { BASE, checkFiles, findingsOf } from '../../../language/src/testing/index.ts';

const ID = 'unknown-reference';

/** A delegation whose delegate (line 2), authority (line 3) and report recipient (line 5) vary. */
function delegation(to: string, authority = 'procurement/award-contract', reportTo = 'UNHQ', extra = ''): Record<string, string> {
  return {
    'base.doa': BASE,
    'x.doa': `delegation DA-MSN-PROC "Procurement authority, Test Mission" {
  to ${to}
  authority ${authority} limit USD 1,000,000
  valid from 2024-01-01 to 2026-12-31
  report "Use of procurement authority" to ${reportTo} every quarter${extra}
}
`,
  };
}

describe(ID, () => {
  it('reports an unknown name with a suggestion, at the name', async () => {
    expect(await findingsOf(ID, delegation('MSN-HMO'))).toEqual(["x.doa:2:6 Unknown post or person 'MSN-HMO'; did you mean 'MSN-HOM'?"]);
    const f = (await checkFiles(delegation('MSN-HMO'))).find((x) => x.ruleId === ID)!;
    expect(f.messageId).toBe('unknown');
    expect(f.severity).toBe('error');
    expect(f.range.end.character - f.range.start.character).toBe('MSN-HMO'.length);
  });

  it('suggests only names of the expected kind, and nothing when none is close', async () => {
    // MSM is one letter from the entity MSN, but a delegate is a post or a person.
    expect(await findingsOf(ID, delegation('MSM'))).toEqual(["x.doa:2:6 Unknown post or person 'MSM'"]);
    expect(await findingsOf(ID, delegation('CHIEF-OF-STAFF'))).toEqual(["x.doa:2:6 Unknown post or person 'CHIEF-OF-STAFF'"]);
    // Names are case-sensitive; the suggestion is not.
    expect(await findingsOf(ID, delegation('msn-hom'))).toEqual(["x.doa:2:6 Unknown post or person 'msn-hom'; did you mean 'MSN-HOM'?"]);
  });

  it('reports an unknown authority with its area', async () => {
    expect(await findingsOf(ID, delegation('MSN-HOM', 'procurement/award-contrat'))).toEqual([
      "x.doa:3:13 Unknown authority 'procurement/award-contrat'; did you mean 'procurement/award-contract'?",
    ]);
    expect(await findingsOf(ID, delegation('MSN-HOM', 'award-contract'))).toEqual(["x.doa:3:13 Unknown authority 'award-contract'"]);
  });

  it('reports a name of the wrong kind, with the statement that expects it', async () => {
    expect(await findingsOf(ID, delegation('MSN-HOM', undefined, 'hom'))).toEqual(["x.doa:5:44 'hom' is a person, but 'report' expects an entity or a post"]);
    expect(await findingsOf(ID, delegation('MSN'))).toEqual(["x.doa:2:6 'MSN' is an entity, but 'to' expects a post or a person"]);
    const f = (await checkFiles(delegation('MSN'))).find((x) => x.ruleId === ID)!;
    expect(f.messageId).toBe('wrongKind');
    const sub = {
      'base.doa': BASE,
      'x.doa': `sub-delegation SD-MSN-CPO "Chief Procurement Officer" {
  under MSN-HOM
  to MSN-CPO
  authority procurement/award-contract limit USD 100,000
  valid from 2025-01-01 to 2025-12-31
  report "Awards made" to MSN-HOM every month
}
`,
    };
    expect(await findingsOf(ID, sub)).toEqual(["x.doa:2:9 'MSN-HOM' is a post, but 'under' expects a delegation or a sub-delegation"]);
  });

  it('checks every name of a list and of every declaration', async () => {
    expect(await findingsOf(ID, delegation('MSN-HOM', undefined, undefined, '\n  may-sub-delegate posts MSN-CPO, MSN-CP'))).toEqual([
      "x.doa:6:35 Unknown post 'MSN-CP'; did you mean 'MSN-CPO'?",
    ]);
    const people = {
      'base.doa': BASE,
      'x.doa': `duty certifying-officer "Certifying officer" { area finance }
person fa2 "Ana Sofía Cárdenas" {
  holds MSN-FAA from 2024-01-01
  duty certifying-oficer for entity MSN
  training proc-fundamentals completed 2024-03-01
}
`,
    };
    expect(await findingsOf(ID, people)).toEqual([
      "x.doa:3:9 Unknown post 'MSN-FAA'; did you mean 'MSN-FA'?",
      "x.doa:4:8 Unknown duty 'certifying-oficer'; did you mean 'certifying-officer'?",
    ]);
  });

  it('resolves names declared in any file of the workspace', async () => {
    const files = delegation('MSN-LOG');
    files['posts.doa'] = 'post MSN-LOG "Chief of Supply Chain" { entity MSN; grade P-5; functions procurement }\n';
    expect(await findingsOf(ID, files)).toEqual([]);
    expect(await findingsOf(ID, delegation('MSN-HOM'))).toEqual([]);
  });
});
