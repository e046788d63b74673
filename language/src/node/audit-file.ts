// Audits one transactions file against a loaded policy: what `doa audit` runs. The records are
// streamed, a chunk of the file at a time; every record is read, then checked by the Auditor (or
// rejected, with its reason), in file order.
//
// With `jobs` > 1 the reading and the per-step checks of each record (`Auditor.assess`: facts, the
// first per-step rule that fires, its finding and message) run on worker threads, each with its
// own copy of the policy, on batches of whole lines; this thread keeps what depends on the order of
// the records (`Auditor.follow`: the summary, incompatible steps of one transaction, awards to one
// vendor over a window) and takes the batches back in file order. The findings are the same, in
// the same order, as with one thread. A worker thread is a plain node:worker_threads Worker running a
// module that calls `runAuditWorker` (the CLI's is cli/src/audit-worker.ts, bundled next to it as
// dist/doa-audit-worker.mjs): a few long-lived workers fed through a bounded queue need no pool
// library, and nothing here has to find a pool's own worker file inside a bundle.
import { availableParallelism } from 'node:os';
import { parentPort, Worker, workerData } from 'node:worker_threads';
import { Auditor, type AssessedStep, type AuditHit, type AuditOptions, type AuditSummary } from '../audit/auditor.ts';
import { isRejected, type RejectedRecord } from '../audit/record.ts';
import type { RuleModule } from '../check/rule-module.ts';
import type { Finding } from '../check/types.ts';
import type { ModelExtras } from '../model/model.ts';
import type { Workspace } from '../workspace/workspace.ts';
import { auditPolicyOf, auditPolicyOfWorkspace, type AuditPolicy } from './audit-policy.ts';
import { isJsonLines, readLineBatches, readTransactionBatches, TransactionLines, type RecordOrRejection } from './read-transactions.ts';

export interface AuditFileOptions extends AuditOptions {
  /** Records dated after this day are rejected. */
  asOf?: string;
  /** Worker threads that read and assess the records (default 1: everything on this thread). */
  jobs?: number;
  /** Keep the findings (default true); without, only the summary counts them. */
  keepFindings?: boolean;
  /** Keep each finding's subject and rule, for explanations. */
  explain?: boolean;
  /** Called after each chunk of the file. */
  onProgress?: (summary: AuditSummary, findings: number) => void;
  /** The worker module, which calls `runAuditWorker` with the same rules (needed when jobs > 1). */
  workerUrl?: URL;
}

export interface AuditFileResult {
  findings: Finding[];
  /** With `explain`: the findings with their subjects and rules. */
  hits: AuditHit[];
  summary: AuditSummary;
}

/** What a worker sends back for one line that holds a record. */
export type WorkerItem = { rejected: RejectedRecord } | { step: AssessedStep };

export interface WorkerSetup {
  documents: Array<[uri: string, text: string]>;
  extras: ModelExtras;
  options: AuditOptions;
  format: 'csv' | 'jsonl';
  header: string[] | undefined;
  asOf: string | undefined;
  explain: boolean;
}

/** The rejection of a record dated after the as-of date. */
export function afterAsOf(line: number, date: string, asOf: string): RejectedRecord {
  return { line, reason: `dated ${date}, after the as-of date ${asOf}` };
}

/** The number of worker threads `--jobs` means: a number, or 0/"auto" for one per core (at most 4). */
export function jobsFor(requested: number | undefined): number {
  if (requested === undefined) return 1;
  if (requested <= 0) return Math.min(4, availableParallelism());
  return requested;
}

