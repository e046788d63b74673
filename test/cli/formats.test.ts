// Every output format of `doa check`, on a sample set with several findings of every severity
// (samples/rules/_shared + missing-reporting-duty + not-yet-in-force + segregation-of-duties, copied
// to a temporary folder): exact text where the format is line-oriented, structure where it is a
// document, and the real validators for SARIF (official schema + SARIF Multitool) and JUnit.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  AS_OF,
  MULTI,
  MULTITOOL,
  REPO,
  SAMPLES,
  SarifBatch,
  copySamples,
  doa,
  junitCases,
  junitProblems,
  parseWorkflowCommands,
  runMultitool,
  tempDir,
  type JsonFinding,
  type JsonReport,
  type SarifLog,
} from './helpers.ts';

const VERSION = (JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string }).version;
const sarifs = new SarifBatch();

let dir: string;
let report: JsonReport;
const check = (...args: string[]) => doa(['check', '.', '--as-of', AS_OF, ...args], { cwd: dir });

const line = (f: JsonFinding) => f.range.start.line + 1;
const col = (f: JsonFinding) => f.range.start.character + 1;
const chainText = (f: JsonFinding) => f.chain.map((c) => (c.kind === 'root' ? (c.title ?? c.name) : c.name)).join(' → ');

beforeAll(() => {
  dir = tempDir();
  copySamples(dir, MULTI);
  const r = check('--format', 'json');
  expect(r.code).toBe(1);
  report = JSON.parse(r.stdout) as JsonReport;
});

describe('the sample set', () => {
  it('has findings of every severity in several files', () => {
    expect(report.summary).toEqual({ findings: 5, errors: 1, warnings: 3, infos: 1, suppressed: 0 });
    expect(new Set(report.findings.map((f) => f.file)).size).toBe(3);
  });
});

describe('--format stylish (the default)', () => {
  it('prints file:line:col, severity, message and rule, then the chain and the basis, then a summary', () => {
    const r = check();
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    const expected: string[] = [];
    for (const f of report.findings) {
      expected.push(`${f.file}:${line(f)}:${col(f)}  ${f.severity.padEnd(7)}  ${f.message}  ${f.ruleId}`);
      if (f.chain.length) expected.push(`    chain: ${chainText(f)}`);
      if (f.basis.length) expected.push(`    basis: ${f.basis.join('; ')}`);
    }
    expected.push('', '5 findings (1 error, 3 warnings, 1 info) in 4 files, as of 2025-06-30', '');
    expect(r.stdout).toBe(expected.join('\n'));
    // Literal anchors, independent of the JSON report.
    expect(r.stdout).toContain('missing-reporting-duty/finance.doa:21:16  warning  SD-MSN-FA states no reporting duty: say what is reported, to whom and how often  missing-reporting-duty\n');
    expect(r.stdout).toContain('    chain: Secretary-General → DA-MSN-FIN → SD-MSN-DMS → SD-MSN-FA\n    basis: A/72/773 §74; GA resolution 66/257 §12\n');
    expect(r.stdout).toMatch(/^segregation-of-duties\/finance\.doa:25:3 {2}error {4}\S.* segregation-of-duties$/m);
    expect(r.stdout).toMatch(/^not-yet-in-force\/handover\.doa:25:14 {2}info {5}\S.* not-yet-in-force$/m);
  });

  it('says so when there is nothing to report', () => {
    const r = doa(['check', '_shared', '--as-of', AS_OF], { cwd: dir });
    expect(r).toEqual({ code: 0, stdout: 'No findings in 1 file, as of 2025-06-30\n', stderr: '' });
  });
});

describe('--format json', () => {
  it('carries the tool, the date, the files, a summary and every finding with all the core returns', () => {
    expect(report.tool).toEqual({ name: 'doa', version: VERSION });
    expect(report.asOf).toBe(AS_OF);
    expect(report.files).toEqual(['_shared/organisation.doa', 'missing-reporting-duty/finance.doa', 'not-yet-in-force/handover.doa', 'segregation-of-duties/finance.doa']);
    expect(report.suppressed).toEqual([]);
    for (const f of report.findings) {
      expect(f.uri).toBe(pathToFileURL(join(dir, f.file)).href);
      expect(Object.keys(f)).toEqual(expect.arrayContaining(['ruleId', 'messageId', 'severity', 'message', 'uri', 'range', 'related', 'chain', 'basis', 'subject', 'data', 'file']));
      // json-rules-engine's evaluation of the rule on this finding.
      expect(Array.isArray(f.explanation)).toBe(true);
    }
    expect(report.findings.filter((f) => f.fix).length).toBe(2);
    const counts = { errors: 'error', warnings: 'warning', infos: 'info' } as const;
    for (const [key, sev] of Object.entries(counts)) expect(report.summary[key as keyof typeof counts]).toBe(report.findings.filter((f) => f.severity === sev).length);
  });
});

