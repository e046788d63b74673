import { describe, expect, it } from 'vitest';
import { BASE, checkFiles, findingsOf } from '../../../language/src/testing/index.ts';

const ID = 'missing-committee-review';

/** The catalogue reviews supply contracts above USD 500,000; the grant's authority is on line 7. */
function grant(text: string, rates = ''): Record<string, string> {
  return {
    'base.doa': BASE,
    'x.doa': `committee LCC-MSN "Local Committee on Contracts, Test Mission" { entity MSN }
area supply "Supply chain" {
  authority award-contract "Award a supply contract" { committee-review above USD 500,000 by LCC-MSN }
}
delegation DA-MSN-SUP "Supply chain authority, Test Mission" {
  to MSN-HOM
  authority supply/award-contract ${text}
  valid from 2024-01-01 to 2026-12-31
  may-sub-delegate
  report "Contracts awarded" to UNHQ every quarter
}
${rates}`,
  };
}

const RATES = 'rates "UN operational rates of exchange" { rate EUR USD 1.08 from 2025-06-01 }\n';

describe(ID, () => {
  it('reports a limit above the threshold with no committee review, at the authority', async () => {
    expect(await findingsOf(ID, grant('limit USD 1,000,000'))).toEqual([
      'x.doa:7:13 DA-MSN-SUP grants supply/award-contract (USD 1,000,000) with no committee review, although review is required above USD 500,000',
    ]);
    const f = (await checkFiles(grant('limit USD 1,000,000'))).find((x) => x.ruleId === ID)!;
    expect(f.messageId).toBe('missing');
    expect(f.severity).toBe('error');
    expect(f.basis).toContain('Financial Rule 105.13(c)');
  });

  it('lets a limit equal to the threshold pass, however it is written; one cent more needs review', async () => {
    expect(await findingsOf(ID, grant('limit USD 500,000'))).toEqual([]);
    expect(await findingsOf(ID, grant('limit USD 500000.00'))).toEqual([]);
    expect(await findingsOf(ID, grant('limit USD 499,999.99'))).toEqual([]);
    expect(await findingsOf(ID, grant('limit USD 500,000.01'))).toEqual([
      'x.doa:7:13 DA-MSN-SUP grants supply/award-contract (USD 500,000.01) with no committee review, although review is required above USD 500,000',
    ]);
  });

  it('reports an unlimited grant with no committee review', async () => {
    expect(await findingsOf(ID, grant(''))).toEqual([
      'x.doa:7:13 DA-MSN-SUP grants supply/award-contract (no limit) with no committee review, although review is required above USD 500,000',
    ]);
  });

  it('accepts a review at the threshold or below it', async () => {
    expect(await findingsOf(ID, grant('limit USD 1,000,000 committee-review above USD 500,000 by LCC-MSN'))).toEqual([]);
    expect(await findingsOf(ID, grant('limit USD 1,000,000 committee-review above USD 250,000 by LCC-MSN'))).toEqual([]);
    expect(await findingsOf(ID, grant('committee-review above USD 500000.00'))).toEqual([]);
  });

  it('reports a weaker review, at the review', async () => {
    const findings = await checkFiles(grant('limit USD 1,000,000 committee-review above USD 750,000 by LCC-MSN'));
    const f = findings.filter((x) => x.ruleId === ID);
    expect(f.map((x) => x.messageId)).toEqual(['weaker']);
    expect(f[0]!.message).toBe('DA-MSN-SUP requires committee review only above USD 750,000, but supply/award-contract needs review above USD 500,000');
    expect(f[0]!.range.start).toMatchObject({ line: 6, character: 71 }); // at 'above USD 750,000 by LCC-MSN'
    expect(await findingsOf(ID, grant('committee-review above USD 500,000.01'))).toHaveLength(1);
  });

  it('does not report a weaker review when the limit cannot exceed the threshold', async () => {
    expect(await findingsOf(ID, grant('limit USD 500,000 committee-review above USD 2,000,000 by LCC-MSN'))).toEqual([]);
    expect(await findingsOf(ID, grant('limit USD 500,000.01 committee-review above USD 2,000,000 by LCC-MSN'))).toHaveLength(1);
  });

  it('converts a limit or a review in another currency with the rate in force', async () => {
    // EUR 462,962.96 × 1.08 = USD 499,999.9968: within the threshold; EUR 463,000 = USD 500,040: above it.
    expect(await findingsOf(ID, grant('limit EUR 462,962.96', RATES))).toEqual([]);
    expect(await findingsOf(ID, grant('limit EUR 463,000', RATES))).toEqual([
      'x.doa:7:13 DA-MSN-SUP grants supply/award-contract (EUR 463,000) with no committee review, although review is required above USD 500,000',
    ]);
    expect(await findingsOf(ID, grant('limit EUR 900,000 committee-review above EUR 470,000 by LCC-MSN', RATES))).toEqual([
      'x.doa:7:70 DA-MSN-SUP requires committee review only above EUR 470,000, but supply/award-contract needs review above USD 500,000',
    ]);
    expect(await findingsOf(ID, grant('limit EUR 900,000 committee-review above EUR 460,000 by LCC-MSN', RATES))).toEqual([]);
    // Without a rate nothing is guessed: currency-without-rate reports it.
    const noRate = await checkFiles(grant('limit EUR 463,000'));
    expect(noRate.map((x) => x.ruleId)).toEqual(['currency-without-rate']);
  });

  it('checks sub-delegations too, and ignores authorities without a review threshold', async () => {
    const files = grant('limit USD 2,000,000 committee-review above USD 500,000 by LCC-MSN');
    files['sub.doa'] = `sub-delegation SD-MSN-CPO "Chief Procurement Officer" {
  under DA-MSN-SUP
  to MSN-CPO
  authority supply/award-contract limit USD 600,000
  valid from 2025-01-01 to 2025-12-31
  report "Contracts awarded" to MSN-HOM every month
}
`;
    expect(await findingsOf(ID, files)).toEqual([
      'sub.doa:4:13 SD-MSN-CPO grants supply/award-contract (USD 600,000) with no committee review, although review is required above USD 500,000',
    ]);
    const plain = {
      'base.doa': BASE,
      'x.doa': `delegation DA-MSN-PROC "Procurement authority, Test Mission" {
  to MSN-HOM
  authority procurement/award-contract limit USD 5,000,000
  valid from 2024-01-01 to 2026-12-31
  report "Use of procurement authority" to UNHQ every quarter
}
`,
    };
    expect(await findingsOf(ID, plain)).toEqual([]);
  });
});
