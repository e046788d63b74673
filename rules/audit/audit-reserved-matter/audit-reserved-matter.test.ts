// audit-reserved-matter: a matter the catalogue reserves to one post (`reserved-to`), decided by
// someone who does not hold that post on the date. In the audit policy administrative leave without
// pay (step admin-leave-decision) is reserved to CMP-USG, held by Sofía Ramírez since 2021-05-01.
import { describe, expect, it } from 'vitest';
import { audit, chainText, csv } from '../../../test/audit/helpers.ts';

const ID = 'audit-reserved-matter';

describe(ID, () => {
  it('reports the decision of someone other than the designated post, and passes the designated one', async () => {
    const r = await audit(csv('T-1,2025-05-10,admin-leave-decision,hom,,,MSN,,,,', 'T-2,2025-05-10,admin-leave-decision,usg,,,CMP,,,,'));
    expect(r.brief).toEqual([`${ID}@2: personnel/admin-leave is reserved to CMP-USG, but Amina Haddad decided it on 2025-05-10`]);
    const f = r.findings[0]!;
    expect(f).toMatchObject({ messageId: 'reserved', severity: 'error', basis: ['A/75/201 §35'] });
    // Amina Haddad holds no delegation of it: nothing to show as the chain.
    expect(f.chain).toEqual([]);
    expect(r.summary).toMatchObject({ stepsNeedingAuthority: 2, stepsProperlyAuthorised: 1 });
  });

  it('is more specific than the missing delegation, and is reported instead of it', async () => {
    const r = await audit(csv('T-1,2025-05-10,admin-leave-decision,fa,,,,,,,'));
    expect(r.brief).toEqual([`${ID}@2: personnel/admin-leave is reserved to CMP-USG, but Olga Petrova decided it on 2025-05-10`]);
  });

  it('follows who holds the post on the date, both ends inclusive', async () => {
    const extra = { 'former.doa': 'person former "Henrik Larsen" { holds CMP-USG from 2019-01-01 to 2021-04-30 }\n' };
    const r = await audit(csv('T-1,2021-04-30,admin-leave-decision,former,,,CMP,,,,', 'T-2,2021-05-01,admin-leave-decision,former,,,CMP,,,,', 'T-3,2021-04-30,admin-leave-decision,usg,,,CMP,,,,'), { extra });
    expect(r.brief).toEqual([
      `${ID}@3: personnel/admin-leave is reserved to CMP-USG, but Henrik Larsen decided it on 2021-05-01`,
      `${ID}@4: personnel/admin-leave is reserved to CMP-USG, but Sofía Ramírez decided it on 2021-04-30`,
    ]);
  });

  it('is reported even when a delegation, wrongly, covers the actor; with its chain', async () => {
    const extra = {
      'wrong.doa': `delegation DA-MSN-LEAVE "Administrative leave, Test Mission" {
  to MSN-HOM
  area personnel
  authority personnel/admin-leave
  valid from 2020-01-01
  report "Staff placed on leave" to UNHQ every quarter
}
`,
    };
    const r = await audit(csv('T-1,2025-05-10,admin-leave-decision,hom,,,MSN,,,,'), { extra });
    expect(r.brief).toEqual([`${ID}@2: personnel/admin-leave is reserved to CMP-USG, but Amina Haddad decided it on 2025-05-10`]);
    expect(r.findings.map(chainText)).toEqual(['Secretary-General → DA-MSN-LEAVE']);
  });

  it('lets the holder of the root post decide it: delegating does not divest', async () => {
    const extra = { 'sg.doa': 'person sg "Ana Lucía Fernández" { holds SG from 2022-01-01 }\n' };
    const r = await audit(csv('T-1,2025-05-10,admin-leave-decision,sg,,,,,,,'), { extra });
    expect(r.brief).toEqual([]);
  });

  it('leaves an unknown actor to audit-no-delegation, and a revoked designated holder to audit-revoked-authority', async () => {
    const unknown = await audit(csv('T-1,2025-05-10,admin-leave-decision,nobody,,,,,,,'));
    expect(unknown.brief).toEqual(['audit-no-delegation@2: nobody performed admin-leave-decision (personnel/admin-leave) on 2025-05-10 but is not a person declared in the policy']);
    // A policy of its own (without the audit policy): the reserved authority's only delegation is revoked.
    const extra = {
      'leave.doa': `post CMP-USG "Under-Secretary-General for Compliance" { entity UNHQ; grade USG }
person usg "Sofía Ramírez" { holds CMP-USG from 2021-05-01 }
area personnel "Personnel" {
  authority admin-leave "Administrative leave without pay" { steps admin-leave-decision; reserved-to CMP-USG }
}
delegation DA-CMP-LEAVE "Administrative leave without pay (reserved)" {
  to CMP-USG
  authority personnel/admin-leave
  valid from 2019-01-01
  report "Staff placed on leave" to SG every quarter
  revoked 2025-01-01 because wilful-breach
}
`,
    };
    const r = await audit(csv('T-1,2024-12-31,admin-leave-decision,usg,,,,,,,', 'T-2,2025-01-01,admin-leave-decision,usg,,,,,,,'), { extra, bare: true });
    expect(r.brief).toEqual(['audit-revoked-authority@3: Sofía Ramírez performed admin-leave-decision on 2025-01-01 under revoked authority: DA-CMP-LEAVE was revoked on 2025-01-01']);
  });
});
