// Suppression comments end to end through the CLI: next-line and file-level forms, `until` (live
// and expired), a suppression without a reason (itself a finding, and not honoured), unused
// suppressions, and how each format records suppressed findings (SARIF suppressions[].justification).
import { beforeAll, describe, expect, it } from 'vitest';
import { AS_OF, MULTITOOL, SarifBatch, copySamples, doa, junitProblems, runMultitool, tempDir, writeFiles, type JsonReport, type SarifLog } from './helpers.ts';

const POLICY = [
  /* 1 */ '// doa-disable expired-instrument -- renewal memo 2025/7 covers every instrument in this file',
  /* 2 */ '// doa-disable-next-line missing-reporting-duty -- reporting set by memo 2025/14',
  /* 3 */ 'delegation D1 "Procurement 1" {',
  /* 4 */ '  to MSN-HOM',
  /* 5 */ '  area procurement',
  /* 6 */ '  authority procurement/award-contract limit USD 1,000',
  /* 7 */ '  valid from 2024-01-01 to 2025-01-31',
  /* 8 */ '}',
  /* 9 */ '// doa-disable-next-line missing-reporting-duty until 2025-03-31 -- renewal in signature',
  /* 10 */ 'delegation D2 "Procurement 2" {',
  /* 11 */ '  to MSN-DMS',
  /* 12 */ '  area procurement',
  /* 13 */ '  authority procurement/approve-requisition limit USD 1,000',
  /* 14 */ '  valid from 2024-01-01 to 2026-12-31',
  /* 15 */ '}',
  /* 16 */ '// doa-disable-next-line missing-reporting-duty until 2025-12-31 -- renewal in signature',
  /* 17 */ 'delegation D3 "Procurement 3" {',
  /* 18 */ '  to MSN-CPO',
  /* 19 */ '  area procurement',
  /* 20 */ '  authority procurement/approve-requisition limit USD 1,000',
  /* 21 */ '  valid from 2024-01-01 to 2026-12-31',
  /* 22 */ '}',
  /* 23 */ '// doa-disable-next-line missing-reporting-duty',
  /* 24 */ 'delegation D4 "Procurement 4" {',
  /* 25 */ '  to MSN-PO',
  /* 26 */ '  area procurement',
  /* 27 */ '  authority procurement/approve-requisition limit USD 1,000',
  /* 28 */ '  valid from 2024-01-01 to 2026-12-31',
  /* 29 */ '}',
  /* 30 */ '// doa-disable-next-line conflict-of-interest -- nothing to silence here',
  /* 31 */ 'post MSN-X "Extra" { entity MSN; grade P-3; functions procurement }',
  /* 32 */ '// doa-disable-next-line no-such-rule -- typo',
  /* 33 */ 'post MSN-W "Extra 2" { entity MSN; grade P-3; functions procurement }',
  '',
].join('\n');

const sarifs = new SarifBatch();
let dir: string;
const check = (...args: string[]) => doa(['check', '.', '--as-of', AS_OF, ...args], { cwd: dir });
const json = (...args: string[]) => JSON.parse(check('--format', 'json', ...args).stdout) as JsonReport;
const at = (f: { file: string; ruleId: string; range: { start: { line: number } } }) => `${f.file}:${f.range.start.line + 1} ${f.ruleId}`;

/**
 * The policy delegates from the root straight to officials, to have instruments to suppress findings
 * on: delegation-to-non-head, which that would trigger, is not what these tests are about.
 */
const CONFIG = JSON.stringify({ rules: { 'delegation-to-non-head': 'off' } });

beforeAll(() => {
  dir = tempDir();
  copySamples(dir, ['_shared']);
  writeFiles(dir, { 'policy.doa': POLICY, 'doa.config.json': CONFIG });
});

