// Language features through VS Code's provider commands: hover, completion, snippets, definition,
// outline, and the language configuration.
const assert = require('node:assert/strict');
const path = require('node:path');
const vscode = require('vscode');
const { LIMIT_FILE, uriOf, findings, waitFor, open, positionOf, extensionApi } = require('./helpers');

function hoverText(hovers) {
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
}

suite('language features', () => {
  suiteSetup(async () => {
    await extensionApi();
    await waitFor(() => findings(uriOf(LIMIT_FILE)).length > 0, 'the workspace check');
  });

  test('hover on a sub-delegation shows its chain up to the Secretary-General', async () => {
    const { doc } = await open(LIMIT_FILE);
    const hovers = await vscode.commands.executeCommand('vscode.executeHoverProvider', doc.uri, positionOf(doc, 'SD-MSN-CPO "', 2));
    const text = hoverText(hovers);
    assert.match(text, /\*\*sub-delegation SD-MSN-CPO\*\* — Chief Procurement Officer/);
    assert.ok(text.includes('Chain: Secretary-General → `DA-MSN-PROC` → `SD-MSN-CPO`'), text);
    assert.ok(text.includes('in force on 2025-06-30'), text);
  });

  test('hover on a post shows the authority in force and its chain', async () => {
    const { doc } = await open(LIMIT_FILE);
    const hovers = await vscode.commands.executeCommand('vscode.executeHoverProvider', doc.uri, positionOf(doc, 'to MSN-CPO', 4));
    const text = hoverText(hovers);
    assert.ok(text.includes('**post MSN-CPO**'), text);
    assert.ok(text.includes('Chain: Secretary-General → `DA-MSN-PROC` → `SD-MSN-CPO`'), text);
  });

  test('completion after `to` offers posts and people, not entities', async () => {
    const { doc } = await open(LIMIT_FILE);
    const list = await vscode.commands.executeCommand('vscode.executeCompletionItemProvider', doc.uri, positionOf(doc, 'to MSN-CPO', 3));
    const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    for (const l of ['MSN-CPO', 'MSN-HOM', 'cpo']) assert.ok(labels.includes(l), `${l} in ${labels.join(', ')}`);
    assert.ok(!labels.includes('UNHQ'), 'no entity');
  });

  test('completion at the start of a statement offers the statement keywords', async () => {
    const { doc } = await open(LIMIT_FILE);
    const list = await vscode.commands.executeCommand('vscode.executeCompletionItemProvider', doc.uri, positionOf(doc, '  to MSN-CPO', 2));
    const keywords = list.items.filter((i) => i.kind === vscode.CompletionItemKind.Keyword).map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    for (const k of ['under', 'to', 'authority', 'valid', 'report']) assert.ok(keywords.includes(k), `${k} in ${keywords.join(', ')}`);
  });

  test('the snippets are offered in a doa file', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'doa', content: '\n' });
    await vscode.window.showTextDocument(doc);
    const list = await vscode.commands.executeCommand('vscode.executeCompletionItemProvider', doc.uri, new vscode.Position(0, 0));
    const snippets = list.items.filter((i) => i.kind === vscode.CompletionItemKind.Snippet).map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    for (const s of ['delegation', 'sub-delegation', 'rule', 'segregation', 'person']) assert.ok(snippets.includes(s), `${s} in ${snippets.join(', ')}`);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('the sub-delegation snippet writes a block the language server reads', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'doa', content: '' });
    const editor = await vscode.window.showTextDocument(doc);
    await editor.insertSnippet(new vscode.SnippetString(require('../../snippets/doa.json')['sub-delegation'].body.join('\n')));
    assert.match(doc.getText(), /^sub-delegation SD-ENTITY-POST "Title" \{\n\s+under DA-ENTITY-AREA\n/);
    const symbols = await waitFor(async () => {
      const s = await vscode.commands.executeCommand('vscode.executeDocumentSymbolProvider', doc.uri);
      return s && s.length ? s : undefined;
    }, 'the outline of the snippet');
    assert.deepEqual(symbols.map((s) => s.name), ['SD-ENTITY-POST']);
    // Its placeholders name nothing declared yet: unknown references, but no syntax error.
    const codes = await waitFor(() => (findings(doc.uri).length ? findings(doc.uri).map((d) => d.code.value ?? d.code) : undefined), 'findings on the snippet');
    assert.ok(codes.includes('unknown-reference'), codes.join(', '));
    assert.ok(!codes.includes('syntax-error'), codes.join(', '));
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('go to definition: from `under` to the parent, from `to` into the shared organisation file', async () => {
    const { doc } = await open(LIMIT_FILE);
    const parent = await vscode.commands.executeCommand('vscode.executeDefinitionProvider', doc.uri, positionOf(doc, 'under DA-MSN-PROC', 8));
    assert.equal(parent.length, 1);
    const p = parent[0].uri ? parent[0] : { uri: parent[0].targetUri, range: parent[0].targetRange };
    assert.equal(p.uri.toString(), doc.uri.toString());
    assert.equal(p.range.start.line, 3);
    const post = await vscode.commands.executeCommand('vscode.executeDefinitionProvider', doc.uri, positionOf(doc, 'to MSN-CPO', 5));
    const q = post[0].uri ? post[0] : { uri: post[0].targetUri, range: post[0].targetRange };
    assert.equal(path.basename(q.uri.fsPath), 'organisation.doa');
    assert.match(vscode.workspace.textDocuments.find((d) => d.uri.toString() === q.uri.toString())?.lineAt(q.range.start.line).text ?? (await vscode.workspace.openTextDocument(q.uri)).lineAt(q.range.start.line).text, /^post MSN-CPO /);
  });

  test('the outline lists the instruments', async () => {
    const { doc } = await open(LIMIT_FILE);
    const symbols = await vscode.commands.executeCommand('vscode.executeDocumentSymbolProvider', doc.uri);
    assert.deepEqual(symbols.map((s) => s.name), ['DA-MSN-PROC', 'SD-MSN-CPO']);
  });

  test('the language configuration: toggling a line comment writes //', async () => {
    const { doc, editor } = await open(LIMIT_FILE);
    editor.selection = new vscode.Selection(6, 0, 6, 0);
    const before = doc.lineAt(6).text;
    await vscode.commands.executeCommand('editor.action.commentLine');
    assert.equal(doc.lineAt(6).text, before.replace(/^(\s*)/, '$1// '));
    await vscode.commands.executeCommand('workbench.action.files.revert');
    assert.equal(doc.lineAt(6).text, before);
  });
});
