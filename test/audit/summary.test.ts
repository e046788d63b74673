// The audit summary: records read, checked and rejected; findings per rule and per entity; the share
// of steps properly authorised and of awards reviewed in time; the --as-of cut and --rule settings.
import { describe, expect, it } from 'vitest';
import { SUMMARY_ENTITIES, summaryText } from '../../cli/src/audit.ts';
import { audit, csv } from './helpers.ts';

/** A small mixed file: lines 2–12. */
const FILE = csv(
  'T-1,2025-05-10,requisition,fa,90000,USD,MSN,MSN/USD/Operating,,,', // no authority needed
  'T-1,2025-05-12,award,po,90000,USD,MSN,MSN/USD/Operating,savanna-supplies,,', // authorised
  'T-1,2025-05-20,receive,fa,,,MSN,,savanna-supplies,,', // segregation: requisition + receive
  'T-2,2025-05-15,award,dms,650000,USD,MSN,,acacia-catering,LCC/1,2025-05-15', // authorised, reviewed in time
  'T-3,2025-05-16,award,dms,700000,USD,MSN,,savanna-supplies,LCC/2,2025-05-17', // ex post facto
  'T-4,2025-05-17,award,dms,500000.01,USD,,,,,', // review missing, no entity
  'T-5,2025-05-18,admin-leave-decision,usg,,,CMP,,,,', // authorised
  'T-6,2025-05-19,admin-leave-decision,hom,,,MSN,,,,', // reserved
  'T-7,2025-05-32,award,po,1,USD,MSN,,,,', // rejected
  'T-8,2025-05-21,award,po,1,USD,MSN', // rejected
  'T-9,2025-07-01,certify,dms,100,USD,MSN,MSN/USD/Operating,,,', // after the as-of date when given
);

