// The `doa` command line: flags → options → the one checker core → a report and an exit code.
// `run` returns the exit code; only bin.ts ends the process. Exit codes follow ESLint: 0 when nothing
// reaches the fail level and warnings stay within --max-warnings, 1 otherwise, 2 for a usage,
// configuration or internal error (one line; the stack only with --debug).
import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { glob } from 'tinyglobby';
import { builtinRules, type Finding } from '../../language/src/index.ts';
import { checkSync, explainFindings, type SeveritySetting } from '../../language/src/check/check.ts';
import { findDoaFiles, PathNotFoundError, workspaceOf } from '../../language/src/node/load-workspace.ts';
import { TransactionsFileError } from '../../language/src/node/read-transactions.ts';
import { readAuditPolicy } from '../../language/src/node/audit-policy.ts';
import { ConfigError, findConfig, loadConfig, type LoadedConfig } from '../../language/src/node/config.ts';
import { format } from '../../language/src/syntax/format.ts';
import { isValidDate, today } from '../../language/src/values/dates.ts';
import { displayPathFrom, type FormatContext } from './formatters/context.ts';
import { FORMATTERS } from './formatters/index.ts';
import { atLeast } from './formatters/types.ts';
import { builtinRuleInfo, ruleDocs, ruleInfoFor } from './rule-info.ts';
import type { AuditFlags } from './audit.ts';
import { auditRules } from '../../rules/index.ts';
import { Progress } from './progress.ts';
import { VERSION } from './version.ts';

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  /** Whether stderr is a terminal (progress is shown only then). */
  stderrIsTTY?: boolean;
}

class UsageError extends Error {}

const LEVELS = ['error', 'warning', 'info'] as const;

function parseRuleSetting(value: string, previous: Record<string, SeveritySetting> = {}): Record<string, SeveritySetting> {
  const m = /^([\w./-]+)=(off|info|warning|error)$/.exec(value);
  if (!m) throw new InvalidArgumentError(`expected RULE=off|info|warning|error, got '${value}'`);
  return { ...previous, [m[1]!]: m[2] as SeveritySetting };
}

function parseCount(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError(`expected a whole number, got '${value}'`);
  return Number(value);
}

function parseDate(value: string): string {
  if (!isValidDate(value)) throw new InvalidArgumentError(`expected a date such as 2025-06-30, got '${value}'`);
  return value;
}

interface CheckFlags {
  asOf?: string;
  format: string;
  output?: string;
  maxWarnings?: number;
  failLevel: (typeof LEVELS)[number];
  rule?: Record<string, SeveritySetting>;
  config?: string;
  quiet?: boolean;
}

function readConfig(flags: { config?: string }, cwd: string): Promise<LoadedConfig> {
  const path = flags.config ? resolve(cwd, flags.config) : findConfig(cwd);
  return loadConfig(path, cwd);
}

/** The files to check: the paths given (minus exclusions), else the configuration's `include`. */
async function filesToCheck(paths: string[], config: LoadedConfig, cwd: string): Promise<string[]> {
  if (paths.length) return (await findDoaFiles(paths, cwd)).filter((f) => !config.isExcluded(f));
  const include = config.config.include ?? ['**/*.doa'];
  const found = await glob(include, { cwd: config.dir, absolute: true, ignore: ['**/node_modules/**', ...(config.config.exclude ?? [])] });
  return found.map((f) => resolve(f)).sort();
}

