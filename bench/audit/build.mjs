// Bundles the audit benchmark (bench/audit/run.ts and the worker it may start) into bench/out/audit/,
// so that it runs on plain Node 20, which cannot load the `.ts` sources. bench/out is git-ignored.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
await build({
  absWorkingDir: root,
  entryPoints: { run: 'bench/audit/run.ts', 'doa-audit-worker': 'cli/src/audit-worker.ts' },
  outdir: 'bench/out/audit',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: 'linked',
  // Prefer ES module builds (as scripts/build.mjs does); CommonJS dependencies may `require` Node built-ins.
  mainFields: ['module', 'main'],
  // Cedar's Node build loads its .wasm file next to its own module: keep it out of the bundle.
  external: ['@cedar-policy/cedar-wasm', '@cedar-policy/cedar-wasm/*'],
  banner: { js: "import { createRequire as __benchCreateRequire } from 'node:module'; const require = __benchCreateRequire(import.meta.url);" },
  logLevel: 'warning',
});
