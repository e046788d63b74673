// audit-delegation-not-in-force: the only delegations that could cover the step were not in force on
// its date: before their start, after their end, or outside a parent's window. In the audit policy
// SD-MSN-PUR-PO (the Procurement Officer's, up to USD 150,000) runs from 2024-01-01 to 2025-12-31.
import { describe, expect, it } from 'vitest';
import { audit, chainText, csv } from '../../../test/audit/helpers.ts';

const ID = 'audit-delegation-not-in-force';

/** A travel sub-delegation whose window runs past its parent's at both ends. */
const TRAVEL = `area travel "Travel" {
  authority approve-travel "Approve official travel" { steps approve-travel }
}
delegation DA-MSN-TRV "Travel authority, Test Mission" {
  to MSN-HOM
  area travel
  authority travel/approve-travel
  valid from 2022-01-01 to 2025-03-31
  may-sub-delegate grades D-1 and above
  report "Travel approved" to UNHQ every quarter
}
sub-delegation SD-MSN-TRV-DMS "Travel authority, Director of Mission Support" {
  under DA-MSN-TRV
  to MSN-DMS
  authority travel/approve-travel
  valid from 2021-01-01 to 2026-12-31
  report "Travel approved" to MSN-HOM every month
}
`;

describe(ID, () => {
  it('reports a step before the start or after the end of the window; both ends are inclusive', async () => {
    const r = await audit(
      csv(
        'T-1,2023-12-31,award,po,100,USD,MSN,,,,',
        'T-2,2024-01-01,award,po,100,USD,MSN,,,,',
        'T-3,2025-12-31,award,po,100,USD,MSN,,,,',
        'T-4,2026-01-01,award,po,100,USD,MSN,,,,',
      ),
    );
    expect(r.brief).toEqual([
      `${ID}@2: Kwame Mensah performed award on 2023-12-31, but SD-MSN-PUR-PO takes effect only on 2024-01-01`,
      `${ID}@5: Kwame Mensah performed award on 2026-01-01, but SD-MSN-PUR-PO ended on 2025-12-31`,
    ]);
    const f = r.findings[0]!;
    expect(f).toMatchObject({ messageId: 'notInForce', severity: 'error' });
    // The chain of the delegation that would have covered the step.
    expect(chainText(f)).toBe('Secretary-General → DA-MSN-PUR → SD-MSN-PUR-DMS → SD-MSN-PUR-PO');
    expect(f.related.map((x) => x.message)).toEqual(['closest delegation: SD-MSN-PUR-PO']);
  });

  it("reports a step outside a parent's window, though inside the instrument's own", async () => {
    const r = await audit(
      csv(
        'T-1,2021-06-01,approve-travel,dms,,,MSN,,,,',
        'T-2,2022-01-01,approve-travel,dms,,,MSN,,,,',
        'T-3,2025-03-31,approve-travel,dms,,,MSN,,,,',
        'T-4,2025-04-01,approve-travel,dms,,,MSN,,,,',
      ),
      { extra: { 'travel.doa': TRAVEL } },
    );
    expect(r.brief).toEqual([
      `${ID}@2: Jean-François Dubois performed approve-travel on 2021-06-01, but SD-MSN-TRV-DMS is outside its parent DA-MSN-TRV's window, which starts on 2022-01-01`,
      `${ID}@5: Jean-François Dubois performed approve-travel on 2025-04-01, but SD-MSN-TRV-DMS is outside its parent DA-MSN-TRV's window, which ended on 2025-03-31`,
    ]);
    expect(r.findings.map(chainText)).toEqual(['Secretary-General → DA-MSN-TRV → SD-MSN-TRV-DMS', 'Secretary-General → DA-MSN-TRV → SD-MSN-TRV-DMS']);
  });

  it('is the one cause reported, before the limit, the currency and the committee review', async () => {
    // EUR 900,000 is above the USD 150,000 limit and the USD 500,000 committee threshold, with no review.
    const r = await audit(csv('T-1,2026-01-01,award,po,900000,EUR,MSN,,savanna-supplies,,'));
    expect(r.brief).toEqual([`${ID}@2: Kwame Mensah performed award on 2026-01-01, but SD-MSN-PUR-PO ended on 2025-12-31`]);
    expect(r.summary).toMatchObject({ stepsNeedingAuthority: 1, stepsProperlyAuthorised: 0, awardsNeedingReview: 1, awardsReviewedInTime: 0 });
  });

  it('gives way to a revocation of the same chain', async () => {
    const revoked = TRAVEL.replace('  report "Travel approved" to UNHQ every quarter\n', '  report "Travel approved" to UNHQ every quarter\n  revoked 2025-02-01 because wilful-breach\n');
    const r = await audit(csv('T-1,2025-04-01,approve-travel,dms,,,MSN,,,,'), { extra: { 'travel.doa': revoked } });
    expect(r.brief).toEqual(['audit-revoked-authority@2: Jean-François Dubois performed approve-travel on 2025-04-01 under revoked authority: DA-MSN-TRV was revoked on 2025-02-01']);
  });

  it('is not reported when another delegation in force covers the step', async () => {
    // The Director also holds the travel authority through a later instrument.
    const extra = {
      'travel.doa': `${TRAVEL}delegation DA-MSN-TRV-2 "Travel authority, Test Mission (renewed)" {
  to MSN-DMS
  area travel
  authority travel/approve-travel
  valid from 2025-04-01
  report "Travel approved" to UNHQ every quarter
}
`,
    };
    const r = await audit(csv('T-1,2025-04-01,approve-travel,dms,,,MSN,,,,'), { extra });
    expect(r.brief).toEqual([]);
  });
});
