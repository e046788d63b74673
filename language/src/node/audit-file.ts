// Audits one transactions file against a loaded policy: what `doa audit` runs. The records are
// streamed, a chunk of the file at a time; every record is read, then checked by the Auditor (or
// rejected, with its reason), in file order.
//
// With `jobs` > 1 the reading and the per-step judgement of each record (`assess`: facts, the first
// per-step rule that fires) run on `jobs` - 1 worker threads and on this one. Each worker gets the
// audit tables once (a structured clone of plain data, never the policy: audit-index.ts) and the
// per-step conditions; this thread hands it raw byte chunks of the file (transferred, cut after a
// line end: a record is one physical line) and keeps what depends on the order of the records
// (`Auditor.follow`: the findings, the summary, incompatible steps of one transaction, awards to
// one vendor over a window), fed by a compact outcome per record and taking the chunks back in file
// order. While the next chunk in order is still at a worker, this thread judges a later chunk
// itself, into the same compact outcomes (`ChunkJudge`, what a worker runs): on two cores, this
// thread and one worker judge as fast as two workers did, with one heap, one copy of the tables and
// one cold compilation of the judge fewer (~10 % less CPU in all, ~30 MB less peak RSS on 1M
// records). The findings are the same, in the same order, as with one thread.
//
// A worker thread is a plain node:worker_threads Worker running a module that calls
// `runAuditWorker` (the CLI's is cli/src/audit-worker.ts, bundled next to it as
// dist/doa-audit-worker.mjs): a few long-lived workers fed through a bounded queue need no pool
// library, and nothing here has to find a pool's own worker file inside a bundle.
import { isAscii } from 'node:buffer';
import { availableParallelism } from 'node:os';
import { parentPort, Worker, workerData } from 'node:worker_threads';
import { AuditIndex } from '../audit/audit-index.ts';
import { assess, Auditor, StepFindings, type AuditHit, type AuditOptions, type AuditSummary, type JudgeSetup, type StepOutcome } from '../audit/auditor.ts';
import { isRejected, type RejectedRecord, type TransactionRecord } from '../audit/record.ts';
import { WireReader, WireWriter, type WireChunk } from '../audit/outcome-wire.ts';
import { auditPredicate, StepJudge } from '../audit/step-judge.ts';
import type { RuleModule } from '../check/rule-module.ts';
import type { Finding } from '../check/types.ts';
import type { Workspace } from '../workspace/workspace.ts';
import { auditPolicyOfWorkspace, type AuditPolicy } from './audit-policy.ts';
import { HeapTrim, HeapTrimAbove } from './heap-trim.ts';
import { isJsonLines, LineSplitter, readByteChunks, TransactionLines } from './read-transactions.ts';

export interface AuditFileOptions extends AuditOptions {
  /** Records dated after this day are rejected. */
  asOf?: string;
  /** Threads that read and judge the records: this one and `jobs` - 1 workers (default 1: everything on this thread). */
  jobs?: number;
  /** Keep the findings (default true); without, only the summary counts them. */
  keepFindings?: boolean;
  /** Given each finding (a rejected record's too) as it is made, in file order, instead of keeping it. */
  onFinding?: (finding: Finding) => void;
  /** Keep each finding's subject and rule, for explanations. */
  explain?: boolean;
  /** Called after each chunk of the file is followed, with the bytes of the file followed so far. */
  onProgress?: (summary: AuditSummary, findings: number, bytes: number) => void;
  /** The worker module, which calls `runAuditWorker` (needed when jobs > 1). */
  workerUrl?: URL;
}

export interface AuditFileResult {
  findings: Finding[];
  /** With `explain`: the findings with their subjects and rules. */
  hits: AuditHit[];
  summary: AuditSummary;
}

export interface WorkerSetup {
  judge: JudgeSetup;
  format: 'csv' | 'jsonl';
  header: string[] | undefined;
  asOf: string | undefined;
}

/** The rejection of a record dated after the as-of date. */
export function afterAsOf(line: number, date: string, asOf: string): RejectedRecord {
  return { line, reason: `dated ${date}, after the as-of date ${asOf}` };
}

/** The number of threads `--jobs` means (this one and workers): a number, or 0/"auto" for one per core (at most 4). */
export function jobsFor(requested: number | undefined): number {
  if (requested === undefined) return 1;
  if (requested <= 0) return Math.min(4, availableParallelism());
  return requested;
}

/**
 * Audits a file against a policy. The auditor is built here, at once (its tables are all it keeps
 * of the policy), and this function is not itself suspended while the audit runs: nothing here
 * keeps the policy's model alive once the caller lets go of it.
 */
