// Shared helpers of the CLI subprocess tests: running `node bin/doa.js` (the bundle built by
// test/global-setup.ts), temporary workspaces made of sample files, and the validators the reports
// must pass: the official SARIF 2.1.0 JSON Schema (ajv), Microsoft's SARIF Multitool, and a JUnit
// XML check (fast-xml-parser).
import { spawnSync } from 'node:child_process';
import { accessSync, chmodSync, constants, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import formatsPlugin from 'ajv-formats';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll } from 'vitest';

export const REPO = fileURLToPath(new URL('../../', import.meta.url));
export const BIN = join(REPO, 'bin', 'doa.js');
export const SAMPLES = join(REPO, 'samples', 'rules');
export const AS_OF = '2025-06-30';

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `node bin/doa.js …` as a real subprocess. */
export function doa(args: string[], options: { cwd?: string } = {}): Run {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: options.cwd ?? REPO, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Config discovery walks up from the working directory: a stray doa.config.json above the temporary folder would leak into every test. */
function assertNoStrayConfig(dir: string): void {
  for (let d = dirname(dir); ; d = dirname(d)) {
    const stray = join(d, 'doa.config.json');
    if (existsSync(stray)) throw new Error(`${stray} would be found by config discovery from the test folders: remove it`);
    if (dirname(d) === d) return;
  }
}

const made: string[] = [];
// Registered while the importing test file is collected: removes its temporary folders at its end.
afterAll(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A fresh temporary folder, removed after the test file's last test. */
export function tempDir(name = 'doa-cli-'): string {
  const dir = mkdtempSync(join(tmpdir(), name));
  assertNoStrayConfig(dir);
  made.push(dir);
  return dir;
}

/** Copies rule samples (each folder's *.doa files, under the folder's name) into `dir`. */
export function copySamples(dir: string, names: readonly string[]): void {
  for (const name of names) {
    mkdirSync(join(dir, name), { recursive: true });
    for (const f of readdirSync(join(SAMPLES, name))) if (f.endsWith('.doa')) cpSync(join(SAMPLES, name, f), join(dir, name, f));
  }
}

/** Writes files (path relative to `dir` → text), creating folders. */
export function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
}

/** The sample set with several findings of every severity: 1 error, 3 warnings, 1 info in 4 files. */
export const MULTI = ['_shared', 'missing-reporting-duty', 'not-yet-in-force', 'segregation-of-duties'] as const;

/** A one-line error message, with no stack trace. */
export function expectOneLine(stderr: string): boolean {
  return /^doa: [^\n]+\n$/.test(stderr) && !/\n\s+at /.test(stderr);
}

// ---------------------------------------------------------------------------------------------
// The JSON report (the --format json shape), typed as far as the tests read it.

export interface Pos {
  line: number;
  character: number;
}
export interface JsonFinding {
  ruleId: string;
  messageId: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  uri: string;
  file: string;
  range: { start: Pos; end: Pos };
  chain: Array<{ name: string; kind: string; title?: string; location?: { uri: string; range: { start: Pos; end: Pos } } }>;
  related: Array<{ uri: string; range: { start: Pos; end: Pos }; message: string }>;
  basis: string[];
  fix?: unknown;
  explanation?: unknown;
  suppression?: { kind: string; justification: string; until?: string };
}
export interface JsonReport {
  tool: { name: string; version: string };
  asOf: string;
  files: string[];
  summary: { findings: number; errors: number; warnings: number; infos: number; suppressed: number };
  findings: JsonFinding[];
  suppressed: JsonFinding[];
}

// ---------------------------------------------------------------------------------------------
// SARIF: the official schema with ajv, and the SARIF Multitool.

const require = createRequire(import.meta.url);

/** The folder of @microsoft/sarif-multitool-linux (binary and official schema), if installed. */
function multitoolPackage(): string | undefined {
  try {
    return dirname(require.resolve('@microsoft/sarif-multitool-linux/package.json'));
  } catch {
    return undefined;
  }
}

/** The official SARIF 2.1.0 schema shipped with the multitool (draft 2020-12). */
export const SARIF_SCHEMA_PATH = join(multitoolPackage() ?? join(REPO, 'node_modules', '@microsoft', 'sarif-multitool-linux'), 'sarif-2.1.0.json');

let sarifValidator: ((data: unknown) => boolean) & { errors?: ErrorObject[] | null } | undefined;

/** Problems of a SARIF text against the official schema (empty = valid). */
export function sarifSchemaProblems(text: string): string[] {
  if (!sarifValidator) {
    const schema = JSON.parse(readFileSync(SARIF_SCHEMA_PATH, 'utf8')) as { $schema: string };
    if (schema.$schema !== 'https://json-schema.org/draft/2020-12/schema') throw new Error(`unexpected SARIF schema dialect ${schema.$schema}`);
    // The schema uses `required` inside anyOf branches, which ajv's strict mode rejects; formats are checked.
    const ajv = new Ajv2020({ allErrors: true, strict: false, validateFormats: true });
    const addFormats = ((formatsPlugin as unknown as { default?: unknown }).default ?? formatsPlugin) as (a: Ajv2020) => void;
    addFormats(ajv);
    sarifValidator = ajv.compile(schema);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return [`not JSON: ${(e as Error).message}`];
  }
  if (sarifValidator(data)) return [];
  return (sarifValidator.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
}

/** The multitool binary if it runs here (a self-contained .NET program for linux-x64). */
export const MULTITOOL: string | undefined = (() => {
  const pkg = multitoolPackage();
  if (!pkg || process.platform !== 'linux') return undefined;
  const bin = join(pkg, 'Sarif.Multitool');
  try {
    accessSync(bin, constants.X_OK);
  } catch {
    // Its postinstall (chmod u+x) may not have run.
    try {
      chmodSync(bin, 0o755);
    } catch {
      return undefined;
    }
  }
  const r = spawnSync(bin, ['--version'], { encoding: 'utf8', timeout: 120_000 });
  // It prints its version on standard error.
  return r.status === 0 && /SARIF Multitool 5\.7\.0/.test(`${r.stdout}${r.stderr}`) ? bin : undefined;
})();

export interface MultitoolVerdict {
  /** The inputs the multitool actually analysed (it silently skips a log it cannot deserialise, and every input after it). */
  analysed: string[];
  /** Results of level error, as `file: RULE message`. */
  errors: string[];
  /** Every result, for messages. */
  all: string[];
}

/**
 * Runs `Sarif.Multitool validate` on the files and reads the SARIF it writes: its exit code is 0
 * even when the input has errors, so the output log is what counts. `--insert Hashes` makes it list
 * each input it analysed as an artifact, which tells a skipped input from a clean one.
 */
export function runMultitool(files: readonly string[]): MultitoolVerdict {
  if (!MULTITOOL) throw new Error('the SARIF multitool cannot run here');
  const out = join(tempDir('doa-multitool-'), 'validation.sarif');
  const r = spawnSync(MULTITOOL, ['validate', ...files, '--output', out, '--log', 'ForceOverwrite', '--insert', 'Hashes', '--quiet'], { encoding: 'utf8', timeout: 300_000 });
  if (r.error) throw r.error;
  if (!existsSync(out)) throw new Error(`the multitool wrote no output (exit ${r.status}): ${r.stdout}${r.stderr}`);
  interface MtResult {
    ruleId?: string;
    level?: string;
    message?: { text?: string; id?: string; arguments?: string[] };
    locations?: Array<{ physicalLocation?: { artifactLocation?: { uri?: string }; region?: { startLine?: number; startColumn?: number } } }>;
  }
  const log = JSON.parse(readFileSync(out, 'utf8')) as { runs: Array<{ results?: MtResult[]; artifacts?: Array<{ location?: { uri?: string } }> }> };
  const path = (uri: string | undefined) => (uri?.startsWith('file:') ? fileURLToPath(uri) : (uri ?? '?'));
  const verdict: MultitoolVerdict = { analysed: [], errors: [], all: [] };
  for (const run of log.runs) {
    for (const a of run.artifacts ?? []) verdict.analysed.push(path(a.location?.uri));
    for (const res of run.results ?? []) {
      const loc = res.locations?.[0]?.physicalLocation;
      const text = `${path(loc?.artifactLocation?.uri)}(${loc?.region?.startLine ?? '?'},${loc?.region?.startColumn ?? '?'}): ${res.level ?? 'warning'} ${res.ruleId} ${res.message?.text ?? `${res.message?.id} ${JSON.stringify(res.message?.arguments ?? [])}`}`;
      verdict.all.push(text);
      if (res.level === 'error') verdict.errors.push(text);
    }
  }
  return verdict;
}

/** Collects the SARIF files a test file produces: each is checked against the schema at once, and all go through the multitool in one run at the end. */
export class SarifBatch {
  readonly files: string[] = [];
  private readonly dir = tempDir('doa-sarif-');

  /** Schema-checks a SARIF text, keeps a copy for the multitool, and returns the parsed log. */
  add(name: string, text: string): SarifLog {
    const problems = sarifSchemaProblems(text);
    if (problems.length) throw new Error(`${name}: not valid against the SARIF 2.1.0 schema:\n${problems.join('\n')}`);
    const file = join(this.dir, `${String(this.files.length).padStart(2, '0')}-${name.replace(/[^\w.-]+/g, '_')}.sarif`);
    writeFileSync(file, text);
    this.files.push(file);
    return JSON.parse(text) as SarifLog;
  }
}

/** The parts of a SARIF log the tests read. */
export interface SarifRegion {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}
export interface SarifPhysical {
  artifactLocation: { uri: string; uriBaseId?: string };
  region: SarifRegion;
}
export interface SarifResult {
  ruleId: string;
  ruleIndex?: number;
  level: string;
  message: { text: string };
  locations: Array<{ physicalLocation: SarifPhysical }>;
  relatedLocations?: Array<{ id: number; physicalLocation: SarifPhysical; message: { text: string } }>;
  partialFingerprints: Record<string, string>;
  suppressions?: Array<{ kind: string; status?: string; justification?: string; properties?: { until?: string } }>;
  fixes?: unknown[];
  properties?: { chain?: string[]; basis?: string[]; messageId?: string };
}
export interface SarifLog {
  $schema: string;
  version: string;
  runs: Array<{
    tool: {
      driver: {
        name: string;
        version: string;
        rules: Array<{ id: string; name: string; helpUri?: string; help: { text: string; markdown?: string }; shortDescription: { text: string }; defaultConfiguration: { level: string } }>;
      };
    };
    originalUriBaseIds: Record<string, { uri: string }>;
    artifacts: Array<{ location: { uri: string } }>;
    results: SarifResult[];
  }>;
}

// ---------------------------------------------------------------------------------------------
// JUnit XML.

const JUNIT_ARRAYS = new Set(['testsuite', 'testcase', 'failure', 'error', 'skipped']);

interface XmlNode {
  [key: string]: unknown;
}

/** Problems of a JUnit XML report: well-formedness, and tests/failures/errors/skipped attributes equal to the elements' counts. */
export function junitProblems(text: string): string[] {
  const wellFormed = XMLValidator.validate(text);
  if (wellFormed !== true) return [`not well-formed XML: ${wellFormed.err.msg} (line ${wellFormed.err.line}, column ${wellFormed.err.col})`];
  const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (name) => JUNIT_ARRAYS.has(name) }).parse(text) as XmlNode;
  const root = doc['testsuites'] as XmlNode | undefined;
  if (!root) return ['no <testsuites> root element'];
  const problems: string[] = [];
  const count = (node: XmlNode, name: string) => ((node[name] as unknown[] | undefined) ?? []).length;
  const expectAttr = (where: string, node: XmlNode, attr: string, actual: number) => {
    const stated = node[`@${attr}`];
    if (stated === undefined) problems.push(`${where} has no ${attr} attribute`);
    else if (Number(stated) !== actual) problems.push(`${where} states ${attr}="${String(stated)}" but has ${actual}`);
  };
  const totals = { tests: 0, failures: 0, errors: 0 };
  const suites = (root['testsuite'] as XmlNode[] | undefined) ?? [];
  if (!suites.length) problems.push('no <testsuite> element');
  suites.forEach((suite, i) => {
    const cases = (suite['testcase'] as XmlNode[] | undefined) ?? [];
    const where = `<testsuite> #${i + 1}`;
    const failures = cases.reduce((n, c) => n + count(c, 'failure'), 0);
    const errors = cases.reduce((n, c) => n + count(c, 'error'), 0);
    const skipped = cases.reduce((n, c) => n + count(c, 'skipped'), 0);
    expectAttr(where, suite, 'tests', cases.length);
    expectAttr(where, suite, 'failures', failures);
    if (suite['@errors'] !== undefined) expectAttr(where, suite, 'errors', errors);
    if (suite['@skipped'] !== undefined) expectAttr(where, suite, 'skipped', skipped);
    cases.forEach((c, j) => {
      if (typeof c['@name'] !== 'string' || !c['@name']) problems.push(`${where} <testcase> #${j + 1} has no name`);
      if (typeof c['@classname'] !== 'string' || !c['@classname']) problems.push(`${where} <testcase> #${j + 1} has no classname`);
    });
    totals.tests += cases.length;
    totals.failures += failures;
    totals.errors += errors;
  });
  expectAttr('<testsuites>', root, 'tests', totals.tests);
  expectAttr('<testsuites>', root, 'failures', totals.failures);
  if (root['@errors'] !== undefined) expectAttr('<testsuites>', root, 'errors', totals.errors);
  return problems;
}