describe('--format sarif', () => {
  let log: SarifLog;
  beforeAll(() => {
    const r = check('--format', 'sarif');
    expect(r.code).toBe(1);
    log = sarifs.add('multi', r.stdout);
  });

  it('is SARIF 2.1.0 from the doa driver, with the checked files as artifacts under %SRCROOT%', () => {
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    const run = log.runs[0]!;
    expect(run.tool.driver.name).toBe('doa');
    expect(run.tool.driver.version).toBe(VERSION);
    expect(run.originalUriBaseIds['%SRCROOT%']!.uri).toBe(`${pathToFileURL(dir).href}/`);
    expect(run.artifacts.map((a) => a.location.uri)).toEqual(report.files);
  });

  it('describes each rule used, with help text and a help URI, and points results at them', () => {
    const run = log.runs[0]!;
    const used = [...new Set(report.findings.map((f) => f.ruleId))].sort();
    expect(run.tool.driver.rules.map((r) => r.id)).toEqual(used);
    for (const rule of run.tool.driver.rules) {
      expect(rule.shortDescription.text.length).toBeGreaterThan(10);
      expect(rule.help.text.length).toBeGreaterThan(10);
      expect(rule.helpUri).toMatch(/^file:\/\/.*\.md$/);
      const docs = new URL(rule.helpUri!);
      expect(existsSync(docs), `${rule.id}'s help page exists`).toBe(true);
      expect(rule.help.markdown).toBe(readFileSync(docs, 'utf8'));
    }
    const levels = Object.fromEntries(run.tool.driver.rules.map((r) => [r.id, r.defaultConfiguration.level]));
    expect(levels).toEqual({ 'missing-reporting-duty': 'warning', 'not-yet-in-force': 'note', 'segregation-of-duties': 'error' });
    for (const res of run.results) expect(run.tool.driver.rules[res.ruleIndex!]!.id).toBe(res.ruleId);
  });

  it('gives each finding as a result with its exact region, level and message', () => {
    const results = log.runs[0]!.results;
    expect(results).toHaveLength(report.findings.length);
    report.findings.forEach((f, i) => {
      const res = results[i]!;
      expect(res.ruleId).toBe(f.ruleId);
      expect(res.level).toBe({ error: 'error', warning: 'warning', info: 'note' }[f.severity]);
      expect(res.message.text).toBe(f.message);
      expect(res.locations).toHaveLength(1);
      expect(res.locations[0]!.physicalLocation).toEqual({
        artifactLocation: { uri: f.file, uriBaseId: '%SRCROOT%' },
        region: { startLine: f.range.start.line + 1, startColumn: f.range.start.character + 1, endLine: f.range.end.line + 1, endColumn: f.range.end.character + 1 },
      });
      expect(res.properties?.basis).toEqual(f.basis);
      expect(res.suppressions).toBeUndefined();
      expect(Boolean(res.fixes)).toBe(Boolean(f.fix));
    });
  });

  it('gives the chain of instruments and the related places as relatedLocations', () => {
    const results = log.runs[0]!.results;
    report.findings.forEach((f, i) => {
      const related = results[i]!.relatedLocations ?? [];
      const expected = [
        ...f.chain.filter((c) => c.location).map((c) => ({ text: `chain: ${c.kind === 'root' ? (c.title ?? c.name) : `${c.kind} ${c.name}`}`, loc: c.location! })),
        ...f.related.map((r) => ({ text: r.message, loc: r })),
      ];
      expect(related.map((r) => r.message.text)).toEqual(expected.map((e) => e.text));
      related.forEach((r, j) => {
        expect(r.id).toBe(j + 1);
        const loc = expected[j]!.loc;
        expect(r.physicalLocation.region).toEqual({ startLine: loc.range.start.line + 1, startColumn: loc.range.start.character + 1, endLine: loc.range.end.line + 1, endColumn: loc.range.end.character + 1 });
        expect(pathToFileURL(join(dir, decodeURIComponent(r.physicalLocation.artifactLocation.uri))).href).toBe(loc.uri);
      });
    });
    const sfa = results.find((r) => r.message.text.startsWith('SD-MSN-FA '))!;
    expect(sfa.relatedLocations!.map((r) => r.message.text).slice(0, 4)).toEqual(['chain: Secretary-General', 'chain: delegation DA-MSN-FIN', 'chain: sub-delegation SD-MSN-DMS', 'chain: sub-delegation SD-MSN-FA']);
  });

  it('gives partial fingerprints that are unique and survive the finding moving down the file', () => {
    const prints = log.runs[0]!.results.map((r) => r.partialFingerprints['doaFinding/v1']);
    expect(prints.every((p) => typeof p === 'string' && /^[0-9a-f]{32}$/.test(p))).toBe(true);
    expect(new Set(prints).size).toBe(prints.length);

    const moved = tempDir();
    copySamples(moved, MULTI);
    for (const rel of ['missing-reporting-duty/finance.doa', 'segregation-of-duties/finance.doa']) {
      const path = join(moved, rel);
      writeFileSync(path, `// moved down by three lines\n\n\n${readFileSync(path, 'utf8')}`);
    }
    const r = doa(['check', '.', '--as-of', AS_OF, '--format', 'sarif'], { cwd: moved });
    const after = sarifs.add('moved', r.stdout).runs[0]!.results;
    expect(after.map((x) => x.partialFingerprints['doaFinding/v1'])).toEqual(prints);
    const before = log.runs[0]!.results;
    after.forEach((x, i) => {
      const shift = x.locations[0]!.physicalLocation.artifactLocation.uri.startsWith('not-yet') ? 0 : 3;
      expect(x.locations[0]!.physicalLocation.region.startLine).toBe(before[i]!.locations[0]!.physicalLocation.region.startLine + shift);
    });
  });

  it('is valid with no findings', () => {
    const r = doa(['check', '_shared', '--as-of', AS_OF, '--format', 'sarif'], { cwd: dir });
    expect(r.code).toBe(0);
    const empty = sarifs.add('empty', r.stdout);
    expect(empty.runs[0]!.results).toEqual([]);
    expect(empty.runs[0]!.tool.driver.rules).toEqual([]);
  });

  it('is valid for every rule sample checked at once (many findings of many rules)', () => {
    const all = tempDir();
    copySamples(all, ['_shared', ...readdirNames(SAMPLES)]);
    const r = doa(['check', '.', '--as-of', AS_OF, '--format', 'sarif'], { cwd: all });
    expect(r.code).toBe(1);
    const big = sarifs.add('all-samples', r.stdout);
    // Checked together the samples also clash (duplicate names), so not every rule fires as it does alone.
    const ids = new Set(big.runs[0]!.results.map((x) => x.ruleId));
    expect(ids.size).toBeGreaterThanOrEqual(15);
    expect(big.runs[0]!.results.length).toBeGreaterThanOrEqual(readdirNames(SAMPLES).length);
    expect(big.runs[0]!.tool.driver.rules.map((x) => x.id)).toEqual([...ids].sort());
  });

  it('percent-encodes file names that are not URI-safe (spaces, %, :, #, non-ASCII)', () => {
    const odd = join(tempDir(), 'policy set #1');
    copySamples(odd, ['_shared']);
    const text = readFileSync(join(SAMPLES, 'conflict-of-interest', 'procurement.doa'), 'utf8');
    writeFileSync(join(odd, 'odd%name,x:y é.doa'), text);
    const r = doa(['check', '.', '--as-of', AS_OF, '--format', 'sarif'], { cwd: odd });
    const res = sarifs.add('odd-names', r.stdout).runs[0]!;
    expect(res.originalUriBaseIds['%SRCROOT%']!.uri).toBe(`${pathToFileURL(odd).href}/`);
    expect(res.originalUriBaseIds['%SRCROOT%']!.uri).toContain('policy%20set%20%231/');
    expect(res.results[0]!.locations[0]!.physicalLocation.artifactLocation.uri).toBe('odd%25name%2Cx%3Ay%20%C3%A9.doa');
  });
});

