// Extension tests entry, the @vscode/test-electron `extensionTestsPath` contract: a module exporting
// run(): Promise<void>, loaded in the extension host of a real VS Code (the desktop one by
// test/run-electron.js, or the VS Code server by test/e2e/run-ext-tests.mjs). Runs every *.test.js
// here with mocha and ends with `Extension host: N passed, N failed`.
const path = require('node:path');
const fs = require('node:fs');
const Mocha = require('mocha');

exports.run = function run() {
  const mocha = new Mocha({ ui: 'tdd', timeout: 60_000, color: false, reporter: 'spec' });
  if (process.env.DOA_TEST_GREP) mocha.grep(process.env.DOA_TEST_GREP);
  for (const f of fs.readdirSync(__dirname).sort()) if (f.endsWith('.test.js')) mocha.addFile(path.join(__dirname, f));
  console.log(`Extension host: running the extension tests in VS Code ${require('vscode').version}`);
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const passed = runner.stats ? runner.stats.passes : 0;
      console.log(`Extension host: ${passed} passed, ${failures} failed`);
      if (failures) reject(new Error(`${failures} tests failed`));
      else resolve();
    });
  });
};