/** The <testcase> elements of a (valid) JUnit report: name, and the failure text if any. */
export function junitCases(text: string): Array<{ name: string; file?: string; failure?: { type: string; message: string; text: string }; systemOut?: string }> {
  const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (name) => JUNIT_ARRAYS.has(name), trimValues: false }).parse(text) as XmlNode;
  const suites = ((doc['testsuites'] as XmlNode)['testsuite'] as XmlNode[]) ?? [];
  return suites.flatMap((s) =>
    ((s['testcase'] as XmlNode[] | undefined) ?? []).map((c) => {
      const f = (c['failure'] as XmlNode[] | undefined)?.[0];
      const out: { name: string; file?: string; failure?: { type: string; message: string; text: string }; systemOut?: string } = { name: String(c['@name']) };
      if (c['@file'] !== undefined) out.file = String(c['@file']);
      if (f) out.failure = { type: String(f['@type']), message: String(f['@message']), text: String(f['#text'] ?? '') };
      if (c['system-out'] !== undefined) out.systemOut = String(c['system-out']);
      return out;
    }),
  );
}

// ---------------------------------------------------------------------------------------------
// GitHub workflow commands.

export interface WorkflowCommand {
  command: string;
  properties: Record<string, string>;
  data: string;
  /** The raw property text and data, before unescaping. */
  rawProperties: string;
  rawData: string;
}

/** Parses `::command k=v,k=v::data` lines the way the Actions runner does (unescaping %25, %0D, %0A, %3A, %2C). */
export function parseWorkflowCommands(text: string): WorkflowCommand[] {
  const unescape = (s: string) => s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%');
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const m = /^::(\w+) ([^:]*)::(.*)$/.exec(line);
      if (!m) throw new Error(`not a workflow command: ${line}`);
      const properties: Record<string, string> = {};
      for (const pair of m[2]!.split(',')) {
        const eq = pair.indexOf('=');
        properties[pair.slice(0, eq)] = unescape(pair.slice(eq + 1));
      }
      return { command: m[1]!, properties, data: m[3]!.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%'), rawProperties: m[2]!, rawData: m[3]! };
    });
}
