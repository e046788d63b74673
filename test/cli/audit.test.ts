// `doa audit` as a real subprocess (`node bin/doa.js audit …`, the bundle built by
// test/global-setup.ts): each output format, --output, the summary, exit codes, and the audit sample
// giving exactly the findings recorded in samples/audit/expected.json.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { run } from '../../cli/src/cli.ts';
import { BASE } from '../../language/src/testing/index.ts';
import { AUDIT_POLICY } from '../audit/helpers.ts';
import { BIN, doa, expectOneLine, junitCases, junitProblems, parseWorkflowCommands, REPO, sarifSchemaProblems, tempDir, writeFiles, type JsonReport, type SarifLog } from './helpers.ts';

/** A folder with the policy (BASE + the audit policy) under policy/ and the transaction files given. */
function workspace(files: Record<string, string>): string {
  const dir = tempDir('doa-audit-cli-');
  writeFiles(dir, { 'policy/base.doa': BASE, 'policy/audit.doa': AUDIT_POLICY, ...files });
  return dir;
}

/** Three records: an error, a warning, a rejected row. */
const MIXED = [
  'id,date,step,actor,amount,currency,entity,vendor',
  'T-1,2025-05-10,award,po,150000.01,USD,MSN,',
  'T-2,2025-06-01,receive,recv,,,MSN,acacia-catering',
  'T-3,2025-13-01,award,po,1,USD,MSN,',
  '',
].join('\n');

const CLEAN = 'id,date,step,actor,amount,currency,entity\nT-1,2025-05-10,award,po,150000,USD,MSN\nT-2,2025-05-11,certify,dms,100,USD,MSN\n';

const SUMMARY = [
  'Records: 3 read, 2 checked, 1 rejected',
  'Steps properly authorised: 0 of 1 that need authority (0.0%)',
  'Awards reviewed in time: 0 of 0 that need committee review (n/a)',
  'Findings by rule:',
  '  audit-amount-above-limit           1',
  '  audit-conflict-of-interest         1',
  '  audit-malformed-record             1',
  'Findings by entity:',
  '  MSN                                2',
  '  (no entity)                        1',
  '',
].join('\n');

const AMOUNT = 'Kwame Mensah performed award for USD 150,000.01 on 2025-05-10, above the USD 150,000 limit of SD-MSN-PUR-PO';
const CONFLICT = 'Achol Deng performed receive on 2025-06-01 with vendor acacia-catering despite a declared conflict of interest: Brother is a director of Acacia Catering Services';
const REJECTED = "Record rejected: '2025-13-01' is not a date (YYYY-MM-DD)";

