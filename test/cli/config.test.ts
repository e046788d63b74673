// doa.config.json: found by walking up from the working directory or named with --config;
// include/exclude, rule severities, overrides by path, asOf, a rates CSV, committee thresholds;
// and located errors (file:line:col, one line, exit 2) for a configuration that is not right.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AS_OF, MULTI, copySamples, doa, expectOneLine, tempDir, writeFiles, type JsonReport } from './helpers.ts';

const config = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

function report(args: string[], cwd: string): { code: number | null; report: JsonReport; stderr: string } {
  const r = doa(['check', ...args, '--format', 'json'], { cwd });
  if (r.code === 2) throw new Error(`doa failed: ${r.stderr}`);
  return { code: r.code, report: JSON.parse(r.stdout) as JsonReport, stderr: r.stderr };
}
const ids = (r: JsonReport) => r.findings.map((f) => f.ruleId);

/** A folder holding the sample set (1 error, 3 warnings, 1 info). */
function multi(): string {
  const dir = tempDir();
  copySamples(dir, MULTI);
  return dir;
}

// A delegation without a reporting duty, in a folder of its own.
const LEGACY = [
  'delegation DA-LEGACY "Legacy requisitions authority" {',
  '  to OVS-AUD',
  '  area procurement',
  '  authority procurement/approve-requisition limit USD 10,000',
  '  valid from 2024-01-01 to 2026-12-31',
  '}',
  '',
].join('\n');

describe('configuration discovery', () => {
  it('walks up from the working directory to the first doa.config.json', () => {
    const dir = multi();
    writeFiles(dir, { 'doa.config.json': config({ asOf: AS_OF, rules: { 'segregation-of-duties': 'off' } }) });
    const deep = join(dir, 'not-yet-in-force', 'deeper', 'still');
    mkdirSync(deep, { recursive: true });
    const r = report([], deep);
    expect(r.report.asOf).toBe(AS_OF);
    // No paths: the configuration's include (default **/*.doa), relative to the configuration's folder.
    expect(r.report.files).toEqual(['../../../_shared/organisation.doa', '../../../missing-reporting-duty/finance.doa', '../../handover.doa', '../../../segregation-of-duties/finance.doa']);
    expect(ids(r.report)).toEqual(['missing-reporting-duty', 'missing-reporting-duty', 'not-yet-in-force']);
    expect(r.code).toBe(0);
  });

  it('takes the nearest configuration', () => {
    const dir = multi();
    writeFiles(dir, {
      'doa.config.json': config({ asOf: AS_OF, rules: { 'not-yet-in-force': 'off' } }),
      'segregation-of-duties/doa.config.json': config({ asOf: AS_OF, rules: { 'segregation-of-duties': 'off' } }),
    });
    const r = report(['.', '../_shared'], join(dir, 'segregation-of-duties'));
    expect(r.report.files).toEqual(['../_shared/organisation.doa', 'finance.doa']);
    expect(ids(r.report)).toEqual([]);
  });

  it('--config names the file, wherever it is; its paths are relative to it', () => {
    const dir = multi();
    writeFiles(dir, {
      'ci/strict.json': config({ asOf: AS_OF, include: ['../missing-reporting-duty/**/*.doa', '../_shared/*.doa'], rules: { 'missing-reporting-duty': 'error' } }),
      'doa.config.json': config({ rules: { 'missing-reporting-duty': 'off' } }),
    });
    for (const flag of ['--config', '-c']) {
      const r = report([flag, 'ci/strict.json'], dir);
      expect(r.report.files).toEqual(['_shared/organisation.doa', 'missing-reporting-duty/finance.doa']);
      expect(r.report.findings.map((f) => `${f.ruleId}:${f.severity}`)).toEqual(['missing-reporting-duty:error', 'missing-reporting-duty:error']);
      expect(r.code).toBe(1);
    }
  });
});

describe('include and exclude', () => {
  it('include picks the files when no path is given; exclude removes files, also from the paths given', () => {
    const dir = multi();
    writeFiles(dir, { 'drafts/legacy.doa': LEGACY, 'doa.config.json': config({ asOf: AS_OF, include: ['_shared/*.doa', 'missing-reporting-duty/*.doa', 'drafts/*.doa'], exclude: ['drafts/**'] }) });
    const r = report([], dir);
    expect(r.report.files).toEqual(['_shared/organisation.doa', 'missing-reporting-duty/finance.doa']);
    const given = report(['.'], dir);
    expect(given.report.files).toEqual(['_shared/organisation.doa', 'missing-reporting-duty/finance.doa', 'not-yet-in-force/handover.doa', 'segregation-of-duties/finance.doa']);
    const explicit = report(['drafts/legacy.doa', '_shared'], dir);
    expect(explicit.report.files).toEqual(['_shared/organisation.doa']);
  });
});

