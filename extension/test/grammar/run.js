// TextMate grammar tests: runs vscode-tmgrammar-test on test/grammar/*.doa (scope assertions in
// `// ^^^ scope` comment lines, see the tool's README) and ends with `Grammar: N passed, N failed`,
// one test per asserted source line, read from the tool's xUnit reports.
const { spawnSync } = require('node:child_process');
const { mkdtempSync, readdirSync, readFileSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

const ext = join(__dirname, '..', '..');
const bin = require.resolve('vscode-tmgrammar-test/dist/unit.js', { paths: [ext] });
const reports = mkdtempSync(join(tmpdir(), 'doa-grammar-'));
const r = spawnSync(process.execPath, [bin, '--grammar', 'syntaxes/doa.tmLanguage.json', '--xunit-report', reports, 'test/grammar/*.doa'], {
  cwd: ext,
  stdio: 'inherit',
});
let passed = 0;
let failed = 0;
for (const f of readdirSync(reports)) {
  const xml = readFileSync(join(reports, f), 'utf8');
  const attr = (name) => Number(new RegExp(`\\b${name}="(\\d+)"`).exec(xml)?.[1] ?? 0);
  const bad = attr('failures') + attr('errors');
  passed += attr('tests') - bad;
  failed += bad;
}
rmSync(reports, { recursive: true, force: true });
// A test file that cannot be parsed writes no report: the tool's exit code still counts it.
if (r.status !== 0 && failed === 0) failed = 1;
console.log(`Grammar: ${passed} passed, ${failed} failed`);
process.exitCode = failed === 0 && r.status === 0 ? 0 : 1;
