// Code actions: the server's quick fix for the limit breach, applied through VS Code.
const assert = require('node:assert/strict');
const vscode = require('vscode');
const { LIMIT_FILE, uriOf, findings, codeOf, waitFor, open, extensionApi } = require('./helpers');

const RULE = 'sub-delegation-exceeds-parent-limit';
const FIX = "Cap the limit at the parent's USD 1,000,000";

suite('quick fix', () => {
  suiteSetup(async () => {
    await extensionApi();
  });

  test('offers the cap and a suppression for the limit breach', async () => {
    const uri = uriOf(LIMIT_FILE);
    const d = await waitFor(() => findings(uri).find((x) => codeOf(x) === RULE), 'the limit finding');
    await open(LIMIT_FILE);
    const actions = await vscode.commands.executeCommand('vscode.executeCodeActionProvider', uri, d.range, vscode.CodeActionKind.QuickFix.value);
    const titles = actions.map((a) => a.title);
    assert.ok(titles.includes(FIX), `titles: ${titles.join(' | ')}`);
    assert.ok(titles.includes(`Suppress ${RULE} on this line (fill in the reason)`), `titles: ${titles.join(' | ')}`);
    const fix = actions.find((a) => a.title === FIX);
    assert.equal(fix.kind.value, 'quickfix');
    assert.equal(fix.isPreferred, true);
  });

  test('applying the cap removes the finding; reverting brings it back', async () => {
    const uri = uriOf(LIMIT_FILE);
    const { doc } = await open(LIMIT_FILE);
    try {
      const d = await waitFor(() => findings(uri).find((x) => codeOf(x) === RULE), 'the limit finding');
      const actions = await vscode.commands.executeCommand('vscode.executeCodeActionProvider', uri, d.range, vscode.CodeActionKind.QuickFix.value);
      const fix = actions.find((a) => a.title === FIX);
      assert.ok(await vscode.workspace.applyEdit(fix.edit), 'edit applied');
      assert.match(doc.lineAt(16).text, /authority procurement\/award-contract limit USD 1,000,000$/);
      await waitFor(() => !findings(uri).some((x) => codeOf(x) === RULE), 'the finding to go away');
      assert.deepEqual(findings(uri), []);
    } finally {
      // Undo the change without saving: the finding returns.
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
    await waitFor(() => findings(uri).some((x) => codeOf(x) === RULE), 'the finding to come back');
    assert.equal(doc.isDirty, false);
  });

  test('the suppression quick fix: without a reason it is itself a finding, with one it silences the finding', async () => {
    const uri = uriOf(LIMIT_FILE);
    const { doc, editor } = await open(LIMIT_FILE);
    try {
      const d = await waitFor(() => findings(uri).find((x) => codeOf(x) === RULE), 'the limit finding');
      const actions = await vscode.commands.executeCommand('vscode.executeCodeActionProvider', uri, d.range, vscode.CodeActionKind.QuickFix.value);
      const suppress = actions.find((a) => a.title.startsWith('Suppress'));
      assert.ok(await vscode.workspace.applyEdit(suppress.edit));
      assert.equal(doc.lineAt(16).text, `  // doa-disable-next-line ${RULE} -- `);
      await waitFor(() => findings(uri).some((x) => codeOf(x) === 'invalid-suppression'), 'the missing reason to be reported');
      await editor.edit((e) => e.insert(doc.lineAt(16).range.end, 'limit confirmed by memo 2025/14'));
      await waitFor(() => findings(uri).length === 0, 'the finding to be suppressed');
    } finally {
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
    await waitFor(() => findings(uri).some((x) => codeOf(x) === RULE), 'the finding to come back');
    assert.equal(doc.isDirty, false);
  });
});