export function auditFile(policyOrWorkspace: AuditPolicy | Workspace, rules: readonly RuleModule[], path: string, options: AuditFileOptions): Promise<AuditFileResult> {
  const { uri, splitWindowDays, severities } = options;
  const auditOptions: AuditOptions = { uri, ...(splitWindowDays !== undefined ? { splitWindowDays } : {}), ...(severities ? { severities } : {}) };
  const auditor = new Auditor(('getModel' in policyOrWorkspace ? auditPolicyOfWorkspace(policyOrWorkspace) : policyOrWorkspace).model, rules, auditOptions);
  return auditWith(auditor, path, options);
}

/** Audits a file with an auditor made for it (`new Auditor(model, rules, options)`). */
export async function auditWith(auditor: Auditor, path: string, options: Omit<AuditFileOptions, keyof AuditOptions>): Promise<AuditFileResult> {
  const { asOf, jobs = 1, keepFindings = true, explain = false, onProgress, workerUrl, onFinding } = options;
  const findings: Finding[] = [];
  const hits: AuditHit[] = [];
  const found = onFinding ?? (keepFindings ? (f: Finding) => void findings.push(f) : () => {});
  const keep = (list: readonly AuditHit[]) => {
    for (const h of list) {
      found(h.finding);
      if (explain) hits.push(h);
    }
  };
  const reject = (r: RejectedRecord) => found(auditor.reject(r));
  const workers = jobs > 1 && workerUrl ? jobs - 1 : 0;

  // The header of a CSV file is read here (it decides how every later line reads, and a header
  // that is not a CSV row is the user's error, reported from here); the lines after it are judged
  // in chunks, here and on the workers.
  const format = isJsonLines(path) ? 'jsonl' : 'csv';
  const chunks = readByteChunks(path, CHUNK_BYTES)[Symbol.asyncIterator]();
  const pending: Array<{ bytes: Uint8Array; first: number }> = [];
  let header: string[] | undefined;
  if (format === 'csv') {
    const reader = new TransactionLines('csv');
    const decoder = new TextDecoder();
    for (let next = await chunks.next(); !next.done; next = await chunks.next()) {
      const { bytes, first } = next.value;
      const lines: string[] = [];
      const splitter = new LineSplitter();
      splitter.push(decoder.decode(bytes), lines);
      splitter.end(lines);
      let i = 0;
      while (i < lines.length && !reader.header) reader.read(lines[i]!, first + i++);
      if (reader.header) {
        // The rest of the chunk, one line each (the line ends are gone; their count is kept).
        if (i < lines.length) pending.push({ bytes: new TextEncoder().encode(lines.slice(i).join('\n') + '\n'), first: first + i });
        header = reader.header;
        break;
      }
    }
    if (!header) return { findings, hits, summary: auditor.summary };
  }

  // Where a chunk is judged, its per-step findings are built too (this thread sets the pace),
  // unless they are explained: an explanation needs the subject, which stays with the facts.
  const setup: WorkerSetup = { judge: auditor.judgeSetup(!explain), format, header, asOf };
  // What the records leave promoted is collected when it reaches the slack, not left to V8's
  // growing factor (the heap stood at ~200 MB for ~50 MB live on 1M records, a peak RSS of 330-370
  // MB). With workers, the policy's model is let go by now (the caller's frames are suspended or
  // done) and its garbage is collected at once, before the workers add their heaps; on one thread,
  // only once the heap is large, so that a small audit makes no collection.
  const heap = workers ? new HeapTrim(HEAP_SLACK_BYTES, true) : new HeapTrimAbove(HEAP_SLACK_BYTES, TRIM_ABOVE_BYTES);
  // This thread judges chunks too, on the auditor's own tables: all of them on one thread, else a
  // later chunk whenever the next one to follow is still at a worker. The chunks are read in place
  // (`TransactionLines.readChunk`), which made the one-thread audit ~30 % cheaper in CPU than
  // reading a record at a time.
  const here = new ChunkJudge(setup, auditor.index);
  // Bytes of the file followed (the header's line, read above, is not counted): for a progress bar.
  let followed = 0;
  if (!workers) {
    // On one thread each step is followed as soon as it is judged: no outcomes to keep.
    const step = (r: TransactionRecord, outcome: StepOutcome) => keep(auditor.follow(r, outcome));
    try {
      for (let c = pending.shift() ?? (await chunks.next()).value; c; c = pending.shift() ?? (await chunks.next()).value) {
        here.each(c.bytes, c.first, step, reject);
        heap.check();
        followed += c.bytes.length;
        onProgress?.(auditor.summary, findings.length, followed);
      }
    } finally {
      // Closes the file if the audit ended early (an error thrown by a caller's callback).
      await chunks.return(undefined);
    }
    return { findings, hits, summary: auditor.summary };
  }

  const done = new Map<number, WireChunk>();
  // The bytes of each chunk sent and not yet followed, by its number.
  const sizes = new Map<number, number>();
  const pool = new AuditWorkers(workerUrl!, workers, setup, done);
  const wire = new WireReader(auditor.index.tables);
  const follow = (chunk: WireChunk) => {
    wire.start(chunk);
    const { record, outcome } = wire;
    for (let next = wire.next(); next !== undefined; next = wire.next()) {
      if (next !== 'step') {
        reject(next);
        continue;
      }
      keep(auditor.follow(record, outcome));
    }
  };
  try {
    // Chunks are numbered in file order; results come back in any order and are followed strictly
    // in file order.
    let sent = 0;
    let next = 0;
    // Six chunks a worker (~4 ms of its work each): enough that it is not left idle while this
    // thread follows, judges a chunk of its own or collects its heap. With three, a worker waited
    // 0.7-1.0 s in all for chunks on 1M records and this thread judged ~150 chunks more itself;
    // with six it waited 0.3-0.4 s, for ~5 MB more peak RSS (the results queued here).
    const maxAtWorkers = workers * 6;
    // How far ahead of the chunk it follows this thread may judge.
    const maxAhead = maxAtWorkers + 2;
    let eof = false;
    const read = async (): Promise<{ bytes: Uint8Array; first: number } | undefined> => {
      if (pending.length) return pending.shift();
      const c = await chunks.next();
      if (c.done) eof = true;
      return c.done ? undefined : c.value;
    };
    for (;;) {
      while (!eof && pool.inFlight < maxAtWorkers) {
        const c = await read();
        if (c) {
          // Its size before it is posted: its buffer is transferred to the worker.
          sizes.set(sent, c.bytes.length);
          pool.post(sent++, c.bytes, c.first);
        }
      }
      const chunk = done.get(next);
      if (chunk) {
        // Out of the queue (and its size counted as followed) before it is followed.
        done.delete(next);
        followed += sizes.get(next) ?? 0;
        sizes.delete(next++);
        follow(chunk);
        heap.check();
        onProgress?.(auditor.summary, findings.length, followed);
        continue;
      }
      if (eof && next === sent) break;
      if (!eof && sent - next < maxAhead) {
        const c = await read();
        if (c) {
          sizes.set(sent, c.bytes.length);
          done.set(sent++, here.judge(c.bytes, c.first));
          // Lets the workers' results in (they arrive as events) before going on.
          await new Promise<void>((resolve) => setImmediate(resolve));
        }
        continue;
      }
      await pool.result();
    }
  } finally {
    await chunks.return(undefined);
    await pool.close();
  }
  return { findings, hits, summary: auditor.summary };
}

