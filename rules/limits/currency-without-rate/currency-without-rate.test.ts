import { describe, expect, it } from 'vitest';
import { BASE, checkFiles, findingsOf } from '../../../language/src/testing/index.ts';

const ID = 'currency-without-rate';

/** Lines 1–2 hold `rates` (or blank lines), the parent follows, the child's authority is on line 13. */
function chain(parentLimit: string, childLimit: string, rates = '\n'): Record<string, string> {
  return {
    'base.doa': BASE,
    'x.doa': `${rates}
delegation DA-MSN-PROC "Procurement authority, Test Mission" {
  to MSN-HOM
  authority procurement/award-contract ${parentLimit}
  valid from 2024-01-01 to 2026-12-31
  may-sub-delegate
  report "Use of procurement authority" to UNHQ every quarter
}
sub-delegation SD-MSN-CPO "Chief Procurement Officer" {
  under DA-MSN-PROC
  to MSN-CPO
  authority procurement/award-contract ${childLimit}
  valid from 2025-01-01 to 2025-12-31
  report "Awards made" to MSN-HOM every month
}
`,
  };
}

const rate = (from: string) => `rates "UN operational rates of exchange" {\n  rate EUR USD 1.08${from} }`;

/** A catalogue authority reviewed above USD 150,000; the grant's authority is on line 6. */
function reviewed(grant: string, rates = ''): Record<string, string> {
  return {
    'base.doa': BASE,
    'x.doa': `committee LCC-MSN "Local Committee on Contracts, Test Mission" { entity MSN }
area supply "Supply chain" {
  authority local-purchase "Local purchase" { committee-review above USD 150,000 by LCC-MSN }
}
delegation DA-MSN-SUP "Supply chain authority, Test Mission" {
  to MSN-HOM
  authority supply/local-purchase ${grant}
  valid from 2024-01-01 to 2026-12-31
  report "Local purchases" to UNHQ every quarter
}
${rates}`,
  };
}

describe(ID, () => {
  it("reports a limit in another currency than its parent's, at the limit", async () => {
    expect(await findingsOf(ID, chain('limit USD 1,000,000', 'limit EUR 400,000'))).toEqual([
      "x.doa:13:46 SD-MSN-CPO's limit for procurement/award-contract (EUR 400,000) cannot be compared with its parent's USD 1,000,000: no exchange rate in force on 2025-06-30",
    ]);
    const f = (await checkFiles(chain('limit USD 1,000,000', 'limit EUR 400,000'))).find((x) => x.ruleId === ID)!;
    expect(f.messageId).toBe('parent');
    expect(f.severity).toBe('warning');
  });

  it('is silenced by a rate in force on the check date (dates inclusive), and only then', async () => {
    expect(await findingsOf(ID, chain('limit USD 1,000,000', 'limit EUR 400,000', rate(' from 2025-06-30')))).toEqual([]);
    expect(await findingsOf(ID, chain('limit USD 1,000,000', 'limit EUR 400,000', rate('')))).toEqual([]);
    expect(await findingsOf(ID, chain('limit USD 1,000,000', 'limit EUR 400,000', rate(' from 2025-07-01')))).toHaveLength(1);
    // A rate for other currencies does not help.
    const chf = 'rates "UN operational rates of exchange" {\n  rate CHF USD 1.25 }';
    expect(await findingsOf(ID, chain('limit USD 1,000,000', 'limit EUR 400,000', chf))).toHaveLength(1);
  });

  it('hands the comparison over once the rate is there: the limit is then checked against the parent', async () => {
    const over = await checkFiles(chain('limit USD 1,000,000', 'limit EUR 1,000,000', rate(' from 2025-06-01')));
    expect(over.map((f) => f.ruleId)).toEqual(['sub-delegation-exceeds-parent-limit']);
  });

  it('says nothing when there is nothing to compare', async () => {
    expect(await findingsOf(ID, chain('limit EUR 1,000,000', 'limit EUR 400,000'))).toEqual([]);
    expect(await findingsOf(ID, chain('', 'limit EUR 400,000'))).toEqual([]);
    expect(await findingsOf(ID, chain('limit USD 1,000,000', ''))).toEqual([]);
  });

  it('reports a limit in another currency than the committee-review threshold', async () => {
    expect(await findingsOf(ID, reviewed('limit EUR 100,000'))).toEqual([
      "x.doa:7:41 DA-MSN-SUP's limit for supply/local-purchase (EUR 100,000) cannot be compared with the committee-review threshold USD 150,000: no exchange rate in force on 2025-06-30",
    ]);
    const f = (await checkFiles(reviewed('limit EUR 100,000'))).find((x) => x.ruleId === ID)!;
    expect(f.messageId).toBe('review');
    expect(await findingsOf(ID, reviewed('limit EUR 100,000', rate(' from 2025-01-01')))).toEqual([]);
    expect(await findingsOf(ID, reviewed('limit USD 100,000'))).toEqual([]);
  });

  it('does not need the threshold when the grant states its own committee review', async () => {
    expect(await findingsOf(ID, reviewed('limit EUR 200,000 committee-review above USD 150,000 by LCC-MSN'))).toEqual([]);
    expect((await checkFiles(reviewed('limit EUR 200,000 committee-review above USD 150,000 by LCC-MSN'))).map((f) => f.ruleId)).toEqual([]);
  });

  it("reports a grant's own review threshold in another currency than the catalogue's, with no rate", async () => {
    expect(await findingsOf(ID, reviewed('limit USD 1,000,000 committee-review above CHF 900,000 by LCC-MSN'))).toEqual([
      "x.doa:7:72 DA-MSN-SUP's own committee-review threshold for supply/local-purchase cannot be compared with the catalogue's USD 150,000: no exchange rate in force on 2025-06-30",
    ]);
    const withRate = reviewed('limit USD 1,000,000 committee-review above CHF 900,000 by LCC-MSN', 'rates "r" { rate CHF USD 1.12 }');
    expect(await findingsOf(ID, withRate)).toEqual([]);
  });

  it('reports both comparisons of a sub-delegation when neither rate is known', async () => {
    const files = reviewed('limit USD 500,000 committee-review above USD 150,000 by LCC-MSN\n  may-sub-delegate');
    files['sub.doa'] = `sub-delegation SD-MSN-SUP "Director of Mission Support" {
  under DA-MSN-SUP
  to MSN-DMS
  authority supply/local-purchase limit CHF 300,000
  valid from 2025-01-01 to 2025-12-31
  report "Local purchases" to MSN-HOM every month
}
`;
    const findings = (await checkFiles(files)).filter((f) => f.ruleId === ID);
    expect(findings.map((f) => f.messageId)).toEqual(['parent', 'review']);
    expect(findings.map((f) => f.message)).toEqual([
      "SD-MSN-SUP's limit for supply/local-purchase (CHF 300,000) cannot be compared with its parent's USD 500,000: no exchange rate in force on 2025-06-30",
      "SD-MSN-SUP's limit for supply/local-purchase (CHF 300,000) cannot be compared with the committee-review threshold USD 150,000: no exchange rate in force on 2025-06-30",
    ]);
  });
});
