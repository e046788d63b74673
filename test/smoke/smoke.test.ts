import { describe, expect, it } from 'vitest';
import { BASE, checkFiles, brief } from '../../language/src/testing/index.ts';

describe('smoke', () => {
  it('base fixture is clean', async () => {
    const findings = await checkFiles({ 'base.doa': BASE });
    expect(findings.map(brief)).toEqual([]);
  });
  it('finds the breaches of a small chain, each explained', async () => {
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
    expect(findings.map(brief)).toEqual([
      'd.doa:13:46 S1 grants procurement/award-contract (USD 1,000,000.01), above the USD 1,000,000 that its parent D1 holds',
      'd.doa:17:16 S2 states no reporting duty: say what is reported, to whom and how often',
      'd.doa:18:9 S1 does not allow further sub-delegation, yet S2 sub-delegates from it',
      'd.doa:19:6 S2 delegates to cpo, who already holds the authority as its delegator',
      'd.doa:21:13 finance/certify belongs to the area finance, but S2 covers procurement',
      'd.doa:21:13 S2 sub-delegates finance/certify, which its parent S1 does not grant',
    ]);
    // Every finding is explained by json-rules-engine's own evaluation of the rule's JSON.
    for (const f of findings) expect(f.explanation?.length).toBeGreaterThan(0);
  });
});