describe('--format junit', () => {
  it('has one testcase per file checked, a failure per file with findings at the fail level, and counts that match', () => {
    const r = check('--format', 'junit');
    expect(r.code).toBe(1);
    expect(junitProblems(r.stdout)).toEqual([]);
    expect(r.stdout).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="doa" tests="4" failures="1" errors="0">\n {2}<testsuite name="doa check \(as of 2025-06-30\)" tests="4" failures="1" errors="0" skipped="0">\n/);
    const cases = junitCases(r.stdout);
    expect(cases.map((c) => c.name)).toEqual(report.files);
    const text = (f: JsonFinding) => `${f.file}:${line(f)}:${col(f)} ${f.severity} ${f.message} (${f.ruleId})`;
    const sod = cases.find((c) => c.name === 'segregation-of-duties/finance.doa')!;
    const sodFindings = report.findings.filter((f) => f.file === sod.name);
    expect(sod.failure).toEqual({ type: 'error', message: '1 finding at or above error', text: sodFindings.filter((f) => f.severity === 'error').map(text).join('\n') });
    expect(sod.systemOut).toBe(sodFindings.filter((f) => f.severity !== 'error').map(text).join('\n'));
    expect(cases.find((c) => c.name === '_shared/organisation.doa')).toEqual({ name: '_shared/organisation.doa', file: '_shared/organisation.doa' });
    expect(cases.find((c) => c.name === 'missing-reporting-duty/finance.doa')!.failure).toBeUndefined();
  });

  it('fails the files with findings at or above --fail-level', () => {
    const warning = check('--format', 'junit', '--fail-level', 'warning');
    expect(junitProblems(warning.stdout)).toEqual([]);
    expect(junitCases(warning.stdout).filter((c) => c.failure).map((c) => [c.name, c.failure!.type, c.failure!.message])).toEqual([
      ['missing-reporting-duty/finance.doa', 'warning', '2 findings at or above warning'],
      ['segregation-of-duties/finance.doa', 'error', '2 findings at or above warning'],
    ]);
    const info = check('--format', 'junit', '--fail-level', 'info');
    expect(junitProblems(info.stdout)).toEqual([]);
    expect(info.stdout).toContain('<testsuites name="doa" tests="4" failures="3" errors="0">');
  });
});