export async function auditFile(policyOrWorkspace: AuditPolicy | Workspace, rules: readonly RuleModule[], path: string, options: AuditFileOptions): Promise<AuditFileResult> {
  const { asOf, jobs = 1, keepFindings = true, explain = false, onProgress, workerUrl, ...auditOptions } = options;
  const policy = 'getModel' in policyOrWorkspace ? auditPolicyOfWorkspace(policyOrWorkspace) : policyOrWorkspace;
  const auditor = new Auditor(policy.model, rules, auditOptions);
  const findings: Finding[] = [];
  const hits: AuditHit[] = [];
  const keep = (list: AuditHit[]) => {
    for (const h of list) {
      if (keepFindings) findings.push(h.finding);
      if (explain) hits.push(h);
    }
  };
  const reject = (r: RejectedRecord) => {
    const f = auditor.reject(r);
    if (keepFindings) findings.push(f);
  };
  const take = (item: RecordOrRejection) => {
    if (isRejected(item)) reject(item);
    else if (asOf && item.date > asOf) reject(afterAsOf(item.line, item.date, asOf));
    else keep(auditor.check(item));
  };
  if (jobs <= 1 || !workerUrl) {
    for await (const batch of readTransactionBatches(path)) {
      for (const item of batch) take(item);
      onProgress?.(auditor.summary, findings.length);
    }
    return { findings, hits, summary: auditor.summary };
  }

  // The header of a CSV file is read here (it decides how every later line reads); the lines after
  // it go to the workers in batches.
  const format = isJsonLines(path) ? 'jsonl' : 'csv';
  const lines = readLineBatches(path)[Symbol.asyncIterator]();
  const pending: Array<{ lines: string[]; first: number }> = [];
  let header: string[] | undefined;
  if (format === 'csv') {
    const reader = new TransactionLines('csv');
    for (let next = await lines.next(); !next.done; next = await lines.next()) {
      const batch = next.value;
      let i = 0;
      while (i < batch.lines.length && !reader.header) reader.read(batch.lines[i]!, batch.first + i++);
      if (reader.header) {
        if (i < batch.lines.length) pending.push({ lines: batch.lines.slice(i), first: batch.first + i });
        header = reader.header;
        break;
      }
    }
    if (!header) return { findings, hits, summary: auditor.summary };
  }

  const setup: WorkerSetup = {
    documents: policy.sources,
    extras: policy.model.extras,
    options: auditOptions,
    format,
    header,
    asOf,
    explain,
  };
  const pool = new AuditWorkers(workerUrl, jobs, setup);
  try {
    // Batches go out numbered, at most a few per worker at a time; results come back in any order
    // and are followed strictly in file order.
    const done = new Map<number, WorkerItem[]>();
    let sent = 0;
    let next = 0;
    const maxInFlight = jobs * 3;
    const drain = () => {
      for (let items = done.get(next); items; items = done.get(next)) {
        done.delete(next++);
        for (const item of items) {
          if ('rejected' in item) reject(item.rejected);
          else keep(auditor.follow(item.step));
        }
        onProgress?.(auditor.summary, findings.length);
      }
    };
    const send = async (batch: { lines: string[]; first: number }) => {
      while (sent - next >= maxInFlight) {
        const [seq, items] = await pool.result();
        done.set(seq, items);
        drain();
      }
      pool.post(sent++, batch.lines, batch.first);
    };
    for (const batch of pending) await send(batch);
    for (let next = await lines.next(); !next.done; next = await lines.next()) await send(next.value);
    while (next < sent) {
      const [seq, items] = await pool.result();
      done.set(seq, items);
      drain();
    }
  } finally {
    await pool.close();
  }
  return { findings, hits, summary: auditor.summary };
}

/** A fixed set of worker threads, each assessing whole batches of lines; results as they come. */
class AuditWorkers {
  private readonly workers: Worker[] = [];
  private readonly load: number[] = [];
  private readonly results: Array<[number, WorkerItem[]]> = [];
  private waiting: { resolve: (r: [number, WorkerItem[]]) => void; reject: (e: Error) => void } | undefined;
  private failure: Error | undefined;

  constructor(url: URL, jobs: number, setup: WorkerSetup) {
    for (let i = 0; i < jobs; i++) {
      const w = new Worker(url, { workerData: setup });
      const index = i;
      w.on('message', (m: { seq: number; json: string } | { error: string }) => {
        if ('error' in m) return this.fail(new Error(m.error));
        this.load[index]!--;
        // Results come as JSON text: for many small plain objects, JSON.parse is faster than the
        // structured clone of the same objects, and the findings are plain JSON already.
        const r: [number, WorkerItem[]] = [m.seq, JSON.parse(m.json) as WorkerItem[]];
        if (this.waiting) {
          const { resolve } = this.waiting;
          this.waiting = undefined;
          resolve(r);
        } else this.results.push(r);
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
    if (this.waiting) {
      const { reject } = this.waiting;
      this.waiting = undefined;
      reject(e);
    }
  }

  /** Sends a batch to the least busy worker. */
  post(seq: number, lines: string[], first: number): void {
    let k = 0;
    for (let i = 1; i < this.workers.length; i++) if (this.load[i]! < this.load[k]!) k = i;
    this.load[k]!++;
    this.workers[k]!.postMessage({ seq, lines, first });
  }

  /** The next batch done, whichever it is. */
  result(): Promise<[number, WorkerItem[]]> {
    if (this.failure) return Promise.reject(this.failure);
    const r = this.results.shift();
    if (r) return Promise.resolve(r);
    return new Promise((resolve, reject) => (this.waiting = { resolve, reject }));
  }

  async close(): Promise<void> {
    for (const w of this.workers) w.removeAllListeners('exit');
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

/** The body of an audit worker thread: builds its own copy of the policy, then assesses batches of lines. */
export function runAuditWorker(rules: readonly RuleModule[]): void {
  const port = parentPort;
  if (!port) throw new Error('runAuditWorker runs in a worker thread');
  const setup = workerData as WorkerSetup;
  // The model keeps the ASTs it needs; no syntax tree is kept.
  const auditor = new Auditor(auditPolicyOf(setup.documents, setup.extras).model, rules, setup.options);
  const reader = new TransactionLines(setup.format, setup.header);
  const { asOf, explain } = setup;
  port.on('message', ({ seq, lines, first }: { seq: number; lines: string[]; first: number }) => {
    try {
      const items: WorkerItem[] = [];
      for (let i = 0; i < lines.length; i++) {
        const r = reader.read(lines[i]!, first + i);
        if (!r) continue;
        if (isRejected(r)) items.push({ rejected: r });
        else if (asOf && r.date > asOf) items.push({ rejected: afterAsOf(r.line, r.date, asOf) });
        else items.push({ step: auditor.assess(r, { subject: explain }) });
      }
      port.postMessage({ seq, json: JSON.stringify(items) });
    } catch (e) {
      port.postMessage({ error: (e as Error).stack ?? String(e) });
    }
  });
}
