// Writing a report as it is made: the pieces reach the destination in order and whole, no further
// ahead of it than a chunk or two (back-pressure), and a destination that fails gives a
// ReportWriteError naming it, never a crash; an error of the formatter itself is not disguised.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { ReportWriteError, writeReport } from '../../cli/src/report-writer.ts';

const dir = mkdtempSync(join(tmpdir(), 'doa-report-writer-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const PIECE = 'é'.repeat(999) + '\n';
const PIECES = 1000;

/** The pieces, counting the characters handed out so far. */
function counted(made: { chars: number }): Generator<string> {
  return (function* () {
    for (let i = 0; i < PIECES; i++) {
      made.chars += PIECE.length;
      yield PIECE;
    }
  })();
}

/** A slow destination: takes a chunk per turn of the event loop, and records how far the pieces ran ahead of it. */
function slowSink(made: { chars: number }) {
  const state = { text: '', ahead: 0 };
  const stream = new Writable({
    highWaterMark: 1024,
    decodeStrings: false,
    write(chunk: string, _encoding, done) {
      state.ahead = Math.max(state.ahead, made.chars - state.text.length);
      setImmediate(() => {
        state.text += chunk;
        done();
      });
    },
  });
  return { stream, state };
}

describe('writeReport', () => {
  it('writes every piece in order to a stream, waiting for it instead of running ahead', async () => {
    const made = { chars: 0 };
    const { stream, state } = slowSink(made);
    await writeReport(counted(made), { stream, stdout: () => expect.unreachable() });
    expect(state.text).toBe(PIECE.repeat(PIECES));
    // A chunk is 64K characters: the pieces never ran more than about two chunks ahead of the destination.
    expect(state.ahead).toBeLessThan(3 * 65536);
    expect(state.ahead).toBeGreaterThan(0);
  });

  it('writes a file in UTF-8, the same text', async () => {
    const path = join(dir, 'report.txt');
    await writeReport(counted({ chars: 0 }), { file: path, shown: 'report.txt' });
    expect(readFileSync(path, 'utf8')).toBe(PIECE.repeat(PIECES));
  });

  it('gives a ReportWriteError naming the destination when the system refuses it', async () => {
    const failed = writeReport(['x'], { file: dir, shown: 'the-folder' });
    await expect(failed).rejects.toBeInstanceOf(ReportWriteError);
    await expect(failed).rejects.toThrow(/^cannot write the report to the-folder: EISDIR/);
  });

  it('says that the reader closed standard output (EPIPE), and stops writing', async () => {
    let writes = 0;
    const stream = new Writable({
      write(_chunk, _encoding, done) {
        writes++;
        done(Object.assign(new Error('write EPIPE'), { code: 'EPIPE', syscall: 'write' }));
      },
    });
    await expect(writeReport(counted({ chars: 0 }), { stream, stdout: () => {} })).rejects.toThrow('cannot write the report to standard output: the reader closed it');
    expect(writes).toBe(1);
  });

  it('lets an error of the formatter through as it is', async () => {
    const bug = new TypeError('a bug in a formatter');
    function* broken(): Generator<string> {
      yield 'a';
      throw bug;
    }
    await expect(writeReport(broken(), { file: join(dir, 'broken.txt'), shown: 'broken.txt' })).rejects.toBe(bug);
  });
});