describe('suppression comments', () => {
  it('silence findings with a reason; a missing reason, an expired until, an unknown rule and an unused suppression are reported', () => {
    const r = json();
    expect(r.findings.map(at)).toEqual([
      'policy.doa:10 missing-reporting-duty', // its suppression expired on 2025-03-31
      'policy.doa:23 invalid-suppression', // no reason
      'policy.doa:24 missing-reporting-duty', // ... so it does not silence D4
      'policy.doa:30 unused-suppression',
      'policy.doa:32 invalid-suppression', // unknown rule
    ]);
    expect(r.findings.find((f) => f.range.start.line === 22)!.message).toBe(
      "A suppression is an audit record: give the reason after '--', e.g. -- approved by the Controller, memo 2025/14",
    );
    expect(r.findings.find((f) => f.range.start.line === 29)!.message).toBe('This suppression of conflict-of-interest silences nothing: remove it');
    expect(r.findings.find((f) => f.range.start.line === 31)!.message).toBe("Unknown rule 'no-such-rule' in this suppression");
    expect(r.suppressed.map((f) => [at(f), f.suppression])).toEqual([
      ['policy.doa:3 missing-reporting-duty', { kind: 'next-line', justification: 'reporting set by memo 2025/14', uri: expect.stringMatching(/policy\.doa$/), range: expect.any(Object) }],
      ['policy.doa:7 expired-instrument', { kind: 'file', justification: 'renewal memo 2025/7 covers every instrument in this file', uri: expect.stringMatching(/policy\.doa$/), range: expect.any(Object) }],
      ['policy.doa:17 missing-reporting-duty', { kind: 'next-line', justification: 'renewal in signature', until: '2025-12-31', uri: expect.stringMatching(/policy\.doa$/), range: expect.any(Object) }],
    ]);
    expect(r.summary).toMatchObject({ findings: 5, warnings: 5, suppressed: 3 });
  });

  it('an until date is inclusive: on that day the suppression still holds', () => {
    const r = JSON.parse(doa(['check', '.', '--as-of', '2025-03-31', '--format', 'json'], { cwd: dir }).stdout) as JsonReport;
    expect(r.findings.map(at)).not.toContain('policy.doa:10 missing-reporting-duty');
    expect(r.suppressed.map(at)).toContain('policy.doa:10 missing-reporting-duty');
    // Once every until has passed, the findings return and nothing is reported as unused in their place.
    const later = JSON.parse(doa(['check', '.', '--as-of', '2026-01-01', '--format', 'json'], { cwd: dir }).stdout) as JsonReport;
    expect(later.findings.map(at)).toEqual(expect.arrayContaining(['policy.doa:10 missing-reporting-duty', 'policy.doa:17 missing-reporting-duty']));
    expect(later.findings.filter((f) => f.ruleId === 'unused-suppression').map(at)).toEqual(['policy.doa:30 unused-suppression']);
  });

  it('count nothing towards the exit code once silenced, and the suppression findings follow --rule', () => {
    expect(check().code).toBe(0);
    expect(check('--max-warnings', '5').code).toBe(0);
    expect(check('--max-warnings', '4').code).toBe(1);
    expect(check('--rule', 'invalid-suppression=error').code).toBe(1);
    const quiet = json('--rule', 'unused-suppression=off', '--rule', 'invalid-suppression=off');
    expect(quiet.findings.map((f) => f.ruleId)).toEqual(['missing-reporting-duty', 'missing-reporting-duty']);
  });

  it('stylish counts the suppressed findings', () => {
    expect(check().stdout).toMatch(/\n5 findings \(0 errors, 5 warnings, 0 info\) in 2 files, as of 2025-06-30\n3 findings suppressed with a recorded reason\n$/);
  });

  it('markdown lists them, with their justification, in a collapsed section', () => {
    const md = check('--format', 'markdown').stdout;
    expect(md).toContain('<details><summary>3 suppressed findings</summary>');
    expect(md).toContain('- `policy.doa:3:12` `missing-reporting-duty`: D1 states no reporting duty: say what is reported, to whom and how often — *reporting set by memo 2025/14*');
    expect(md).toMatch(/- `policy\.doa:17:12` `missing-reporting-duty`: .* — \*renewal in signature\* \(until 2025-12-31\)/);
  });

  it('junit stays valid and reports only what counts', () => {
    const xml = check('--format', 'junit', '--fail-level', 'warning').stdout;
    expect(junitProblems(xml)).toEqual([]);
    expect(xml).not.toContain('expired-instrument');
  });
});

describe('SARIF', () => {
  let log: SarifLog;
  beforeAll(() => {
    log = sarifs.add('suppressions', check('--format', 'sarif').stdout);
  });

  it('records suppressed findings as results with suppressions[].justification (kind inSource, status accepted, until)', () => {
    const results = log.runs[0]!.results;
    const suppressed = results.filter((r) => r.suppressions);
    const key = (r: (typeof results)[number]) => `${r.locations[0]!.physicalLocation.region.startLine} ${r.ruleId}`;
    expect(suppressed.map((r) => [key(r), r.suppressions])).toEqual([
      ['3 missing-reporting-duty', [{ kind: 'inSource', status: 'accepted', justification: 'reporting set by memo 2025/14' }]],
      ['7 expired-instrument', [{ kind: 'inSource', status: 'accepted', justification: 'renewal memo 2025/7 covers every instrument in this file' }]],
      ['17 missing-reporting-duty', [{ kind: 'inSource', status: 'accepted', justification: 'renewal in signature', properties: { until: '2025-12-31' } }]],
    ]);
    expect(results.filter((r) => !r.suppressions).map(key)).toEqual(['10 missing-reporting-duty', '23 invalid-suppression', '24 missing-reporting-duty', '30 unused-suppression', '32 invalid-suppression']);
    // The rules of suppressed findings are described too.
    expect(log.runs[0]!.tool.driver.rules.map((r) => r.id)).toEqual(['expired-instrument', 'invalid-suppression', 'missing-reporting-duty', 'unused-suppression']);
    for (const r of results) expect(log.runs[0]!.tool.driver.rules[r.ruleIndex!]!.id).toBe(r.ruleId);
  });

  it('keeps a suppressed finding’s fingerprint equal to the unsuppressed one', () => {
    const plain = tempDir();
    copySamples(plain, ['_shared']);
    writeFiles(plain, { 'policy.doa': POLICY.replace('// doa-disable-next-line missing-reporting-duty until 2025-12-31 -- renewal in signature', '//'), 'doa.config.json': CONFIG });
    const other = sarifs.add('unsuppressed', doa(['check', '.', '--as-of', AS_OF, '--format', 'sarif'], { cwd: plain }).stdout);
    const find = (l: SarifLog) => l.runs[0]!.results.find((r) => r.ruleId === 'missing-reporting-duty' && r.locations[0]!.physicalLocation.region.startLine === 17)!;
    expect(find(other).suppressions).toBeUndefined();
    expect(find(other).partialFingerprints).toEqual(find(log).partialFingerprints);
  });

  it.skipIf(!MULTITOOL)('passes the SARIF Multitool', () => {
    expect(sarifs.files).toHaveLength(2);
    const verdict = runMultitool(sarifs.files);
    expect(verdict.errors).toEqual([]);
    expect([...verdict.analysed].sort()).toEqual([...sarifs.files].sort());
  });
});