// A chunk's outcomes (`WireChunk`) are small: its numbers in one transferred typed array, so that
// what a chunk's results hold on this thread dies young, before it is promoted.
const CHUNK_BYTES = 64 << 10;
// A worker's young generation: what it holds young is one chunk's records and outcomes (a few MB);
// 8 MB took ~15 MB off the peak RSS of two workers against 16, for no CPU time measured.
const YOUNG_GENERATION_MB = 8;
// How much this thread's heap may grow past what was live before it is collected (heap-trim.ts):
// 32 MB meant 3–4 collections of ~60 ms per 1M records.
const HEAP_SLACK_BYTES = 32 << 20;
// The one-thread audit trims its heap from when it first holds this much (a policy of 10k
// instruments leaves ~100 MB after its load; the samples a few MB).
export const TRIM_ABOVE_BYTES = 64 << 20;
// A worker's heap: ~25 MB live (its copy of the tables), grown to ~70 MB of promoted chunk garbage
// in some runs before V8 collected it.
const WORKER_HEAP_SLACK_BYTES = 16 << 20;

/** A fixed set of worker threads, each judging whole chunks of the file. */
class AuditWorkers {
  private readonly workers: Worker[] = [];
  private readonly load: number[] = [];
  private waiting: { resolve: () => void; reject: (e: Error) => void } | undefined;
  private failure: Error | undefined;

