import { describe, expect, it } from 'vitest';
import { BASE, checkFiles, findingsOf } from '../../../language/src/testing/index.ts';

const ID = 'duplicate-name';

describe(ID, () => {
  it('reports a name declared again in another file, at the later name, relating the first', async () => {
    const files = { 'base.doa': BASE, 'x.doa': 'post MSN-CPO "Chief Procurement Officer" { entity MSN; grade P-5; functions procurement }\n' };
    expect(await findingsOf(ID, files)).toEqual(["x.doa:1:6 'MSN-CPO' is already declared as a post; names are shared by every file of the workspace"]);
    const f = (await checkFiles(files)).find((x) => x.ruleId === ID)!;
    expect(f.messageId).toBe('duplicate');
    expect(f.severity).toBe('error');
    expect(f.related).toEqual([expect.objectContaining({ uri: 'memory:///base.doa', message: 'MSN-CPO is first declared here' })]);
    expect(f.related[0]!.range.start).toMatchObject({ line: 7, character: 5 });
  });

  it('reports names shared by declarations of different kinds', async () => {
    const files = { 'base.doa': BASE, 'x.doa': 'person MSN "Mwajuma Njeri" { holds MSN-PO from 2024-01-01 }\nvendor fa "Fa Trading SARL"\n' };
    expect(await findingsOf(ID, files)).toEqual([
      "x.doa:1:8 'MSN' is already declared as an entity; names are shared by every file of the workspace",
      "x.doa:2:8 'fa' is already declared as a person; names are shared by every file of the workspace",
    ]);
  });

  it('reports every later declaration against the first, within one file too', async () => {
    const files = {
      'base.doa': BASE,
      'x.doa': `training ethics "Ethics in Procurement" { kind course }
training ethics "Ethics and Integrity" { kind course }
duty ethics "Ethics focal point"
`,
    };
    const findings = (await checkFiles(files)).filter((f) => f.ruleId === ID);
    expect(findings.map((f) => `${f.range.start.line + 1} ${f.message}`)).toEqual([
      "2 'ethics' is already declared as a training; names are shared by every file of the workspace",
      "3 'ethics' is already declared as a training; names are shared by every file of the workspace",
    ]);
    expect(findings.map((f) => f.related[0]!.range.start.line)).toEqual([0, 0]);
  });

  it('names authorities by area: the same authority in two areas is fine, twice in one area is not', async () => {
    const twoAreas = { 'base.doa': BASE, 'x.doa': 'area property "Property management" { authority approve "Approve a write-off" }\n' };
    expect(await findingsOf(ID, twoAreas)).toEqual([]);
    const twice = {
      'base.doa': BASE,
      'x.doa': `area property "Property management" {
  authority write-off "Write off property"
  authority write-off "Write off property (field)"
}
`,
    };
    expect(await findingsOf(ID, twice)).toEqual(["x.doa:3:13 'property/write-off' is already declared as an authority; names are shared by every file of the workspace"]);
  });

  it('reports an instrument recorded twice under one name', async () => {
    const instrument = (title: string) => `delegation DA-MSN-PROC "${title}" {
  to MSN-HOM
  authority procurement/award-contract limit USD 1,000,000
  valid from 2024-01-01 to 2026-12-31
  report "Use of procurement authority" to UNHQ every quarter
}
`;
    const files = { 'base.doa': BASE, 'a.doa': instrument('Procurement authority'), 'b.doa': instrument('Procurement authority (amended)') };
    expect(await findingsOf(ID, files)).toEqual(["b.doa:1:12 'DA-MSN-PROC' is already declared as a delegation; names are shared by every file of the workspace"]);
  });

  it('says nothing of distinct names, even close ones', async () => {
    expect(await findingsOf(ID, { 'base.doa': BASE, 'x.doa': 'post MSN-CPO2 "Deputy Chief Procurement Officer" { entity MSN; grade P-4; functions procurement }\n' })).toEqual([]);
  });
});
