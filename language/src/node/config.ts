// `doa.config.json`: found by walking up from the working directory, validated against the
// published JSON Schema (schema/doa.config.schema.json), with errors located at line and column.
// The CLI and the language server read it through this module, so they apply the same settings.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Ajv, ErrorObject } from 'ajv';
import { findNodeAtLocation, parseTree, type Node, type ParseError, printParseErrorCode } from 'jsonc-parser';
import picomatch from 'picomatch';
import schema from '../../../schema/doa.config.schema.json' with { type: 'json' };
import type { RateDecl } from '../ast/ast.ts';
import type { ModelExtras } from '../model/model.ts';
import type { SeveritySetting } from '../check/check.ts';
import { canonicalDecimal } from '../values/decimal.ts';
import { isCurrency } from '../values/currencies.ts';
import { isValidDate } from '../values/dates.ts';
import { positionAt } from '../syntax/positions.ts';

export const CONFIG_FILE = 'doa.config.json';

export interface DoaConfig {
  include?: string[];
  exclude?: string[];
  asOf?: string;
  rules?: Record<string, SeveritySetting>;
  overrides?: Array<{ files: string[]; rules: Record<string, SeveritySetting> }>;
  rates?: string;
  committeeThresholds?: Record<string, { above: string; committee?: string }>;
}

/** A configuration problem, located in its file (1-based line and column). */
export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly column: number,
    readonly detail: string,
  ) {
    super(`${file}:${line}:${column}: ${detail}`);
  }
}

export interface LoadedConfig {
  /** The configuration file, or undefined when none was found (defaults apply). */
  path: string | undefined;
  /** Globs and relative paths are relative to this folder. */
  dir: string;
  config: DoaConfig;
  extras: ModelExtras;
  /** Severity of a rule for one file: overrides, then `rules`; undefined = the rule's default. */
  severityFor(ruleId: string, uri: string): SeveritySetting | undefined;
  /** Whether a file is excluded by the configuration. */
  isExcluded(path: string): boolean;
  /** A problem with a setting, located at that setting in the file (e.g. `['rules', 'x']`). */
  errorAt(path: Array<string | number>, detail: string): ConfigError;
}

/** Walks up from `cwd` to the first folder holding doa.config.json. */
export function findConfig(cwd: string): string | undefined {
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    const candidate = join(dir, CONFIG_FILE);
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

// Loaded and compiled on first use: most runs have no configuration file, and loading Ajv and
// compiling the schema cost start-up time of every `doa check` and of the language server.
let validator: ReturnType<Ajv['compile']> | undefined;
async function validatorOf(): Promise<ReturnType<Ajv['compile']>> {
  if (!validator) {
    // Ajv is CommonJS: where the CLI's bundle is split, its dynamic import has only a default export
    // (module.exports), on which ajv also sets `Ajv`; Node and the unsplit bundles agree.
    const { default: ajv } = await import('ajv');
    const Ajv = (ajv as unknown as { Ajv: typeof import('ajv').Ajv }).Ajv;
    validator = new Ajv({ allErrors: true, strict: false }).compile(schema);
  }
  return validator;
}

function locate(text: string, offset: number): { line: number; column: number } {
  const p = positionAt(text, offset);
  return { line: p.line + 1, column: p.character + 1 };
}

function errorAt(file: string, text: string, root: Node | undefined, e: ErrorObject): ConfigError {
  const path = e.instancePath
    .split('/')
    .slice(1)
    .map((seg) => (/^\d+$/.test(seg) ? Number(seg) : seg.replace(/~1/g, '/').replace(/~0/g, '~')));
  let node = root ? findNodeAtLocation(root, path) : undefined;
  let detail = `${e.instancePath || 'the configuration'} ${e.message ?? 'is invalid'}`;
  if (e.keyword === 'additionalProperties') {
    const extra = (e.params as { additionalProperty: string }).additionalProperty;
    detail = `unknown setting '${extra}'${e.instancePath ? ` in ${e.instancePath}` : ''}`;
    node = (root && findNodeAtLocation(root, [...path, extra])?.parent) ?? node;
  } else if (e.keyword === 'enum') {
    detail = `${e.instancePath} must be one of ${((e.params as { allowedValues: unknown[] }).allowedValues ?? []).join(', ')}`;
  }
  const at = locate(text, node?.offset ?? 0);
  return new ConfigError(file, at.line, at.column, detail);
}

async function readRates(file: string): Promise<RateDecl[]> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new ConfigError(file, 1, 1, 'cannot read the rates file');
  }
  // Loaded only when a configuration names a rates file (start-up time).
  const { parse: parseCsv } = await import('csv-parse/sync');
  let rows: Array<{ record: Record<string, string>; info: { lines: number } }>;
  /** The column names as csv-parse reads them from the first line (none in an empty file). */
  let header: string[] = [];
  try {
    const columns = (names: string[]) => (header = names);
    rows = parseCsv(text, { bom: true, columns, skip_empty_lines: true, trim: true, info: true }) as typeof rows;
  } catch (e) {
    // csv-parse errors carry the line they stopped at.
    const at = (e as { lines?: unknown }).lines;
    throw new ConfigError(file, typeof at === 'number' && at > 0 ? at : 1, 1, `not a CSV file: ${(e as Error).message}`);
  }
  // The first line names the columns: a file without one would have its first rate taken for the
  // header, and every later row read under it, without a word.
  const missing = ['from', 'to', 'rate'].filter((c) => !header.includes(c));
  if (missing.length) {
    throw new ConfigError(file, 1, 1, `the first line must name the columns from, to, rate and, optionally, date (missing: ${missing.join(', ')}; found '${header.join(',')}')`);
  }
  const uri = pathToFileURL(file).href;
  /** The line of each currency pair and date already read, for a second rate of the same. */
  const seen = new Map<string, number>();
  return rows.map(({ record: row, info }) => {
    const line = info.lines;
    const fail = (detail: string) => new ConfigError(file, line, 1, detail);
    const from = row['from'] ?? '';
    const to = row['to'] ?? '';
    const rate = canonicalDecimal(row['rate'] ?? '');
    const date = row['date'] ?? '';
    if (!isCurrency(from) || !isCurrency(to)) throw fail(`'from' and 'to' must be ISO 4217 currency codes (found '${from}', '${to}')`);
    if (rate === undefined) throw fail(`'rate' must be a decimal number (found '${row['rate'] ?? ''}')`);
    if (rate === '0') throw fail(`'rate' must be above 0 (found '${row['rate']}')`);
    if (date && !isValidDate(date)) throw fail(`'date' must be a date such as 2025-01-01 (found '${date}')`);
    const key = `${from} ${to} ${date}`;
    const before = seen.get(key);
    if (before !== undefined) throw fail(`a second rate from ${from} to ${to}${date ? ` on ${date}` : ' with no date'} (the first is on line ${before})`);
    seen.set(key, line);
    const pos = { line: line - 1, character: 0, offset: 0 };
    const decl: RateDecl = { from, to, rate, range: { start: pos, end: pos }, uri };
    if (date) decl.validFrom = { value: date, range: { start: pos, end: pos } };
    return decl;
  });
}

