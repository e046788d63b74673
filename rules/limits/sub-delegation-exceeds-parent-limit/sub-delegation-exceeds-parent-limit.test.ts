import { describe, expect, it } from 'vitest';
import { BASE, checkFiles, findingsOf } from '../../../language/src/testing/index.ts';

const ID = 'sub-delegation-exceeds-parent-limit';

function chain(parentLimit: string, childLimit: string, rates = ''): Record<string, string> {
  return {
    'base.doa': BASE,
    'x.doa': `${rates}
delegation D "Procurement" {
  to MSN-HOM
  authority procurement/award-contract ${parentLimit}
  valid from 2024-01-01 to 2026-12-31
  may-sub-delegate
  report "Use" to UNHQ every quarter
}
sub-delegation S {
  under D
  to MSN-CPO
  authority procurement/award-contract ${childLimit}
  valid from 2024-01-01 to 2026-12-31
  report "Use" to MSN-HOM every month
}
`,
  };
}

describe(ID, () => {
  it('reports a child limit above the parent limit, at the child limit', async () => {
    expect(await findingsOf(ID, chain('limit USD 1,000,000', 'limit USD 1,000,000.01'))).toEqual([
      'x.doa:12:46 S grants procurement/award-contract (USD 1,000,000.01), above the USD 1,000,000 that its parent D holds',
    ]);
  });

  it('compares with the limit the parent holds from above when the parent grants the authority with none', async () => {
    const files = chain('limit USD 1,000,000', '');
    files['x.doa'] = files['x.doa']!.replace('  report "Use" to MSN-HOM every month\n}', '  may-sub-delegate\n  report "Use" to MSN-HOM every month\n}') +
      `sub-delegation S2 {
  under S
  to MSN-PO
  authority procurement/award-contract limit USD 5,000,000
  valid from 2024-01-01 to 2026-12-31
  report "Use" to MSN-CPO every month
}
`;
    expect(await findingsOf(ID, files)).toEqual([
      'x.doa:12:13 S grants procurement/award-contract (no limit), above the USD 1,000,000 that its parent D holds',
      'x.doa:20:46 S2 grants procurement/award-contract (USD 5,000,000), above the USD 1,000,000 that its parent S holds',
    ]);
  });

  it('lets an equal amount pass, however it is written', async () => {
    expect(await findingsOf(ID, chain('limit USD 1,000,000', 'limit USD 1000000.00'))).toEqual([]);
    expect(await findingsOf(ID, chain('limit 1_000_000 USD', 'limit USD 1,000,000'))).toEqual([]);
  });

  it('compares exact decimals, not floating point', async () => {
    expect(await findingsOf(ID, chain('limit USD 0.3', 'limit USD 0.30'))).toEqual([]);
    expect(await findingsOf(ID, chain('limit USD 9,007,199,254,740,993', 'limit USD 9,007,199,254,740,992'))).toEqual([]);
    expect(await findingsOf(ID, chain('limit USD 9,007,199,254,740,992', 'limit USD 9,007,199,254,740,993'))).toHaveLength(1);
  });

  it('reports an unlimited child under a limited parent, not the reverse', async () => {
    expect(await findingsOf(ID, chain('limit USD 10', ''))).toHaveLength(1);
    expect(await findingsOf(ID, chain('', 'limit USD 10'))).toEqual([]);
  });

  it('converts with the rate in force, and stays silent without a rate (another rule reports it)', async () => {
    const rates = 'rates "UN operational rates" { rate EUR USD 1.10 from 2025-01-01 }';
    expect(await findingsOf(ID, chain('limit USD 1,100', 'limit EUR 1,000', rates))).toEqual([]);
    expect(await findingsOf(ID, chain('limit USD 1,099.99', 'limit EUR 1,000', rates))).toHaveLength(1);
    expect(await findingsOf(ID, chain('limit USD 1', 'limit EUR 1,000'))).toEqual([]);
  });

  it('offers a fix that caps the limit at the parent', async () => {
    const findings = await checkFiles(chain('limit USD 1,000,000', 'limit USD 2,000,000'));
    const f = findings.find((x) => x.ruleId === ID)!;
    expect(f.messageId).toBe('exceeds');
    expect(f.fix?.edits).toEqual([{ uri: 'memory:///x.doa', range: f.range, newText: 'USD 1,000,000' }]);
    expect(f.chain.map((c) => c.name)).toEqual(['SG', 'D', 'S']);
    expect(f.related[0]?.message).toBe('D grants procurement/award-contract up to USD 1,000,000');
  });
});
