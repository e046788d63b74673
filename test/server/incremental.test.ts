// The server's incremental work must never change what it reports: after every edit, the
// diagnostics it has published for every document equal a full core check of the same texts. Random
// edits (seeded) mix layout-only edits, which the server answers by moving diagnostics, with edits
// that change findings, syntax errors, suppressions and bursts of edits sent without waiting.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DidChangeWatchedFilesNotification, DidCloseTextDocumentNotification, DocumentSymbolRequest, FileChangeType } from 'vscode-languageserver-protocol/node.js';
import { Workspace, checkSync, ruleById } from '../../language/src/index.ts';
import { DiagnosticsStore } from '../../server/src/diagnostics.ts';
import { ruleDocsUri } from '../../language/src/node/rule-docs.ts';
import type { CheckTimings } from '../../server/src/timings.ts';
import { LspClient } from './lsp-client.ts';
import { seededRandom } from '../seeded-random.ts';

const AS_OF = '2025-06-30';
const ROUNDS = 90;

/** mulberry32: the same seed gives the same edits on every machine. */
function prng(seed: number) {
  const next = seededRandom(seed);
  return { next, int: (n: number) => Math.floor(next() * n), pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]! };
}
type Rng = ReturnType<typeof prng>;

const RULES = ['validity-outside-parent', 'missing-reporting-duty', 'duplicate-name', 'sub-delegation-exceeds-parent-limit', 'no-such-rule'];

/** One random edit of a text: layout-only edits first, then edits that may change findings. */
function mutate(text: string, original: string, rng: Rng): string {
  const lines = text.split('\n');
  const at = rng.int(lines.length);
  const indent = /^\s*/.exec(lines[at] ?? '')![0];
  const isTrivia = (l: string) => /^\s*(\/\/.*)?$/.test(l);
  switch (rng.int(13)) {
    case 0:
      lines.splice(at, 0, `${indent}// note ${rng.int(1000)}`);
      break;
    case 1:
      lines.splice(at, 0, '');
      break;
    case 2: {
      const trivia = lines.flatMap((l, i) => (isTrivia(l) ? [i] : []));
      if (trivia.length) lines.splice(rng.pick(trivia), 1);
      break;
    }
    case 3:
      lines[at] = `${lines[at]}${rng.next() < 0.5 ? '   ' : ' // why'}`;
      break;
    case 4: {
      const comments = lines.flatMap((l, i) => (/^\s*\/\/ /.test(l) ? [i] : []));
      if (comments.length) {
        const i = rng.pick(comments);
        lines[i] = `${lines[i]} more`;
      }
      break;
    }
    case 5: {
      // A digit of a number or a date.
      const digits = [...(lines[at] ?? '').matchAll(/\d/g)];
      if (digits.length) {
        const d = rng.pick(digits);
        lines[at] = lines[at]!.slice(0, d.index) + String(rng.int(10)) + lines[at]!.slice(d.index! + 1);
      }
      break;
    }
    case 6:
      lines.splice(at, 1);
      break;
    case 7:
      lines.splice(at, 0, lines[at] ?? '');
      break;
    case 8:
      lines.splice(at, 0, `${indent}// doa-disable-next-line ${rng.pick(RULES)}${rng.next() < 0.8 ? ' -- reviewed' : ''}`);
      break;
    case 9:
      lines.splice(at, 0, rng.pick(['}}', '@@', 'delegation {', '  valid from 2024-02-30']));
      break;
    case 10:
      lines[at] = (lines[at] ?? '').replace(/MSN-[A-Z]+/, rng.pick(['MSN-HOM', 'MSN-XYZ', 'MSN-DMS']));
      break;
    case 11:
      lines.splice(at, 0, `${indent}// doa-disable ${rng.pick(RULES)} -- whole file`);
      break;
    default:
      return original;
  }
  return lines.join('\n');
}

let root: string;
let client: LspClient;
const timings: CheckTimings[] = [];
const texts = new Map<string, string>();
const originals = new Map<string, string>();
const versions = new Map<string, number>();

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'doa-lsp-incr-'));
  cpSync('samples/rules/_shared', join(root, '_shared'), { recursive: true });
  // Samples that share names: duplicate names give findings whose related locations cross files.
  for (const s of ['validity-outside-parent', 'missing-reporting-duty', 'sub-delegation-exceeds-parent-limit']) cpSync(`samples/rules/${s}`, join(root, s), { recursive: true });
  for (const e of readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (!e.isFile() || !e.name.endsWith('.doa')) continue;
    const path = join(e.parentPath, e.name);
    const text = readFileSync(path, 'utf8');
    texts.set(pathToFileURL(path).href, text);
    originals.set(pathToFileURL(path).href, text);
  }
  client = new LspClient({ asOf: AS_OF });
  client.conn.onNotification('doa/checkTimings', (t: CheckTimings) => {
    timings.push(t);
    client.wake();
  });
  await client.start(root, { settings: { asOf: AS_OF }, reportTimings: true });
  await client.waitFor(() => [...texts.keys()].every((u) => client.diagnostics.has(u)));
  for (const [uri, text] of texts) {
    versions.set(uri, 1);
    await client.open(uri, text, 1);
  }
  await client.waitFor(() => [...texts.keys()].every((u) => client.diagnostics.get(u)?.version === 1));
});