describe('--format github', () => {
  it('prints one workflow command per finding, with file, line, col, end and title', () => {
    const r = check('--format', 'github');
    expect(r.code).toBe(1);
    const commands = parseWorkflowCommands(r.stdout);
    expect(commands).toHaveLength(report.findings.length);
    report.findings.forEach((f, i) => {
      const c = commands[i]!;
      expect(c.command).toBe({ error: 'error', warning: 'warning', info: 'notice' }[f.severity]);
      expect(c.properties).toEqual({
        file: f.file,
        line: String(line(f)),
        col: String(col(f)),
        endLine: String(f.range.end.line + 1),
        endColumn: String(f.range.end.character + 1),
        title: `doa ${f.ruleId}`,
      });
      expect(c.data).toBe(f.message);
      expect(c.rawProperties).toMatch(/(^|,)col=\d+(,|$)/);
      expect(c.rawProperties).not.toMatch(/(^|,)column=/);
    });
    expect(r.stdout.split('\n')[0]).toBe(
      '::warning file=missing-reporting-duty/finance.doa,line=13,col=16,endLine=13,endColumn=26,title=doa missing-reporting-duty::SD-MSN-DMS states no reporting duty: say what is reported, to whom and how often',
    );
  });

  it('escapes %, :, , and line breaks in properties, and % and line breaks in the message', () => {
    const odd = tempDir();
    copySamples(odd, ['_shared']);
    const text = readFileSync(join(SAMPLES, 'conflict-of-interest', 'procurement.doa'), 'utf8').replace('"Brother is a director of Acme Logistics"', '"Cousin: 50% owner, freight\\nand storage"');
    // A file name may hold any of these on Linux, line breaks included.
    writeFileSync(join(odd, 'odd%name,x:y\r\nz.doa'), text);
    const r = doa(['check', '.', '--as-of', AS_OF, '--format', 'github'], { cwd: odd });
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').filter(Boolean)).toHaveLength(1);
    expect(r.stdout).toBe(
      '::warning file=odd%25name%2Cx%3Ay%0D%0Az.doa,line=17,col=6,endLine=17,endColumn=9,title=doa conflict-of-interest::Nguyễn Thị Mai exercises SD-MSN-PO2 (procurement) but has declared a conflict of interest: Cousin: 50%25 owner, freight%0Aand storage\n',
    );
    const [c] = parseWorkflowCommands(r.stdout);
    expect(c!.properties['file']).toBe('odd%name,x:y\r\nz.doa');
    // In the message only %, CR and LF are escaped: ':' and ',' stay as they are.
    expect(c!.rawData).toContain('Cousin: 50%25 owner, freight%0Aand storage');
    expect(c!.data).toContain('Cousin: 50% owner, freight\nand storage');
  });
});