describe('doa audit formats', () => {
  const dir = workspace({ 't.csv': MIXED, 'clean.csv': CLEAN });
  const audit = (...args: string[]) => doa(['audit', '-t', 't.csv', '-p', 'policy', ...args], { cwd: dir });

  it('stylish: each finding at its line of the transactions file, with chain and basis, then the summary', () => {
    const r = audit();
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      [
        `t.csv:2:1  error    ${AMOUNT}  audit-amount-above-limit`,
        '    chain: Secretary-General → DA-MSN-PUR → SD-MSN-PUR-DMS → SD-MSN-PUR-PO',
        '    basis: A/72/773 §74 (thresholds and limits)',
        `t.csv:3:1  warning  ${CONFLICT}  audit-conflict-of-interest`,
        '    basis: GA resolution 66/257 §26; Staff Rule 101.2(o) (disclose and recuse)',
        `t.csv:4:1  error    ${REJECTED}  audit-malformed-record`,
        '',
        '3 findings (2 errors, 1 warning, 0 info) in 1 file, as of each step’s own date',
        '',
        SUMMARY,
      ].join('\n'),
    );
    expect(r.stderr).toBe('');
  });

  it('json: the findings as check reports them, with the audit summary', () => {
    const r = audit('-f', 'json');
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as JsonReport & { audit: Record<string, unknown> };
    expect(report.findings.map((f) => [f.file, f.range.start.line + 1, f.ruleId, f.severity, f.message])).toEqual([
      ['t.csv', 2, 'audit-amount-above-limit', 'error', AMOUNT],
      ['t.csv', 3, 'audit-conflict-of-interest', 'warning', CONFLICT],
      ['t.csv', 4, 'audit-malformed-record', 'error', REJECTED],
    ]);
    expect(report.summary).toMatchObject({ findings: 3, errors: 2, warnings: 1, infos: 0 });
    expect(report.files).toEqual(['t.csv']);
    expect(report.audit).toEqual({
      read: 3,
      checked: 2,
      rejected: 1,
      findingsByRule: { 'audit-amount-above-limit': 1, 'audit-conflict-of-interest': 1, 'audit-malformed-record': 1 },
      findingsByEntity: { MSN: 2, '(no entity)': 1 },
      stepsNeedingAuthority: 1,
      stepsProperlyAuthorised: 0,
      awardsNeedingReview: 0,
      awardsReviewedInTime: 0,
    });
    expect(report.findings[0]!.chain.map((c) => c.name)).toEqual(['SG', 'DA-MSN-PUR', 'SD-MSN-PUR-DMS', 'SD-MSN-PUR-PO']);
    // The summary is in the report, not on standard error.
    expect(r.stderr).toBe('');
  });

  it('csv: one row per finding, which csv-parse reads back', () => {
    const r = audit('-f', 'csv');
    expect(r.code).toBe(1);
    const rows = parseCsv(r.stdout, { columns: true }) as Array<Record<string, string>>;
    expect(rows).toEqual([
      {
        file: 't.csv',
        line: '2',
        column: '1',
        severity: 'error',
        rule: 'audit-amount-above-limit',
        message: AMOUNT,
        subject: 'T-1/award/line 2',
        chain: 'Secretary-General > DA-MSN-PUR > SD-MSN-PUR-DMS > SD-MSN-PUR-PO',
        basis: 'A/72/773 §74 (thresholds and limits)',
      },
      { file: 't.csv', line: '3', column: '1', severity: 'warning', rule: 'audit-conflict-of-interest', message: CONFLICT, subject: 'T-2/receive/line 3', chain: '', basis: 'GA resolution 66/257 §26; Staff Rule 101.2(o) (disclose and recuse)' },
      { file: 't.csv', line: '4', column: '1', severity: 'error', rule: 'audit-malformed-record', message: REJECTED, subject: 'line 4', chain: '', basis: '' },
    ]);
    // Formats read by tools keep standard output clean: the summary goes to standard error.
    expect(r.stderr).toBe(SUMMARY);
  });

  it('csv: a cell that a spreadsheet would run as a formula starts with an apostrophe', () => {
    const dir = workspace({ 'f.csv': 'id,date,step,actor,amount,currency,entity\n@T-1,2025-05-10,award,=1+1,100,USD,MSN\n' });
    const r = doa(['audit', '-t', 'f.csv', '-p', 'policy', '-f', 'csv', '-q'], { cwd: dir });
    const [row] = parseCsv(r.stdout, { columns: true }) as Array<Record<string, string>>;
    expect(row!.message).toMatch(/^'=1\+1 performed award /);
    expect(row!.subject).toBe("'@T-1/award/line 2");
    expect(row!.file).toBe('f.csv');
  });

  it('sarif: valid against the SARIF 2.1.0 schema, results on the lines of the transactions file', () => {
    const r = audit('-f', 'sarif');
    expect(r.code).toBe(1);
    expect(sarifSchemaProblems(r.stdout)).toEqual([]);
    const log = JSON.parse(r.stdout) as SarifLog;
    const results = log.runs[0]!.results;
    expect(results.map((x) => [x.ruleId, x.level, x.locations[0]!.physicalLocation.artifactLocation.uri, x.locations[0]!.physicalLocation.region.startLine, x.message.text])).toEqual([
      ['audit-amount-above-limit', 'error', 't.csv', 2, AMOUNT],
      ['audit-conflict-of-interest', 'warning', 't.csv', 3, CONFLICT],
      ['audit-malformed-record', 'error', 't.csv', 4, REJECTED],
    ]);
    // A record is its whole line: the region is the line alone, with no zero-width column range.
    expect(results.map((x) => x.locations[0]!.physicalLocation.region)).toEqual([{ startLine: 2 }, { startLine: 3 }, { startLine: 4 }]);
    // Every result's rule is described in the run, the audit rules among them.
    const described = log.runs[0]!.tool.driver.rules.map((d) => d.id);
    for (const x of results) expect(described).toContain(x.ruleId);
    expect(r.stderr).toBe(SUMMARY);
  });

  it('junit: well formed, the transactions file as the test case', () => {
    const r = audit('-f', 'junit');
    expect(r.code).toBe(1);
    expect(junitProblems(r.stdout)).toEqual([]);
    const [only] = junitCases(r.stdout);
    expect(only!.name).toBe('t.csv');
    expect(only!.failure!.text).toBe(`t.csv:2:1 error ${AMOUNT} (audit-amount-above-limit)\nt.csv:4:1 error ${REJECTED} (audit-malformed-record)`);
    expect(only!.systemOut).toBe(`t.csv:3:1 warning ${CONFLICT} (audit-conflict-of-interest)`);
  });

  it('github: one workflow command per finding, at its line', () => {
    const r = audit('-f', 'github');
    expect(r.code).toBe(1);
    expect(parseWorkflowCommands(r.stdout).map((c) => [c.command, c.properties['file'], c.properties['line'], c.properties['title'], c.data])).toEqual([
      ['error', 't.csv', '2', 'doa audit-amount-above-limit', AMOUNT],
      ['warning', 't.csv', '3', 'doa audit-conflict-of-interest', CONFLICT],
      ['error', 't.csv', '4', 'doa audit-malformed-record', REJECTED],
    ]);
    // The line alone marks the record's line: no zero-width `col=1,endColumn=1`.
    expect(parseWorkflowCommands(r.stdout).map((c) => Object.keys(c.properties))).toEqual(Array(3).fill(['file', 'line', 'title']));
    expect(r.stderr).toBe(SUMMARY);
  });

  it('markdown: the table of findings, then the summary as a block', () => {
    const r = audit('-f', 'markdown');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`| 🔴 error | \`t.csv:2:1\` | \`audit-amount-above-limit\` | ${AMOUNT} |`);
    expect(r.stdout.endsWith(`\n\`\`\`text\n${SUMMARY}\`\`\`\n`)).toBe(true);
    expect(r.stderr).toBe('');
  });

  it('--output writes the report to a file and nothing to standard output', () => {
    for (const format of ['csv', 'json', 'stylish']) {
      const out = `report-${format}.txt`;
      const r = audit('-f', format, '-o', out);
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('');
      const written = readFileSync(join(dir, out), 'utf8');
      expect(written).toBe(audit('-f', format).stdout);
    }
  });

  it('--quiet reports errors only, and no summary on standard error', () => {
    const r = audit('-f', 'csv', '-q');
    expect((parseCsv(r.stdout, { columns: true }) as Array<{ rule: string }>).map((x) => x.rule)).toEqual(['audit-amount-above-limit', 'audit-malformed-record']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
  });
});

