// audit-review-after-award: the committee review of a step above the threshold is dated after the
// step (ex post facto, Procurement Manual 9.6). A review on the day of the award is in time.
import { describe, expect, it } from 'vitest';
import { audit, chainText, csv } from '../../../test/audit/helpers.ts';

const ID = 'audit-review-after-award';

describe(ID, () => {
  it('passes a review before or on the award date and reports one a day later', async () => {
    const r = await audit(
      csv(
        'T-1,2025-05-20,award,dms,700000,USD,MSN,,,LCC/2025/040,2025-05-19',
        'T-2,2025-05-20,award,dms,700000,USD,MSN,,,LCC/2025/041,2025-05-20',
        'T-3,2025-05-20,award,dms,700000,USD,MSN,,,LCC/2025/042,2025-05-21',
      ),
    );
    expect(r.brief).toEqual([`${ID}@4: The award on 2025-05-20 was reviewed by the committee only on 2025-05-21 (LCC/2025/042): an ex post facto case`]);
    const f = r.findings[0]!;
    expect(f).toMatchObject({ messageId: 'late', severity: 'error', basis: ['Financial Rule 105.13(c)', 'Procurement Manual 9.6 (ex post facto presentations)'] });
    expect(chainText(f)).toBe('Secretary-General → DA-MSN-PUR → SD-MSN-PUR-DMS');
    expect(r.summary).toMatchObject({ awardsNeedingReview: 3, awardsReviewedInTime: 2, stepsNeedingAuthority: 3, stepsProperlyAuthorised: 2 });
  });

  it('ignores the date of a review that was not needed', async () => {
    const r = await audit(csv('T-1,2025-05-20,award,dms,500000,USD,MSN,,,LCC/2025/043,2025-06-30'));
    expect(r.brief).toEqual([]);
    expect(r.summary).toMatchObject({ awardsNeedingReview: 0, awardsReviewedInTime: 0 });
  });

  it('takes review_ref/review_date and their JSON Lines names reviewRef/reviewDate', async () => {
    const jsonl = [
      '{"id":"T-1","date":"2025-05-20","step":"award","actor":"dms","amount":700000,"currency":"USD","entity":"MSN","reviewRef":"LCC/2025/044","reviewDate":"2025-06-02"}',
      '{"id":"T-2","date":"2025-05-20","step":"award","actor":"dms","amount":"700000","currency":"USD","committee_review":"LCC/2025/045","committee_review_date":"2025-05-20"}',
    ].join('\n');
    const r = await audit(jsonl, { name: 't.jsonl' });
    expect(r.brief).toEqual([`${ID}@1: The award on 2025-05-20 was reviewed by the committee only on 2025-06-02 (LCC/2025/044): an ex post facto case`]);
  });

  it('is reported after every other per-step cause but the conflict of interest', async () => {
    const extra = { 'p.doa': 'person dms2 "Joseph Lado" { holds MSN-DMS from 2025-01-01; conflict-of-interest "Owns shares" vendor savanna-supplies }\n' };
    const r = await audit(csv('T-1,2025-05-20,award,dms2,700000,USD,MSN,,savanna-supplies,LCC/2025/046,2025-05-21', 'T-2,2025-05-20,award,dms2,1100000,USD,MSN,,savanna-supplies,LCC/2025/047,2025-05-21'), { extra });
    expect(r.brief).toEqual([
      `${ID}@2: The award on 2025-05-20 was reviewed by the committee only on 2025-05-21 (LCC/2025/046): an ex post facto case`,
      'audit-amount-above-limit@3: Joseph Lado performed award for USD 1,100,000 on 2025-05-20, above the USD 1,000,000 limit of SD-MSN-PUR-DMS',
    ]);
  });
});
