// The extension's own commands and its status bar item.
const assert = require('node:assert/strict');
const vscode = require('vscode');
const { LIMIT_FILE, uriOf, findings, waitFor, open, positionOf, extensionApi } = require('./helpers');

suite('commands and status bar', () => {
  let api;
  suiteSetup(async () => {
    ({ api } = await extensionApi());
    await waitFor(() => findings(uriOf(LIMIT_FILE)).length > 0, 'the workspace check');
  });

  test('the commands are registered', async () => {
    const all = await vscode.commands.getCommands(true);
    for (const c of ['doa.restartServer', 'doa.checkWorkspace', 'doa.showChain']) assert.ok(all.includes(c), c);
  });

  test('doa.showChain returns and shows the chain at the cursor', async () => {
    const { doc, editor } = await open(LIMIT_FILE);
    const at = positionOf(doc, 'valid from 2024-01-01', 0, 1); // inside SD-MSN-CPO's block
    editor.selection = new vscode.Selection(at, at);
    const result = await vscode.commands.executeCommand('doa.showChain');
    assert.equal(result.root, 'Secretary-General');
    assert.deepEqual(
      result.chain.map((c) => `${c.kind} ${c.name} ${c.inForce}`),
      ['delegation DA-MSN-PROC true', 'sub-delegation SD-MSN-CPO true'],
    );
    assert.equal(result.chain[0].title, 'Procurement authority, Test Mission');
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
  });

  test('doa.showChain outside an instrument returns null', async () => {
    const { editor } = await open(LIMIT_FILE);
    editor.selection = new vscode.Selection(0, 2, 0, 2); // the leading comment
    assert.equal(await vscode.commands.executeCommand('doa.showChain'), null);
  });

  test('doa.checkWorkspace checks every file and counts the findings', async () => {
    const r = await vscode.commands.executeCommand('doa.checkWorkspace');
    assert.deepEqual(r, { files: 4, errors: 2, warnings: 3, infos: 0 });
  });

  test('the status bar shows the findings and the check date', async () => {
    const text = await waitFor(() => (/2 errors, 3 warnings/.test(api.statusText()) ? api.statusText() : undefined), 'the status bar counts');
    assert.equal(text, '$(error) doa: 2 errors, 3 warnings · as of 2025-06-30');
  });

  test('doa.restartServer restarts the language server and the findings come back', async () => {
    const before = api.client;
    await vscode.commands.executeCommand('doa.restartServer');
    assert.equal(api.client, before);
    assert.ok(api.client.isRunning(), 'running after restart');
    await waitFor(() => findings(uriOf(LIMIT_FILE)).length === 1, 'the findings after the restart');
    const hovers = await vscode.commands.executeCommand('vscode.executeHoverProvider', uriOf(LIMIT_FILE), new vscode.Position(13, 17));
    assert.ok(hovers.length > 0, 'hover answers after the restart');
  });
});
