// The commands behind the `doa` command line: what `cli.ts` runs once commander has read the flags.
// Loaded on the first command that needs the checker core, so that `doa --version` and `doa --help`
// load commander only (the bundle is split: this module and the core are chunks of their own).
import { realpathSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { glob } from 'tinyglobby';
import { builtinRules } from '../../language/src/index.ts';
import { checkSync, explainFindings, type SeveritySetting } from '../../language/src/check/check.ts';
import { existingFile, findDoaFiles, PathNotFoundError, workspaceOf } from '../../language/src/node/load-workspace.ts';
import { ConfigError, findConfig, loadConfig, type LoadedConfig } from '../../language/src/node/config.ts';
import { format } from '../../language/src/syntax/format.ts';
import { today } from '../../language/src/values/dates.ts';
import { rateConflicts } from '../../language/src/model/rate-conflicts.ts';
import type { RateDecl } from '../../language/src/ast/ast.ts';
import { displayPathFrom, type FormatContext } from './formatters/context.ts';
import { FORMATTERS } from './formatters/index.ts';
import { builtinRuleInfo, ruleDocs, ruleInfoFor } from './rule-info.ts';
import type { AuditFlags } from './audit.ts';
import { auditRules } from '../../rules/index.ts';
import { Progress } from './progress.ts';
import { reportTarget, ReportWriteError, writeReport } from './report-writer.ts';
import { VERSION } from './version.ts';
import { exitCode, UsageError, type CheckFlags, type Io } from './outcome.ts';

// The transactions reader (and csv-parse with it) is loaded by `doa audit` only.
let transactions: typeof import('../../language/src/node/read-transactions.ts') | undefined;

/** The message of an error the user can fix (a usage, path, configuration or transactions file error, a report that cannot be written); undefined for others. */
export function userErrorMessage(e: unknown): string | undefined {
  const fixable =
    e instanceof UsageError ||
    e instanceof PathNotFoundError ||
    e instanceof ConfigError ||
    e instanceof ReportWriteError ||
    (transactions !== undefined && e instanceof transactions.TransactionsFileError);
  return fixable ? (e as Error).message : undefined;
}

function readConfig(flags: { config?: string }, cwd: string): Promise<LoadedConfig> {
  const path = flags.config ? resolve(cwd, flags.config) : findConfig(cwd);
  return loadConfig(path, cwd);
}

/**
 * The files to check: the paths given (minus exclusions), else the configuration's `include`. A
 * path, pattern or `include` that finds no policy file is an error (exit 2), as a missing folder
 * is: a typo in a pattern must not turn a CI job green with "No findings in 0 files".
 */
async function filesToCheck(paths: string[], config: LoadedConfig, cwd: string): Promise<string[]> {
  if (paths.length) {
    const found = new Set<string>();
    for (const p of paths) {
      const files = await findDoaFiles([p], cwd);
      if (!files.length) throw new PathNotFoundError(`No policy file (*.doa) ${/[*?[{]/.test(p) ? 'matches' : 'in'} ${p}`);
      for (const f of files) found.add(f);
    }
    return [...found].filter((f) => !config.isExcluded(f)).sort();
  }
  const include = config.config.include ?? ['**/*.doa'];
  const found = await glob(include, { cwd: config.dir, absolute: true, ignore: ['**/node_modules/**', ...(config.config.exclude ?? [])] });
  if (!found.length) {
    const where = config.config.include ? `the configuration's include (${include.join(', ')}) in ${config.dir}` : config.dir;
    throw new PathNotFoundError(`No policy file (*.doa) in ${where}`);
  }
  return found.map((f) => resolve(f)).sort();
}

/**
 * `--output` must not name a file the command reads: the report would replace a policy file or the
 * transactions it was made from. Compared by real path, so a link or `./` does not slip through.
 */
function refuseOutputOverInput(output: string | undefined, inputs: readonly string[], io: Io): void {
  if (!output) return;
  const real = (p: string) => {
    try {
      return realpathSync(p);
    } catch {
      return resolve(p);
    }
  };
  const target = real(resolve(io.cwd, output));
  if (inputs.some((f) => real(f) === target)) throw new UsageError(`--output ${output} is a file this command reads: the report would replace it`);
}

export async function checkCommand(paths: string[], flags: CheckFlags, io: Io): Promise<number> {
  const formatter = FORMATTERS[flags.format];
  if (!formatter) throw new UsageError(`unknown format '${flags.format}': use ${Object.keys(FORMATTERS).join(', ')}`);
  const config = await readConfig(flags, io.cwd);
  const asOf = flags.asOf ?? config.config.asOf ?? today();
  const known = new Set([...builtinRuleInfo().map((r) => r.id)]);
  const files = await filesToCheck(paths, config, io.cwd);
  refuseOutputOverInput(flags.output, files, io);

  const progress = new Progress(io, files.length);
  progress.step(`reading and parsing ${files.length} files`);
  // A headless check reads ASTs, comments and problems only: no statement trees kept.
  const workspace = await workspaceOf(files, { keepSyntaxTrees: false });
  workspace.configure(config.extras);
  progress.step('checking');

  const severities: Record<string, SeveritySetting> = { ...config.config.rules, ...flags.rule };
  const run = checkSync(workspace, builtinRules, {
    asOf,
    severities,
    severityFor: (ruleId, uri) => flags.rule?.[ruleId] ?? config.severityFor(ruleId, uri),
  });
  // Rules set to `off` are not among run.rules: the workspace's own rules are known from the model.
  for (const r of workspace.getModel().rules) known.add(r.name);
  for (const r of run.rules) known.add(r.definition.id);
  for (const id of Object.keys(flags.rule ?? {})) {
    if (!known.has(id)) throw new UsageError(`unknown rule '${id}' in --rule: 'doa explain --list' lists the rules`);
  }
  refuseUnknownConfiguredRules(config, known);
  progress.step(`explaining ${run.findings.length} findings`);
  await explainFindings(run);
  progress.done();
  // After every usage check (a usage error is one line) and off the progress line.
  for (const note of rateConflictNotes(workspace.getModel().rates, io)) io.stderr(note);

  const reported = flags.quiet ? run.findings.filter((f) => f.severity === 'error') : run.findings;
  const ctx: FormatContext = {
    asOf,
    files: files.map((f) => pathToFileURL(f).href),
    cwd: io.cwd,
    rules: ruleInfoFor(run.rules.map((r) => r.definition)),
    suppressed: run.suppressed,
    failLevel: flags.failLevel,
    ...(flags.quiet ? { errorsOnly: true } : {}),
    toolVersion: VERSION,
    displayPath: displayPathFrom(io.cwd),
  };
  await writeReport(formatter(reported, ctx), reportTarget(flags.output, io));
  return exitCode(run.findings, flags, io);
}

export function explainCommand(ruleId: string, io: Io): number {
  const info = builtinRuleInfo().find((r) => r.id === ruleId);
  if (!info) throw new UsageError(`unknown rule '${ruleId}': 'doa explain --list' lists the rules`);
  const docs = ruleDocs(info);
  io.stdout(`${info.id} (${info.category}) — default severity: ${info.defaultSeverity}\n${info.description}\n`);
  if (info.basis.length) io.stdout(`Basis: ${info.basis.join('; ')}\n`);
  if (docs) io.stdout(`\n${docs.trimEnd()}\n`);
  return 0;
}

export async function fmtCommand(paths: string[], flags: { check?: boolean; config?: string }, io: Io): Promise<number> {
  const config = await readConfig(flags, io.cwd);
  const files = await filesToCheck(paths, config, io.cwd);
  const show = displayPathFrom(io.cwd);
  let changed = 0;
  let broken = 0;
  for (const file of files) {
    const text = await readFile(file, 'utf8');
    const result = format(text);
    const path = show(pathToFileURL(file).href);
    if ('error' in result) {
      broken++;
      const first = result.problems[0];
      // The first problem's own words, so that the drafter need not run `doa check` to learn what is wrong.
      io.stderr(`${path}${first ? `:${first.range.start.line + 1}:${first.range.start.character + 1}` : ''}: not formatted: ${result.error}${first ? ` (${first.message})` : ''}\n`);
      continue;
    }
    if (!result.changed) continue;
    changed++;
    if (flags.check) io.stdout(`${path}: would be reformatted\n`);
    else {
      await writeFile(file, result.text);
      io.stdout(`${path}: formatted\n`);
    }
  }
  if (flags.check && !changed && !broken) io.stdout(`${files.length} file${files.length === 1 ? '' : 's'} already formatted\n`);
  if (broken) return 1;
  return flags.check && changed ? 1 : 0;
}

/** `doa audit`: the policy is read here; the audit itself (CSV reader, record checks, worker pool) is loaded only when it runs. */
export async function auditCommandFor(flags: AuditFlags & { policy?: string[]; config?: string }, io: Io): Promise<number> {
  const config = await readConfig(flags, io.cwd);
  const files = await filesToCheck(flags.policy ?? [], config, io.cwd);
  refuseOutputOverInput(flags.output, [...files, resolve(io.cwd, flags.transactions)], io);
  // Before the policy is read: a missing file is a usage error, and reading a large policy first is time lost.
  existingFile(io.cwd, flags.transactions);
  transactions = await import('../../language/src/node/read-transactions.ts');
  const { readAuditPolicy } = await import('../../language/src/node/audit-policy.ts');
  // The audit keeps the linked model, not every file's syntax tree (language/src/node/audit-policy.ts).
  const policy = await readAuditPolicy(files, config.extras);
  // Named here rather than imported: the audit's modules are loaded only when an audit runs.
  const MALFORMED = 'audit-malformed-record';
  const alwaysReported = 'a record that cannot be read is always reported, so that read = checked + rejected';
  for (const id of Object.keys(flags.rule ?? {})) {
    if (id === MALFORMED) throw new UsageError(`${id} cannot be set with --rule: ${alwaysReported}`);
    if (!auditRules.some((r) => r.meta.id === id)) throw new UsageError(`unknown audit rule '${id}' in --rule`);
  }
  // The configuration is shared with `doa check`: any rule either knows may be set in it, not a typo.
  const known = new Set(builtinRuleInfo().map((r) => r.id));
  for (const r of policy.model.rules) known.add(r.name);
  refuseUnknownConfiguredRules(config, known);
  for (const [id, at] of configuredRules(config)) if (id === MALFORMED) throw config.errorAt(at, `${id} cannot be set: ${alwaysReported}`);
  const { auditCommand, withConfig } = await import('./audit.ts');
  const settings = withConfig(flags, config, io.cwd);
  // What the user should know of the policy, once every usage check has passed (a usage error is one line).
  const broken = policy.errors;
  if (broken) io.stderr(`doa audit: the policy has ${broken} error${broken === 1 ? '' : 's'} in its files; 'doa check' shows them\n`);
  for (const note of rateConflictNotes(policy.model.rates, io)) io.stderr(note);
  if (settings.rule?.['audit-split-purchase'] !== 'off' && !policy.model.authorities.some((a) => a.cumulative)) {
    io.stderr("doa audit: no authority of the policy is marked 'cumulative', so no split purchases are looked for; mark the award authorities (docs/audit.md)\n");
  }
  return auditCommand(policy, settings, io, (findings) => exitCode(findings, flags, io));
}

/**
 * Rates of one pair from one date that disagree (the policy's and the rates file's, say): the one
 * listed later applies, a choice the user did not make, so it is said on standard error, a line per
 * pair and date; the run goes on.
 */
function rateConflictNotes(rates: readonly RateDecl[], io: Io): string[] {
  const show = displayPathFrom(io.cwd);
  const at = (r: RateDecl) => `${r.rate} (${show(r.uri)}:${r.range.start.line + 1})`;
  return rateConflicts(rates).map((c) => {
    const when = c.since ? `from ${c.since}` : 'with no date';
    return `doa: rates ${c.from}→${c.to} ${when} disagree: ${at(c.applied)} applies, being listed later; ${c.replaced.map(at).join(', ')} does not\n`;
  });
}

/** The rule ids the configuration sets (`rules`, and each override's), with where each is set. */
function configuredRules(config: LoadedConfig): Array<[string, Array<string | number>]> {
  return [
    ...Object.keys(config.config.rules ?? {}).map((id): [string, Array<string | number>] => [id, ['rules', id]]),
    ...(config.config.overrides ?? []).flatMap((o, i) => Object.keys(o.rules).map((id): [string, Array<string | number>] => [id, ['overrides', i, 'rules', id]])),
  ];
}

/** A rule the configuration sets that no check or audit knows is a typo: an error, located in the file. */
function refuseUnknownConfiguredRules(config: LoadedConfig, known: ReadonlySet<string>): void {
  for (const [id, at] of configuredRules(config)) {
    if (!known.has(id)) throw config.errorAt(at, `unknown rule '${id}': 'doa explain --list' lists the rules`);
  }
}

/** `doa explain --list`. */
export function listRules(io: Io): number {
  for (const r of builtinRuleInfo()) io.stdout(`${r.id.padEnd(38)} ${r.defaultSeverity.padEnd(8)} ${r.description}\n`);
  return 0;
}
