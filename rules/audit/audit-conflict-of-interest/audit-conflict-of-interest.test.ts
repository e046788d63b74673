// audit-conflict-of-interest: a step by someone with a declared conflict of interest in the matter:
// an interest in the record's vendor, or (with no vendor named in the declaration) in the area of the
// authority the step exercises, or in everything. In the audit policy Achol Deng (recv) has declared
// an interest in Acacia Catering Services.
import { describe, expect, it } from 'vitest';
import { audit, chainText, csv } from '../../../test/audit/helpers.ts';

const ID = 'audit-conflict-of-interest';

describe(ID, () => {
  it("reports a step with the vendor of the actor's declared interest, including one that needs no authority", async () => {
    const r = await audit(csv('T-1,2025-06-01,receive,recv,,,MSN,,acacia-catering,,', 'T-2,2025-06-01,receive,recv,,,MSN,,savanna-supplies,,', 'T-3,2025-06-01,receive,recv,,,MSN,,,,'));
    expect(r.brief).toEqual([`${ID}@2: Achol Deng performed receive on 2025-06-01 with vendor acacia-catering despite a declared conflict of interest: Brother is a director of Acacia Catering Services`]);
    const f = r.findings[0]!;
    expect(f).toMatchObject({ messageId: 'conflict', severity: 'warning', basis: ['GA resolution 66/257 §26', 'Staff Rule 101.2(o) (disclose and recuse)'] });
    expect(f.chain).toEqual([]);
    // Receiving needs no authority: not counted among the steps that need it.
    expect(r.summary).toMatchObject({ stepsNeedingAuthority: 0, stepsProperlyAuthorised: 0 });
  });

  it('reports a step under a delegation, with its chain, and counts it as not properly authorised', async () => {
    const extra = { 'p.doa': 'person po2 "Joseph Lado" { holds MSN-PO from 2024-01-01; conflict-of-interest "Former partner" vendor savanna-supplies declared 2025-01-10 }\n' };
    const r = await audit(csv('T-1,2025-05-10,award,po2,1000,USD,MSN,,savanna-supplies,,', 'T-2,2025-05-10,award,po2,1000,USD,MSN,,acacia-catering,,'), { extra });
    expect(r.brief).toEqual([`${ID}@2: Joseph Lado performed award on 2025-05-10 with vendor savanna-supplies despite a declared conflict of interest: Former partner`]);
    expect(r.findings.map(chainText)).toEqual(['Secretary-General → DA-MSN-PUR → SD-MSN-PUR-DMS → SD-MSN-PUR-PO']);
    expect(r.summary).toMatchObject({ stepsNeedingAuthority: 2, stepsProperlyAuthorised: 1 });
  });

  it('applies an interest without a vendor to the steps of its area, and one without area or vendor to every step', async () => {
    const extra = {
      'p.doa': `person fo "Joseph Lado" {
  holds MSN-DMS from 2024-01-01
  conflict-of-interest "Spouse audits the mission's payments" area payments
}
person hr "Grace Akinyi" {
  holds MSN-FA from 2024-01-01
  conflict-of-interest "Related to a staff member of the mission"
}
`,
    };
    const r = await audit(csv('T-1,2025-05-10,certify,fo,100,USD,MSN,A-1,,,', 'T-2,2025-05-10,award,fo,100,USD,MSN,,,,', 'T-3,2025-05-10,initiate-personnel-action,hr,,,MSN,,,,'), { extra });
    expect(r.brief).toEqual([
      `${ID}@2: Joseph Lado performed certify on 2025-05-10 despite a declared conflict of interest: Spouse audits the mission's payments`,
      `${ID}@4: Grace Akinyi performed initiate-personnel-action on 2025-05-10 despite a declared conflict of interest: Related to a staff member of the mission`,
    ]);
  });

  it('counts an interest from the day it is declared', async () => {
    const extra = { 'p.doa': 'person po2 "Joseph Lado" { holds MSN-PO from 2024-01-01; conflict-of-interest "Former partner" vendor savanna-supplies declared 2025-05-10 }\n' };
    const r = await audit(csv('T-1,2025-05-09,award,po2,1000,USD,MSN,,savanna-supplies,,', 'T-2,2025-05-10,award,po2,1000,USD,MSN,,savanna-supplies,,', 'T-3,2025-05-11,award,po2,1000,USD,MSN,,savanna-supplies,,'), { extra });
    expect(r.brief.map((b) => b.split(':')[0])).toEqual([`${ID}@3`, `${ID}@4`]);
  });

  it('lists every interest that applies', async () => {
    const extra = { 'p.doa': 'person po2 "Joseph Lado" { holds MSN-PO from 2024-01-01; conflict-of-interest "Former partner" vendor savanna-supplies; conflict-of-interest "Brother-in-law is its sales director" vendor savanna-supplies }\n' };
    const r = await audit(csv('T-1,2025-05-10,award,po2,1000,USD,MSN,,savanna-supplies,,'), { extra });
    expect(r.brief).toEqual([`${ID}@2: Joseph Lado performed award on 2025-05-10 with vendor savanna-supplies despite a declared conflict of interest: Former partner, Brother-in-law is its sales director`]);
  });

  it('has the lowest priority: any other per-step cause is reported instead', async () => {
    const extra = { 'p.doa': 'person po2 "Joseph Lado" { holds MSN-PO from 2024-01-01; conflict-of-interest "Former partner" vendor savanna-supplies }\n' };
    const r = await audit(csv('T-1,2025-05-10,award,po2,150000.01,USD,MSN,,savanna-supplies,,', 'T-2,2025-05-10,certify,recv,100,USD,MSN,A-1,acacia-catering,,'), { extra });
    expect(r.brief).toEqual([
      'audit-amount-above-limit@2: Joseph Lado performed award for USD 150,000.01 on 2025-05-10, above the USD 150,000 limit of SD-MSN-PUR-PO',
      'audit-no-delegation@3: Achol Deng performed certify (payments/certify) on 2025-05-10 without any delegation of it in MSN: undelegated matters are reserved to the Secretary-General',
    ]);
  });
});
