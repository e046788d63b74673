// Bundles bench/lsp/run.ts to bench/out/lsp.mjs (plain Node 20 cannot load .ts sources).
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

await build({
  absWorkingDir: fileURLToPath(new URL('../..', import.meta.url)),
  entryPoints: ['bench/lsp/run.ts'],
  outfile: 'bench/out/lsp.mjs',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  banner: { js: "import { createRequire as __r } from 'node:module'; const require = __r(import.meta.url);" },
  logLevel: 'warning',
});
