// UI end-to-end test: the real VS Code workbench (VS Code server from the code-server npm package) in
// Debian's chromium through playwright-core, with the packaged doa extension (.vsix) installed. Does
// what a person does: opens a rule sample, reads the Problems panel and the status bar, hovers an
// instrument to see its chain, applies the quick fix with Ctrl+. and sees the finding go away, and
// shows the chain from the command palette. Screenshots of each step go to $SHOTS.
// env: CS_URL (http://127.0.0.1:PORT/?folder=/abs/workspace), SHOTS (folder), CHROMIUM, EXPECT (the
// finding's text), TIMEOUT_MS. Ends with `UI: N passed, N failed`.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const URL_ = process.env.CS_URL;
const SHOTS = process.env.SHOTS || 'screenshots';
const EXPECT = process.env.EXPECT || 'SD-MSN-CPO grants procurement/award-contract (USD 1,000,000.01), above the USD 1,000,000 that its parent DA-MSN-PROC holds';
const FIX = "Cap the limit at the parent's USD 1,000,000";
const FILE = 'procurement.doa';
const T = Number(process.env.TIMEOUT_MS || 30_000);
mkdirSync(SHOTS, { recursive: true });

const t0 = Date.now();
const lap = (m) => console.log(`[${((Date.now() - t0) / 1000).toFixed(1)}s] ${m}`);
let passed = 0;
let failed = 0;
let blocked = false;

/** One check of the UI test; after a failed prerequisite the remaining checks fail without running. */
async function check(name, fn, { prerequisite = false } = {}) {
  if (blocked) {
    failed++;
    console.log(`  ✗ ${name} (not run: an earlier step failed)`);
    return;
  }
  try {
    await fn();
    passed++;
    console.log(`  ✓ ${name}`);
  } catch (e) {
    failed++;
    console.log(`  ✗ ${name}: ${String(e.message).split('\n')[0]}`);
    await shot(`fail-${name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}`).catch(() => undefined);
    if (prerequisite) blocked = true;
  }
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
page.on('pageerror', (e) => process.env.VERBOSE && console.log('pageerror:', e.message));
const shot = (name) => page.screenshot({ path: join(SHOTS, `${name}.png`) });
const markers = () => page.locator('.markers-panel');
const statusItem = () => page.locator('.statusbar-item', { hasText: 'doa:' }).first();

/** Moves the cursor with "Go to Line/Column" (Ctrl+G). */
async function goTo(line, column) {
  await page.locator('.monaco-editor .view-lines').first().click();
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout: T });
  await input.fill(`:${line}:${column}`);
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: T });
}

