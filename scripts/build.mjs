// Bundles the CLI into one file with esbuild: Chevrotain 11 loads many small lodash-es modules,
// which costs ~200 ms at start-up unbundled; the bundle runs on Node 20, 22 and 24.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

await build({
  // doa-audit-worker: the worker thread of `doa audit --jobs N`, loaded from next to doa.mjs.
  entryPoints: { doa: 'cli/src/bin.ts', 'doa-language-server': 'server/src/main.ts', 'doa-audit-worker': 'cli/src/audit-worker.ts' },
  outdir: 'dist',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  // Prefer ES module builds: jsonc-parser's UMD build requires its parts dynamically.
  mainFields: ['module', 'main'],
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  // Less to compile at every start of the CLI or the server; names are kept for stack traces.
  minifyWhitespace: true,
  minifySyntax: true,
  define: { __DOA_VERSION__: JSON.stringify(version) },
  // CommonJS dependencies (json-rules-engine) may call require() for Node built-ins.
  banner: { js: "import { createRequire as __doaCreateRequire } from 'node:module'; const require = __doaCreateRequire(import.meta.url);" },
  logLevel: 'warning',
});
