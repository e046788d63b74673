// Runs the extension's mocha suite inside the real Node extension host of a VS Code server, driven
// through the web workbench in headless chromium. It is the @vscode/test-electron contract
// (extensionDevelopmentPath + extensionTestsPath, a module exporting run()), passed in the
// workbench URL's `payload`; the exit code comes back through window.codeAutomationExit.
// usage: node run-ext-tests.mjs <host:port> <extensionDevelopmentPath> <extensionTestsPath> <workspaceFolder>
// Prints the suite's own closing line (`Extension host: N passed, N failed`); VERBOSE=1 prints all
// the extension host's console output.
import { chromium } from 'playwright-core';
import { format } from 'node:util';

const [authority, devPath, testsPath, folder] = process.argv.slice(2);
const TIMEOUT = Number(process.env.SUITE_TIMEOUT_MS || 300_000);
const t0 = Date.now();
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const page = await browser.newPage();
let sawResult = false;
let mochaStarted = false;
page.on('console', async (m) => {
  let a = await Promise.all(m.args().map((x) => x.jsonValue().catch(() => '')));
  if (typeof a[0] === 'string' && a[0].startsWith('%c')) a = a.slice(2); // '%c INFO', 'color: …'
  const line = format(...a);
  // The extension host's console arrives here too; the suite announces its start (extension/test/suite/index.js).
  if (/^Extension host: running /.test(line)) mochaStarted = true;
  // Between the first suite title and the closing line, everything is mocha's report.
  if (process.env.VERBOSE || (mochaStarted && !sawResult) || /Extension host: /.test(line)) console.log(line);
  if (/Extension host: \d+ passed, \d+ failed/.test(line)) sawResult = true;
});
page.on('pageerror', (e) => process.env.VERBOSE && console.log('pageerror:', e.message));
const exited = new Promise((resolve) => page.exposeFunction('codeAutomationExit', (code) => resolve(code)));
const payload = JSON.stringify([
  ['extensionDevelopmentPath', `vscode-remote://${authority}${devPath}`],
  ['extensionTestsPath', `vscode-remote://${authority}${testsPath}`],
]);
await page.goto(`http://${authority}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(payload)}`);
const code = await Promise.race([exited, new Promise((r) => setTimeout(() => r('timeout'), TIMEOUT))]);
console.log(`extension host exited with ${code} after ${((Date.now() - t0) / 1000).toFixed(1)}s`);
await browser.close();
if (!sawResult) console.log('Extension host: 0 passed, 1 failed'); // the suite never reported: count it as one failure
process.exit(code === 0 ? 0 : 1);
