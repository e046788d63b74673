// audit-split-purchase: awards by one person, under one cumulative authority, to one vendor, each
// within the person's limit, that add up above it within the window (30 days by default, ending on
// the step's date, both ends inclusive). The Procurement Officer's limit is USD 150,000; the Finance
// Assistant signs payments (not cumulative) up to USD 250,000.
import { describe, expect, it } from 'vitest';
import { AUDIT_POLICY, audit, csv } from '../../../test/audit/helpers.ts';

const ID = 'audit-split-purchase';

describe(ID, () => {
  it('reports the award that takes the total above the limit, with the earlier ones related', async () => {
    const r = await audit(csv('T-1,2025-06-03,award,po,90000,USD,MSN,,savanna-supplies,,', 'T-2,2025-06-10,award,po,70000,USD,MSN,,savanna-supplies,,'));
    expect(r.brief).toEqual([
      `${ID}@3: Kwame Mensah made 2 awards to savanna-supplies between 2025-06-03 and 2025-06-10 totalling USD 160,000, above the USD 150,000 limit although each is within it: possible split purchase`,
    ]);
    const f = r.findings[0]!;
    // A subject readable as text (the csv report prints it): the run's actor, vendor, authority and last day.
    expect(f).toMatchObject({ messageId: 'split', severity: 'warning', subject: { family: 'vendorWindow', id: 'po/savanna-supplies/purchasing/award/to 2025-06-10' } });
    expect(f.related.map((x) => `${x.range.start.line + 1} ${x.message}`)).toEqual(['2 award of USD 90,000 on 2025-06-03']);
    expect(f.basis).toEqual(['Procurement Manual 2.7.4 (cumulative amounts for the required delegation)', 'UNAIDS Procurement Manual (cumulative amount rule)']);
    // Each award was within the limit: both steps are properly authorised.
    expect(r.summary).toMatchObject({ stepsNeedingAuthority: 2, stepsProperlyAuthorised: 2, findingsByRule: { [ID]: 1 }, findingsByEntity: { MSN: 1 } });
  });

  it('adds up only the steps of a cumulative authority: payments in instalments are no split', async () => {
    const pays = csv('T-1,2025-06-03,pay,fa,200000,USD,MSN,A-1,savanna-supplies,,', 'T-2,2025-06-10,pay,fa,200000,USD,MSN,A-1,savanna-supplies,,');
    expect((await audit(pays)).brief).toEqual([]);
    // The same payments under a signing authority marked cumulative are added up.
    const marked = AUDIT_POLICY.replace('{ steps pay }', '{ steps pay; cumulative }');
    expect(marked).not.toBe(AUDIT_POLICY);
    const r = await audit(pays, { bare: true, extra: { 'audit.doa': marked } });
    expect(r.brief).toEqual([
      `${ID}@3: Olga Petrova made 2 awards to savanna-supplies between 2025-06-03 and 2025-06-10 totalling USD 400,000, above the USD 250,000 limit although each is within it: possible split purchase`,
    ]);
  });

  it('passes a total equal to the limit', async () => {
    const r = await audit(csv('T-1,2025-06-03,award,po,80000,USD,MSN,,savanna-supplies,,', 'T-2,2025-06-10,award,po,70000,USD,MSN,,savanna-supplies,,'));
    expect(r.brief).toEqual([]);
  });

  it('adds up the awards of a 30-day window, both ends inclusive', async () => {
    const within = await audit(csv('T-1,2025-06-01,award,po,90000,USD,MSN,,savanna-supplies,,', 'T-2,2025-06-30,award,po,70000,USD,MSN,,savanna-supplies,,'));
    expect(within.brief).toEqual([
      `${ID}@3: Kwame Mensah made 2 awards to savanna-supplies between 2025-06-01 and 2025-06-30 totalling USD 160,000, above the USD 150,000 limit although each is within it: possible split purchase`,
    ]);
    const outside = await audit(csv('T-1,2025-06-01,award,po,90000,USD,MSN,,savanna-supplies,,', 'T-2,2025-07-01,award,po,70000,USD,MSN,,savanna-supplies,,'));
    expect(outside.brief).toEqual([]);
  });

  it('takes another window with --split-window', async () => {
    const rows = csv('T-1,2025-06-01,award,po,90000,USD,MSN,,savanna-supplies,,', 'T-2,2025-06-07,award,po,70000,USD,MSN,,savanna-supplies,,', 'T-3,2025-06-30,award,po,10000,USD,MSN,,savanna-supplies,,', 'T-4,2025-07-20,award,po,145000,USD,MSN,,savanna-supplies,,');
    expect((await audit(rows, { splitWindow: 6 })).brief).toEqual([]);
    expect((await audit(rows, { splitWindow: 7 })).brief).toEqual([
      `${ID}@3: Kwame Mensah made 2 awards to savanna-supplies between 2025-06-01 and 2025-06-07 totalling USD 160,000, above the USD 150,000 limit although each is within it: possible split purchase`,
    ]);
    // 90 days: one run from 2025-06-01; the awards after the first finding are part of it.
    const long = await audit(rows, { splitWindow: 90 });
    expect(long.brief).toEqual([
      `${ID}@3: Kwame Mensah made 2 awards to savanna-supplies between 2025-06-01 and 2025-06-07 totalling USD 160,000, above the USD 150,000 limit although each is within it: possible split purchase`,
    ]);
  });

  it('reports a new run once the first award of the flagged one has left the window', async () => {
    const r = await audit(
      csv(
        'T-1,2025-06-01,award,po,90000,USD,MSN,,savanna-supplies,,',
        'T-2,2025-06-10,award,po,70000,USD,MSN,,savanna-supplies,,',
        'T-3,2025-06-20,award,po,60000,USD,MSN,,savanna-supplies,,',
        'T-4,2025-07-05,award,po,30000,USD,MSN,,savanna-supplies,,',
      ),
    );
    expect(r.brief).toEqual([
      `${ID}@3: Kwame Mensah made 2 awards to savanna-supplies between 2025-06-01 and 2025-06-10 totalling USD 160,000, above the USD 150,000 limit although each is within it: possible split purchase`,
      `${ID}@5: Kwame Mensah made 3 awards to savanna-supplies between 2025-06-10 and 2025-07-05 totalling USD 160,000, above the USD 150,000 limit although each is within it: possible split purchase`,
    ]);
  });

  it('keeps vendors, people and authorities apart', async () => {
    const r = await audit(
      csv(
        'T-1,2025-06-03,award,po,90000,USD,MSN,,savanna-supplies,,',
        'T-2,2025-06-10,award,po,70000,USD,MSN,,acacia-catering,,',
        'T-3,2025-06-10,award,cpo,70000,USD,MSN,,savanna-supplies,,',
        'T-4,2025-06-10,award,po,70000,USD,MSN,,,,',
        'T-5,2025-06-11,approve-requisition,dms,900000,USD,MSN,,savanna-supplies,,',
      ),
    );
    expect(r.brief).toEqual([]);
  });

  it('counts amendments with awards: both exercise the same authority', async () => {
    const r = await audit(csv('T-1,2025-06-03,award,po,90000,USD,MSN,,savanna-supplies,,', 'T-1,2025-06-10,amend,po,70000,USD,MSN,,savanna-supplies,,'));
    expect(r.brief).toEqual([
      `${ID}@3: Kwame Mensah made 2 awards to savanna-supplies between 2025-06-03 and 2025-06-10 totalling USD 160,000, above the USD 150,000 limit although each is within it: possible split purchase`,
    ]);
  });

  it('leaves an award above the limit to audit-amount-above-limit', async () => {
    const r = await audit(csv('T-1,2025-06-03,award,po,90000,USD,MSN,,savanna-supplies,,', 'T-2,2025-06-10,award,po,150000.01,USD,MSN,,savanna-supplies,,'));
    expect(r.brief).toEqual(['audit-amount-above-limit@3: Kwame Mensah performed award for USD 150,000.01 on 2025-06-10, above the USD 150,000 limit of SD-MSN-PUR-PO']);
  });

  it('adds amounts in other currencies converted with the rate of each date', async () => {
    // EUR 80,000 × 1.1364 = USD 90,912 on 2025-06-03; with USD 60,000 the total is USD 150,912.
    const r = await audit(csv('T-1,2025-06-03,award,po,80000,EUR,MSN,,savanna-supplies,,', 'T-2,2025-06-10,award,po,60000,USD,MSN,,savanna-supplies,,'));
    expect(r.brief).toEqual([
      `${ID}@3: Kwame Mensah made 2 awards to savanna-supplies between 2025-06-03 and 2025-06-10 totalling USD 150,912, above the USD 150,000 limit although each is within it: possible split purchase`,
    ]);
  });
});
