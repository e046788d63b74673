// The process wrapper: the only place that sets the exit code.
import { VERSION } from './version.ts';

const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-v')) {
  // What commander prints for the version option, without loading commander (and the Node modules
  // it requires) first: `doa --version` is what scripts and editors run to probe the tool.
  process.stdout.write(`${VERSION}\n`);
} else {
  const { run } = await import('./cli.ts');
  process.exitCode = await run(argv, {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    cwd: process.cwd(),
    stderrIsTTY: process.stderr.isTTY,
  });
}