describe('audit summary', () => {
  it('counts records, findings per rule and per entity, and the two shares', async () => {
    const r = await audit(FILE);
    expect(r.brief).toEqual([
      'audit-segregation-of-duties@4: Olga Petrova performed both requisition (line 2) and receive of transaction T-1, which sod-requisition-receipt (Requisitioning and receiving) keeps apart',
      'audit-review-after-award@6: The award on 2025-05-16 was reviewed by the committee only on 2025-05-17 (LCC/2): an ex post facto case',
      'audit-committee-review-missing@7: The award of USD 500,000.01 on 2025-05-17 is above the USD 500,000 committee-review threshold, but no committee review is recorded',
      'audit-reserved-matter@9: personnel/admin-leave is reserved to CMP-USG, but Amina Haddad decided it on 2025-05-19',
      "audit-malformed-record@10: Record rejected: '2025-05-32' is not a date (YYYY-MM-DD)",
      'audit-malformed-record@11: Record rejected: expected 11 fields as in the header, found 7',
    ]);
    expect(r.summary).toEqual({
      read: 11,
      checked: 9,
      rejected: 2,
      findingsByRule: {
        'audit-segregation-of-duties': 1,
        'audit-review-after-award': 1,
        'audit-committee-review-missing': 1,
        'audit-reserved-matter': 1,
        'audit-malformed-record': 2,
      },
      // The record's entity column; rejected records and records without one under "(no entity)".
      findingsByEntity: { MSN: 3, '(no entity)': 3 },
      // award ×4, admin-leave-decision ×2, certify: the steps some authority lists.
      stepsNeedingAuthority: 7,
      // The steps with no per-step finding: T-1 award, T-2, T-5 and T-9's certify.
      stepsProperlyAuthorised: 4,
      // Above USD 500,000: T-2, T-3, T-4; reviewed on or before the award: T-2 only.
      awardsNeedingReview: 3,
      awardsReviewedInTime: 1,
    });
  });

  it('prints the summary with the shares as percentages, rules and entities by count', async () => {
    const r = await audit(FILE);
    expect(summaryText(r.summary)).toBe(
      [
        'Records: 11 read, 9 checked, 2 rejected',
        'Steps properly authorised: 4 of 7 that need authority (57.1%)',
        'Awards reviewed in time: 1 of 3 that need committee review (33.3%)',
        'Findings by rule:',
        '  audit-malformed-record             2',
        '  audit-segregation-of-duties        1',
        '  audit-review-after-award           1',
        '  audit-committee-review-missing     1',
        '  audit-reserved-matter              1',
        'Findings by entity:',
        '  MSN                                3',
        '  (no entity)                        3',
        '',
      ].join('\n'),
    );
  });

  it('says n/a for a share of nothing, and lists no rule or entity without findings', async () => {
    const r = await audit(csv('T-1,2025-05-10,requisition,fa,100,USD,MSN,,,,'));
    expect(summaryText(r.summary)).toBe(
      ['Records: 1 read, 1 checked, 0 rejected', 'Steps properly authorised: 0 of 0 that need authority (n/a)', 'Awards reviewed in time: 0 of 0 that need committee review (n/a)', ''].join('\n'),
    );
  });

  it('lists the 20 entities with the most findings and sums up the others in one line', () => {
    const summary = (entities: number) => ({
      read: 0, checked: 0, rejected: 0, findingsByRule: {},
      // E01 has 1 finding, E02 2, …: the most findings last, so the order printed is the sort's.
      findingsByEntity: Object.fromEntries(Array.from({ length: entities }, (_, i) => [`E${String(i + 1).padStart(2, '0')}`, i + 1])),
      stepsNeedingAuthority: 0, stepsProperlyAuthorised: 0, awardsNeedingReview: 0, awardsReviewedInTime: 0,
    });
    const entityLines = (text: string) => text.split('\n').slice(text.split('\n').indexOf('Findings by entity:') + 1, -1);
    expect(SUMMARY_ENTITIES).toBe(20);
    const many = entityLines(summaryText(summary(25)));
    expect(many).toHaveLength(21);
    expect(many[0]).toBe(`  ${'E25'.padEnd(34)} 25`);
    expect(many[19]).toBe(`  ${'E06'.padEnd(34)} 6`);
    // E01 to E05: 1 + 2 + 3 + 4 + 5 findings.
    expect(many[20]).toBe('  … 5 more entities with 15 findings (the JSON report lists every entity)');
    // One entity more than the limit is printed rather than summed up in a line of its own.
    const oneOver = entityLines(summaryText(summary(21)));
    expect(oneOver).toHaveLength(21);
    expect(oneOver.at(-1)).toBe(`  ${'E01'.padEnd(34)} 1`);
    expect(entityLines(summaryText(summary(20)))).toHaveLength(20);
  });

  it('rejects the records dated after --as-of, and counts them as read and rejected', async () => {
    const r = await audit(FILE, { asOf: '2025-06-30' });
    expect(r.brief.at(-1)).toBe('audit-malformed-record@12: Record rejected: dated 2025-07-01, after the as-of date 2025-06-30');
    expect(r.summary).toMatchObject({ read: 11, checked: 8, rejected: 3, stepsNeedingAuthority: 6, stepsProperlyAuthorised: 3, findingsByRule: { 'audit-malformed-record': 3 } });
    // A record dated on the as-of date is kept.
    expect((await audit(FILE, { asOf: '2025-07-01' })).summary).toMatchObject({ read: 11, checked: 9, rejected: 2 });
  });

  it('drops a rule with --rule x=off: its findings and its counts; the step then counts as authorised', async () => {
    const r = await audit(FILE, { rule: { 'audit-reserved-matter': 'off', 'audit-segregation-of-duties': 'off' } });
    // Without audit-reserved-matter the next cause of the step is reported: no delegation.
    expect(r.brief.filter((b) => !b.startsWith('audit-malformed-record'))).toEqual([
      'audit-review-after-award@6: The award on 2025-05-16 was reviewed by the committee only on 2025-05-17 (LCC/2): an ex post facto case',
      'audit-committee-review-missing@7: The award of USD 500,000.01 on 2025-05-17 is above the USD 500,000 committee-review threshold, but no committee review is recorded',
      'audit-no-delegation@9: Amina Haddad performed admin-leave-decision (personnel/admin-leave) on 2025-05-19 without any delegation of it in MSN: undelegated matters are reserved to the Secretary-General',
    ]);
    expect(r.summary.findingsByRule).toEqual({ 'audit-review-after-award': 1, 'audit-committee-review-missing': 1, 'audit-no-delegation': 1, 'audit-malformed-record': 2 });
    const off = await audit(FILE, { rule: { 'audit-review-after-award': 'off', 'audit-committee-review-missing': 'off' } });
    expect(off.summary).toMatchObject({ stepsProperlyAuthorised: 6, awardsNeedingReview: 3, awardsReviewedInTime: 1 });
  });

  it('changes the severity with --rule x=<severity>', async () => {
    const r = await audit(FILE, { rule: { 'audit-review-after-award': 'warning' } });
    expect(r.findings.filter((f) => f.ruleId === 'audit-review-after-award').map((f) => f.severity)).toEqual(['warning']);
  });
});
