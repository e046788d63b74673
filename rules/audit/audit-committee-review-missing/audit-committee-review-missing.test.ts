// audit-committee-review-missing: a step above the committee-review threshold (the delegation's, else
// the catalogue's) with no committee review recorded. "In excess of": an amount equal to the threshold
// needs no review. In the audit policy awards (and amendments) above USD 500,000 go to MSN-LCC.
import { describe, expect, it } from 'vitest';
import { audit, chainText, csv } from '../../../test/audit/helpers.ts';

const ID = 'audit-committee-review-missing';

describe(ID, () => {
  it('passes an award equal to the threshold and reports one above it with no review', async () => {
    const r = await audit(csv('T-1,2025-05-10,award,dms,500000,USD,MSN,,,,', 'T-2,2025-05-10,award,dms,500000.01,USD,MSN,,,,', 'T-3,2025-05-10,amend,dms,650000,USD,MSN,,,,'));
    expect(r.brief).toEqual([
      `${ID}@3: The award of USD 500,000.01 on 2025-05-10 is above the USD 500,000 committee-review threshold, but no committee review is recorded`,
      `${ID}@4: The amend of USD 650,000 on 2025-05-10 is above the USD 500,000 committee-review threshold, but no committee review is recorded`,
    ]);
    const f = r.findings[0]!;
    expect(f).toMatchObject({ messageId: 'missing', severity: 'error', basis: ['Financial Rule 105.13(c)', 'Budget section 24 §24.16'] });
    expect(chainText(f)).toBe('Secretary-General → DA-MSN-PUR → SD-MSN-PUR-DMS');
    expect(r.summary).toMatchObject({ awardsNeedingReview: 2, awardsReviewedInTime: 0, stepsNeedingAuthority: 3, stepsProperlyAuthorised: 1 });
  });

  it('passes an award with its review recorded before it or on the same day', async () => {
    const r = await audit(csv('T-1,2025-05-10,award,dms,650000,USD,MSN,,,LCC/2025/041,2025-05-02', 'T-2,2025-05-10,award,dms,650000,USD,MSN,,,LCC/2025/042,2025-05-10'));
    expect(r.brief).toEqual([]);
    expect(r.summary).toMatchObject({ awardsNeedingReview: 2, awardsReviewedInTime: 2 });
  });

  it('needs the reference of the review: a date alone records no review', async () => {
    const r = await audit(csv('T-1,2025-05-10,award,dms,650000,USD,MSN,,,,2025-05-02'));
    expect(r.brief).toEqual([`${ID}@2: The award of USD 650,000 on 2025-05-10 is above the USD 500,000 committee-review threshold, but no committee review is recorded`]);
  });

  it('reports a review reference recorded without a date: nothing shows the review came first', async () => {
    const r = await audit(csv('T-1,2025-05-10,award,dms,650000,USD,MSN,,,LCC/2025/043,', 'T-2,2025-05-10,award,dms,500000,USD,MSN,,,LCC/2025/044,'));
    expect(r.brief).toEqual([
      `${ID}@2: The award of USD 650,000 on 2025-05-10 is above the USD 500,000 committee-review threshold, and its committee review LCC/2025/043 is recorded without a date: nothing shows that it preceded the step`,
    ]);
    expect(r.findings[0]).toMatchObject({ messageId: 'undated', severity: 'error' });
    expect(r.summary).toMatchObject({ awardsNeedingReview: 1, awardsReviewedInTime: 0 });
  });

  it('converts an amount in another currency with the rate in force', async () => {
    // EUR 440,000 × 1.1364 = USD 500,016; EUR 439,985.92 × 1.1364 = USD 499,999.999…
    const r = await audit(csv('T-1,2025-06-10,award,dms,439985.92,EUR,MSN,,,,', 'T-2,2025-06-10,award,dms,440000,EUR,MSN,,,,'));
    expect(r.brief).toEqual([`${ID}@3: The award of EUR 440,000 on 2025-06-10 is above the USD 500,000 committee-review threshold, but no committee review is recorded`]);
  });

  it("applies the catalogue's threshold even when no delegation covers the step", async () => {
    // The no-delegation finding is the one cause reported; the summary still counts the award.
    const r = await audit(csv('T-1,2025-05-10,award,fa,650000,USD,MSN,,,,'));
    expect(r.brief.map((b) => b.split('@')[0])).toEqual(['audit-no-delegation']);
    expect(r.summary).toMatchObject({ awardsNeedingReview: 1, awardsReviewedInTime: 0 });
  });

  it('is reported before a conflict of interest, after the limit', async () => {
    const extra = { 'p.doa': 'person dms2 "Joseph Lado" { holds MSN-DMS from 2025-01-01; conflict-of-interest "Owns shares" vendor savanna-supplies }\n' };
    const r = await audit(csv('T-1,2025-05-10,award,dms2,600000,USD,MSN,,savanna-supplies,,', 'T-2,2025-05-10,award,dms2,1000000.01,USD,MSN,,savanna-supplies,,'), { extra });
    expect(r.brief).toEqual([
      `${ID}@2: The award of USD 600,000 on 2025-05-10 is above the USD 500,000 committee-review threshold, but no committee review is recorded`,
      'audit-amount-above-limit@3: Joseph Lado performed award for USD 1,000,000.01 on 2025-05-10, above the USD 1,000,000 limit of SD-MSN-PUR-DMS',
    ]);
  });
});
