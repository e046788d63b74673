// audit-prerequisite-not-met: the delegation used requires a training (itself or any instrument above
// it) that the actor did not hold, valid, on the step's date. In the audit policy SD-MSN-PUR-CPO
// requires Procurement Fundamentals, which 李娜 (cpo) completed on 2021-02-01.
import { describe, expect, it } from 'vitest';
import { audit, chainText, csv } from '../../../test/audit/helpers.ts';

const ID = 'audit-prerequisite-not-met';

/** A buyer whose CIPS certification (valid 3 years) was completed on 2022-03-15, under the CPO's sub-delegation. */
const BUYER = `training cips-4 "CIPS Level 4 Diploma" { kind certification; valid-for 3 years }
post MSN-BUYER "Buyer" { entity MSN; grade P-3; functions procurement }
person buyer "Grace Akinyi" { holds MSN-BUYER from 2022-01-01; training cips-4 completed 2022-03-15 }
sub-delegation SD-MSN-PUR-BUYER "Purchasing authority, Buyer" {
  under SD-MSN-PUR-DMS
  to MSN-BUYER
  authority purchasing/award limit USD 50,000
  valid from 2022-01-01 to 2026-12-31
  requires cips-4
  report "Awards made" to MSN-CPO every month
}
`;

describe(ID, () => {
  it('reports a step before the training was completed; completed on the day counts', async () => {
    const r = await audit(csv('T-1,2021-01-31,award,cpo,100,USD,MSN,,,,', 'T-2,2021-02-01,award,cpo,100,USD,MSN,,,,'));
    expect(r.brief).toEqual([`${ID}@2: 李娜 performed award on 2021-01-31 under SD-MSN-PUR-CPO without a valid proc-fundamentals`]);
    const f = r.findings[0]!;
    expect(f).toMatchObject({ messageId: 'missing', severity: 'error', basis: ['A/75/201 §14', 'A/72/773 §74'] });
    expect(chainText(f)).toBe('Secretary-General → DA-MSN-PUR → SD-MSN-PUR-DMS → SD-MSN-PUR-CPO');
    expect(f.related.map((x) => x.message)).toEqual(['authority used: SD-MSN-PUR-CPO']);
  });

  it('reports a certification that has lapsed: valid through the last day of its period', async () => {
    const r = await audit(csv('T-1,2022-03-14,award,buyer,100,USD,MSN,,,,', 'T-2,2022-03-15,award,buyer,100,USD,MSN,,,,', 'T-3,2025-03-15,award,buyer,100,USD,MSN,,,,', 'T-4,2025-03-16,award,buyer,100,USD,MSN,,,,'), {
      extra: { 'buyer.doa': BUYER },
    });
    expect(r.brief).toEqual([
      `${ID}@2: Grace Akinyi performed award on 2022-03-14 under SD-MSN-PUR-BUYER without a valid cips-4`,
      `${ID}@5: Grace Akinyi performed award on 2025-03-16 under SD-MSN-PUR-BUYER without a valid cips-4`,
    ]);
  });

  it('applies the requirements of every instrument above the one used', async () => {
    // The buyer's sub-delegation placed under the CPO's inherits its Procurement Fundamentals.
    const r = await audit(csv('T-1,2024-06-01,award,buyer,100,USD,MSN,,,,'), { extra: { 'buyer.doa': BUYER.replace('under SD-MSN-PUR-DMS', 'under SD-MSN-PUR-CPO') } });
    expect(r.brief).toEqual([`${ID}@2: Grace Akinyi performed award on 2024-06-01 under SD-MSN-PUR-BUYER without a valid proc-fundamentals`]);
    expect(r.findings.map(chainText)).toEqual(['Secretary-General → DA-MSN-PUR → SD-MSN-PUR-DMS → SD-MSN-PUR-CPO → SD-MSN-PUR-BUYER']);
    const both = await audit(csv('T-1,2025-06-01,award,buyer,100,USD,MSN,,,,'), { extra: { 'buyer.doa': BUYER.replace('under SD-MSN-PUR-DMS', 'under SD-MSN-PUR-CPO') } });
    expect(both.brief).toEqual([`${ID}@2: Grace Akinyi performed award on 2025-06-01 under SD-MSN-PUR-BUYER without a valid proc-fundamentals, cips-4`]);
  });

  it('is reported before the currency, the limit and the committee review', async () => {
    // USD 600,000 is above the CPO's USD 500,000 and the committee threshold, with no review.
    const r = await audit(csv('T-1,2021-01-15,award,cpo,600000,USD,MSN,,,,'));
    expect(r.brief).toEqual([`${ID}@2: 李娜 performed award on 2021-01-15 under SD-MSN-PUR-CPO without a valid proc-fundamentals`]);
    const eur = await audit(csv('T-1,2021-01-15,award,cpo,100,EUR,MSN,,,,'));
    expect(eur.brief).toEqual([`${ID}@2: 李娜 performed award on 2021-01-15 under SD-MSN-PUR-CPO without a valid proc-fundamentals`]);
  });

  it('gives way to the window of the delegation: an instrument not in force requires nothing', async () => {
    // The buyer holds the post from 2022-01-01 but the instrument starts on 2022-03-01; CIPS came on 2022-03-15.
    const extra = { 'buyer.doa': BUYER.replace('valid from 2022-01-01', 'valid from 2022-03-01') };
    const r = await audit(csv('T-1,2022-02-28,award,buyer,100,USD,MSN,,,,', 'T-2,2022-03-01,award,buyer,100,USD,MSN,,,,'), { extra });
    expect(r.brief).toEqual([
      'audit-delegation-not-in-force@2: Grace Akinyi performed award on 2022-02-28, but SD-MSN-PUR-BUYER takes effect only on 2022-03-01',
      `${ID}@3: Grace Akinyi performed award on 2022-03-01 under SD-MSN-PUR-BUYER without a valid cips-4`,
    ]);
  });
});
