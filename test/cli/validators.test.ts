// The validators the other CLI tests rely on can fail: each is fed a report of doa's that passes and
// deliberately broken ones that must not.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { AS_OF, MULTI, MULTITOOL, copySamples, doa, junitProblems, runMultitool, sarifSchemaProblems, tempDir } from './helpers.ts';

let good: string;
let goodJunit: string;

interface Log {
  version?: string;
  runs: Array<{ results: Array<{ level: string; ruleIndex?: number; locations: Array<{ physicalLocation: { region: { startLine: number }; artifactLocation: { uri: string } } }> }> }>;
}
const broken = (edit: (log: Log) => void): string => {
  const log = JSON.parse(good) as Log;
  edit(log);
  return JSON.stringify(log, null, 2);
};

beforeAll(() => {
  const dir = tempDir();
  copySamples(dir, MULTI);
  good = doa(['check', '.', '--as-of', AS_OF, '--format', 'sarif'], { cwd: dir }).stdout;
  goodJunit = doa(['check', '.', '--as-of', AS_OF, '--format', 'junit'], { cwd: dir }).stdout;
});

describe('the SARIF schema check (ajv, official sarif-2.1.0.json)', () => {
  it('accepts doa’s SARIF', () => {
    expect(sarifSchemaProblems(good)).toEqual([]);
  });

  it('rejects broken SARIF', () => {
    expect(sarifSchemaProblems(broken((l) => (l.runs[0]!.results[0]!.level = 'fatal'))).join('\n')).toMatch(/\/runs\/0\/results\/0\/level must be equal to one of the allowed values/);
    expect(sarifSchemaProblems(broken((l) => (l.runs[0]!.results[0]!.locations[0]!.physicalLocation.region.startLine = 0))).join('\n')).toMatch(/startLine must be >= 1/);
    expect(sarifSchemaProblems(broken((l) => delete l.version)).join('\n')).toMatch(/must have required property 'version'/);
    expect(sarifSchemaProblems(broken((l) => (l.runs[0]!.results[0]!.locations[0]!.physicalLocation.artifactLocation.uri = 'a b%.doa'))).join('\n')).toMatch(/must match format "uri-reference"/);
    expect(sarifSchemaProblems('{ "version": "2.1.0", ')[0]).toMatch(/^not JSON/);
  });
});

describe.skipIf(!MULTITOOL)('the SARIF Multitool', () => {
  it('passes doa’s SARIF and reports errors in broken SARIF', () => {
    const dir = tempDir();
    const files = { good: join(dir, 'good.sarif'), badIndex: join(dir, 'bad-index.sarif'), notJson: join(dir, 'not-json.sarif') };
    writeFileSync(files.good, good);
    writeFileSync(
      files.badIndex,
      broken((l) => {
        l.runs[0]!.results[0]!.ruleIndex = 99;
        l.runs[0]!.results[1]!.locations[0]!.physicalLocation.region.startLine = 0;
      }),
    );
    writeFileSync(files.notJson, '{ "version": "2.1.0", ');
    const verdict = runMultitool(Object.values(files));
    expect(verdict.analysed.sort()).toEqual(Object.values(files).sort());
    const errorsOf = (file: string) => verdict.errors.filter((e) => e.startsWith(`${file}(`)).map((e) => / error (\w+) /.exec(e)?.[1]);
    expect(errorsOf(files.good)).toEqual([]);
    expect(errorsOf(files.badIndex)).toEqual(expect.arrayContaining(['SARIF1009', 'JSON1008']));
    expect(errorsOf(files.notJson)).toEqual(['JSON0001']);
  });

  it('skips a log it cannot read without an error, which the analysed list shows', () => {
    const file = join(tempDir(), 'bad-level.sarif');
    writeFileSync(file, broken((l) => (l.runs[0]!.results[0]!.level = 'fatal')));
    const verdict = runMultitool([file]);
    expect(verdict.errors).toEqual([]);
    expect(verdict.analysed).toEqual([]);
  });
});

describe('the JUnit check', () => {
  it('accepts doa’s JUnit XML', () => {
    expect(junitProblems(goodJunit)).toEqual([]);
  });

  it('rejects counts that do not match the elements, XML that is not well formed, and another root', () => {
    expect(junitProblems(goodJunit.replace('<testsuites name="doa" tests="4"', '<testsuites name="doa" tests="5"'))).toEqual(['<testsuites> states tests="5" but has 4']);
    expect(junitProblems(goodJunit.replace(/(<testsuite name="[^"]*" tests="4") failures="1"/, '$1 failures="0"'))).toEqual(['<testsuite> #1 states failures="0" but has 1']);
    expect(junitProblems(goodJunit.replace('</testsuite>\n', '')).join('\n')).toMatch(/^not well-formed XML/);
    expect(junitProblems(goodJunit.replace(/<testcase classname="doa" name="_shared\/organisation.doa" file="_shared\/organisation.doa"><\/testcase>\n/, ''))).toEqual([
      '<testsuite> #1 states tests="4" but has 3',
      '<testsuites> states tests="4" but has 3',
    ]);
    expect(junitProblems('<?xml version="1.0"?>\n<results></results>\n')).toEqual(['no <testsuites> root element']);
  });
});