describe('doa audit exit codes', () => {
  const dir = workspace({ 't.csv': MIXED, 'clean.csv': CLEAN, 'warn.csv': 'id,date,step,actor,entity,vendor\nT-1,2025-06-01,receive,recv,MSN,acacia-catering\n', 'empty.csv': '' });
  const audit = (...args: string[]) => doa(['audit', '-p', 'policy', ...args], { cwd: dir });

  it('0 for a clean file, with the summary', () => {
    const r = audit('-t', 'clean.csv');
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toBe(
      [
        'No findings in 1 file, as of each step’s own date',
        '',
        'Records: 2 read, 2 checked, 0 rejected',
        'Steps properly authorised: 2 of 2 that need authority (100.0%)',
        'Awards reviewed in time: 0 of 0 that need committee review (n/a)',
        '',
      ].join('\n'),
    );
  });

  it('1 for findings at the fail level; warnings fail with --fail-level warning or above --max-warnings', () => {
    expect(audit('-t', 't.csv').code).toBe(1);
    expect(audit('-t', 'warn.csv').code).toBe(0);
    expect(audit('-t', 'warn.csv', '--fail-level', 'warning').code).toBe(1);
    expect(audit('-t', 'warn.csv', '--max-warnings', '0').code).toBe(1);
    expect(audit('-t', 'warn.csv', '--max-warnings', '1').code).toBe(0);
    // A rule turned off finds nothing.
    expect(audit('-t', 'warn.csv', '--rule', 'audit-conflict-of-interest=off', '--fail-level', 'warning').code).toBe(0);
  });

  it('--quiet with warnings only says there are no errors, not no findings', () => {
    const r = audit('-t', 'warn.csv', '-q');
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout.split('\n')[0]).toBe('No errors in 1 file, as of each step’s own date');
    expect(r.stdout).toContain('audit-conflict-of-interest');
    expect(audit('-t', 'warn.csv', '-q', '-f', 'markdown').stdout).toContain('✅ No errors in 1 file');
    expect(audit('-t', 'warn.csv').stdout.split('\n')[0]).toMatch(/^warn\.csv:2:1 {2}warning/);
  });

  it.skipIf(!existsSync('/dev/full'))('2 when the report cannot be written, with no summary of the unwritten report', () => {
    for (const format of ['csv', 'sarif', 'json', 'stylish']) {
      const r = audit('-t', 't.csv', '-f', format, '-o', '/dev/full');
      expect(r.code, format).toBe(2);
      expect(r.stderr, format).toMatch(/^doa: cannot write the report to \/dev\/full: ENOSPC/);
      expect(expectOneLine(r.stderr), r.stderr).toBe(true);
    }
  });

  it('0 for an empty file, saying that it had no records', () => {
    const r = audit('-t', 'empty.csv', '-f', 'json');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('doa audit: no records in empty.csv\n');
  });

  it('2, with one line, for a missing --transactions, a missing file, an unknown rule or a bad date', () => {
    const missing = audit();
    expect(missing).toMatchObject({ code: 2, stdout: '', stderr: "doa: required option '-t, --transactions <file>' not specified\n" });
    const noFile = audit('-t', 'nope.csv');
    expect(noFile).toMatchObject({ code: 2, stdout: '', stderr: 'doa: No such file: nope.csv\n' });
    const folder = audit('-t', 'policy');
    expect(folder).toMatchObject({ code: 2, stderr: 'doa: No such file: policy\n' });
    const rule = audit('-t', 't.csv', '--rule', 'audit-no-such-rule=off');
    expect(rule).toMatchObject({ code: 2, stdout: '', stderr: "doa: unknown audit rule 'audit-no-such-rule' in --rule\n" });
    // A rule of `doa check` is not an audit rule.
    expect(audit('-t', 't.csv', '--rule', 'expired-instrument=off')).toMatchObject({ code: 2, stderr: "doa: unknown audit rule 'expired-instrument' in --rule\n" });
    // Rejected records are always reported: nothing is dropped silently.
    expect(audit('-t', 't.csv', '--rule', 'audit-malformed-record=off')).toMatchObject({
      code: 2,
      stderr: 'doa: audit-malformed-record cannot be set with --rule: a record that cannot be read is always reported, so that read = checked + rejected\n',
    });
    const date = audit('-t', 't.csv', '--as-of', '2025-02-30');
    expect(date.code).toBe(2);
    // Without a readable header no row can be read: the audit stops rather than reject every row. It
    // is bad input, not an internal error: one line located in the file as named on the command line.
    writeFiles(dir, { 'bad-header.csv': 'id,"date,step,actor\nT-1,2025-05-10,award,po\n' });
    const header = audit('-t', 'bad-header.csv');
    expect(header.code).toBe(2);
    expect(header.stdout).toBe('');
    expect(header.stderr).toMatch(/^doa: bad-header\.csv:1: the header is not a CSV row \(.+\)\n$/);
    expect(header.stderr).not.toContain('internal error');
    for (const r of [missing, noFile, folder, rule, date, header]) expect(expectOneLine(r.stderr)).toBe(true);
  });

  it('warns on standard error when the policy itself has errors', () => {
    writeFiles(dir, { 'broken/p.doa': `${BASE}\nperson x "X" { holds MSN-PO from 2025-02-30 }\n` });
    // BASE alone has no cumulative authority: split purchases are off here, so that note is not made.
    const r = doa(['audit', '-t', 'clean.csv', '-p', 'broken', '-f', 'json', '--rule', 'audit-split-purchase=off'], { cwd: dir });
    expect(r.stderr).toBe("doa audit: the policy has 1 error in its files; 'doa check' shows them\n");
  });
});

