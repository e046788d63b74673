// DSL `rule` declarations (language/src/check/dsl-rules.ts): each field type's operators, the
// connectives, the severity, message and basis carried into findings, and the compile errors reported
// as located `invalid-statement` findings. Everything runs through `check`, so json-rules-engine also
// confirms every finding of the compiled predicates.
import { describe, expect, it } from 'vitest';
import { BASE, checkFiles } from '../../language/src/testing/index.ts';
import type { Finding } from '../../language/src/check/types.ts';

/**
 * In force on 2025-06-30:
 * - DA-MSN-PROC to MSN-HOM (USG, MSN, line 1): award-contract USD 1,000,000; approve-requisition
 *   USD 250,000 reviewed above USD 200,000 by LCC-MSN; 2024-01-01 to 2026-12-31; one report.
 * - SD-MSN-CPO to MSN-CPO (P-5): award-contract USD 500,000; 2025-01-01 to 2025-12-31; two reports.
 * - SD-MSN-PO to po, Kwame Mensah (P-3): award-contract USD 100,000; 2025-03-01 to 2025-12-31.
 * - DA-OVS-SUP to OVS-AUD (P-4, OVS, line 3): supply/local-purchase (exclusive) EUR 50,000, from
 *   2025-01-01, open-ended.
 * Expired: DA-MSN-OLD (award-contract USD 5,000,000 in 2023), which rules on grants and instruments
 * never see.
 */
const FIXTURE = `committee LCC-MSN "Local Committee on Contracts, Test Mission" { entity MSN }
area supply "Supply chain" {
  authority local-purchase "Local purchase" { exclusive }
}
duty certifying-officer "Certifying officer" { area finance }
person fa2 "Ngozi Okonkwo" { holds MSN-FA from 2023-01-01; duty certifying-officer for account "MSN-2025-OPS" }
delegation DA-MSN-PROC "Procurement authority, Test Mission" {
  to MSN-HOM
  area procurement
  authority procurement/award-contract limit USD 1,000,000
  authority procurement/approve-requisition limit USD 250,000 committee-review above USD 200,000 by LCC-MSN
  valid from 2024-01-01 to 2026-12-31
  may-sub-delegate
  report "Use of procurement authority" to UNHQ every quarter
}
sub-delegation SD-MSN-CPO "Chief Procurement Officer" {
  under DA-MSN-PROC
  to MSN-CPO
  authority procurement/award-contract limit USD 500,000
  valid from 2025-01-01 to 2025-12-31
  may-sub-delegate
  report "Awards made" to MSN-HOM every month
  report "Exceptions to formal solicitation" to MSN-HOM every quarter
}
sub-delegation SD-MSN-PO "Procurement Officer" {
  under SD-MSN-CPO
  to po
  authority procurement/award-contract limit USD 100,000
  valid from 2025-03-01 to 2025-12-31
  report "Awards made" to MSN-CPO every month
}
delegation DA-OVS-SUP "Supply chain authority, Office of Oversight" {
  to OVS-AUD
  area supply
  authority supply/local-purchase limit EUR 50,000
  valid from 2025-01-01
  report "Local purchases" to UNHQ every quarter
}
delegation DA-MSN-OLD "Procurement authority, Test Mission (2023)" {
  to MSN-HOM
  area procurement
  authority procurement/award-contract limit USD 5,000,000
  valid from 2023-01-01 to 2023-12-31
  report "Use of procurement authority" to UNHQ every quarter
}
`;

const AWARD = 'DA-MSN-PROC/procurement/award-contract';
const REQUISITION = 'DA-MSN-PROC/procurement/approve-requisition';
const CPO = 'SD-MSN-CPO/procurement/award-contract';
const PO = 'SD-MSN-PO/procurement/award-contract';
const SUPPLY = 'DA-OVS-SUP/supply/local-purchase';

async function run(rule: string): Promise<Finding[]> {
  return checkFiles({ 'base.doa': BASE, 'fixture.doa': FIXTURE, 'rule.doa': rule });
}

/** The subjects a rule `R` with this condition fires on; it must compile. */
async function fires(subject: string, when: string): Promise<string[]> {
  const findings = await run(`rule R "Test rule" {\n  applies-to ${subject}\n  when ${when}\n}\n`);
  expect(findings.filter((f) => f.uri === 'memory:///rule.doa').map((f) => f.message)).toEqual([]);
  return findings
    .filter((f) => f.ruleId === 'R')
    .map((f) => f.subject.id)
    .sort();
}

const sorted = (ids: string[]) => [...ids].sort();