function parseAmount(text: string): { amount: string; currency: string } {
  const [currency, number] = text.split(' ');
  return { currency: currency!, amount: canonicalDecimal(number!)! };
}

/** Loads and validates a configuration file; `undefined` path = no file, defaults. */
export async function loadConfig(path: string | undefined, cwd: string): Promise<LoadedConfig> {
  const dir = path ? dirname(path) : resolve(cwd);
  let config: DoaConfig = {};
  let text = '';
  let root: Node | undefined;
  if (path) {
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      throw new ConfigError(path, 1, 1, 'cannot read the configuration file');
    }
    const errors: ParseError[] = [];
    root = parseTree(text, errors, { allowTrailingComma: false, disallowComments: true });
    if (errors.length) {
      const at = locate(text, errors[0]!.offset);
      throw new ConfigError(path, at.line, at.column, `not valid JSON (${printParseErrorCode(errors[0]!.error)})`);
    }
    const value = JSON.parse(text) as unknown;
    const validate = await validatorOf();
    if (!validate(value)) throw errorAt(path, text, root, validate.errors![0]!);
    config = value as DoaConfig;
    if (config.asOf && !isValidDate(config.asOf)) {
      const at = locate(text, (root && findNodeAtLocation(root, ['asOf'])?.offset) ?? 0);
      throw new ConfigError(path, at.line, at.column, `asOf '${config.asOf}' is not a calendar date`);
    }
    for (const [authority, t] of Object.entries(config.committeeThresholds ?? {})) {
      const fail = (detail: string) => {
        const at = locate(text, (root && findNodeAtLocation(root, ['committeeThresholds', authority, 'above'])?.offset) ?? 0);
        return new ConfigError(path, at.line, at.column, detail);
      };
      const [currency, number] = t.above.split(' ');
      if (!isCurrency(currency!)) throw fail(`'${t.above}' does not start with an ISO 4217 currency code`);
      // The schema's pattern lets through grouping the language does not read (`5,00`, `5__0`).
      if (canonicalDecimal(number!) === undefined) throw fail(`'${number}' in '${t.above}' is not an amount (write 500,000 or 500000)`);
    }
  }
  const extras: ModelExtras = {};
  if (config.rates) extras.rates = await readRates(resolve(dir, config.rates));
  if (config.committeeThresholds) {
    extras.committeeThresholds = Object.fromEntries(
      Object.entries(config.committeeThresholds).map(([k, t]) => [k, { above: parseAmount(t.above), ...(t.committee ? { committee: t.committee } : {}) }]),
    );
  }
  const overrides = (config.overrides ?? []).map((o) => ({ match: picomatch(o.files, { dot: true }), rules: o.rules }));
  const excluded = config.exclude?.length ? picomatch(config.exclude, { dot: true }) : undefined;
  const relativePath = (uri: string) => {
    const abs = uri.startsWith('file:') ? fileURLToPath(uri) : uri;
    return relative(dir, abs).split('\\').join('/');
  };
  return {
    path,
    dir,
    config,
    extras,
    severityFor(ruleId, uri) {
      let setting = config.rules?.[ruleId];
      if (overrides.length) {
        const rel = relativePath(uri);
        for (const o of overrides) if (o.match(rel) && o.rules[ruleId]) setting = o.rules[ruleId];
      }
      return setting;
    },
    isExcluded(path) {
      return !!excluded && excluded(relativePath(path));
    },
    errorAt(at, detail) {
      const node = root && findNodeAtLocation(root, at);
      const { line, column } = locate(text, (node?.parent?.type === 'property' ? node.parent.offset : node?.offset) ?? 0);
      return new ConfigError(path ?? resolve(dir, CONFIG_FILE), line, column, detail);
    },
  };
}
