// Lexing on a second thread while this one parses: `doa check` hands each file's text to a worker
// as soon as it is read, and the parse of file k takes the worker's tokens when they are there.
//
// Why only the lexer: its output is a few typed arrays, which cross threads for free (transferred,
// not copied), whereas a syntax tree or an AST is an object graph that would have to be cloned, at
// about the cost of building it. Lexing is about a fifth of parsing a file, and the worker, which
// only lexes, runs ahead of this thread after its first file or two.
//
// Nothing waits for the worker: the parse of a file whose tokens have not arrived lexes it here
// (`take` polls the port without yielding), so a busy or single-core machine, a worker slow to
// start or one that fails costs at most the texts posted to it, and the tokens are the same either
// way: the same `lex` runs on both threads. The worker skips texts this thread has already reached
// (a shared counter), so that both do not lex the same file.
import { MessageChannel, receiveMessageOnPort, Worker, workerData, type MessagePort } from 'node:worker_threads';
import { lex, type LexedComment, type LexError, type Tokens } from '../syntax/lexer.ts';
import { LineIndex } from '../syntax/source-range.ts';

/** What the worker sends back for one text: the tokens without the text (this thread has it). */
interface LexedMessage {
  index: number;
  count: number;
  kinds: Uint8Array;
  starts: Int32Array;
  ends: Int32Array;
  lines: Int32Array;
  lineStarts: Int32Array;
  lineCount: number;
  /** The line starts the ranges keep (`LineIndex`), trimmed to `lineCount`. */
  lineIndexStarts: Int32Array;
  comments: LexedComment[];
  errors: LexError[];
}

interface LexWorkerData {
  port: MessagePort;
  /** `Int32Array` over a SharedArrayBuffer: [0] = one past the text the parsing thread has reached (the worker skips texts below). */
  reached: Int32Array;
}

/** A worker thread lexing texts posted in order; `take` collects its tokens. */
export class LexAhead {
  private readonly worker: Worker;
  private readonly port: MessagePort;
  private readonly reached = new Int32Array(new SharedArrayBuffer(4));
  private readonly lexed = new Map<number, LexedMessage>();
  private failed = false;
  private closed = false;
  /** How many texts were taken with the worker's tokens (the others were lexed here). */
  takenFromWorker = 0;

  constructor(workerUrl: URL) {
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    const data: LexWorkerData = { port: port2, reached: this.reached };
    this.worker = new Worker(workerUrl, { workerData: data, transferList: [port2] });
    // It never keeps the process alive, and a failure only means lexing here.
    this.worker.unref();
    this.worker.on('error', () => {
      this.failed = true;
    });
  }

  /** Hands text `index` to the worker (texts are lexed in the order they are posted). */
  post(index: number, text: string): void {
    if (!this.failed) this.port.postMessage({ index, text });
  }

  /** Whether the worker's tokens of text `index` have arrived (without waiting for them). */
  has(index: number): boolean {
    this.receive();
    return this.lexed.has(index);
  }

  private receive(): void {
    const next = Atomics.load(this.reached, 0) - 1;
    for (let m = receiveMessageOnPort(this.port); m; m = receiveMessageOnPort(this.port)) {
      const message = m.message as LexedMessage;
      // Tokens of a text already parsed came too late: dropped.
      if (message.index >= next) this.lexed.set(message.index, message);
    }
  }

  /** The tokens of text `index`: the worker's if they have arrived, else lexed here. */
  take(index: number, text: string): Tokens {
    Atomics.store(this.reached, 0, index + 1);
    this.receive();
    const message = this.lexed.get(index);
    if (!message) return lex(text);
    this.lexed.delete(index);
    this.takenFromWorker++;
    const { count, kinds, starts, ends, lines, lineStarts, lineCount, lineIndexStarts, comments, errors } = message;
    return { text, count, kinds, starts, ends, lines, lineStarts, lineCount, lineIndex: new LineIndex(lineIndexStarts, text.length), comments, errors };
  }

  /** Stops the worker (once; later posts are dropped); call when every text has been taken. */
  close(): void {
    if (this.closed) return;
    this.closed = this.failed = true;
    this.lexed.clear();
    this.port.close();
    void this.worker.terminate();
  }
}

/** The body of the worker thread (the CLI's `lex-worker.ts`): lexes each text it is sent. */
export function runLexWorker(): void {
  const { port, reached } = workerData as LexWorkerData;
  port.on('message', ({ index, text }: { index: number; text: string }) => {
    // The parsing thread is past this text: it lexed it itself.
    if (index < Atomics.load(reached, 0)) return;
    const t = lex(text);
    const message: LexedMessage = {
      index,
      count: t.count,
      kinds: t.kinds,
      starts: t.starts,
      ends: t.ends,
      lines: t.lines,
      lineStarts: t.lineStarts,
      lineCount: t.lineCount,
      lineIndexStarts: t.lineIndex.lineStarts,
      comments: t.comments,
      errors: t.errors,
    };
    port.postMessage(message, [t.kinds.buffer, t.starts.buffer, t.ends.buffer, t.lines.buffer, t.lineStarts.buffer, t.lineIndex.lineStarts.buffer] as ArrayBuffer[]);
  });
}
