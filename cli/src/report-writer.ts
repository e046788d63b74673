// Writes a report as its formatter makes it, piece by piece: to a file (`--output`) or to standard
// output, waiting whenever the destination has not taken the last piece yet. The report of a large
// audit is hundreds of MB; made whole it was a string of twice its size in memory (JSON of findings
// is two-byte once a name is), and a buffer of its size on the way out.
import { open } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Io } from './outcome.ts';

/** A report that could not be written (a closed pipe, a full disk, a folder named as the file): exit code 2, one line. */
export class ReportWriteError extends Error {}

/** A file (its absolute path, and the name the user gave it), or standard output. */
export type ReportTarget = { file: string; shown: string } | { stream?: NodeJS.WritableStream; stdout: (text: string) => void };

/** Where the pieces go: `write` resolves when the destination can take the next one. */
interface Sink {
  write(text: string): Promise<void> | void;
  close(): Promise<void>;
}

/** Pieces are joined into chunks of about this many characters: one write each, not one per finding. */
const CHUNK = 1 << 16;

/**
 * Writes `pieces` to the file `path` (created or truncated), or to standard output: `stream` when the
 * process has one (back-pressure, errors), else `stdout` (a function that takes the text, in tests).
 * A failure is a ReportWriteError naming the destination as the user gave it, with the system's
 * error as its cause.
 */
export async function writeReport(pieces: Iterable<string>, to: ReportTarget): Promise<void> {
  const where = 'file' in to ? `the report to ${to.shown}` : 'the report to standard output';
  let sink: Sink | undefined;
  try {
    sink = 'file' in to ? await fileSink(to.file) : to.stream ? streamSink(to.stream) : { write: to.stdout, close: async () => {} };
    let chunk = '';
    for (const piece of pieces) {
      chunk += piece;
      if (chunk.length < CHUNK) continue;
      await sink.write(chunk);
      chunk = '';
    }
    if (chunk) await sink.write(chunk);
    await sink.close();
  } catch (e) {
    await sink?.close().catch(() => {});
    if (!isSystemError(e)) throw e;
    const reason = e.code === 'EPIPE' ? 'the reader closed it' : e.message;
    throw new ReportWriteError(`cannot write ${where}: ${reason}`, { cause: e });
  }
}

/** Where a report goes: the `--output` file (relative to the working directory), else standard output. */
export function reportTarget(output: string | undefined, io: Io): ReportTarget {
  return output ? { file: resolve(io.cwd, output), shown: output } : { stdout: io.stdout, ...(io.stdoutStream ? { stream: io.stdoutStream } : {}) };
}

/** An error of the system (a failed open or write) or of the stream it was written to; not a bug of ours. */
function isSystemError(e: unknown): e is NodeJS.ErrnoException {
  if (!(e instanceof Error)) return false;
  const { code, syscall } = e as NodeJS.ErrnoException;
  return typeof syscall === 'string' || (typeof code === 'string' && code.startsWith('ERR_STREAM_'));
}

/** A file written a chunk at a time: each write is awaited, so at most one chunk is on its way. */
async function fileSink(path: string): Promise<Sink> {
  const handle = await open(path, 'w');
  let closed = false;
  return {
    write: async (text) => {
      // A write may take part of the bytes (a disk filling up): the rest is written, or the next write fails.
      const bytes = Buffer.from(text, 'utf8');
      for (let at = 0; at < bytes.length; ) at += (await handle.write(bytes, at)).bytesWritten;
    },
    close: async () => {
      if (closed) return;
      closed = true;
      await handle.close();
    },
  };
}

/**
 * Standard output: a chunk is handed over at once, and the next waits for 'drain' when the stream
 * buffers more than its high-water mark. The last chunk's callback says that everything was taken.
 * An 'error' (EPIPE when the reader has gone) fails the write in progress or the next one.
 */
function streamSink(stream: NodeJS.WritableStream): Sink {
  let failure: Error | undefined;
  // Left in place after a failure: a destroyed stdout emits an 'error' for every later write, and an
  // 'error' without a listener would end the process with a stack trace instead of our message.
  const onError = (e: Error) => void (failure ??= e);
  stream.on('error', onError);
  const waitFor = (event: 'drain') =>
    new Promise<void>((resolve, reject) => {
      const done = () => (stream.off('error', fail), resolve());
      const fail = (e: Error) => (stream.off(event, done), reject(e));
      stream.once(event, done);
      stream.once('error', fail);
    });
  return {
    write: async (text) => {
      if (failure) throw failure;
      if (!stream.write(text)) await waitFor('drain');
    },
    close: async () => {
      if (failure) throw failure;
      // An empty write's callback runs once every chunk before it has been handed to the system.
      await new Promise<void>((resolve, reject) => stream.write('', (e) => (e ? reject(e) : resolve())));
      if (failure) throw failure;
      stream.off('error', onError);
    },
  };
}
