// Runs the extension-host mocha suite (test/suite/index.js) in a desktop VS Code downloaded by
// @vscode/test-electron. For machines that can reach the VS Code download site; the e2e run
// (test/e2e/run.sh) runs the same suite in the VS Code server instead, with no download.
// usage: npm run extension:test-electron   (VSCODE_VERSION=1.82.0 to test the oldest supported release;
// default: stable). Needs a display, or xvfb-run on Linux.
const { mkdtempSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join, resolve } = require('node:path');
const { runTests } = require('@vscode/test-electron');
const { makeWorkspace } = require('./make-workspace');

async function main() {
  const extensionDevelopmentPath = resolve(__dirname, '..');
  const extensionTestsPath = resolve(__dirname, 'suite', 'index.js');
  const workspace = makeWorkspace(join(mkdtempSync(join(tmpdir(), 'doa-ext-')), 'ws'));
  await runTests({
    version: process.env.VSCODE_VERSION || 'stable',
    extensionDevelopmentPath,
    extensionTestsPath,
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
    extensionTestsEnv: { DOA_TEST_GREP: process.env.DOA_TEST_GREP ?? '' },
  });
}

main().catch((e) => {
  console.error(`extension tests failed: ${e instanceof Error ? e.message : e}`);
  process.exit(1);
});