describe('rules and overrides by path', () => {
  it('rules set severities; overrides change them for the files they match, later entries winning', () => {
    const dir = multi();
    writeFiles(dir, {
      'legacy/old.doa': LEGACY,
      'doa.config.json': config({
        asOf: AS_OF,
        rules: { 'missing-reporting-duty': 'error', 'not-yet-in-force': 'off' },
        overrides: [
          { files: ['legacy/**'], rules: { 'missing-reporting-duty': 'warning' } },
          { files: ['legacy/old.doa'], rules: { 'missing-reporting-duty': 'info' } },
          { files: ['segregation-of-duties/*.doa'], rules: { 'segregation-of-duties': 'off' } },
        ],
      }),
    });
    const r = report([], dir);
    expect(r.report.findings.map((f) => `${f.file} ${f.ruleId} ${f.severity}`)).toEqual([
      'legacy/old.doa missing-reporting-duty info',
      'missing-reporting-duty/finance.doa missing-reporting-duty error',
      'missing-reporting-duty/finance.doa missing-reporting-duty error',
    ]);
  });

  it('--rule wins over the configuration and its overrides', () => {
    const dir = multi();
    writeFiles(dir, {
      'doa.config.json': config({ asOf: AS_OF, rules: { 'missing-reporting-duty': 'off' }, overrides: [{ files: ['**'], rules: { 'not-yet-in-force': 'off' } }] }),
    });
    const r = report(['--rule', 'missing-reporting-duty=info', '--rule', 'not-yet-in-force=warning'], dir);
    expect(r.report.findings.map((f) => `${f.ruleId} ${f.severity}`)).toEqual([
      'missing-reporting-duty info',
      'missing-reporting-duty info',
      'not-yet-in-force warning',
      'segregation-of-duties error',
      'segregation-of-duties warning',
    ]);
  });
});

describe('asOf', () => {
  it('is the check date from the configuration, and --as-of wins over it', () => {
    const dir = multi();
    writeFiles(dir, { 'doa.config.json': config({ asOf: AS_OF }) });
    const fromConfig = report([], dir);
    expect(fromConfig.report.asOf).toBe(AS_OF);
    expect(ids(fromConfig.report)).toContain('not-yet-in-force');
    // SD-MSN-CPO-REQ takes effect on 2025-08-01.
    const later = report(['--as-of', '2025-09-01'], dir);
    expect(later.report.asOf).toBe('2025-09-01');
    expect(ids(later.report)).not.toContain('not-yet-in-force');
  });
});

describe('rates', () => {
  it('a rate table (CSV) gives the missing exchange rates: currency-without-rate disappears', () => {
    const dir = tempDir();
    copySamples(dir, ['_shared', 'currency-without-rate']);
    const without = report(['.', '--as-of', AS_OF], dir);
    expect(ids(without.report)).toEqual(['currency-without-rate', 'currency-without-rate']);

    // EUR 400,000 at 1.05 is USD 420,000 (within the parent's USD 1,000,000); EUR 140,000 is USD 147,000 (below the USD 150,000 review threshold).
    writeFiles(dir, { 'config/rates.csv': 'from,to,rate,date\nEUR,USD,1.05,2025-01-01\n', 'doa.config.json': config({ rates: 'config/rates.csv' }) });
    const withRates = report(['.', '--as-of', AS_OF], dir);
    expect(withRates.report.findings).toEqual([]);
    expect(withRates.code).toBe(0);

    // A rate only in force after the check date does not help.
    writeFiles(dir, { 'config/rates.csv': 'from,to,rate,date\nEUR,USD,1.05,2025-07-01\n' });
    expect(ids(report(['.', '--as-of', AS_OF], dir).report)).toEqual(['currency-without-rate', 'currency-without-rate']);
  });
});