/** The compile errors of a rule whose `when` (on line 3) does not compile, as `line:column message`. */
async function invalid(subject: string, when: string): Promise<string[]> {
  const findings = await run(`rule R "Test rule" {\n  applies-to ${subject}\n  when ${when}\n}\n`);
  expect(findings.filter((f) => f.ruleId === 'R')).toEqual([]);
  return findings
    .filter((f) => f.uri === 'memory:///rule.doa')
    .map((f) => {
      expect([f.ruleId, f.messageId, f.severity]).toEqual(['invalid-statement', 'invalid', 'error']);
      return `${f.range.start.line + 1}:${f.range.start.character + 1} ${f.message}`;
    });
}

describe('DSL rules', () => {
  it('fires a grant rule with its message placeholders filled, at the authority', async () => {
    const findings = await run(`rule LCC-REVIEW "Large awards need committee review" {
  applies-to grant
  when authority = procurement/award-contract and limit > USD 500,000 and committee-review is missing
  severity error
  message "{instrument} lets {delegate} ({delegate.grade}) award contracts up to {limit} in {entity} with no review above {committee-review}"
  basis "Financial Rule 105.13(c)", "Procurement Manual ch. 9"
}
`);
    const mine = findings.filter((f) => f.ruleId === 'LCC-REVIEW');
    expect(mine.map((f) => `${f.uri.replace('memory:///', '')}:${f.range.start.line + 1}:${f.range.start.character + 1} ${f.message}`)).toEqual([
      'fixture.doa:10:13 DA-MSN-PROC lets MSN-HOM (USG) award contracts up to USD 1,000,000 in MSN with no review above no threshold',
    ]);
    const [f] = mine;
    expect(f!.messageId).toBe('custom');
    expect(f!.severity).toBe('error');
    expect(f!.basis).toEqual(['Financial Rule 105.13(c)', 'Procurement Manual ch. 9']);
    expect(f!.subject).toEqual({ family: 'grant', id: AWARD });
    expect(f!.data['limit']).toEqual({ amount: '1000000', currency: 'USD' });
    expect(f!.chain.map((c) => c.name)).toEqual(['SG', 'DA-MSN-PROC']);
    expect(f!.explanation?.map((s) => s.result)).toEqual([true, true, true, true]);
  });

  it('says what a field with no value means, not "none": no limit, open-ended, not revoked', async () => {
    const unlimited = 'delegation DA-MSN-UNL "Unlimited purchases" {\n  to MSN-HOM\n  area supply\n  authority supply/local-purchase\n  valid from 2025-01-01\n  report "Purchases" to UNHQ every quarter\n}\n';
    const grants = await checkFiles({ 'base.doa': BASE, 'fixture.doa': FIXTURE, 'unlimited.doa': unlimited, 'rule.doa': 'rule OPEN { applies-to grant; when limit is missing; message "{instrument} purchases up to {limit}, reviewed above {committee-review}" }\n' });
    expect(grants.filter((f) => f.ruleId === 'OPEN').map((f) => f.message)).toEqual(['DA-MSN-UNL purchases up to no limit, reviewed above no threshold']);
    const instruments = await run('rule LONG { applies-to instrument; when valid-to is missing and revoked is missing and parent is missing; message "{name}: {valid-from} to {valid-to}, {revoked}, under {parent}; needs {requires}" }\n');
    const messages = instruments.filter((f) => f.ruleId === 'LONG').map((f) => f.message);
    expect(messages.length).toBeGreaterThan(0);
    for (const m of messages) expect(m).toMatch(/^\S+: \d{4}-\d{2}-\d{2} to open-ended, not revoked, under no parent; needs /);
  });

  it('warns of a message placeholder that names no field, and still runs the rule', async () => {
    const findings = await run(`rule BIG "Big awards" {
  applies-to grant
  when authority = procurement/award-contract and limit > USD 500,000
  message "{instrument} above {limt} ({nosuch})"
}
`);
    const mine = findings.filter((f) => f.uri.endsWith('rule.doa'));
    expect(mine.map((f) => `${f.ruleId} ${f.severity} ${f.range.start.line + 1}:${f.range.start.character + 1} ${f.message}`)).toEqual([
      "invalid-statement warning 4:11 The message has no field 'limt' to put in {limt} for rules that apply to grant; did you mean '{limit}'?",
      expect.stringMatching(/^invalid-statement warning 4:11 The message has no field 'nosuch' to put in \{nosuch\} for rules that apply to grant; fields: instrument, kind, authority, /),
    ]);
    expect(findings.filter((f) => f.ruleId === 'BIG').map((f) => f.message)).toContain('DA-MSN-PROC above {limt} ({nosuch})');
  });

  it('defaults to a warning with the title as message, and no basis', async () => {
    const findings = await run('rule BIG "Awards above one million" { applies-to grant; when limit >= USD 1,000,000 }\n');
    expect(findings.filter((f) => f.ruleId === 'BIG').map((f) => [f.subject.id, f.severity, f.message, f.basis])).toEqual([
      [AWARD, 'warning', 'Awards above one million', []],
    ]);
    const untitled = await run('rule BIG { applies-to grant; when limit >= USD 1,000,000; severity info }\n');
    expect(untitled.filter((f) => f.ruleId === 'BIG').map((f) => [f.severity, f.message])).toEqual([['info', 'Rule BIG applies']]);
  });

  it('looks at grants and instruments in force only', async () => {
    // DA-MSN-OLD (USD 5,000,000, expired in 2023) is never reported.
    expect(await fires('grant', 'limit > USD 1,000,000')).toEqual(sorted([]));
    expect(await fires('instrument', 'name = DA-MSN-OLD')).toEqual(sorted([]));
  });

  describe('money fields', () => {
    it('compare exact amounts with >, >=, <, <=, = and !=', async () => {
      expect(await fires('grant', 'limit > USD 500,000')).toEqual(sorted([AWARD]));
      expect(await fires('grant', 'limit >= USD 500,000')).toEqual(sorted([AWARD, CPO]));
      expect(await fires('grant', 'limit < USD 250,000')).toEqual(sorted([PO]));
      expect(await fires('grant', 'limit <= USD 250,000')).toEqual(sorted([REQUISITION, PO]));
      expect(await fires('grant', 'limit = USD 500000.00')).toEqual(sorted([CPO]));
      expect(await fires('grant', 'limit = 500_000 USD')).toEqual(sorted([CPO]));
      expect(await fires('grant', 'limit != USD 500,000')).toEqual(sorted([AWARD, REQUISITION, PO, SUPPLY]));
      expect(await fires('grant', 'committee-review <= USD 200,000')).toEqual(sorted([REQUISITION]));
    });

    it('never compare amounts in different currencies', async () => {
      expect(await fires('grant', 'limit < EUR 1,000,000')).toEqual(sorted([SUPPLY]));
      expect(await fires('grant', 'limit > USD 1')).toEqual(sorted([AWARD, REQUISITION, CPO, PO]));
      expect(await fires('grant', 'limit < USD 1,000,000,000')).toEqual(sorted([AWARD, REQUISITION, CPO, PO]));
    });
  });

  it('compare dates with >, >=, <, <=, = and != (inclusive bounds are the operator’s)', async () => {
    expect(await fires('instrument', 'valid-from < 2025-01-01')).toEqual(sorted(['DA-MSN-PROC']));
    expect(await fires('instrument', 'valid-from <= 2025-01-01')).toEqual(sorted(['DA-MSN-PROC', 'DA-OVS-SUP', 'SD-MSN-CPO']));
    expect(await fires('instrument', 'valid-from > 2025-01-01')).toEqual(sorted(['SD-MSN-PO']));
    expect(await fires('instrument', 'valid-from >= 2025-01-01')).toEqual(sorted(['DA-OVS-SUP', 'SD-MSN-CPO', 'SD-MSN-PO']));
    expect(await fires('instrument', 'valid-from = 2025-03-01')).toEqual(sorted(['SD-MSN-PO']));
    expect(await fires('instrument', 'valid-from != 2025-01-01')).toEqual(sorted(['DA-MSN-PROC', 'SD-MSN-PO']));
    // An open-ended instrument has no valid-to: no date comparison holds for it.
    expect(await fires('instrument', 'valid-to <= 2026-12-31')).toEqual(sorted(['DA-MSN-PROC', 'SD-MSN-CPO', 'SD-MSN-PO']));
    expect(await fires('instrument', 'valid-to is missing')).toEqual(sorted(['DA-OVS-SUP']));
  });

  it('compare grades in seniority order, and test them with in / not in', async () => {
    expect(await fires('grant', 'delegate.grade < P-4')).toEqual(sorted([PO]));
    expect(await fires('grant', 'delegate.grade <= P-4')).toEqual(sorted([PO, SUPPLY]));
    expect(await fires('grant', 'delegate.grade > P-5')).toEqual(sorted([AWARD, REQUISITION]));
    expect(await fires('grant', 'delegate.grade >= P-5')).toEqual(sorted([AWARD, REQUISITION, CPO]));
    expect(await fires('grant', 'delegate.grade = P-5')).toEqual(sorted([CPO]));
    expect(await fires('grant', 'delegate.grade != USG')).toEqual(sorted([CPO, PO, SUPPLY]));
    expect(await fires('grant', 'delegate.grade in [P-3, P-4]')).toEqual(sorted([PO, SUPPLY]));
    expect(await fires('grant', 'delegate.grade not in [P-3, P-4, USG]')).toEqual(sorted([CPO]));
    expect(await fires('holding', 'person.grade < P-5')).toEqual(sorted(['DA-OVS-SUP/aud', 'SD-MSN-PO/po']));
  });

  it('compare numbers with >, >=, <, <=, = and !=', async () => {
    expect(await fires('grant', 'depth > 1')).toEqual(sorted([CPO, PO]));
    expect(await fires('grant', 'depth >= 3')).toEqual(sorted([PO]));
    expect(await fires('grant', 'depth < 2')).toEqual(sorted([AWARD, REQUISITION, SUPPLY]));
    expect(await fires('grant', 'depth <= 2')).toEqual(sorted([AWARD, REQUISITION, CPO, SUPPLY]));
    expect(await fires('grant', 'delegate.line = 3')).toEqual(sorted([SUPPLY]));
    expect(await fires('grant', 'delegate.line != 1')).toEqual(sorted([SUPPLY]));
    expect(await fires('instrument', 'reports = 2')).toEqual(sorted(['SD-MSN-CPO']));
    expect(await fires('person', 'line = 3')).toEqual(sorted(['aud']));
  });

  it('compare names with = and != and test them with in / not in', async () => {
    expect(await fires('grant', 'authority = supply/local-purchase')).toEqual(sorted([SUPPLY]));
    expect(await fires('grant', 'authority != procurement/award-contract')).toEqual(sorted([REQUISITION, SUPPLY]));
    expect(await fires('grant', 'entity in [OVS]')).toEqual(sorted([SUPPLY]));
    expect(await fires('grant', 'entity in [MSN, OVS]')).toEqual(sorted([AWARD, REQUISITION, CPO, PO, SUPPLY]));
    expect(await fires('grant', 'kind not in [delegation]')).toEqual(sorted([CPO, PO]));
    expect(await fires('grant', 'delegate = po')).toEqual(sorted([PO]));
    expect(await fires('grant', 'delegate.kind = person')).toEqual(sorted([PO]));
    expect(await fires('grant', 'review-committee = LCC-MSN')).toEqual(sorted([REQUISITION]));
    expect(await fires('instrument', 'parent = SD-MSN-CPO')).toEqual(sorted(['SD-MSN-PO']));
  });

  it('test lists with contains', async () => {
    expect(await fires('grant', 'delegate.functions contains procurement')).toEqual(sorted([CPO, PO]));
    expect(await fires('grant', 'delegate.functions contains head-of-entity')).toEqual(sorted([AWARD, REQUISITION]));
    expect(await fires('grant', 'delegate.posts contains MSN-PO')).toEqual(sorted([PO]));
    expect(await fires('instrument', 'authorities contains procurement/approve-requisition')).toEqual(sorted(['DA-MSN-PROC']));
    expect(await fires('holding', 'person.trainings contains proc-fundamentals')).toEqual(sorted(['SD-MSN-CPO/cpo']));
    expect(await fires('person', 'duties contains certifying-officer')).toEqual(sorted(['fa2']));
    expect(await fires('person', 'functions contains oversight')).toEqual(sorted(['aud']));
  });

  it('compare booleans with = and !=', async () => {
    expect(await fires('grant', 'exclusive = true')).toEqual(sorted([SUPPLY]));
    expect(await fires('grant', 'exclusive != true')).toEqual(sorted([AWARD, REQUISITION, CPO, PO]));
    expect(await fires('instrument', 'may-sub-delegate = false')).toEqual(sorted(['DA-OVS-SUP', 'SD-MSN-PO']));
  });

  it('combine conditions with not, or, and and parentheses; and binds tighter than or', async () => {
    expect(await fires('grant', 'not kind = delegation')).toEqual(sorted([CPO, PO]));
    expect(await fires('grant', 'not (kind = delegation or delegate.grade = P-3)')).toEqual(sorted([CPO]));
    expect(await fires('grant', 'entity = OVS or depth > 2')).toEqual(sorted([PO, SUPPLY]));
    // Without parentheses: entity = OVS or (depth > 1 and limit < USD 200,000).
    expect(await fires('grant', 'entity = OVS or depth > 1 and limit < USD 200,000')).toEqual(sorted([PO, SUPPLY]));
    expect(await fires('grant', '(entity = OVS or depth > 1) and limit < USD 200,000')).toEqual(sorted([PO]));
    expect(await fires('grant', 'not (entity = OVS) and not (depth > 1)')).toEqual(sorted([AWARD, REQUISITION]));
  });

  it('test presence with is present and is missing', async () => {
    expect(await fires('grant', 'committee-review is present')).toEqual(sorted([REQUISITION]));
    expect(await fires('grant', 'committee-review is missing and limit is present')).toEqual(sorted([AWARD, CPO, PO, SUPPLY]));
    expect(await fires('instrument', 'parent is missing')).toEqual(sorted(['DA-MSN-PROC', 'DA-OVS-SUP']));
  });

  describe('compile errors are located invalid-statement findings', () => {
    it('an unknown field, with the closest field or the list of fields', async () => {
      expect(await invalid('grant', 'limt > USD 5')).toEqual(["3:8 Unknown field 'limt' for rules that apply to grant; did you mean 'limit'?"]);
      expect(await invalid('grant', 'authority = procurement/award-contract and comittee-review is missing')).toEqual([
        "3:51 Unknown field 'comittee-review' for rules that apply to grant; did you mean 'committee-review'?",
      ]);
      const [listed] = await invalid('person', 'salary > 5');
      expect(listed).toBe("3:8 Unknown field 'salary' for rules that apply to person; fields: name, grade, posts, functions, entity, line, trainings, duties");
    });

    it('an operator the field’s type does not have', async () => {
      expect(await invalid('grant', 'area > procurement')).toEqual(["3:8 '>' cannot be used with 'area' (a name)"]);
      expect(await invalid('grant', 'exclusive > false')).toEqual(["3:8 '>' cannot be used with 'exclusive' (a bool)"]);
      expect(await invalid('grant', 'limit contains USD 5')).toEqual(["3:8 'contains' cannot be used with 'limit' (a money)"]);
      expect(await invalid('grant', 'area contains procurement')).toEqual(["3:8 'contains' cannot be used with 'area' (a name)"]);
      expect(await invalid('grant', 'delegate.functions = procurement')).toEqual(["3:8 '=' cannot be used with 'delegate.functions' (a list)"]);
      expect(await invalid('grant', 'delegate.functions in [procurement]')).toEqual(["3:8 'delegate.functions' is a list: use 'contains'"]);
      expect(await invalid('grant', 'area in procurement')).toEqual(["3:8 'in' needs a list such as [a, b]"]);
    });

    it('a literal of the wrong type, at the literal when it is one value', async () => {
      expect(await invalid('grant', 'limit > 500000')).toEqual(['3:8 Expected an amount such as USD 500,000']);
      expect(await invalid('grant', 'limit > XYZ 5')).toEqual(['3:8 Expected an amount such as USD 500,000']);
      expect(await invalid('instrument', 'valid-to < 2025-13-01')).toEqual(["3:19 Expected a date (YYYY-MM-DD), found '2025-13-01'"]);
      expect(await invalid('instrument', 'valid-to < soon')).toEqual(["3:19 Expected a date (YYYY-MM-DD), found 'soon'"]);
      expect(await invalid('grant', 'delegate.grade >= P-9')).toEqual(["3:26 'P-9' is not a grade"]);
      expect(await invalid('grant', 'delegate.grade in [P-4, P9]')).toEqual(["3:32 'P9' is not a grade"]);
      expect(await invalid('grant', 'depth > two')).toEqual(["3:16 Expected a number, found 'two'"]);
      expect(await invalid('grant', 'exclusive = yes')).toEqual(["3:20 Expected 'true' or 'false'"]);
      expect(await invalid('grant', 'area = [procurement, finance]')).toEqual(['3:15 Expected a single value, not a list']);
    });

    it('only the rule that does not compile is dropped', async () => {
      const findings = await run(`rule BAD "Broken" { applies-to grant; when limt > USD 5 }
rule GOOD "Supply chain grants" { applies-to grant; when area = supply }
`);
      expect(findings.filter((f) => f.uri === 'memory:///rule.doa').map((f) => `${f.ruleId} ${f.range.start.line + 1}:${f.range.start.character + 1}`)).toEqual([
        'invalid-statement 1:44',
      ]);
      expect(findings.filter((f) => f.ruleId === 'GOOD').map((f) => f.subject.id)).toEqual([SUPPLY]);
      expect(findings.some((f) => f.ruleId === 'BAD')).toBe(false);
    });
  });
});
