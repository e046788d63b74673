// The language server as a real process over stdio, on copies of the samples.
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  HoverRequest,
  DefinitionRequest,
  ReferencesRequest,
  RenameRequest,
  PrepareRenameRequest,
  CompletionRequest,
  DocumentFormattingRequest,
  CodeActionRequest,
  DocumentSymbolRequest,
  FoldingRangeRequest,
  SemanticTokensRequest,
  CodeLensRequest,
  type Diagnostic,
} from 'vscode-languageserver-protocol/node.js';
import { Workspace, check } from '../../language/src/index.ts';
import { LspClient } from './lsp-client.ts';

const AS_OF = '2025-06-30';
let root: string;
let client: LspClient;
const uriOf = (rel: string) => pathToFileURL(join(root, rel)).href;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'doa-lsp-'));
  cpSync('samples/rules/_shared', join(root, '_shared'), { recursive: true });
  cpSync('samples/rules/sub-delegation-exceeds-parent-limit', join(root, 'limit'), { recursive: true });
  client = new LspClient({ asOf: AS_OF });
  await client.start(root, { settings: { asOf: AS_OF } });
  await client.waitFor(() => client.diagnostics.has(uriOf('limit/procurement.doa')));
});

afterAll(async () => {
  await client?.stop();
});

function brief(d: Diagnostic): string {
  return `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.code} ${d.message.split('\n')[0]}`;
}