describe('--format markdown', () => {
  it('gives a summary and a table of findings ordered by severity, with place, rule, message, chain and basis', () => {
    const r = check('--format', 'markdown');
    expect(r.code).toBe(1);
    const order = ['error', 'warning', 'info'];
    const rows = [...report.findings]
      .sort((a, b) => order.indexOf(a.severity) - order.indexOf(b.severity))
      .map((f) => `| ${{ error: '🔴 error', warning: '🟠 warning', info: '🔵 info' }[f.severity]} | \`${f.file}:${line(f)}:${col(f)}\` | \`${f.ruleId}\` | ${f.message} | ${chainText(f)} | ${f.basis.join('; ')} |`);
    expect(r.stdout).toBe(
      [
        '## doa policy check',
        '',
        '**5 findings (1 error, 3 warnings, 1 info)** in 4 files, as of 2025-06-30.',
        '',
        '| Severity | Location | Rule | Finding | Chain | Basis |',
        '| --- | --- | --- | --- | --- | --- |',
        ...rows,
        '',
      ].join('\n'),
    );
  });

  it('escapes table cells and reports a clean run in one line', () => {
    const odd = tempDir();
    copySamples(odd, ['_shared']);
    const text = readFileSync(join(SAMPLES, 'conflict-of-interest', 'procurement.doa'), 'utf8').replace('"Brother is a director of Acme Logistics"', '"a | b\\nc"');
    writeFileSync(join(odd, 'coi.doa'), text);
    const r = doa(['check', '.', '--as-of', AS_OF, '--format', 'markdown'], { cwd: odd });
    expect(r.stdout).toContain('declared a conflict of interest: a \\| b<br>c |');
    const clean = doa(['check', '_shared', '--as-of', AS_OF, '--format', 'markdown'], { cwd: odd });
    expect(clean).toEqual({ code: 0, stdout: '## doa policy check\n\n✅ No findings in 1 file, as of 2025-06-30.\n', stderr: '' });
  });
});

describe('--output', () => {
  it.each(['stylish', 'json', 'sarif', 'junit', 'github', 'markdown'])('writes the %s report to the file and prints nothing', (format) => {
    const out = join(tempDir(), `report.${format}`);
    const r = check('--format', format, '--output', out);
    expect(r).toEqual({ code: 1, stdout: '', stderr: '' });
    expect(readFileSync(out, 'utf8')).toBe(check('--format', format).stdout);
    if (format === 'sarif') sarifs.add('output', readFileSync(out, 'utf8'));
    if (format === 'junit') expect(junitProblems(readFileSync(out, 'utf8'))).toEqual([]);
  });

  it('takes a path relative to the working directory, and -o is its short form', () => {
    const r = check('-f', 'json', '-o', 'report.json');
    expect(r).toEqual({ code: 1, stdout: '', stderr: '' });
    expect(JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'))).toEqual(report);
  });
});

describe('--quiet', () => {
  it('reports errors only, in every format, with the same exit code', () => {
    const r = check('--quiet');
    expect(r.code).toBe(1);
    const errors = report.findings.filter((f) => f.severity === 'error');
    expect(r.stdout.split('\n').filter((l) => /^\S+:\d+:\d+ {2}/.test(l))).toEqual(errors.map((f) => `${f.file}:${line(f)}:${col(f)}  error    ${f.message}  ${f.ruleId}`));
    expect(r.stdout).toContain('1 finding (1 error, 0 warnings, 0 info) in 4 files, as of 2025-06-30');
    const json = JSON.parse(check('-q', '--format', 'json').stdout) as JsonReport;
    expect(json.findings.map((f) => f.severity)).toEqual(['error']);
    const sarif = sarifs.add('quiet', check('--quiet', '--format', 'sarif').stdout);
    expect(sarif.runs[0]!.results.map((x) => x.level)).toEqual(['error']);
    expect(parseWorkflowCommands(check('--quiet', '--format', 'github').stdout).map((c) => c.command)).toEqual(['error']);
  });
});

describe('the SARIF Multitool', () => {
  it.skipIf(!MULTITOOL)('finds no error in any SARIF file written by these tests', () => {
    expect(sarifs.files.length).toBe(7);
    const verdict = runMultitool(sarifs.files);
    expect(verdict.errors).toEqual([]);
    expect([...verdict.analysed].sort()).toEqual([...sarifs.files].sort());
  });
});

function readdirNames(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !d.name.startsWith('_'))
    .map((d) => d.name)
    .sort();
}