afterAll(async () => {
  await client?.stop();
});

const links = { docsUri: (id: string) => ruleDocsUri(id), tags: (id: string) => ruleById(id)?.meta.tags ?? [] };

function expectedDiagnostics() {
  const run = checkSync(new Workspace([...texts]), { asOf: AS_OF });
  return DiagnosticsStore.fromFindings(run.findings, texts.keys(), links);
}

describe('incremental checking over LSP', () => {
  it('publishes, after every random edit, what a full check of the same texts finds', async () => {
    const rng = prng(20250630);
    const uris = [...texts.keys()];
    for (let round = 0; round < ROUNDS; round++) {
      // Mostly one edit; sometimes a burst of edits to one or two documents, sent without waiting.
      const burst = rng.next() < 0.2 ? 2 + rng.int(3) : 1;
      for (let k = 0; k < burst; k++) {
        const uri = rng.pick(uris);
        const text = mutate(texts.get(uri)!, originals.get(uri)!, rng);
        const version = versions.get(uri)! + 1;
        texts.set(uri, text);
        versions.set(uri, version);
        await client.change(uri, text, version);
      }
      await client.waitFor(() => uris.every((u) => client.diagnostics.get(u)?.version === versions.get(u)), 30_000);
      // A round trip after the diagnostics: every publication of that check has arrived before it.
      await client.conn.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: uris[0]! } });
      const expected = expectedDiagnostics();
      for (const uri of uris) expect(client.diagnostics.get(uri)!.diagnostics, `round ${round}: ${uri}`).toEqual(expected.get(uri));
    }
    // Both ways of answering an edit were taken (the test would prove nothing otherwise).
    const modes = new Set(timings.map((t) => t.mode));
    expect([...modes].sort()).toEqual(['full', 'layout']);
    expect(timings.filter((t) => t.mode === 'layout').length).toBeGreaterThan(ROUNDS / 6);
    // Warm-up rehearsals ran between the edits (warm-up.ts) and changed nothing of the above.
    expect(Math.max(...timings.map((t) => t.warmUpRounds ?? 0))).toBeGreaterThan(0);
  }, 180_000);

  it('checks in full when a document that is not open changes on disk, even by a comment', async () => {
    // A document no finding points into: nothing but a full check can notice it changed.
    const path = join(root, 'extra', 'vendors.doa');
    const uri = pathToFileURL(path).href;
    mkdirSync(join(root, 'extra'), { recursive: true });
    originals.set(uri, 'vendor northwind "Northwind Traders"\n');
    const roundTrip = () => client.conn.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } });
    // Closed, the document is read from disk again (and keeps no syntax tree in the server).
    writeFileSync(path, originals.get(uri)!);
    texts.set(uri, originals.get(uri)!);
    const beforeCreate = timings.length;
    await client.conn.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri, type: FileChangeType.Created }] });
    await client.waitFor(() => client.diagnostics.has(uri) && timings.length > beforeCreate);
    // An open document that is closed is read from disk again.
    const closed = [...texts.keys()].find((u) => u.includes('missing-reporting-duty'))!;
    writeFileSync(fileURLToPath(closed), texts.get(closed)!);
    const beforeClose = timings.length;
    await client.conn.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri: closed } });
    await client.waitFor(() => client.diagnostics.get(closed)?.version === 0 && timings.length > beforeClose);
    const edits = [
      (t: string) => `// reviewed\n${t}`,
      (t: string) => `${t}vendor northwind "Northwind Again"\n`,
      (t: string) => `${t}delegation DA-X "Stray" { to NOBODY; authority finance/approve; valid from 2024-01-01 to 2026-12-31 }\n`,
      (t: string) => `${t}\n// end\n`,
    ];
    for (const [n, edit] of edits.entries()) {
      const before = timings.length;
      const text = edit(texts.get(uri)!);
      texts.set(uri, text);
      writeFileSync(path, text);
      await client.conn.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri, type: FileChangeType.Changed }] });
      await client.waitFor(() => timings.length > before);
      await roundTrip();
      const expected = expectedDiagnostics();
      for (const u of texts.keys()) expect(client.diagnostics.get(u)!.diagnostics, `edit ${n}: ${u}`).toEqual(expected.get(u));
      expect(timings.at(-1)!.mode).toBe('full');
    }
  });
});