describe('doa audit options', () => {
  it('rejects records after --as-of, counted as read and rejected', () => {
    const dir = workspace({ 't.csv': 'id,date,step,actor,amount,currency,entity\nT-1,2025-06-30,award,po,100,USD,MSN\nT-2,2025-07-01,award,po,100,USD,MSN\n' });
    const r = doa(['audit', '-t', 't.csv', '-p', 'policy', '--as-of', '2025-06-30', '-f', 'json'], { cwd: dir });
    const report = JSON.parse(r.stdout) as JsonReport & { audit: { read: number; checked: number; rejected: number } };
    expect(report.findings.map((f) => `${f.range.start.line + 1} ${f.message}`)).toEqual(['3 Record rejected: dated 2025-07-01, after the as-of date 2025-06-30']);
    expect(report.asOf).toBe('2025-06-30');
    expect(report.audit).toMatchObject({ read: 2, checked: 1, rejected: 1 });
    expect(r.code).toBe(1);
  });

  it('takes exchange rates from the rates file of the configuration', () => {
    const t = 'id,date,step,actor,amount,currency,entity\nT-1,2025-05-10,award,po,100,EUR,MSN\n';
    const dir = workspace({ 't.csv': t, 'rates.csv': 'from,to,rate,date\nEUR,USD,1.1287,2025-05-01\n' });
    const without = doa(['audit', '-t', 't.csv', '-p', 'policy', '-f', 'json'], { cwd: dir });
    expect((JSON.parse(without.stdout) as JsonReport).findings.map((f) => f.ruleId)).toEqual(['audit-currency-without-rate']);
    writeFiles(dir, { 'doa.config.json': '{ "rates": "rates.csv" }\n' });
    const withRates = doa(['audit', '-t', 't.csv', '-p', 'policy', '-f', 'json'], { cwd: dir });
    expect((JSON.parse(withRates.stdout) as JsonReport).findings).toEqual([]);
    expect(withRates.code).toBe(0);
  });

  it('says on standard error which of two disagreeing rates of one date applies, in audit and check', () => {
    // The policy has EUR → USD 1.1364 from 2025-06-01 (policy/audit.doa, line 92); the rates file 1.5
    // from the same date. The policy's, listed later, applies: EUR 100,000 is USD 113,640, within the limit.
    const t = 'id,date,step,actor,amount,currency,entity\nT-1,2025-06-10,award,po,100000,EUR,MSN\n';
    const dir = workspace({ 't.csv': t, 'rates.csv': 'from,to,rate,date\nEUR,USD,1.5,2025-06-01\nEUR,USD,1.1364,2025-05-01\n', 'doa.config.json': '{ "rates": "rates.csv" }\n' });
    const line = AUDIT_POLICY.split('\n').findIndex((l) => l.includes('rate EUR USD 1.1364 from 2025-06-01')) + 1;
    const note = `doa: rates EUR→USD from 2025-06-01 disagree: 1.1364 (policy/audit.doa:${line}) applies, being listed later; 1.5 (rates.csv:2) does not\n`;
    const audited = doa(['audit', '-t', 't.csv', '-p', 'policy', '-f', 'json'], { cwd: dir });
    expect(audited.stderr).toBe(note);
    expect((JSON.parse(audited.stdout) as JsonReport).findings).toEqual([]);
    const checked = doa(['check', 'policy', '-f', 'json', '--as-of', '2025-06-30'], { cwd: dir });
    expect(checked.stderr).toBe(note);
    // A usage error is still one line: the note comes only once the run is sure to go on.
    for (const args of [['audit', '-t', 't.csv', '-p', 'policy', '--rule', 'bogus=off'], ['audit', '-t', 'missing.csv', '-p', 'policy'], ['check', 'policy', '--rule', 'bogus=off']]) {
      const r = doa(args, { cwd: dir });
      expect(r.code, args.join(' ')).toBe(2);
      expect(expectOneLine(r.stderr), r.stderr).toBe(true);
    }
  });

  it('says when no authority is cumulative, as no split purchase can then be found', () => {
    const t = 'id,date,step,actor,amount,currency,entity,vendor\nT-1,2025-06-03,award,po,90000,USD,MSN,savanna-supplies\nT-2,2025-06-10,award,po,70000,USD,MSN,savanna-supplies\n';
    const dir = workspace({ 't.csv': t });
    writeFiles(dir, { 'policy/audit.doa': AUDIT_POLICY.replace(/\n\s*cumulative\n/, '\n') });
    const r = doa(['audit', '-t', 't.csv', '-p', 'policy', '-f', 'json'], { cwd: dir });
    expect(r.stderr).toBe("doa audit: no authority of the policy is marked 'cumulative', so no split purchases are looked for; mark the award authorities (docs/audit.md)\n");
    expect((JSON.parse(r.stdout) as JsonReport).findings).toEqual([]);
    // Not when the rule is off, nor when an authority is cumulative.
    expect(doa(['audit', '-t', 't.csv', '-p', 'policy', '-f', 'json', '--rule', 'audit-split-purchase=off'], { cwd: dir }).stderr).toBe('');
    writeFiles(dir, { 'policy/audit.doa': AUDIT_POLICY });
    const marked = doa(['audit', '-t', 't.csv', '-p', 'policy', '-f', 'json'], { cwd: dir });
    expect(marked.stderr).toBe('');
    expect((JSON.parse(marked.stdout) as JsonReport).findings.map((f) => f.ruleId)).toEqual(['audit-split-purchase']);
  });

  it('applies the rules and asOf of doa.config.json, as doa check does; the flags win', () => {
    const t = 'id,date,step,actor,amount,currency,entity\nT-1,2025-05-10,award,po,150000.01,USD,MSN\nT-2,2025-07-01,award,po,100,USD,MSN\n';
    const dir = workspace({ 't.csv': t, 'late/t.csv': t });
    const report = (...args: string[]) => JSON.parse(doa(['audit', '-p', 'policy', '-f', 'json', ...args], { cwd: dir }).stdout) as JsonReport & { audit: { rejected: number } };
    const brief = (r: JsonReport) => r.findings.map((f) => `${f.ruleId}/${f.severity}@${f.range.start.line + 1}`);
    expect(brief(report('-t', 't.csv'))).toEqual(['audit-amount-above-limit/error@2']);
    writeFiles(dir, {
      'doa.config.json': JSON.stringify({
        asOf: '2025-06-30',
        rules: { 'audit-amount-above-limit': 'warning', 'expired-instrument': 'off' },
        overrides: [{ files: ['late/**'], rules: { 'audit-amount-above-limit': 'off' } }],
      }),
    });
    const configured = report('-t', 't.csv');
    expect(brief(configured)).toEqual(['audit-amount-above-limit/warning@2', 'audit-malformed-record/error@3']);
    expect(configured.findings[1]!.message).toBe('Record rejected: dated 2025-07-01, after the as-of date 2025-06-30');
    expect(configured.asOf).toBe('2025-06-30');
    // An override matching the transactions file applies to it.
    expect(brief(report('-t', 'late/t.csv'))).toEqual(['audit-malformed-record/error@3']);
    // The command line wins over the configuration.
    expect(brief(report('-t', 't.csv', '--as-of', '2025-07-01', '--rule', 'audit-amount-above-limit=info'))).toEqual(['audit-amount-above-limit/info@2']);
  });

  it('stops with a located error for a rule of doa.config.json that no check or audit knows, or the rejected-record rule', () => {
    const dir = workspace({ 't.csv': 'id,date,step,actor,amount,currency,entity\nT-1,2025-05-10,award,po,100,USD,MSN\n' });
    const run = (config: object) => {
      writeFiles(dir, { 'doa.config.json': JSON.stringify(config, null, 2) + '\n' });
      return doa(['audit', '-t', 't.csv', '-p', 'policy', '-f', 'json'], { cwd: dir });
    };
    const typo = run({ rules: { 'audit-nope': 'error' } });
    expect(typo).toMatchObject({ code: 2, stdout: '' });
    expect(typo.stderr).toMatch(/doa\.config\.json:3:\d+: unknown rule 'audit-nope': 'doa explain --list' lists the rules\n$/);
    expect(run({ overrides: [{ files: ['*.csv'], rules: { 'audit-amount-abve-limit': 'off' } }] }).stderr).toContain("unknown rule 'audit-amount-abve-limit'");
    const malformed = run({ rules: { 'audit-malformed-record': 'off' } });
    expect(malformed).toMatchObject({ code: 2, stdout: '' });
    expect(malformed.stderr).toMatch(/doa\.config\.json:3:\d+: audit-malformed-record cannot be set: a record that cannot be read is always reported, so that read = checked \+ rejected\n$/);
    // The configuration is shared with doa check: its rules are not typos here.
    expect(run({ rules: { 'expired-instrument': 'off', 'audit-amount-above-limit': 'warning' } })).toMatchObject({ code: 0, stderr: '' });
  });

  it('adds up awards over --split-window days', () => {
    const t = 'id,date,step,actor,amount,currency,entity,vendor\nT-1,2025-06-01,award,po,90000,USD,MSN,savanna-supplies\nT-2,2025-06-11,award,po,70000,USD,MSN,savanna-supplies\n';
    const dir = workspace({ 't.csv': t });
    const rules = (...args: string[]) => (JSON.parse(doa(['audit', '-t', 't.csv', '-p', 'policy', '-f', 'json', ...args], { cwd: dir }).stdout) as JsonReport).findings.map((f) => f.ruleId);
    expect(rules()).toEqual(['audit-split-purchase']);
    expect(rules('--split-window', '10')).toEqual([]);
    expect(rules('--split-window', '11')).toEqual(['audit-split-purchase']);
    // A window of no day would hold no award: refused, not read as the default.
    const zero = doa(['audit', '-t', 't.csv', '-p', 'policy', '--split-window', '0'], { cwd: dir });
    expect(zero.code).toBe(2);
    expect(zero.stdout).toBe('');
    expect(zero.stderr).toContain("expected a whole number of days, 1 or more, got '0'");
  });

  it('reads JSON Lines', () => {
    const dir = workspace({ 't.jsonl': '{"id":"T-1","date":"2025-05-10","step":"award","actor":"po","amount":150000.01,"currency":"USD","entity":"MSN"}\n[]\n' });
    const r = doa(['audit', '-t', 't.jsonl', '-p', 'policy'], { cwd: dir });
    expect(r.stdout).toContain(`t.jsonl:1:1  error    ${AMOUNT}  audit-amount-above-limit`);
    expect(r.stdout).toContain('t.jsonl:2:1  error    Record rejected: a JSON Lines record must be an object  audit-malformed-record');
    expect(r.stdout).toContain('Records: 2 read, 1 checked, 1 rejected');
  });

  it('explains every finding with --explain, through json-rules-engine', () => {
    const dir = workspace({ 't.csv': MIXED });
    const r = doa(['audit', '-t', 't.csv', '-p', 'policy', '-f', 'json', '--explain'], { cwd: dir });
    const report = JSON.parse(r.stdout) as JsonReport;
    expect(report.findings.map((f) => f.ruleId)).toEqual(['audit-amount-above-limit', 'audit-conflict-of-interest', 'audit-malformed-record']);
    expect(report.findings[0]!.explanation).toBeDefined();
    expect(report.findings[1]!.explanation).toBeDefined();
  });

  it('documents each audit rule for doa explain', () => {
    const r = doa(['explain', 'audit-split-purchase']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('audit-split-purchase (audit) — default severity: warning');
    expect(r.stdout).toContain('## Avoid');
  });
});

describe('doa audit progress', () => {
  /** Runs the CLI in this process with the given terminal setting; returns standard error. */
  async function stderrOf(path: string, tty: boolean): Promise<{ code: number; stderr: string }> {
    let stderr = '';
    const code = await run(['audit', '-t', path, '-p', join(REPO, 'samples/workspace'), '-f', 'json', '-q'], { stdout: () => {}, stderr: (t) => (stderr += t), cwd: REPO, stderrIsTTY: tty });
    return { code, stderr };
  }

  it('shows a progress line on a terminal, cleared at the end, and nothing elsewhere', async () => {
    // Enough records for the audit to last well past its first update (after 250 ms) on a fast
    // machine too (~300k records/s on one thread).
    const rows = ['id,date,step,actor,amount,currency,entity,account'];
    for (let i = 0; i < 250_000; i++) rows.push(`T-${i},2025-05-${String(1 + (i % 28)).padStart(2, '0')},certify,ndiaye,${1000 + (i % 997)},USD,UNMISS,UNMISS/USD/Operating account`);
    const dir = tempDir('doa-audit-progress-');
    writeFiles(dir, { 'big.csv': rows.join('\n') + '\n' });
    const tty = await stderrOf(join(dir, 'big.csv'), true);
    expect(tty.code).toBe(0);
    const updates = tty.stderr.split('\r\x1b[2K').filter(Boolean);
    expect(updates.length).toBeGreaterThan(0);
    const shares: number[] = [];
    for (const u of updates) {
      const m = /^doa audit \[([█░]{24})\] +(\d+)% · [\d,]+ records · 0 findings$/.exec(u);
      expect(m, u).not.toBeNull();
      expect(m![1]!.indexOf('░') === -1 || /^█*░*$/.test(m![1]!)).toBe(true);
      shares.push(Number(m![2]));
    }
    // The share of the file grows and never passes 100 %.
    expect(shares).toEqual([...shares].sort((a, b) => a - b));
    expect(Math.max(...shares)).toBeLessThanOrEqual(100);
    expect(tty.stderr.endsWith('\r\x1b[2K')).toBe(true);
    const plain = await stderrOf(join(dir, 'big.csv'), false);
    expect(plain.stderr).toBe('');
  });
});

describe('the audit sample', () => {
  interface Expected {
    transactions: string;
    policy: string;
    findings: Array<{ ruleId: string; messageId: string; severity: string; line: number; message: string; chain: string }>;
    summary: Record<string, unknown>;
  }
  const expected = JSON.parse(readFileSync(join(REPO, 'samples/audit/expected.json'), 'utf8')) as Expected;

  it('samples/audit/transactions.csv gives exactly the findings and summary of expected.json', () => {
    const r = doa(['audit', '-t', expected.transactions, '-p', expected.policy, '-f', 'json']);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as JsonReport & { audit: Record<string, unknown> };
    const actual = report.findings.map((f) => ({
      ruleId: f.ruleId,
      messageId: f.messageId,
      severity: f.severity,
      line: f.range.start.line + 1,
      message: f.message,
      chain: f.chain.map((c) => (c.kind === 'root' ? (c.title ?? c.name) : c.name)).join(' → '),
    }));
    expect(actual).toEqual(expected.findings);
    expect(report.audit).toEqual(expected.summary);
    for (const f of report.findings) expect(f.file).toBe('samples/audit/transactions.csv');
  });

  it('where code generation from strings is forbidden, the audit runs its rules as closures, to the same findings', () => {
    const args = ['audit', '-t', expected.transactions, '-p', expected.policy, '-f', 'json', '--jobs', '2'];
    const normal = doa(args);
    const r = spawnSync(process.execPath, ['--disallow-code-generation-from-strings', BIN, ...args], { cwd: REPO, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout)).toEqual(JSON.parse(normal.stdout));
    expect((JSON.parse(r.stdout) as JsonReport).findings.length).toBe(expected.findings.length);
  });

  it('samples/audit/transactions.jsonl, the same policy in JSON Lines', () => {
    const r = doa(['audit', '-t', 'samples/audit/transactions.jsonl', '-p', 'samples/workspace', '-f', 'json']);
    const report = JSON.parse(r.stdout) as JsonReport & { audit: Record<string, unknown> };
    expect(report.findings.map((f) => `${f.range.start.line + 1} ${f.ruleId}: ${f.message.replace(/^(Record rejected: not valid JSON):.*$/, '$1')}`)).toEqual([
      '2 audit-review-after-award: The award on 2025-06-05 was reviewed by the committee only on 2025-06-09 (LCC/2025/047): an ex post facto case',
      '3 audit-amount-above-limit: Deng Garang Akol performed pay for USD 260,000 on 2025-06-09, above the USD 250,000 limit of SD-UNMISS-FIN-BANK',
      '5 audit-malformed-record: Record rejected: not valid JSON',
      '6 audit-malformed-record: Record rejected: a JSON Lines record must be an object',
      "7 audit-malformed-record: Record rejected: '2025-06-31' is not a date (YYYY-MM-DD)",
    ]);
    expect(report.audit).toMatchObject({ read: 9, checked: 6, rejected: 3, stepsNeedingAuthority: 5, stepsProperlyAuthorised: 3, awardsNeedingReview: 2, awardsReviewedInTime: 1 });
  });
});
