// The quick fixes of align-validity and add-reporting-duty over real LSP (cap-limit and
// add-suppression are in lsp.test.ts): request the code actions of a diagnostic, apply the rule's fix as the
// editor would, and see the finding gone, with diagnostics equal to a core check of the fixed text.
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { CodeActionRequest, type CodeAction, type Diagnostic } from 'vscode-languageserver-protocol/node.js';
import { Workspace, check } from '../../language/src/index.ts';
import { LspClient } from './lsp-client.ts';
import { applyEdits } from './text-edits.ts';

const AS_OF = '2025-06-30';
let client: LspClient | undefined;

afterEach(async () => {
  await client?.stop();
  client = undefined;
});

/** A server on the shared organisation plus one rule sample, with the sample's file open. */
async function openSample(sample: string, file: string) {
  const root = mkdtempSync(join(tmpdir(), 'doa-lsp-fix-'));
  cpSync('samples/rules/_shared', join(root, '_shared'), { recursive: true });
  cpSync(`samples/rules/${sample}`, join(root, 'sample'), { recursive: true });
  const uri = pathToFileURL(join(root, 'sample', file)).href;
  const shared = pathToFileURL(join(root, '_shared', 'organisation.doa')).href;
  client = new LspClient({ asOf: AS_OF });
  await client.start(root, { settings: { asOf: AS_OF } });
  await client.waitFor(() => client!.diagnostics.has(uri));
  const text = readFileSync(join(root, 'sample', file), 'utf8');
  await client.open(uri, text, 1);
  await client.waitFor(() => client!.diagnostics.get(uri)?.version === 1);
  return { c: client, uri, text, sharedFile: [shared, readFileSync(join(root, '_shared', 'organisation.doa'), 'utf8')] as [string, string] };
}

async function actionsFor(c: LspClient, uri: string, d: Diagnostic): Promise<CodeAction[]> {
  return (await c.conn.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } })) as CodeAction[];
}

/** Applies the preferred (the rule's own) fix of the first diagnostic of a rule; returns the new text. */
async function applyFirstFix(c: LspClient, uri: string, text: string, ruleId: string, version: number): Promise<{ title: string; text: string }> {
  const d = c.diagnostics.get(uri)!.diagnostics.find((x) => x.code === ruleId)!;
  expect(d, `a ${ruleId} diagnostic`).toBeDefined();
  const actions = await actionsFor(c, uri, d);
  const fix = actions.find((a) => a.isPreferred);
  expect(fix, `a quick fix for ${ruleId}`).toBeDefined();
  expect(Object.keys(fix!.edit!.changes!)).toEqual([uri]);
  const fixed = applyEdits(text, fix!.edit!.changes![uri]!);
  await c.change(uri, fixed, version);
  await c.waitFor(() => c.diagnostics.get(uri)?.version === version);
  return { title: fix!.title, text: fixed };
}

async function coreFindings(files: Array<[string, string]>, uri: string): Promise<string[]> {
  const findings = await check(new Workspace(files), { asOf: AS_OF });
  return findings.filter((f) => f.uri === uri).map((f) => `${f.range.start.line}:${f.range.start.character} ${f.ruleId}`);
}

const brief = (ds: Diagnostic[]) => ds.map((d) => `${d.range.start.line}:${d.range.start.character} ${d.code}`);

describe('quick fixes over LSP', () => {
  it('align-validity: each sub-delegation outside its parent window is aligned and the finding goes', async () => {
    const { c, uri, text, sharedFile } = await openSample('validity-outside-parent', 'procurement.doa');
    expect(brief(c.diagnostics.get(uri)!.diagnostics).filter((d) => d.endsWith('validity-outside-parent'))).toHaveLength(2);
    const first = await applyFirstFix(c, uri, text, 'validity-outside-parent', 2);
    expect(first.title).toBe('Align the validity with DA-MSN-PROC: valid from 2024-01-01 to 2025-12-31');
    expect(first.text).toContain('  valid from 2024-01-01 to 2025-12-31\n  report "Awards made"');
    expect(c.diagnostics.get(uri)!.diagnostics.filter((d) => d.code === 'validity-outside-parent')).toHaveLength(1);
    // The open-ended one: aligned to the parent's end.
    const second = await applyFirstFix(c, uri, first.text, 'validity-outside-parent', 3);
    expect(second.title).toBe('Align the validity with DA-MSN-PROC: valid from 2024-06-01 to 2025-12-31');
    expect(c.diagnostics.get(uri)!.diagnostics.filter((d) => d.code === 'validity-outside-parent')).toEqual([]);
    expect(brief(c.diagnostics.get(uri)!.diagnostics)).toEqual(await coreFindings([sharedFile, [uri, second.text]], uri));
  });

  it('add-reporting-duty: a block instrument and a one-line instrument each get a duty and the finding goes', async () => {
    const { c, uri, text, sharedFile } = await openSample('missing-reporting-duty', 'finance.doa');
    expect(brief(c.diagnostics.get(uri)!.diagnostics)).toEqual(['12:15 missing-reporting-duty', '20:15 missing-reporting-duty']);
    // In a block: a statement of its own before the closing brace.
    const first = await applyFirstFix(c, uri, text, 'missing-reporting-duty', 2);
    expect(first.title).toBe('Add a quarterly reporting duty');
    expect(first.text).toContain('  may-sub-delegate\n  report "Use of delegated authority" to MSN-HOM every quarter\n}');
    expect(brief(c.diagnostics.get(uri)!.diagnostics)).toEqual(['21:15 missing-reporting-duty']);
    // On one line: a `;` statement after the validity.
    const second = await applyFirstFix(c, uri, first.text, 'missing-reporting-duty', 3);
    expect(second.text).toContain('valid from 2025-01-01 to 2025-12-31; report "Use of delegated authority" to MSN-DMS every quarter }');
    expect(c.diagnostics.get(uri)!.diagnostics).toEqual([]);
    expect(await coreFindings([sharedFile, [uri, second.text]], uri)).toEqual([]);
  });
});
