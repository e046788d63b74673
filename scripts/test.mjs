// Runs every test suite and ends with one plain summary line, `N passed, N failed`, counting every
// suite: the type check (one test), the vitest suites (unit, rule, LSP and CLI subprocess tests).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

let passed = 0;
let failed = 0;

function step(name, cmd, args) {
  console.log(`\n== ${name}: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  return r.status === 0;
}

if (step('type check', process.execPath, ['node_modules/typescript/bin/tsc', '-p', '.'])) passed++;
else failed++;

const out = join(mkdtempSync(join(tmpdir(), 'doa-test-')), 'vitest.json');
const ok = step('vitest', process.execPath, ['node_modules/vitest/vitest.mjs', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${out}`]);
if (existsSync(out)) {
  const report = JSON.parse(readFileSync(out, 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  // A suite that fails to load has no failed test of its own: count it, so it cannot pass silently.
  failed += report.testResults.filter((s) => s.status === 'failed' && s.assertionResults.every((a) => a.status !== 'failed')).length;
} else if (!ok) failed++;

console.log(`\n${passed} passed, ${failed} failed`);
process.exitCode = failed === 0 && ok ? 0 : 1;