async function checkCommand(paths: string[], flags: CheckFlags, io: Io): Promise<number> {
  const formatter = FORMATTERS[flags.format];
  if (!formatter) throw new UsageError(`unknown format '${flags.format}': use ${Object.keys(FORMATTERS).join(', ')}`);
  const config = await readConfig(flags, io.cwd);
  const asOf = flags.asOf ?? config.config.asOf ?? today();
  const known = new Set([...builtinRuleInfo().map((r) => r.id)]);
  const files = await filesToCheck(paths, config, io.cwd);

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
  const configured: Array<[string, Array<string | number>]> = [
    ...Object.keys(config.config.rules ?? {}).map((id): [string, Array<string | number>] => [id, ['rules', id]]),
    ...(config.config.overrides ?? []).flatMap((o, i) => Object.keys(o.rules).map((id): [string, Array<string | number>] => [id, ['overrides', i, 'rules', id]])),
  ];
  for (const [id, at] of configured) {
    if (!known.has(id)) throw config.errorAt(at, `unknown rule '${id}': 'doa explain --list' lists the rules`);
  }
  progress.step(`explaining ${run.findings.length} findings`);
  await explainFindings(run);
  progress.done();

  const reported = flags.quiet ? run.findings.filter((f) => f.severity === 'error') : run.findings;
  const ctx: FormatContext = {
    asOf,
    files: files.map((f) => pathToFileURL(f).href),
    cwd: io.cwd,
    rules: ruleInfoFor(run.rules.map((r) => r.definition)),
    suppressed: run.suppressed,
    failLevel: flags.failLevel,
    toolVersion: VERSION,
    displayPath: displayPathFrom(io.cwd),
  };
  const text = formatter(reported, ctx);
  if (flags.output) {
    await writeFile(resolve(io.cwd, flags.output), text);
  } else io.stdout(text);
  return exitCode(run.findings, flags);
}

export function exitCode(findings: readonly Finding[], flags: Pick<CheckFlags, 'failLevel' | 'maxWarnings'>): number {
  if (findings.some((f) => atLeast(f.severity, flags.failLevel))) return 1;
  const warnings = findings.filter((f) => f.severity === 'warning').length;
  if (flags.maxWarnings !== undefined && warnings > flags.maxWarnings) return 1;
  return 0;
}

function explainCommand(ruleId: string, io: Io): number {
  const info = builtinRuleInfo().find((r) => r.id === ruleId);
  if (!info) throw new UsageError(`unknown rule '${ruleId}': 'doa explain --list' lists the rules`);
  const docs = ruleDocs(info);
  io.stdout(`${info.id} (${info.category}) — default severity: ${info.defaultSeverity}\n${info.description}\n`);
  if (info.basis.length) io.stdout(`Basis: ${info.basis.join('; ')}\n`);
  if (docs) io.stdout(`\n${docs.trimEnd()}\n`);
  return 0;
}

