// audit-currency-without-rate: the amount is in another currency than the limit of the delegation
// used, and no rate converts it on the step's date. The audit policy has one rate, EUR → USD 1.1364
// from 2025-06-01; a configuration's rates file adds to the policy's rates.
import { describe, expect, it } from 'vitest';
import { audit, chainText, csv } from '../../../test/audit/helpers.ts';

const ID = 'audit-currency-without-rate';

describe(ID, () => {
  it('reports an amount with no rate on its date; a rate applies from its own date', async () => {
    const r = await audit(csv('T-1,2025-05-31,award,po,100,EUR,MSN,,,,', 'T-2,2025-06-01,award,po,100,EUR,MSN,,,,'));
    expect(r.brief).toEqual([`${ID}@2: EUR 100 on 2025-05-31 cannot be compared with the USD 150,000 limit of SD-MSN-PUR-PO: no exchange rate for that date`]);
    const f = r.findings[0]!;
    expect(f).toMatchObject({ messageId: 'noRate', severity: 'warning', basis: ['UN operational rates of exchange'] });
    expect(chainText(f)).toBe('Secretary-General → DA-MSN-PUR → SD-MSN-PUR-DMS → SD-MSN-PUR-PO');
    // The step is not counted as properly authorised: it could not be judged.
    expect(r.summary).toMatchObject({ stepsNeedingAuthority: 2, stepsProperlyAuthorised: 1 });
  });

  it('reports a currency for which no rate exists at all', async () => {
    const r = await audit(csv('T-1,2025-06-10,award,po,100,KES,MSN,,,,'));
    expect(r.brief).toEqual([`${ID}@2: KES 100 on 2025-06-10 cannot be compared with the USD 150,000 limit of SD-MSN-PUR-PO: no exchange rate for that date`]);
  });

  it('takes rates from a rates file (configuration `rates`) as well as from the policy', async () => {
    // As config.ts reads the rates file row `EUR,USD,1.1287,2025-05-01` (from,to,rate,date).
    const at = { start: { line: 1, character: 0, offset: 0 }, end: { line: 1, character: 0, offset: 0 } };
    const rates = [{ from: 'EUR', to: 'USD', rate: '1.1287', validFrom: { value: '2025-05-01', range: at }, range: at, uri: 'file:///rates.csv' }];
    const r = await audit(csv('T-1,2025-04-30,award,po,100,EUR,MSN,,,,', 'T-2,2025-05-31,award,po,100,EUR,MSN,,,,'), { extras: { rates } });
    expect(r.brief).toEqual([`${ID}@2: EUR 100 on 2025-04-30 cannot be compared with the USD 150,000 limit of SD-MSN-PUR-PO: no exchange rate for that date`]);
  });

  it('converts with the rate in force, so the limit is then judged in its own currency', async () => {
    // 150,000 / 1.1364 = 131,995.776…: EUR 131,995.77 is USD 149,999.99; EUR 131,995.78 is USD 150,000.004.
    const r = await audit(csv('T-1,2025-06-10,award,po,131995.77,EUR,MSN,,,,', 'T-2,2025-06-10,award,po,131995.78,EUR,MSN,,,,'));
    expect(r.brief).toEqual(['audit-amount-above-limit@3: Kwame Mensah performed award for EUR 131,995.78 on 2025-06-10, above the USD 150,000 limit of SD-MSN-PUR-PO']);
  });

  it('uses a rate quoted the other way round', async () => {
    const extra = { 'rates.doa': 'rates "Kenya shilling" { rate USD KES 129.2 from 2025-01-01 }\n' };
    // KES 19,380,000 / 129.2 = USD 150,000 exactly: equal to the limit passes.
    const r = await audit(csv('T-1,2025-06-10,award,po,19380000,KES,MSN,,,,', 'T-2,2025-06-10,award,po,19380001,KES,MSN,,,,'), { extra });
    expect(r.brief).toEqual(['audit-amount-above-limit@3: Kwame Mensah performed award for KES 19,380,001 on 2025-06-10, above the USD 150,000 limit of SD-MSN-PUR-PO']);
  });

  it('takes, of a rate each way, the later one; on the same date the direct one', async () => {
    // EUR → USD 1.1364 from 2025-06-01 (the audit policy), then USD → EUR 0.5 from 2025-06-10: from
    // that day EUR 100,000 is USD 200,000, above the Procurement Officer's USD 150,000 limit.
    const extra = { 'rates.doa': 'rates "Newer, quoted per dollar" { rate USD EUR 0.5 from 2025-06-10 }\n' };
    const r = await audit(csv('T-1,2025-06-09,award,po,100000,EUR,MSN,,,,', 'T-2,2025-06-15,award,po,100000,EUR,MSN,,,,'), { extra });
    expect(r.brief).toEqual(['audit-amount-above-limit@3: Kwame Mensah performed award for EUR 100,000 on 2025-06-15, above the USD 150,000 limit of SD-MSN-PUR-PO']);
    // An inverse rate of the same date as the direct one does not replace it: EUR 100,000 stays USD 113,640.
    const same = { 'rates.doa': 'rates "Same day, quoted per dollar" { rate USD EUR 0.5 from 2025-06-01 }\n' };
    expect((await audit(csv('T-1,2025-06-15,award,po,100000,EUR,MSN,,,,'), { extra: same })).brief).toEqual([]);
  });

  it('has nothing to compare under an unlimited grant', async () => {
    // The head of mission certifies without a limit (DA-MSN-PAY).
    const r = await audit(csv('T-1,2025-05-10,certify,hom,100,EUR,MSN,,,,'));
    expect(r.brief).toEqual([]);
  });

  it('is reported before the limit and the committee review, after the prerequisites', async () => {
    // EUR 900,000 might be above the Director's USD 1,000,000 limit and is above the committee threshold.
    const r = await audit(csv('T-1,2025-05-10,award,dms,900000,EUR,MSN,,,,'));
    expect(r.brief).toEqual([`${ID}@2: EUR 900,000 on 2025-05-10 cannot be compared with the USD 1,000,000 limit of SD-MSN-PUR-DMS: no exchange rate for that date`]);
    const early = await audit(csv('T-1,2021-01-15,award,cpo,100,EUR,MSN,,,,'));
    expect(early.brief.map((b) => b.split('@')[0])).toEqual(['audit-prerequisite-not-met']);
  });
});
