// Bundles the CLI and the language server with esbuild: Chevrotain 11 loads many small lodash-es
// modules, which costs ~200 ms at start-up unbundled; the bundles run on Node 20, 22 and 24.
import { build } from 'esbuild';
import { mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

/**
 * Two dependencies load, at every start of the CLI, modules that doa never uses; in a `doa check`
 * that is the main thread's time before any file is read (measured in one process: ~20-30 ms for
 * picomatch, ~7-15 ms for child_process, on a loaded machine).
 * - fdir (under tinyglobby) tries `require("picomatch")` at load, for its own `glob()` method, which
 *   tinyglobby never calls (it filters with matchers of its own). In a bundle that require is
 *   resolved on disk at run time, so picomatch's files were found, read and compiled at every start.
 * - commander requires `node:child_process` at load, for subcommands that are separate executables,
 *   which doa does not have; it is required when a subcommand is spawned instead.
 * Each edit must find its text exactly once, so a new version of either package fails the build
 * here rather than shipping unpatched.
 */
const LOAD_LESS_AT_START = [
  {
    file: /[\\/]fdir[\\/]dist[\\/]index\.mjs$/,
    from: '\t__require.resolve("picomatch");\n\tpm = __require("picomatch");\n',
    to: '\t// doa: fdir\'s own glob() is never called (tinyglobby brings its matchers); picomatch is not loaded.\n',
  },
  {
    file: /[\\/]commander[\\/]lib[\\/]command\.js$/,
    from: "const childProcess = require('node:child_process');\n",
    to: "const childProcess = { spawn: (...args) => require('node:child_process').spawn(...args) }; // doa: loaded when used\n",
  },
];

const loadLessAtStart = {
  name: 'load-less-at-start',
  setup(build) {
    for (const edit of LOAD_LESS_AT_START) {
      build.onLoad({ filter: edit.file }, async ({ path }) => {
        const text = await readFile(path, 'utf8');
        const parts = text.split(edit.from);
        if (parts.length !== 2) throw new Error(`${path}: the text to patch was found ${parts.length - 1} times, not once; update LOAD_LESS_AT_START in scripts/build.mjs`);
        return { contents: parts.join(edit.to), loader: 'js' };
      });
    }
  },
};

/**
 * The CLI loads Chevrotain (used only for \`when\` conditions that \`condition-fast.ts\` cannot parse) on
 * first need: \`language/src/syntax/chevrotain.ts\` imports it for tests and the language server, and
 * is replaced in the CLI's bundle by a module that requires a CommonJS bundle of Chevrotain beside
 * the entry points (\`doa-chevrotain.cjs\`). The parser is synchronous, and \`require()\` of an ES module
 * exists only from Node 20.19, so the bundle is CommonJS. See \`chevrotain.ts\` for the numbers.
 */
const CHEVROTAIN_BUNDLE = 'doa-chevrotain.cjs';
const chevrotainOnFirstNeed = {
  name: 'chevrotain-on-first-need',
  setup(build) {
    build.onLoad({ filter: /[\\/]language[\\/]src[\\/]syntax[\\/]chevrotain\.ts$/ }, () => ({
      loader: 'js',
      contents: [
        "import { createRequire } from 'node:module';",
        'let chevrotain;',
        `export function loadChevrotain() { return (chevrotain ??= createRequire(import.meta.url)('./${CHEVROTAIN_BUNDLE}')); }`,
      ].join('\n'),
    }));
  },
};

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
  plugins: [loadLessAtStart],
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
  plugins: [...common.plugins, chevrotainOnFirstNeed],
});
await build({
  stdin: { contents: "export * from 'chevrotain';", resolveDir: process.cwd(), loader: 'js' },
  outfile: `dist/${CHEVROTAIN_BUNDLE}`,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  minifyWhitespace: true,
  minifySyntax: true,
  logLevel: 'warning',
});

// The language server stays one file: the VS Code extension ships it alone (extension/build.mjs).
await build({ ...common, entryPoints: { 'doa-language-server': 'server/src/main.ts' } });