async function fmtCommand(paths: string[], flags: { check?: boolean; config?: string }, io: Io): Promise<number> {
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
      io.stderr(`${path}${first ? `:${first.range.start.line + 1}:${first.range.start.character + 1}` : ''}: not formatted: ${result.error}\n`);
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

export async function run(argv: string[], io: Io): Promise<number> {
  let exit = 0;
  const debug = argv.includes('--debug');
  const program = new Command('doa')
    .description('Checks delegation-of-authority policies written in the doa language')
    .version(VERSION, '-v, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .option('--debug', 'print stack traces of internal errors')
    .exitOverride()
    .showSuggestionAfterError(true)
    .configureOutput({
      writeOut: io.stdout,
      writeErr: io.stderr,
      // Usage errors in one line, like every other error: `doa: unknown option '--formt' (Did you mean --format?)`.
      outputError: (text, write) => write(`doa: ${text.replace(/^error: /, '').trim().replace(/\s*\n\s*/g, ' ')}\n`),
    });

  program
    .command('check')
    .description('check the *.doa files under the given paths (default: the configuration, else the current directory)')
    .argument('[paths...]', 'files, directories or glob patterns')
    .addOption(new Option('--as-of <date>', 'the date to check on (YYYY-MM-DD); default: the configuration, else today').argParser(parseDate))
    .addOption(new Option('-f, --format <format>', 'output format').choices(Object.keys(FORMATTERS)).default('stylish'))
    .option('-o, --output <file>', 'write the report to a file instead of standard output')
    .option('--max-warnings <n>', 'fail when there are more warnings than this', parseCount)
    .addOption(new Option('--fail-level <level>', 'the lowest severity that fails the run').choices([...LEVELS]).default('error'))
    .option('--rule <id=severity>', 'set a rule to off, info, warning or error (repeatable)', parseRuleSetting)
    .option('-c, --config <file>', 'the configuration file (default: doa.config.json found upwards)')
    .option('-q, --quiet', 'report errors only (warnings still count for --max-warnings)')
    .option('--debug', 'print stack traces of internal errors')
    .exitOverride()
    .action(async (paths: string[], flags: CheckFlags) => {
      exit = await checkCommand(paths, flags, io);
    });

  program
    .command('audit')
    .description('check the transactions actually carried out against the authority in force on their dates')
    .requiredOption('-t, --transactions <file>', 'the transactions: CSV with a header, or JSON Lines (.jsonl, .ndjson)')
    .option('-p, --policy <paths...>', 'the policy files or folders (default: the configuration, else the current directory)')
    .addOption(new Option('--as-of <date>', 'reject records dated after this date').argParser(parseDate))
    .addOption(new Option('-f, --format <format>', 'output format').choices(Object.keys(FORMATTERS)).default('stylish'))
    .option('-o, --output <file>', 'write the report to a file instead of standard output')
    .option('--split-window <days>', 'days over which awards to one vendor are added up (default 30)', parseCount)
    .option('--explain', 'explain every finding with json-rules-engine (slower)')
    .option('-j, --jobs <n>', 'read and check the records on n worker threads, 0 for one per core (default 1; same findings)', parseCount)
    .option('--max-warnings <n>', 'fail when there are more warnings than this', parseCount)
    .addOption(new Option('--fail-level <level>', 'the lowest severity that fails the run').choices([...LEVELS]).default('error'))
    .option('--rule <id=severity>', 'set an audit rule to off, info, warning or error (repeatable)', parseRuleSetting)
    .option('-c, --config <file>', 'the configuration file (default: doa.config.json found upwards)')
    .option('-q, --quiet', 'report errors only')
    .option('--debug', 'print stack traces of internal errors')
    .exitOverride()
    .action(async (flags: AuditFlags & { policy?: string[]; config?: string }) => {
      const config = await readConfig(flags, io.cwd);
      const files = await filesToCheck(flags.policy ?? [], config, io.cwd);
      // The audit keeps the linked model, not every file's syntax tree (language/src/node/audit-policy.ts).
      const policy = await readAuditPolicy(files, config.extras);
      const broken = policy.errors;
      if (broken) io.stderr(`doa audit: the policy has ${broken} error${broken === 1 ? '' : 's'} in its files; 'doa check' shows them\n`);
      for (const id of Object.keys(flags.rule ?? {})) if (!auditRules.some((r) => r.meta.id === id)) throw new UsageError(`unknown audit rule '${id}' in --rule`);
      // The audit (CSV reader, record checks, worker pool) is loaded only when it runs: start-up time of `doa check`.
      const { auditCommand, withConfig } = await import('./audit.ts');
      exit = await auditCommand(policy, withConfig(flags, config, io.cwd), io, (findings) => exitCode(findings, flags));
    });

  program
    .command('explain')
    .description("show a rule's documentation: what triggers it, its default severity, how to fix it")
    .argument('[rule]', 'the rule id')
    .option('--list', 'list every rule')
    .exitOverride()
    .action((ruleId: string | undefined, flags: { list?: boolean }) => {
      if (flags.list || !ruleId) {
        for (const r of builtinRuleInfo()) io.stdout(`${r.id.padEnd(38)} ${r.defaultSeverity.padEnd(8)} ${r.description}\n`);
        exit = 0;
        return;
      }
      exit = explainCommand(ruleId, io);
    });

  program
    .command('fmt')
    .description('rewrite *.doa files in the canonical layout')
    .argument('[paths...]', 'files, directories or glob patterns')
    .option('--check', 'change nothing; exit 1 when a file would change')
    .option('-c, --config <file>', 'the configuration file')
    .option('--debug', 'print stack traces of internal errors')
    .exitOverride()
    .action(async (paths: string[], flags: { check?: boolean; config?: string }) => {
      exit = await fmtCommand(paths, flags, io);
    });

  try {
    await program.parseAsync(argv, { from: 'user' });
    return exit;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    if (e instanceof UsageError || e instanceof PathNotFoundError || e instanceof ConfigError || e instanceof TransactionsFileError) {
      io.stderr(`doa: ${e.message}\n`);
      return 2;
    }
    io.stderr(`doa: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
    if (debug && e instanceof Error) io.stderr(`${e.stack}\n`);
    return 2;
  }
}

