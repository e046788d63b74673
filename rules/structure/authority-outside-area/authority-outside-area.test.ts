import { describe, expect, it } from 'vitest';
import { BASE, checkFiles, findingsOf } from '../../../language/src/testing/index.ts';

const ID = 'authority-outside-area';

function delegation(lines: string): Record<string, string> {
  return {
    'base.doa': BASE,
    'x.doa': `delegation DA-MSN "Test Mission" {
  to MSN-HOM
  ${lines}
  valid from 2024-01-01 to 2026-12-31
  may-sub-delegate
  report "Use of delegated authority" to UNHQ every quarter
}
`,
  };
}

describe(ID, () => {
  it('reports an authority of another area than the declared one, at the authority', async () => {
    expect(await findingsOf(ID, delegation('area procurement\n  authority procurement/award-contract\n  authority finance/approve'))).toEqual([
      'x.doa:5:13 finance/approve belongs to the area finance, but DA-MSN covers procurement',
    ]);
  });

  it('reports every authority when the declared area matches none', async () => {
    expect(await findingsOf(ID, delegation('area finance\n  authority procurement/award-contract\n  authority procurement/approve-requisition'))).toEqual([
      'x.doa:4:13 procurement/award-contract belongs to the area procurement, but DA-MSN covers finance',
      'x.doa:5:13 procurement/approve-requisition belongs to the area procurement, but DA-MSN covers finance',
    ]);
  });

  it('takes the area of the first authority when none is declared', async () => {
    expect(await findingsOf(ID, delegation('authority finance/certify\n  authority procurement/award-contract'))).toEqual([
      'x.doa:4:13 procurement/award-contract belongs to the area procurement, but DA-MSN covers finance',
    ]);
  });

  it('accepts authorities of one area, declared or not', async () => {
    expect(await findingsOf(ID, delegation('area finance\n  authority finance/certify\n  authority finance/approve'))).toEqual([]);
    expect(await findingsOf(ID, delegation('authority finance/certify\n  authority finance/approve'))).toEqual([]);
  });

  it('leaves an unknown authority to unknown-reference', async () => {
    const findings = await checkFiles(delegation('area procurement\n  authority procurement/award-contract\n  authority finance/aprove'));
    expect(findings.filter((f) => f.ruleId === ID)).toEqual([]);
    expect(findings.map((f) => f.ruleId)).toContain('unknown-reference');
  });

  it('checks sub-delegations too, as an error with the chain', async () => {
    const files = delegation('area procurement\n  authority procurement/award-contract');
    files['y.doa'] = `sub-delegation SD-MSN-CPO "Chief Procurement Officer" {
  under DA-MSN
  to MSN-CPO
  area finance
  authority procurement/award-contract limit USD 500,000
  valid from 2024-01-01 to 2026-12-31
  report "Awards made" to MSN-HOM every month
}
`;
    const f = (await checkFiles(files)).find((x) => x.ruleId === ID)!;
    expect(f.message).toBe('procurement/award-contract belongs to the area procurement, but SD-MSN-CPO covers finance');
    expect([f.messageId, f.severity]).toEqual(['outside', 'error']);
    expect(f.chain.map((c) => c.name)).toEqual(['SG', 'DA-MSN', 'SD-MSN-CPO']);
  });
});
