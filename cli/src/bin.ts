// The process wrapper: the only place that sets the exit code.
import nodeModule from 'node:module';
import v8 from 'node:v8';
import { VERSION } from './version.ts';

// V8's default is 920 bytes of bytecode inlined per optimised function (see compileLessForAShortRun).
const SHORT_RUN_INLINING_BUDGET = 300;

const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-v')) {
  // What commander prints for the version option, without loading commander (and the Node modules
  // it requires) first: `doa --version` is what scripts and editors run to probe the tool.
  process.stdout.write(`${VERSION}\n`);
} else {
  // Node 22.1 and later keep the code they compile for the CLI's modules in a cache of their own (in
  // the system's temporary directory, or where NODE_COMPILE_CACHE says; NODE_DISABLE_COMPILE_CACHE
  // turns it off), so that later runs skip most of the ~80 ms a `doa check` spends compiling its
  // chunks. Node 20 has no such cache and runs as before. Enabled before the CLI is imported, so
  // that its chunks are compiled through the cache.
  (nodeModule as { enableCompileCache?: () => unknown }).enableCompileCache?.();
  if (argv[0] === 'check') compileLessForAShortRun();
  const { run } = await import('./cli.ts');
  process.exitCode = await run(argv, {
    stdout: (t) => process.stdout.write(t),
    stdoutStream: process.stdout,
    stderr: (t) => process.stderr.write(t),
    cwd: process.cwd(),
    stderrIsTTY: process.stderr.isTTY,
  });
}

/**
 * A `doa check` lives about a second, and V8's optimising compiler spent ~0.8 s of CPU on its
 * background threads in it (half the process's CPU on a 100k-line workspace), mostly on code it
 * inlines into the hot functions of the parser and the fact builders. With a smaller inlining
 * budget it compiles ~20 % less CPU for the run, and the main thread is no slower (A/B in
 * ARCHITECTURE.md). The flag only bounds how much the compiler inlines, read by each compilation
 * job; the audit (which runs for seconds on hot loops) and the language server keep V8's defaults.
 */
function compileLessForAShortRun(): void {
  v8.setFlagsFromString(`--max-inlined-bytecode-size-cumulative=${SHORT_RUN_INLINING_BUDGET}`);
}
