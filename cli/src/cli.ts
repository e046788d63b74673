// The `doa` command line: flags → options → the one checker core → a report and an exit code.
// `run` returns the exit code; only bin.ts ends the process. Exit codes follow ESLint: 0 when nothing
// reaches the fail level and warnings stay within --max-warnings, 1 otherwise, 2 for a usage,
// configuration or internal error (one line; the stack only with --debug).
//
// This module loads commander and nothing of the checker: the commands (`commands.ts`, and with it
// the core, the parser and the rules) are imported when one runs, so `doa --version` and `--help`
// start as fast as Node does.
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { isValidDate } from '../../language/src/values/dates.ts';
import type { SeveritySetting } from '../../language/src/check/check.ts';
import type { AuditFlags } from './audit.ts';
import { FORMAT_NAMES } from './formatters/names.ts';
import { exitCode, LEVELS, type CheckFlags, type Io } from './outcome.ts';
import { VERSION } from './version.ts';

export { exitCode, type Io };

type Commands = typeof import('./commands.ts');
let commands: Commands | undefined;
const loadCommands = async (): Promise<Commands> => (commands ??= await import('./commands.ts'));

function parseRuleSetting(value: string, previous: Record<string, SeveritySetting> = {}): Record<string, SeveritySetting> {
  const m = /^([\w./-]+)=(off|info|warning|error)$/.exec(value);
  if (!m) throw new InvalidArgumentError(`expected RULE=off|info|warning|error, got '${value}'`);
  return { ...previous, [m[1]!]: m[2] as SeveritySetting };
}

function parseCount(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError(`expected a whole number, got '${value}'`);
  return Number(value);
}

/** A window of days: 1 is the award's own day; 0 would hold no award at all. */
function parseDays(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new InvalidArgumentError(`expected a whole number of days, 1 or more, got '${value}'`);
  return Number(value);
}

function parseDate(value: string): string {
  if (!isValidDate(value)) throw new InvalidArgumentError(`expected a date such as 2025-06-30, got '${value}'`);
  return value;
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
    .addOption(new Option('-f, --format <format>', 'output format').choices([...FORMAT_NAMES]).default('stylish'))
    .option('-o, --output <file>', 'write the report to a file instead of standard output')
    .option('--max-warnings <n>', 'fail when there are more warnings than this', parseCount)
    .addOption(new Option('--fail-level <level>', 'the lowest severity that fails the run').choices([...LEVELS]).default('error'))
    .option('--rule <id=severity>', 'set a rule to off, info, warning or error (repeatable)', parseRuleSetting)
    .option('-c, --config <file>', 'the configuration file (default: doa.config.json found upwards)')
    .option('-q, --quiet', 'report errors only (warnings still count for --max-warnings)')
    .option('--debug', 'print stack traces of internal errors')
    .exitOverride()
    .action(async (paths: string[], flags: CheckFlags) => {
      exit = await (await loadCommands()).checkCommand(paths, flags, io);
    });

  program
    .command('audit')
    .description('check the transactions actually carried out against the authority in force on their dates')
    .requiredOption('-t, --transactions <file>', 'the transactions: CSV with a header, or JSON Lines (.jsonl, .ndjson)')
    .option('-p, --policy <paths...>', 'the policy files or folders (default: the configuration, else the current directory)')
    .addOption(new Option('--as-of <date>', 'reject records dated after this date').argParser(parseDate))
    .addOption(new Option('-f, --format <format>', 'output format').choices([...FORMAT_NAMES]).default('stylish'))
    .option('-o, --output <file>', 'write the report to a file instead of standard output')
    .option('--split-window <days>', 'days over which awards to one vendor are added up (default 30)', parseDays)
    .option('--explain', 'explain every finding with json-rules-engine (slower)')
    .option('-j, --jobs <n>', 'read and check the records on n threads (the main one and n-1 workers), 0 for one per core (default 1; same findings)', parseCount)
    .option('--max-warnings <n>', 'fail when there are more warnings than this', parseCount)
    .addOption(new Option('--fail-level <level>', 'the lowest severity that fails the run').choices([...LEVELS]).default('error'))
    .option('--rule <id=severity>', 'set an audit rule to off, info, warning or error (repeatable)', parseRuleSetting)
    .option('-c, --config <file>', 'the configuration file (default: doa.config.json found upwards)')
    .option('-q, --quiet', 'report errors only')
    .option('--debug', 'print stack traces of internal errors')
    .exitOverride()
    .action(async (flags: AuditFlags & { policy?: string[]; config?: string }) => {
      exit = await (await loadCommands()).auditCommandFor(flags, io);
    });

  program
    .command('explain')
    .description("show a rule's documentation: what triggers it, its default severity, how to fix it")
    .argument('[rule]', 'the rule id')
    .option('--list', 'list every rule')
    .exitOverride()
    .action(async (ruleId: string | undefined, flags: { list?: boolean }) => {
      const { explainCommand, listRules } = await loadCommands();
      exit = flags.list || !ruleId ? listRules(io) : explainCommand(ruleId, io);
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
      exit = await (await loadCommands()).fmtCommand(paths, flags, io);
    });

  try {
    await program.parseAsync(argv, { from: 'user' });
    return exit;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    // A user's error comes from a command, so the commands are loaded when it is thrown.
    const message = commands?.userErrorMessage(e);
    if (message !== undefined) {
      io.stderr(`doa: ${message}\n`);
      // The system's error behind it (a report that could not be written), for a bug report.
      if (debug && e instanceof Error && e.cause instanceof Error) io.stderr(`${e.cause.stack}\n`);
      return 2;
    }
    io.stderr(`doa: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
    if (debug && e instanceof Error) io.stderr(`${e.stack}\n`);
    return 2;
  }
}