  /** The results land in `done`, by chunk number, in whatever order the workers finish. */
  constructor(url: URL, count: number, setup: WorkerSetup, private readonly done: Map<number, WireChunk>) {
    for (let i = 0; i < count; i++) {
      // A worker's objects die young (a chunk's records and their outcomes): a smaller young
      // generation than V8's default for a large heap keeps the process's memory down.
      const w = new Worker(url, { workerData: setup, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
      const index = i;
      w.on('message', (m: { seq: number; chunk: WireChunk } | { error: string }) => {
        if ('error' in m) return this.fail(new Error(m.error));
        this.load[index]!--;
        this.done.set(m.seq, m.chunk);
        const waiting = this.waiting;
        this.waiting = undefined;
        waiting?.resolve();
      });
      w.on('error', (e) => this.fail(e));
      w.on('exit', (code) => {
        if (code !== 0) this.fail(new Error(`an audit worker stopped (exit code ${code})`));
      });
      this.workers.push(w);
      this.load.push(0);
    }
  }

  private fail(e: Error): void {
    this.failure ??= e;
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting?.reject(e);
  }

  /** Sends a chunk to the least busy worker (its bytes are transferred, not copied). */
  post(seq: number, bytes: Uint8Array, first: number): void {
    let k = 0;
    for (let i = 1; i < this.workers.length; i++) if (this.load[i]! < this.load[k]!) k = i;
    this.load[k]!++;
    this.workers[k]!.postMessage({ seq, bytes, first }, [bytes.buffer as ArrayBuffer]);
  }

  /** Chunks posted and not back yet, at all the workers. */
  get inFlight(): number {
    let n = 0;
    for (let i = 0; i < this.load.length; i++) n += this.load[i]!;
    return n;
  }

  /** Resolves when the next result is in `done` (rejects if a worker failed). */
  result(): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => (this.waiting = { resolve, reject }));
  }

  async close(): Promise<void> {
    for (const w of this.workers) w.removeAllListeners('exit');
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

/** Judges whole chunks of the file into their outcomes (`WireChunk`): what a worker does, and this thread between the chunks it follows. */
class ChunkJudge {
  private readonly stepJudge: StepJudge;
  private readonly findings: StepFindings | undefined;
  private readonly reader: TransactionLines;
  private readonly decoder = new TextDecoder();
  private readonly asOf: string | undefined;
  private readonly outcome: StepOutcome = { needsAuthority: false, reviewRequired: false, reviewedInTime: false, best: -1, closest: -1, person: -1, authority: -1, stepCode: -1, entityCode: -1, actorName: '', inLimitCurrency: null, amountUnits: 0, amountScale: -1, awardDay: 0, vendor: -1, idHash: 0, hit: undefined };
  /** How many records to make room for in a chunk's outcomes: the most a chunk has had. */
  private expected = 256;

  constructor(setup: WorkerSetup, index: AuditIndex) {
    const { conditions, textsFirst } = setup.judge;
    this.stepJudge = new StepJudge(index, conditions.map(auditPredicate), textsFirst);
    this.findings = setup.judge.findings ? new StepFindings(index, setup.judge.findings) : undefined;
    this.reader = new TransactionLines(setup.format, setup.header);
    this.asOf = setup.asOf;
  }

  /**
   * Reads and judges a chunk's records in order, handing each step with its outcome (one object,
   * filled in again for the next step) to `step`, and each rejected record to `rejected`.
   */
  each(bytes: Uint8Array, first: number, step: (r: TransactionRecord, outcome: StepOutcome) => void, rejected: (r: RejectedRecord) => void): void {
    const { stepJudge, findings, outcome, asOf } = this;
    // The chunk's records are read in place from its text (no string per line).
    this.reader.readChunk(
      this.decoder.decode(bytes),
      first,
      (r) => {
        if (isRejected(r)) rejected(r);
        else if (asOf && r.date > asOf) rejected(afterAsOf(r.line, r.date, asOf));
        else step(r, assess(stepJudge, r, outcome, findings));
      },
      isAscii(bytes),
    );
  }

  /** A chunk's outcomes, to be followed later or on another thread. */
  judge(bytes: Uint8Array, first: number): WireChunk {
    const wire = new WireWriter(this.expected);
    this.each(
      bytes,
      first,
      (r, o) => wire.step(r, o),
      (r) => wire.rejected(r),
    );
    const chunk = wire.finish();
    this.expected = Math.max(this.expected, chunk.count);
    return chunk;
  }
}

/** The body of an audit worker thread: judges the records of the chunks it is sent, on its copy of the tables. */
export function runAuditWorker(): void {
  const port = parentPort;
  if (!port) throw new Error('runAuditWorker runs in a worker thread');
  const setup = workerData as WorkerSetup;
  const judge = new ChunkJudge(setup, new AuditIndex(setup.judge.tables));
  // What a chunk leaves promoted dies there: collected when it reaches WORKER_HEAP_SLACK_BYTES.
  const heap = new HeapTrim(WORKER_HEAP_SLACK_BYTES, false);
  port.on('message', ({ seq, bytes, first }: { seq: number; bytes: Uint8Array; first: number }) => {
    try {
      const chunk = judge.judge(bytes, first);
      heap.check();
      port.postMessage({ seq, chunk }, [chunk.ints.buffer as ArrayBuffer]);
    } catch (e) {
      port.postMessage({ error: (e as Error).stack ?? String(e) });
    }
  });
}
