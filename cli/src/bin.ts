// The process wrapper: the only place that sets the exit code.
import nodeModule from 'node:module';
import { VERSION } from './version.ts';

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
  const { run } = await import('./cli.ts');
  process.exitCode = await run(argv, {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    cwd: process.cwd(),
    stderrIsTTY: process.stderr.isTTY,
  });
}
