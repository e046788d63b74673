// Shared helpers of the extension tests (they run inside the extension host: `vscode` is the real API).
const vscode = require('vscode');

const EXTENSION_ID = 'doa-policy.doa';
const LIMIT_FILE = 'sub-delegation-exceeds-parent-limit/procurement.doa';

function folder() {
  const f = vscode.workspace.workspaceFolders?.[0];
  if (!f) throw new Error('the tests need a workspace folder (made by extension/test/make-workspace.js)');
  return f.uri;
}

function uriOf(rel) {
  return vscode.Uri.joinPath(folder(), ...rel.split('/'));
}

/** The doa findings VS Code shows for a file. */
function findings(uri) {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'doa');
}

function codeOf(d) {
  return typeof d.code === 'object' && d.code !== null ? d.code.value : d.code;
}

/** Polls until fn() returns a truthy value, and returns it. */
async function waitFor(fn, what, timeoutMs = 20_000) {
  const end = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      last = await fn();
      if (last) return last;
    } catch (e) {
      last = e;
    }
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}${last instanceof Error ? `: ${last.message}` : ''}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function open(rel) {
  const doc = await vscode.workspace.openTextDocument(uriOf(rel));
  const editor = await vscode.window.showTextDocument(doc);
  return { doc, editor };
}

/** The position of the n-th occurrence of text in a document (its start, plus an offset). */
function positionOf(doc, text, offset = 0, nth = 0) {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = doc.getText().indexOf(text, at + 1);
    if (at < 0) throw new Error(`'${text}' not found in ${doc.uri.path}`);
  }
  return doc.positionAt(at + offset);
}

async function extensionApi() {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  if (!ext) throw new Error(`extension ${EXTENSION_ID} is not installed`);
  const api = await ext.activate();
  await api.ready;
  return { ext, api };
}

module.exports = { EXTENSION_ID, LIMIT_FILE, folder, uriOf, findings, codeOf, waitFor, open, positionOf, extensionApi };
