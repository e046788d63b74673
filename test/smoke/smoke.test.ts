import { describe, expect, it } from 'vitest';
import { BASE, checkFiles, brief } from '../../language/src/testing/index.ts';

describe('smoke', () => {
  it('base fixture is clean', async () => {
    const findings = await checkFiles({ 'base.doa': BASE });
    expect(findings.map(brief)).toEqual([]);
  });
  it('detects a sub-delegation above its parent', async () => {
    const findings = await checkFiles({
      'base.doa': BASE,
      'd.doa': `
delegation D1 "Procurement, Test Mission" {
  to MSN-HOM
  area procurement
  authority procurement/award-contract limit USD 1,000,000
  valid from 2024-01-01 to 2026-12-31
  may-sub-delegate
  report "Use of procurement authority" to UNHQ every quarter
}
sub-delegation S1 {
  under D1
  to MSN-CPO
  authority procurement/award-contract limit USD 1,000,000.01
  valid from 2024-01-01 to 2026-12-31
  report "Awards" to MSN-HOM every month
}
sub-delegation S2 {
  under S1
  to cpo
  authority procurement/award-contract limit USD 5
  authority finance/certify limit USD 5
  valid from 2024-01-01 to 2026-12-31
}
`,
    });
    console.log(JSON.stringify(findings, null, 1).slice(0, 3000));
    expect(findings.map(brief)).toEqual([]);
  });
});