describe('committeeThresholds', () => {
  it('give a review threshold to an authority whose catalogue entry states none', () => {
    const dir = tempDir();
    copySamples(dir, ['_shared', 'sub-delegation-exceeds-parent-limit']);
    expect(ids(report(['.', '--as-of', AS_OF], dir).report)).toEqual(['sub-delegation-exceeds-parent-limit']);
    writeFiles(dir, { 'doa.config.json': config({ committeeThresholds: { 'procurement/award-contract': { above: 'USD 500,000', committee: 'LCC-MSN' } } }) });
    const r = report(['.', '--as-of', AS_OF], dir);
    expect(r.report.findings.map((f) => `${f.ruleId} ${f.message}`)).toEqual([
      'missing-committee-review DA-MSN-PROC grants procurement/award-contract (USD 1,000,000) with no committee review, although review is required above USD 500,000',
      'missing-committee-review SD-MSN-CPO grants procurement/award-contract (USD 1,000,000.01) with no committee review, although review is required above USD 500,000',
      expect.stringMatching(/^sub-delegation-exceeds-parent-limit /),
    ]);
  });
});

describe('a configuration that is not right is a located error, exit 2', () => {
  /** Writes the configuration (and other files) in a fresh folder with a sample, and runs check there. */
  function fails(files: Record<string, string>, args: string[] = []): { stderr: string; dir: string } {
    const dir = tempDir();
    copySamples(dir, ['_shared']);
    writeFiles(dir, files);
    const r = doa(['check', '_shared', ...args], { cwd: dir });
    expect(r.code, r.stderr).toBe(2);
    expect(r.stdout).toBe('');
    expect(expectOneLine(r.stderr), r.stderr).toBe(true);
    return { stderr: r.stderr, dir };
  }

  it('JSON that does not parse', () => {
    const { stderr, dir } = fails({ 'doa.config.json': '{\n  "asOf": "2025-06-30",\n  "rules": { "expired-instrument": "off", }\n}\n' });
    expect(stderr).toBe(`doa: ${join(dir, 'doa.config.json')}:3:43: not valid JSON (PropertyNameExpected)\n`);
  });

  it('an unknown setting', () => {
    const { stderr, dir } = fails({ 'doa.config.json': '{\n  "asOf": "2025-06-30",\n  "rulez": {}\n}\n' });
    expect(stderr).toBe(`doa: ${join(dir, 'doa.config.json')}:3:3: unknown setting 'rulez'\n`);
  });

  it('an unknown setting inside an override', () => {
    const { stderr, dir } = fails({ 'doa.config.json': '{\n  "overrides": [\n    { "files": ["a/**"], "rules": {}, "severity": "off" }\n  ]\n}\n' });
    expect(stderr).toBe(`doa: ${join(dir, 'doa.config.json')}:3:39: unknown setting 'severity' in /overrides/0\n`);
  });

  it('a severity that is not off, info, warning or error', () => {
    const { stderr, dir } = fails({ 'doa.config.json': '{\n  "rules": {\n    "expired-instrument": "fatal"\n  }\n}\n' });
    expect(stderr).toBe(`doa: ${join(dir, 'doa.config.json')}:3:27: /rules/expired-instrument must be one of off, info, warning, error\n`);
  });

  it('a rule id that no rule has', () => {
    const { stderr, dir } = fails({ 'doa.config.json': '{\n  "rules": { "expired-instrument": "off" },\n  "overrides": [{ "files": ["x/**"], "rules": { "no-such-rule": "off" } }]\n}\n' });
    expect(stderr).toBe(`doa: ${join(dir, 'doa.config.json')}:3:49: unknown rule 'no-such-rule': 'doa explain --list' lists the rules\n`);
  });

  it('an asOf that is not a calendar date', () => {
    const { stderr, dir } = fails({ 'doa.config.json': '{\n  "asOf": "2025-02-30"\n}\n' });
    expect(stderr).toBe(`doa: ${join(dir, 'doa.config.json')}:2:11: asOf '2025-02-30' is not a calendar date\n`);
  });

  it('a committee threshold that is not an amount', () => {
    const bad = fails({ 'doa.config.json': '{\n  "committeeThresholds": {\n    "procurement/award-contract": { "above": "XYZ 500" }\n  }\n}\n' });
    expect(bad.stderr).toBe(`doa: ${join(bad.dir, 'doa.config.json')}:3:46: 'XYZ 500' does not start with an ISO 4217 currency code\n`);
    // The schema's pattern lets these through; the language does not read them as amounts.
    for (const above of ['USD 5,00', 'USD 5__0']) {
      const grouping = fails({ 'doa.config.json': `{\n  "committeeThresholds": {\n    "procurement/award-contract": { "above": "${above}" }\n  }\n}\n` });
      expect(grouping.stderr).toBe(`doa: ${join(grouping.dir, 'doa.config.json')}:3:46: '${above.slice(4)}' in '${above}' is not an amount (write 500,000 or 500000)\n`);
    }
    const pattern = fails({ 'doa.config.json': '{\n  "committeeThresholds": {\n    "procurement/award-contract": { "above": "lots" }\n  }\n}\n' });
    expect(pattern.stderr).toMatch(new RegExp(`^doa: ${escape(join(pattern.dir, 'doa.config.json'))}:3:46: /committeeThresholds/procurement~1award-contract/above must match pattern`));
  });

  it('a rates CSV with a bad value, a broken row, or no file at all', () => {
    const value = fails({ 'doa.config.json': config({ rates: 'rates.csv' }), 'rates.csv': 'from,to,rate,date\n\nCHF,USD,1.22,2025-01-01\nEUR,USD,abc,2025-01-01\n' });
    expect(value.stderr).toBe(`doa: ${join(value.dir, 'rates.csv')}:4:1: 'rate' must be a decimal number (found 'abc')\n`);
    const currency = fails({ 'doa.config.json': config({ rates: 'rates.csv' }), 'rates.csv': 'from,to,rate,date\nEURO,USD,1.1,2025-01-01\n' });
    expect(currency.stderr).toBe(`doa: ${join(currency.dir, 'rates.csv')}:2:1: 'from' and 'to' must be ISO 4217 currency codes (found 'EURO', 'USD')\n`);
    const row = fails({ 'doa.config.json': config({ rates: 'rates.csv' }), 'rates.csv': 'from,to,rate,date\nCHF,USD,1.22,2025-01-01\nEUR,USD,1.1\n' });
    expect(row.stderr).toBe(`doa: ${join(row.dir, 'rates.csv')}:3:1: not a CSV file: Invalid Record Length: columns length is 4, got 3 on line 3\n`);
    // A rate of 0 cannot convert anything (a limit is divided by the rate).
    const zero = fails({ 'doa.config.json': config({ rates: 'rates.csv' }), 'rates.csv': 'from,to,rate,date\nEUR,USD,0.00,2025-01-01\n' });
    expect(zero.stderr).toBe(`doa: ${join(zero.dir, 'rates.csv')}:2:1: 'rate' must be above 0 (found '0.00')\n`);
    const twice = fails({ 'doa.config.json': config({ rates: 'rates.csv' }), 'rates.csv': 'from,to,rate,date\nEUR,USD,1.05,2025-01-01\nEUR,USD,1.07,2025-01-01\n' });
    expect(twice.stderr).toBe(`doa: ${join(twice.dir, 'rates.csv')}:3:1: a second rate from EUR to USD on 2025-01-01 (the first is on line 2)\n`);
    // Without a header, the first rate would be read as the header and the file give no rate at all.
    const headless = fails({ 'doa.config.json': config({ rates: 'rates.csv' }), 'rates.csv': 'EUR,USD,1.05,2025-01-01\n' });
    expect(headless.stderr).toBe(`doa: ${join(headless.dir, 'rates.csv')}:1:1: the first line must name the columns from, to, rate and, optionally, date (missing: from, to, rate; found 'EUR,USD,1.05,2025-01-01')\n`);
    const missing = fails({ 'doa.config.json': config({ rates: 'nowhere.csv' }) });
    expect(missing.stderr).toBe(`doa: ${join(missing.dir, 'nowhere.csv')}:1:1: cannot read the rates file\n`);
  });

  it('a --config file that does not exist', () => {
    const { stderr, dir } = fails({}, ['--config', 'missing.json']);
    expect(stderr).toBe(`doa: ${join(dir, 'missing.json')}:1:1: cannot read the configuration file\n`);
  });

  it('the same errors stop fmt', () => {
    const dir = tempDir();
    writeFiles(dir, { 'doa.config.json': '{ "rulez": {} }' });
    const r = doa(['fmt', '--check', '.'], { cwd: dir });
    expect(r).toEqual({ code: 2, stdout: '', stderr: `doa: ${join(dir, 'doa.config.json')}:1:3: unknown setting 'rulez'\n` });
  });
});

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
