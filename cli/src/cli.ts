// The `doa` command line: flags → options → the one checker core → a report and an exit code.
// Returns the exit code; only bin.ts ends the process (0 clean, 1 findings at the fail level,
// 2 usage or internal error).
import { Command, CommanderError, Option } from 'commander';
import { check } from '../../language/src/index.ts';
import { loadWorkspace, PathNotFoundError } from '../../language/src/node/load-workspace.ts';
import { isValidDate, today } from '../../language/src/values/dates.ts';
import { formatContext } from './formatters/context.ts';
import { stylish } from './formatters/stylish.ts';
import { VERSION } from './version.ts';

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
}

class UsageError extends Error {}

export async function run(argv: string[], io: Io): Promise<number> {
  let exitCode = 0;
  const program = new Command('doa')
    .description('Checks delegation-of-authority policies written in the doa language')
    .version(VERSION, '-v, --version')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });

  program
    .command('check')
    .description('check the *.doa files under the given paths (default: the current directory)')
    .argument('[paths...]', 'files, directories or glob patterns')
    .addOption(new Option('--as-of <date>', 'the date to check on (YYYY-MM-DD); default today'))
    .action(async (paths: string[], opts: { asOf?: string }) => {
      const asOf = opts.asOf ?? today();
      if (!isValidDate(asOf)) throw new UsageError(`--as-of expects a date such as 2025-06-30, not '${opts.asOf}'`);
      const { workspace, files } = await loadWorkspace(paths, io.cwd);
      const findings = await check(workspace, { asOf });
      io.stdout(stylish(findings, formatContext(asOf, files.length, io.cwd)));
      exitCode = findings.some((f) => f.severity === 'error') ? 1 : 0;
    });

  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    if (e instanceof UsageError || e instanceof PathNotFoundError) {
      io.stderr(`doa: ${e.message}\n`);
      return 2;
    }
    io.stderr(`doa: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
    if (process.env['DOA_DEBUG'] && e instanceof Error) io.stderr(`${e.stack}\n`);
    return 2;
  }
}
