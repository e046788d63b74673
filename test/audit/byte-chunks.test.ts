// `readByteChunks`: the raw chunks the parallel audit hands to its workers. Whatever the chunk size,
// they are the whole file in order, each cut after a line end (never inside a CRLF), numbered by
// their first line.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LineSplitter, readByteChunks } from '../../language/src/node/read-transactions.ts';

const dir = mkdtempSync(join(tmpdir(), 'doa-chunks-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function chunksOf(text: string, size: number) {
  const path = join(dir, `t${size}.csv`);
  writeFileSync(path, text);
  const out: Array<{ text: string; first: number; lines: number }> = [];
  for await (const c of readByteChunks(path, size)) out.push({ text: Buffer.from(c.bytes).toString('latin1'), first: c.first, lines: c.lines });
  return out;
}

const linesOf = (text: string) => {
  const out: string[] = [];
  const s = new LineSplitter();
  s.push(text, out);
  s.end(out);
  return out;
};

describe('readByteChunks', () => {
  const text = 'id,date\r\nT-1,2024-01-01\nT-2,a much longer line than any chunk here\r\rT-3\r\n\nT-4,last';
  for (const size of [1, 2, 3, 5, 7, 11, 64, 1 << 16]) {
    it(`cuts a file into whole lines with chunks of ${size} bytes`, async () => {
      const chunks = await chunksOf(text, size);
      expect(chunks.map((c) => c.text).join('')).toBe(text);
      let first = 1;
      for (const [i, c] of chunks.entries()) {
        if (i < chunks.length - 1) expect(c.text).toMatch(/(\n|\r)$/);
        // A chunk never starts with the LF of a CRLF cut in two.
        if (i > 0 && chunks[i - 1]!.text.endsWith('\r')) expect(c.text.startsWith('\n')).toBe(false);
        expect(c.first).toBe(first);
        first += c.lines;
      }
      expect(chunks.flatMap((c) => linesOf(c.text))).toEqual(linesOf(text));
    });
  }
});
