// The process wrapper: the only place that sets the exit code.
import nodeModule from 'node:module';
import v8 from 'node:v8';
import vm from 'node:vm';
import { VERSION } from './version.ts';

// V8's default is 920 bytes of bytecode inlined per optimised function (see tuneV8ForAShortRun).
const SHORT_RUN_INLINING_BUDGET = 300;
// V8's default lets the old generation grow by a factor it picks from the heap's size and the GC's
// recent speed, about 1.1 to 4 (see tuneV8ForAShortRun).
const SHORT_RUN_HEAP_GROWING_PERCENT = 600;
// The growing factor of the one collection at start (22x an almost empty heap: an old generation's
// limit of ~60 MB, see tuneV8ForAShortRun).
const SHORT_RUN_FIRST_LIMIT_GROWING_PERCENT = 2000;

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
  if (argv[0] === 'check') tuneV8ForAShortRun();
  const { run } = await import('./cli.ts');
  process.exitCode = await run(argv, {
    stdout: (t) => process.stdout.write(t),
    stdoutStream: process.stdout,
    stderr: (t) => process.stderr.write(t),
    cwd: process.cwd(),
    stderrIsTTY: process.stderr.isTTY,
    stderrColumns: () => process.stderr.columns,
  });
}

/**
 * A `doa check` lives about a second, and V8 tunes itself for programs that live long.
 *
 * - Compiling: V8's optimising compiler spent ~0.8 s of CPU on its background threads in a check of
 *   100k lines (half the process's CPU), mostly on code it inlines into the hot functions of the
 *   parser and the fact builders. With a smaller inlining budget it compiles ~20 % less CPU for the
 *   run, and the main thread is no slower.
 * - Collecting: the old generation's limit is set after each full collection to the live heap times
 *   a growing factor. A check of 100k lines had two full collections: one while the CLI's modules
 *   load (~14 MB live) and one near the end, when the AST and the model (~58 MB) were all live and
 *   nothing could be freed, a main-thread pause of 60-200 ms. With the factor at 7 the limit after
 *   the first is ~100 MB and the second does not happen. What a full collection would free is the
 *   little garbage that outlived the young generation, so peak memory hardly changes (~147 MB RSS
 *   either way on 100k lines); on larger workspaces there are fewer full collections, never none
 *   when the heap nears its limit.
 * - The first limit: until its first full collection, V8 sets the old generation's limit from the
 *   survival of the first scavenges, a few megabytes above what has been promoted (~15 MB in a
 *   check), so a check of 100k lines had a full collection while it parsed, of the half-built AST
 *   (~18 MB, nearly all live), a main-thread pause of 15-40 ms plus incremental steps. A full
 *   collection at start, of the almost empty heap (~3 MB, ~7 ms), with a factor of 21 for it alone,
 *   sets the limit at ~60 MB instead: no full collection while a workspace of 100k lines is read.
 *   Without `--expose-gc` on the command line, `gc` is found in a new context (the flag is read as
 *   a context is made); where it is not, nothing changes but the limit.
 *
 * Both flags are read by V8 as it works (each compilation job, each full collection), so setting them
 * here, before the CLI is imported, applies to the whole run. The audit (which runs for seconds on
 * hot loops) and the language server keep V8's defaults. A/B numbers in ARCHITECTURE.md.
 */
function tuneV8ForAShortRun(): void {
  v8.setFlagsFromString(`--max-inlined-bytecode-size-cumulative=${SHORT_RUN_INLINING_BUDGET}`);
  v8.setFlagsFromString(`--heap-growing-percent=${SHORT_RUN_FIRST_LIMIT_GROWING_PERCENT}`);
  collectGarbageNow();
  v8.setFlagsFromString(`--heap-growing-percent=${SHORT_RUN_HEAP_GROWING_PERCENT}`);
}

/** One full collection, now. */
function collectGarbageNow(): void {
  v8.setFlagsFromString('--expose-gc');
  const gc: unknown = vm.runInNewContext('typeof gc === "function" ? gc : undefined');
  if (typeof gc === 'function') gc();
}
