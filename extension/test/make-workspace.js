// Lays out the workspace the extension tests open: copies of rule samples (samples/rules/<id>/*.doa)
// with the organisation they share (samples/rules/_shared), checked as of 2025-06-30 through the
// `doa.asOf` workspace setting. Copies, because the tests edit files and settings.
// usage: node extension/test/make-workspace.js <folder> [--ui]   (the folder is emptied first)
//   --ui  also quiets the workbench for screenshots: no welcome page, no tips
const { cpSync, mkdirSync, readdirSync, rmSync, writeFileSync } = require('node:fs');
const { join, resolve } = require('node:path');

const SAMPLES = ['_shared', 'sub-delegation-exceeds-parent-limit', 'segregation-of-duties', 'missing-reporting-duty'];
const AS_OF = '2025-06-30';

function makeWorkspace(dest, { ui = false } = {}) {
  const samples = resolve(__dirname, '..', '..', 'samples', 'rules');
  rmSync(dest, { recursive: true, force: true });
  for (const s of SAMPLES) {
    mkdirSync(join(dest, s), { recursive: true });
    for (const f of readdirSync(join(samples, s))) if (f.endsWith('.doa')) cpSync(join(samples, s, f), join(dest, s, f));
  }
  mkdirSync(join(dest, '.vscode'), { recursive: true });
  const settings = { 'doa.asOf': AS_OF };
  if (ui) {
    Object.assign(settings, {
      'workbench.startupEditor': 'none',
      'workbench.welcomePage.walkthroughs.openOnInstall': false,
      'workbench.tips.enabled': false,
      'editor.minimap.enabled': false,
      'git.enabled': false,
    });
  }
  writeFileSync(join(dest, '.vscode', 'settings.json'), `${JSON.stringify(settings, null, 2)}\n`);
  return dest;
}

module.exports = { makeWorkspace, SAMPLES, AS_OF };

if (require.main === module) {
  const dest = process.argv[2];
  if (!dest) {
    console.error('usage: node extension/test/make-workspace.js <folder> [--ui]');
    process.exit(2);
  }
  console.log(makeWorkspace(resolve(dest), { ui: process.argv.includes('--ui') }));
}