describe('language server over stdio', () => {
  it('publishes diagnostics for files not open, equal to the core findings', async () => {
    const files = ['_shared/organisation.doa', 'limit/procurement.doa'];
    const ws = new Workspace(files.map((f) => [uriOf(f), readFileSync(join(root, f), 'utf8')]));
    const findings = await check(ws, { asOf: AS_OF });
    for (const f of files) {
      const published = client.diagnostics.get(uriOf(f))?.diagnostics ?? [];
      const expected = findings.filter((x) => x.uri === uriOf(f)).map((x) => `${x.range.start.line + 1}:${x.range.start.character + 1} ${x.ruleId} ${x.message}`);
      expect(published.map(brief)).toEqual(expected);
    }
    const d = client.diagnostics.get(uriOf('limit/procurement.doa'))!.diagnostics[0]!;
    expect(d.code).toBe('sub-delegation-exceeds-parent-limit');
    expect(d.codeDescription?.href).toMatch(/sub-delegation-exceeds-parent-limit\.md$/);
    expect(d.relatedInformation?.map((r) => r.message)).toContain('chain: delegation DA-MSN-PROC');
  });

  it('re-checks on edit and clears the finding after the quick fix', async () => {
    const uri = uriOf('limit/procurement.doa');
    const text = readFileSync(join(root, 'limit/procurement.doa'), 'utf8');
    await client.open(uri, text);
    const diag = client.diagnostics.get(uri)!.diagnostics[0]!;
    const actions = (await client.conn.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: diag.range, context: { diagnostics: [diag] } })) as Array<{ title: string; edit?: { changes?: Record<string, Array<{ range: Diagnostic['range']; newText: string }>> } }>;
    expect(actions.map((a) => a.title)).toEqual(["Cap the limit at the parent's USD 1,000,000", 'Suppress sub-delegation-exceeds-parent-limit on this line (fill in the reason)']);
    const edit = actions[0]!.edit!.changes![uri]![0]!;
    const lines = text.split('\n');
    const line = lines[edit.range.start.line]!;
    lines[edit.range.start.line] = line.slice(0, edit.range.start.character) + edit.newText + line.slice(edit.range.end.character);
    await client.change(uri, lines.join('\n'), 2);
    await client.waitFor(() => client.diagnostics.get(uri)?.version === 2);
    expect(client.diagnostics.get(uri)!.diagnostics).toEqual([]);
    await client.change(uri, text, 3);
    await client.waitFor(() => client.diagnostics.get(uri)?.version === 3);
    expect(client.diagnostics.get(uri)!.diagnostics).toHaveLength(1);
  });

  it('hovers a post with the authority in force and its chain', async () => {
    const uri = uriOf('limit/procurement.doa');
    const text = readFileSync(join(root, 'limit/procurement.doa'), 'utf8');
    const line = text.split('\n').findIndex((l) => l.includes('to MSN-CPO'));
    const hover = (await client.conn.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line, character: 6 } })) as { contents: { value: string } };
    expect(hover.contents.value).toContain('**post MSN-CPO**');
    expect(hover.contents.value).toContain('Authority in force on 2025-06-30');
    expect(hover.contents.value).toContain('Chain: Secretary-General → `DA-MSN-PROC` → `SD-MSN-CPO`');
  });

  it('goes to a definition in another file and finds references', async () => {
    const uri = uriOf('limit/procurement.doa');
    const text = readFileSync(join(root, 'limit/procurement.doa'), 'utf8');
    const line = text.split('\n').findIndex((l) => l.includes('to MSN-CPO'));
    const def = (await client.conn.sendRequest(DefinitionRequest.type, { textDocument: { uri }, position: { line, character: 6 } })) as { uri: string };
    expect(def.uri).toBe(uriOf('_shared/organisation.doa'));
    const refs = (await client.conn.sendRequest(ReferencesRequest.type, { textDocument: { uri }, position: { line, character: 6 }, context: { includeDeclaration: true } })) as Array<{ uri: string }>;
    expect(refs.length).toBeGreaterThanOrEqual(3);
  });

  it('renames across files', async () => {
    const uri = uriOf('limit/procurement.doa');
    const text = readFileSync(join(root, 'limit/procurement.doa'), 'utf8');
    const line = text.split('\n').findIndex((l) => l.includes('to MSN-CPO'));
    const prep = (await client.conn.sendRequest(PrepareRenameRequest.type, { textDocument: { uri }, position: { line, character: 6 } })) as { placeholder: string };
    expect(prep.placeholder).toBe('MSN-CPO');
    const edit = (await client.conn.sendRequest(RenameRequest.type, { textDocument: { uri }, position: { line, character: 6 }, newName: 'MSN-CHIEF-PROC' })) as { changes: Record<string, unknown[]> };
    expect(Object.keys(edit.changes).sort()).toEqual([uriOf('_shared/organisation.doa'), uri].sort());
  });

  it('completes posts and people after `to`, keywords at the start of a statement', async () => {
    const uri = uriOf('limit/procurement.doa');
    const text = readFileSync(join(root, 'limit/procurement.doa'), 'utf8');
    const line = text.split('\n').findIndex((l) => l.includes('to MSN-CPO'));
    const items = (await client.conn.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line, character: 5 } })) as Array<{ label: string }>;
    expect(items.map((i) => i.label)).toEqual(expect.arrayContaining(['MSN-CPO', 'MSN-HOM', 'cpo']));
    expect(items.map((i) => i.label)).not.toContain('UNHQ');
    const keys = (await client.conn.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line, character: 2 } })) as Array<{ label: string }>;
    expect(keys.map((i) => i.label)).toEqual(expect.arrayContaining(['under', 'to', 'authority', 'valid', 'report']));
  });

  it('formats, outlines, folds, colours and lenses', async () => {
    const uri = uriOf('limit/procurement.doa');
    const edits = (await client.conn.sendRequest(DocumentFormattingRequest.type, { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } })) as unknown[];
    expect(Array.isArray(edits)).toBe(true);
    const symbols = (await client.conn.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } })) as Array<{ name: string }>;
    expect(symbols.map((s) => s.name)).toEqual(['DA-MSN-PROC', 'SD-MSN-CPO']);
    const folds = (await client.conn.sendRequest(FoldingRangeRequest.type, { textDocument: { uri } })) as unknown[];
    expect(folds.length).toBeGreaterThanOrEqual(2);
    const tokens = (await client.conn.sendRequest(SemanticTokensRequest.type, { textDocument: { uri } })) as { data: number[] };
    expect(tokens.data.length % 5).toBe(0);
    expect(tokens.data.length).toBeGreaterThan(50);
    const lenses = (await client.conn.sendRequest(CodeLensRequest.type, { textDocument: { uri } })) as Array<{ command: { title: string } }>;
    expect(lenses[0]!.command.title).toBe('1 sub-delegation · limits USD 1,000,000, USD 250,000 · expires in 549 days');
  });

  it('answers editor features on a document that is not open (its syntax tree is parsed again)', async () => {
    const uri = uriOf('_shared/organisation.doa');
    const symbols = (await client.conn.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } })) as Array<{ name: string }>;
    expect(symbols.length).toBeGreaterThan(3);
    const folds = (await client.conn.sendRequest(FoldingRangeRequest.type, { textDocument: { uri } })) as unknown[];
    expect(folds.length).toBeGreaterThan(0);
    const text = readFileSync(join(root, '_shared/organisation.doa'), 'utf8');
    const line = text.split('\n').findIndex((l) => /^\s*post MSN-CPO\b/.test(l));
    const hover = (await client.conn.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line, character: text.split('\n')[line]!.indexOf('MSN-CPO') + 1 } })) as { contents: { value: string } } | null;
    expect(hover?.contents.value).toContain('**post MSN-CPO**');
  });

  it('survives garbage input and keeps answering', async () => {
    const uri = uriOf('limit/garbage.doa');
    await client.open(uri, '}}} @@@ "unterminated\n delegation { when and or > ]] \u0000');
    await client.waitFor(() => client.diagnostics.has(uri));
    expect(client.diagnostics.get(uri)!.diagnostics.length).toBeGreaterThan(0);
    const hover = await client.conn.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 0, character: 1 } });
    expect(hover).toBeNull();
    expect(client.proc.exitCode).toBeNull();
  });
});

