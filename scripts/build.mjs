// Bundles the CLI and the language server with esbuild: Chevrotain 11 loads many small lodash-es
// modules, which costs ~200 ms at start-up unbundled; the bundles run on Node 20, 22 and 24.
import { build } from 'esbuild';
import { mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

const common = {
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
};

// Chunks of an earlier build would pile up beside the new ones (their names carry a hash).
mkdirSync('dist', { recursive: true });
for (const f of readdirSync('dist', { withFileTypes: true }).filter((d) => d.isFile() && d.name.startsWith('chunk-'))) rmSync(`dist/${f.name}`);

// The CLI is split into chunks loaded as a command needs them: `doa --version` loads commander
// only, `doa check` neither the audit, nor json-rules-engine (unless a finding is explained), nor
// Ajv (unless a configuration is read). Chunks sit beside the entry points in dist/, so the paths
// the code finds from `import.meta.url` (the audit worker, the rule pages) are the same in each.
// doa-audit-worker: the worker thread of `doa audit --jobs N`, loaded from next to doa.mjs.
await build({
  ...common,
  entryPoints: { doa: 'cli/src/bin.ts', 'doa-audit-worker': 'cli/src/audit-worker.ts' },
  splitting: true,
  chunkNames: 'chunk-[hash]',
});

// The language server stays one file: the VS Code extension ships it alone (extension/build.mjs).
await build({ ...common, entryPoints: { 'doa-language-server': 'server/src/main.ts' } });
