// Bundles bench/run.ts (and the checker it measures) into bench/out/run.mjs, so that the benchmark
// runs on plain Node 20, which cannot load the `.ts` sources. bench/out is git-ignored.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
await build({
  absWorkingDir: root,
  entryPoints: ['bench/run.ts'],
  outfile: 'bench/out/run.mjs',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: 'linked',
  // Some dependencies are CommonJS and `require` Node built-ins; ESM has no `require` of its own.
  banner: { js: "import { createRequire as __benchCreateRequire } from 'node:module'; const require = __benchCreateRequire(import.meta.url);" },
  logLevel: 'warning',
});
