// The process wrapper: the only place that sets the exit code.
import { run } from './cli.ts';

const code = await run(process.argv.slice(2), {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  cwd: process.cwd(),
  stderrIsTTY: process.stderr.isTTY,
});
process.exitCode = code;
