// audit-revoked-authority: a step under an instrument revoked, itself or above it, on or before the
// step's date. The audit policy revokes SD-MSN-PER-DMS (the Director's personnel actions) on 2025-04-01.
import { describe, expect, it } from 'vitest';
import { audit, chainText, csv } from '../../../test/audit/helpers.ts';

const ID = 'audit-revoked-authority';

/** Travel authority, withdrawn from the head of mission on 2025-05-01; the Director's sub-delegation is not revoked itself. */
const TRAVEL = `area travel "Travel" {
  authority approve-travel "Approve official travel" { steps approve-travel }
}
delegation DA-MSN-TRV "Travel authority, Test Mission" {
  to MSN-HOM
  area travel
  authority travel/approve-travel limit USD 50,000
  valid from 2020-01-01
  may-sub-delegate grades D-1 and above
  report "Travel approved" to UNHQ every quarter
  revoked 2025-05-01 because lack-of-capacity transferred-to UNHQ
}
sub-delegation SD-MSN-TRV-DMS "Travel authority, Director of Mission Support" {
  under DA-MSN-TRV
  to MSN-DMS
  authority travel/approve-travel limit USD 20,000
  valid from 2020-01-01 to 2025-04-30
  report "Travel approved" to MSN-HOM every month
}
`;

describe(ID, () => {
  it('reports a step on the revocation date and after it, never before it', async () => {
    const r = await audit(
      csv(
        'T-1,2025-03-31,approve-personnel-action,dms,,,MSN,,,,',
        'T-2,2025-04-01,approve-personnel-action,dms,,,MSN,,,,',
        'T-3,2025-06-30,approve-personnel-action,dms,,,,,,,',
      ),
    );
    expect(r.brief).toEqual([
      `${ID}@3: Jean-François Dubois performed approve-personnel-action on 2025-04-01 under revoked authority: SD-MSN-PER-DMS was revoked on 2025-04-01`,
      `${ID}@4: Jean-François Dubois performed approve-personnel-action on 2025-06-30 under revoked authority: SD-MSN-PER-DMS was revoked on 2025-04-01`,
    ]);
    const f = r.findings[0]!;
    expect(f).toMatchObject({ messageId: 'revoked', severity: 'error' });
    // The chain of the delegation the step relied on, and the instrument as related location.
    expect(chainText(f)).toBe('Secretary-General → DA-MSN-PER → SD-MSN-PER-DMS');
    expect(f.related.map((x) => `${x.uri} ${x.message}`)).toEqual(['memory:///audit.doa closest delegation: SD-MSN-PER-DMS']);
    expect(f.basis).toEqual(['A/72/773 §75', 'A/72/773 §81']);
  });

  it('reports the revocation of an ancestor: it cascades to every instrument below', async () => {
    const r = await audit(csv('T-1,2025-04-30,approve-travel,dms,100,USD,MSN,,,,', 'T-2,2025-05-01,approve-travel,hom,100,USD,MSN,,,,'), { extra: { 'travel.doa': TRAVEL } });
    // On 2025-04-30 the Director's instrument and its parent are in force; from 2025-05-01 the head of
    // mission's own delegation is withdrawn.
    expect(r.brief).toEqual([`${ID}@3: Amina Haddad performed approve-travel on 2025-05-01 under revoked authority: DA-MSN-TRV was revoked on 2025-05-01`]);
    const later = await audit(csv('T-1,2025-05-02,approve-travel,dms,100,USD,MSN,,,,'), { extra: { 'travel.doa': TRAVEL.replace('to 2025-04-30', 'to 2026-12-31') } });
    expect(later.brief).toEqual([`${ID}@2: Jean-François Dubois performed approve-travel on 2025-05-02 under revoked authority: DA-MSN-TRV was revoked on 2025-05-01`]);
    expect(later.findings.map(chainText)).toEqual(['Secretary-General → DA-MSN-TRV → SD-MSN-TRV-DMS']);
  });

  it('wins over the end of the window: a revoked instrument that has also expired is reported as revoked', async () => {
    // SD-MSN-TRV-DMS ended on 2025-04-30 and its parent was revoked on 2025-05-01.
    const r = await audit(csv('T-1,2025-05-10,approve-travel,dms,100,USD,MSN,,,,'), { extra: { 'travel.doa': TRAVEL } });
    expect(r.brief).toEqual([`${ID}@2: Jean-François Dubois performed approve-travel on 2025-05-10 under revoked authority: DA-MSN-TRV was revoked on 2025-05-01`]);
  });

  it('is the one cause reported, before the limit and the prerequisites', async () => {
    const extra = { 'travel.doa': TRAVEL.replace('to 2025-04-30', 'to 2026-12-31').replace('limit USD 20,000', 'limit USD 20,000\n  requires proc-fundamentals') };
    const r = await audit(csv('T-1,2025-06-01,approve-travel,dms,90000,EUR,MSN,,,,'), { extra });
    expect(r.brief).toEqual([`${ID}@2: Jean-François Dubois performed approve-travel on 2025-06-01 under revoked authority: DA-MSN-TRV was revoked on 2025-05-01`]);
  });

  it('is not reported when another delegation in force covers the step', async () => {
    const extra = {
      'again.doa': `sub-delegation SD-MSN-PER-DMS-2 "Personnel actions, Director of Mission Support (restored)" {
  under DA-MSN-PER
  to MSN-DMS
  authority personnel/approve-action
  valid from 2025-06-01 to 2026-12-31
  report "Personnel actions approved" to MSN-HOM every month
}
`,
    };
    const r = await audit(csv('T-1,2025-05-31,approve-personnel-action,dms,,,MSN,,,,', 'T-2,2025-06-01,approve-personnel-action,dms,,,MSN,,,,'), { extra });
    expect(r.brief).toEqual([`${ID}@2: Jean-François Dubois performed approve-personnel-action on 2025-05-31 under revoked authority: SD-MSN-PER-DMS was revoked on 2025-04-01`]);
  });
});
