import { describe, expect, it } from 'vitest';
import { BASE, checkFiles, findingsOf } from '../../../language/src/testing/index.ts';

const ID = 'root-post';

describe(ID, () => {
  it('reports a second post marked root, at its name, with the first as related location', async () => {
    const files = { 'base.doa': BASE, 'x.doa': 'post SG2 "Another Secretary-General" { entity UNHQ; grade SG; root }\n' };
    expect(await findingsOf(ID, files)).toEqual([
      "x.doa:1:6 'SG2' is marked root, but SG already is: authority has one root, the Secretary-General's post",
    ]);
    const [f] = (await checkFiles(files)).filter((x) => x.ruleId === ID);
    expect(f!.related.map((r) => `${r.uri.replace('memory:///', '')}:${r.range.start.line + 1} ${r.message}`)).toEqual(['base.doa:2 SG is marked root here']);
  });

  it('reports each delegation when no post is marked root, and nothing when one is', async () => {
    const noRoot = BASE.replace('grade SG; root }', 'grade SG }');
    const delegation = `delegation D "Procurement" {
  to MSN-HOM
  authority procurement/award-contract limit USD 1,000
  valid from 2024-01-01 to 2026-12-31
  report "Use" to UNHQ every quarter
}
`;
    expect(await findingsOf(ID, { 'base.doa': noRoot, 'x.doa': delegation })).toEqual([
      "x.doa:1:12 D is a delegation from the root, but no post is marked root: mark the Secretary-General's post with 'root'",
    ]);
    expect(await findingsOf(ID, { 'base.doa': BASE, 'x.doa': delegation })).toEqual([]);
  });
});