try {
  await check(
    'the workbench opens the rule sample from Quick Open, in the doa language',
    async () => {
      await page.goto(URL_);
      await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
      lap('workbench loaded');
      await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 60_000 });
      await page.keyboard.press('Control+P');
      const input = page.locator('.quick-input-widget input');
      await input.waitFor({ timeout: T });
      await input.fill(FILE);
      await page.locator('.quick-input-widget .monaco-list-row', { hasText: FILE }).first().waitFor({ timeout: T });
      await page.keyboard.press('Enter');
      await page.locator('.tabs-container .tab', { hasText: FILE }).first().waitFor({ timeout: T });
      await page.locator('.monaco-editor .view-lines', { hasText: 'sub-delegation SD-MSN-CPO' }).first().waitFor({ timeout: T });
      await page.locator('.statusbar-item', { hasText: /^DOA$/ }).first().waitFor({ timeout: T }); // language mode
      lap(`${FILE} open`);
    },
    { prerequisite: true },
  );

  await check('the Problems panel shows the finding, with its rule', async () => {
    await page.keyboard.press('Control+Shift+M');
    await markers().locator('.monaco-list-row', { hasText: EXPECT }).first().waitFor({ timeout: T });
    await markers().locator('.monaco-list-row', { hasText: 'sub-delegation-exceeds-parent-limit' }).first().waitFor({ timeout: T });
    await page.locator('.monaco-editor .squiggly-error').first().waitFor({ timeout: T });
    // Show this file's finding first: collapse the other files of the panel.
    await markers().locator('.monaco-list-row', { hasText: 'segregation-of-duties' }).first().locator('.monaco-tl-twistie').click();
    await markers().locator('.monaco-list-row', { hasText: EXPECT }).first().waitFor({ state: 'visible', timeout: T });
    await shot('01-problems');
  });

  await check('the status bar shows the counts and the check date', async () => {
    await page.locator('.statusbar-item', { hasText: 'doa: 2 errors, 3 warnings · as of 2025-06-30' }).first().waitFor({ timeout: T });
  });

  await check('hovering the sub-delegation shows its chain', async () => {
    const name = page.locator('.monaco-editor .view-line', { hasText: 'sub-delegation SD-MSN-CPO' }).locator('span span', { hasText: /^SD-MSN-CPO$/ }).first();
    const hover = page.locator('.monaco-hover', { hasText: 'Chain: Secretary-General → DA-MSN-PROC → SD-MSN-CPO' }).first();
    // A hover that starts while the workbench is still busy (the Problems panel re-rendering, the
    // editor scrolling) can be dropped by VS Code itself; a person moves the mouse off and back, and
    // so does this test, a few times within the step's time limit.
    const deadline = Date.now() + T;
    for (let attempt = 1; ; attempt++) {
      await page.mouse.move(5, 400);
      await name.hover();
      const wait = Math.min(8_000, deadline - Date.now());
      const shown = await hover.waitFor({ state: 'visible', timeout: Math.max(wait, 1) }).then(() => true, () => false);
      if (shown) break;
      if (Date.now() >= deadline) throw new Error(`no hover with the chain after ${attempt} attempts in ${T} ms`);
    }
    await page.waitForTimeout(300); // let the hover finish rendering before the picture
    await shot('02-hover-chain');
    await page.mouse.move(5, 400);
    await page.keyboard.press('Escape');
  });

  await check('Ctrl+. on the finding offers the quick fix', async () => {
    await goTo(17, 46);
    await page.keyboard.press('Control+.');
    await page.locator('.action-widget', { hasText: FIX }).first().waitFor({ state: 'visible', timeout: T });
    await shot('03-quick-fix-menu');
  });

  await check('applying the quick fix removes the finding from the editor, the Problems panel and the status bar', async () => {
    // The preferred fix is the focused entry of the menu: Enter applies it, as a person would.
    await page.keyboard.press('Enter');
    await page.locator('.action-widget', { hasText: FIX }).first().waitFor({ state: 'hidden', timeout: T });
    await page.locator('.monaco-editor .view-line', { hasText: 'authority procurement/award-contract limit USD 1,000,000' }).first().waitFor({ timeout: T });
    await markers().locator('.monaco-list-row', { hasText: EXPECT }).first().waitFor({ state: 'detached', timeout: T });
    await page.locator('.statusbar-item', { hasText: 'doa: 1 error, 3 warnings' }).first().waitFor({ timeout: T });
    await shot('04-after-quick-fix');
  });

  await check('"doa: Show the delegation chain at the cursor" from the command palette', async () => {
    await goTo(14, 20);
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ timeout: T });
    await input.fill('>doa: Show the delegation chain');
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Show the delegation chain at the cursor' }).first().waitFor({ timeout: T });
    await page.keyboard.press('Enter');
    const widget = page.locator('.quick-input-widget', { hasText: 'Delegation chain of SD-MSN-CPO' });
    await widget.waitFor({ state: 'visible', timeout: T });
    for (const text of ['Secretary-General', 'DA-MSN-PROC', 'Procurement authority, Test Mission', 'SD-MSN-CPO']) {
      await widget.locator('.monaco-list-row', { hasText: text }).first().waitFor({ timeout: T });
    }
    await shot('05-show-chain');
    await page.keyboard.press('Escape');
  });
} finally {
  await browser.close();
}
lap('done');
console.log(`UI: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
