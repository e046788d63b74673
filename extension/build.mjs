// Builds the VS Code extension from the repository:
//   - bundles src/extension.ts (and vscode-languageclient) into dist/extension.js (CommonJS, `vscode` external);
//   - copies the language server bundle (../dist/doa-language-server.mjs, built by scripts/build.mjs) into
//     server/, and the rule documentation pages into rules/ beside it: the server finds them at ../rules/
//     relative to its bundle, through the presence of rules/index.ts;
//   - checks what must stay in step with the rest of the repository: every built-in rule of `doa check`
//     (rules/<category>/<id>/<id>.md, category audit/ excepted) is offered in the `doa.rules` setting, every message of vscode.l10n.t is in l10n/bundle.l10n.json, every %key% of
//     package.json is in package.nls.json.
// usage: node extension/build.mjs [--package] [--write-l10n]
//   --package     then packages dist/<name>-<version>.vsix at the repository root with @vscode/vsce
//   --write-l10n  rewrites l10n/bundle.l10n.json from the sources instead of checking it
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ext = dirname(fileURLToPath(import.meta.url));
const repo = join(ext, '..');
const args = new Set(process.argv.slice(2));
const problems = [];

// 1. The client bundle.
await build({
  entryPoints: [join(ext, 'src', 'extension.ts')],
  outfile: join(ext, 'dist', 'extension.js'),
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node18', // VS Code 1.82 runs extensions on Node 18
  external: ['vscode'],
  mainFields: ['module', 'main'],
  minify: true,
  sourcemap: true,
  logLevel: 'warning',
});

// 2. The server and the rule documentation.
const serverBundle = join(repo, 'dist', 'doa-language-server.mjs');
if (!existsSync(serverBundle)) {
  console.error(`extension/build.mjs: ${relative(repo, serverBundle)} is missing: run \`npm run build\` first`);
  process.exit(1);
}
rmSync(join(ext, 'server'), { recursive: true, force: true });
rmSync(join(ext, 'rules'), { recursive: true, force: true });
mkdirSync(join(ext, 'server'), { recursive: true });
cpSync(serverBundle, join(ext, 'server', 'doa-language-server.mjs'));
const ruleIds = []; // the rules of `doa check`, which the editor runs (not those of `doa audit`, category audit/)
for (const category of readdirSync(join(repo, 'rules'))) {
  const dir = join(repo, 'rules', category);
  if (!statSync(dir).isDirectory()) continue;
  for (const id of readdirSync(dir)) {
    const page = join(dir, id, `${id}.md`);
    if (!existsSync(page)) continue;
    if (category !== 'audit') ruleIds.push(id);
    mkdirSync(join(ext, 'rules', category, id), { recursive: true });
    cpSync(page, join(ext, 'rules', category, id, `${id}.md`));
  }
}
writeFileSync(
  join(ext, 'rules', 'index.ts'),
  '// Marker: the doa language server (../server/doa-language-server.mjs) looks for its rules folder by this file\n// and reads each rule\'s documentation page from <category>/<rule-id>/<rule-id>.md beside it.\nexport {};\n',
);

// 3. Checks.
const manifest = JSON.parse(readFileSync(join(ext, 'package.json'), 'utf8'));
const offered = Object.keys(manifest.contributes.configuration.properties['doa.rules'].properties);
for (const id of ruleIds) if (!offered.includes(id)) problems.push(`package.json: rule '${id}' is missing from the properties of the doa.rules setting`);
for (const id of offered) if (!ruleIds.includes(id)) problems.push(`package.json: the doa.rules setting offers '${id}', which has no rules/*/${id}/${id}.md`);

const nls = JSON.parse(readFileSync(join(ext, 'package.nls.json'), 'utf8'));
for (const [, key] of JSON.stringify(manifest).matchAll(/"%([^%"]+)%"/g)) if (!(key in nls)) problems.push(`package.nls.json: '${key}' is missing`);

const messages = new Set();
for (const file of readdirSync(join(ext, 'src'))) {
  const text = readFileSync(join(ext, 'src', file), 'utf8');
  for (const [, raw] of text.matchAll(/vscode\.l10n\.t\(\s*'((?:[^'\\]|\\.)*)'/g)) messages.add(raw.replace(/\\(.)/g, '$1'));
}
const bundlePath = join(ext, 'l10n', 'bundle.l10n.json');
const wanted = Object.fromEntries([...messages].sort().map((m) => [m, m]));
if (args.has('--write-l10n')) {
  mkdirSync(dirname(bundlePath), { recursive: true });
  writeFileSync(bundlePath, `${JSON.stringify(wanted, null, 2)}\n`);
} else {
  const bundle = existsSync(bundlePath) ? JSON.parse(readFileSync(bundlePath, 'utf8')) : {};
  for (const m of messages) if (!(m in bundle)) problems.push(`l10n/bundle.l10n.json: message missing (run node extension/build.mjs --write-l10n): ${m}`);
  for (const m of Object.keys(bundle)) if (!messages.has(m)) problems.push(`l10n/bundle.l10n.json: message no longer used: ${m}`);
}
if (problems.length) {
  for (const p of problems) console.error(p);
  process.exit(1);
}

// 4. The .vsix.
if (args.has('--package')) {
  const out = join(repo, 'dist', `${manifest.name}-${manifest.version}.vsix`);
  const vsce = join(repo, 'node_modules', '@vscode', 'vsce', 'vsce');
  const r = spawnSync(process.execPath, [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--out', out], { cwd: ext, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
