// audit-amount-above-limit: the amount of the step is above the limit of the delegation used. UN
// wording is "in excess of": an amount equal to the limit passes. Amounts are exact decimals. In the
// audit policy the Procurement Officer awards up to USD 150,000, the Director up to USD 1,000,000,
// the head of mission up to USD 2,000,000, and the Finance Assistant signs up to USD 250,000.
import { describe, expect, it } from 'vitest';
import { audit, chainText, csv } from '../../../test/audit/helpers.ts';

const ID = 'audit-amount-above-limit';

describe(ID, () => {
  it('passes an amount equal to the limit, however written, and reports one cent more', async () => {
    const r = await audit(
      csv(
        'T-1,2025-05-10,award,po,150000,USD,MSN,,,,',
        'T-2,2025-05-10,award,po,150000.00,USD,MSN,,,,',
        'T-3,2025-05-10,award,po,"150,000",USD,MSN,,,,',
        'T-4,2025-05-10,award,po,149999.99,USD,MSN,,,,',
        'T-5,2025-05-10,award,po,150000.01,USD,MSN,,,,',
        'T-6,2025-05-10,award,po,"1,000,000",USD,MSN,,,,',
      ),
    );
    expect(r.brief).toEqual([
      `${ID}@6: Kwame Mensah performed award for USD 150,000.01 on 2025-05-10, above the USD 150,000 limit of SD-MSN-PUR-PO`,
      `${ID}@7: Kwame Mensah performed award for USD 1,000,000 on 2025-05-10, above the USD 150,000 limit of SD-MSN-PUR-PO`,
    ]);
    const f = r.findings[0]!;
    expect(f).toMatchObject({ messageId: 'above', severity: 'error', basis: ['A/72/773 §74 (thresholds and limits)'] });
    expect(chainText(f)).toBe('Secretary-General → DA-MSN-PUR → SD-MSN-PUR-DMS → SD-MSN-PUR-PO');
    expect(f.related.map((x) => `${x.uri} ${x.message}`)).toEqual(['memory:///audit.doa authority used: SD-MSN-PUR-PO']);
  });

  it('holds an authority granted with no limit under a limited parent up to the parent limit', async () => {
    const extra = {
      'buyer.doa': `post MSN-BUY "Buyer" { entity MSN; grade P-4; functions procurement }
person buyer "Ana Buyer" { holds MSN-BUY from 2020-01-01 }
sub-delegation SD-MSN-PUR-BUY "Purchasing authority, Buyer" {
  under SD-MSN-PUR-DMS
  to MSN-BUY
  authority purchasing/award
  valid from 2024-01-01 to 2025-12-31
  report "Awards made" to MSN-DMS every month
}
`,
    };
    const r = await audit(csv('T-1,2025-05-10,award,buyer,1000000,USD,MSN,,,LCC/2025/1,2025-05-01', 'T-2,2025-05-10,award,buyer,1000000.01,USD,MSN,,,LCC/2025/1,2025-05-01'), { extra });
    expect(r.brief.filter((b) => b.startsWith(ID))).toEqual([
      `${ID}@3: Ana Buyer performed award for USD 1,000,000.01 on 2025-05-10, above the USD 1,000,000 limit of SD-MSN-PUR-BUY`,
    ]);
  });

  it('judges each actor by their own delegation', async () => {
    const r = await audit(
      csv(
        'T-1,2025-05-10,award,hom,1500000,USD,MSN,,,LCC/2025/1,2025-05-01',
        'T-2,2025-05-10,award,dms,1500000,USD,MSN,,,LCC/2025/1,2025-05-01',
        'T-3,2025-05-10,pay,fa,250000,USD,MSN,A-1,,,',
        'T-4,2025-05-10,pay,fa,250000.01,USD,MSN,A-1,,,',
      ),
    );
    expect(r.brief).toEqual([
      `${ID}@3: Jean-François Dubois performed award for USD 1,500,000 on 2025-05-10, above the USD 1,000,000 limit of SD-MSN-PUR-DMS`,
      `${ID}@5: Olga Petrova performed pay for USD 250,000.01 on 2025-05-10, above the USD 250,000 limit of SD-MSN-PAY-FA`,
    ]);
    expect(r.findings.map(chainText)).toEqual(['Secretary-General → DA-MSN-PUR → SD-MSN-PUR-DMS', 'Secretary-General → DA-MSN-PAY → SD-MSN-PAY-FA']);
  });

  it('uses, of several delegations in force, the first whose limit covers the amount, else the largest', async () => {
    const extra = {
      'buyer.doa': `post MSN-BUYER "Buyer" { entity MSN; grade P-3; functions procurement }
person buyer "Grace Akinyi" { holds MSN-BUYER from 2022-01-01; holds MSN-PO from 2022-01-01 }
sub-delegation SD-MSN-PUR-BUYER "Purchasing authority, Buyer" {
  under SD-MSN-PUR-DMS
  to MSN-BUYER
  authority purchasing/award limit USD 50,000
  valid from 2022-01-01 to 2026-12-31
  report "Awards made" to MSN-CPO every month
}
`,
    };
    const r = await audit(csv('T-1,2025-05-10,award,buyer,40000,USD,MSN,,,,', 'T-2,2025-05-10,award,buyer,120000,USD,MSN,,,,', 'T-3,2025-05-10,award,buyer,200000,USD,MSN,,,,'), { extra });
    // USD 120,000 is covered by the Procurement Officer's post; USD 200,000 by neither, judged by the larger.
    expect(r.brief).toEqual([`${ID}@4: Grace Akinyi performed award for USD 200,000 on 2025-05-10, above the USD 150,000 limit of SD-MSN-PUR-PO`]);
  });

  it('has nothing to compare for a step without an amount or under an unlimited grant', async () => {
    const r = await audit(csv('T-1,2025-05-10,award,po,,,MSN,,,,', 'T-2,2025-05-10,certify,hom,99000000,USD,MSN,,,,'));
    expect(r.brief).toEqual([]);
  });

  it('is reported before the committee review: above both the limit and the threshold, one cause', async () => {
    const r = await audit(csv('T-1,2025-05-10,award,dms,1200000,USD,MSN,,,,'));
    expect(r.brief).toEqual([`${ID}@2: Jean-François Dubois performed award for USD 1,200,000 on 2025-05-10, above the USD 1,000,000 limit of SD-MSN-PUR-DMS`]);
    // The summary still counts the award among those needing review, not reviewed in time.
    expect(r.summary).toMatchObject({ stepsNeedingAuthority: 1, stepsProperlyAuthorised: 0, awardsNeedingReview: 1, awardsReviewedInTime: 0 });
  });
});
