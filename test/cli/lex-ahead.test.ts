// Lexing on the worker thread of `doa check` (`node/lex-ahead.ts`, bundled as dist/doa-lex-worker.mjs
// by the global set-up): the tokens that come back are the ones `lex` makes here, and a text whose
// tokens are not back yet is lexed here.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { glob } from 'tinyglobby';
import { lex, type Tokens } from '../../language/src/syntax/lexer.ts';
import { LexAhead } from '../../language/src/node/lex-ahead.ts';
import { LEX_AHEAD_MIN_CHARS, workspaceOf } from '../../language/src/node/load-workspace.ts';
import { generateWorkspace } from '../../bench/generate.ts';

const WORKER = new URL('../../dist/doa-lex-worker.mjs', import.meta.url);

/** Tokens as plain data: only the first `count` slots of the arrays are tokens. */
function plain(t: Tokens) {
  return {
    text: t.text,
    count: t.count,
    kinds: [...t.kinds.subarray(0, t.count)],
    starts: [...t.starts.subarray(0, t.count)],
    ends: [...t.ends.subarray(0, t.count)],
    lines: [...t.lines.subarray(0, t.count)],
    lineStarts: [...t.lineStarts.subarray(0, t.lineCount)],
    lineCount: t.lineCount,
    lineIndex: { lineStarts: [...t.lineIndex.lineStarts], textLength: t.lineIndex.textLength },
    comments: t.comments,
    errors: t.errors,
  };
}

describe('lexing ahead on a worker thread', () => {
  it('gives the tokens lex gives, for every sample and for odd texts', async () => {
    const files = await glob('samples/**/*.doa', { absolute: true });
    const texts = [
      ...files.sort().map((f) => readFileSync(f, 'utf8')),
      '',
      'entity X "t" {\r\n  parent Y /* a\nblock */ }\r\n',
      'person émile.zola "Émile" { holds P-1 from 2024-01-01 } // 評価\n§ stray ¤',
      'rule R { when a = "unclosed\n}',
    ];
    expect(texts.length).toBeGreaterThan(20);
    const ahead = new LexAhead(WORKER);
    try {
      texts.forEach((t, i) => ahead.post(i, t));
      // The tokens taken must be the worker's: wait for the last text's (they come in order).
      for (let k = 0; k < 1000 && !ahead.has(texts.length - 1); k++) await new Promise((r) => setTimeout(r, 10));
      for (let i = 0; i < texts.length; i++) expect(plain(ahead.take(i, texts[i]!)), `text ${i}`).toEqual(plain(lex(texts[i]!)));
      expect(ahead.takenFromWorker).toBe(texts.length);
    } finally {
      ahead.close();
    }
  });

  it('lexes here a text whose tokens have not come back', () => {
    const ahead = new LexAhead(WORKER);
    try {
      const text = 'entity X "t"\n';
      ahead.post(0, text);
      // Taken at once: the worker has not even started.
      expect(plain(ahead.take(0, text))).toEqual(plain(lex(text)));
      expect(ahead.takenFromWorker).toBe(0);
    } finally {
      ahead.close();
    }
  });

  it('lexes everything here when the worker cannot start', async () => {
    const ahead = new LexAhead(new URL('../../dist/no-such-worker.mjs', import.meta.url));
    try {
      ahead.post(0, 'entity X\n');
      await new Promise((r) => setTimeout(r, 200));
      expect(plain(ahead.take(0, 'entity X\n'))).toEqual(plain(lex('entity X\n')));
    } finally {
      ahead.close();
    }
  });

  it('reads a large workspace to the same documents with the lexing thread as without', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'doa-lex-ahead-'));
    try {
      const generated = generateWorkspace(30_000);
      const files = generated.files.map((f) => {
        const path = join(dir, f.path);
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, f.text);
        return path;
      });
      expect(generated.files.reduce((n, f) => n + f.text.length, 0)).toBeGreaterThan(LEX_AHEAD_MIN_CHARS);
      const alone = await workspaceOf(files, { keepSyntaxTrees: false });
      const ahead = await workspaceOf(files, { keepSyntaxTrees: false, lexWorker: WORKER });
      const plainDoc = (d: (typeof alone.documents)[number]) => JSON.stringify({ uri: d.uri, ast: d.ast, problems: d.problems, comments: d.syntax.comments });
      expect(ahead.documents.length).toBe(files.length);
      for (let i = 0; i < files.length; i++) expect(plainDoc(ahead.documents[i]!)).toBe(plainDoc(alone.documents[i]!));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
