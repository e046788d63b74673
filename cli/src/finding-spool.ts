// The findings of `doa audit`, kept on disk while the audit runs: a million records can give tens of
// thousands of findings, ~1.5 KB each on the heap, all of them held until the report was written.
// The first findings are kept in memory (`keptInMemory`, 10,000 unless told: ~15 MB); from the one
// after, each is written as it is made, one JSON line, to a file of its own temporary folder, and
// only their counts stay in memory (what the report and the exit code need before the findings).
// The report reads them back in order, a chunk of the file at a time, as often as its format needs.
// An audit with fewer findings (nearly all) makes no file: writing and reading back costs ~30 µs of
// CPU a finding.
//
// A finding is plain JSON data (the JSON report prints it with JSON.stringify), so a line read back
// prints, and formats, exactly as the finding did: members that were undefined were never printed.
//
// The findings on one delegation share their chain, related locations and basis (the audit makes
// them once per delegation), and those lists were most of each line: a list is written once, on a
// line of its own, the first time a finding refers to it, and a finding's line gives its number
// instead. Read back, the findings that shared a list share it again. On 1M records (45,764
// findings spooled) `doa audit -f json` took ~5 % less time (9.1-9.9 s against 9.4-10.5 s in
// alternating runs) for ~4 MB more peak RSS (the lists, while the report is read).
import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import type { Finding } from '../../language/src/index.ts';
import { FindingCounts, type Findings } from './formatters/findings.ts';
import { ReportWriteError } from './report-writer.ts';

/**
 * The spool could not be written or read (a full disk, a temporary folder that cannot be written):
 * like a report that cannot be written, one line and exit code 2, with the system's error as cause.
 */
export class FindingSpoolError extends ReportWriteError {}

/**
 * Lines are gathered into writes of this many bytes, and read back in chunks of this many bytes,
 * through one buffer each way. Kept well under V8's largest young object (128 KB; a string of
 * N bytes of UTF-8 may take 2N): a larger string or join would be made in the old generation, and
 * stay there, dead, until the next full collection: with 1 MB chunks the peak RSS of 1M records
 * was ~100 MB higher.
 */
const CHUNK = 1 << 15;

/**
 * Signals that end the process before the command can remove its spool (Ctrl-C, a CI job cancelled):
 * the spool is removed first, then the signal raised again, so the process ends as it would have.
 * A crash of the process itself (out of memory) leaves the folder to the system's cleaning.
 */
const ENDING_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** The first character of a line of the spool: a finding, or a list findings refer to by number. */
const FINDING = 'F';
const LIST = 'L';
const LIST_CODE = LIST.charCodeAt(0);
/** The members of a finding that are lists shared by many findings. */
const LIST_MEMBERS = ['chain', 'related', 'basis'] as const;
type ListMember = (typeof LIST_MEMBERS)[number];

/** How many findings are kept in memory before they go to a file (~1.5 KB each). */
export const KEPT_IN_MEMORY = 10_000;

export class FindingSpool implements Findings {
  readonly counts = new FindingCounts();
  /** The findings while they are few (all of them until the file is made; none after). */
  private kept: Finding[] | undefined = [];
  private dir: string | undefined;
  private file = '';
  private fd: number | undefined;
  private finished = false;
  /** The bytes not written yet: `buffer[0, used)`. */
  private readonly buffer = Buffer.allocUnsafe(CHUNK);
  private used = 0;
  private removed = false;
  /** The lists written so far (by identity), with their numbers: a list's number is its place among the list lines. */
  private readonly listNumbers = new WeakMap<readonly unknown[], number>();
  private lists = 0;
  private readonly onSignal = (signal: NodeJS.Signals) => {
    this.remove();
    process.kill(process.pid, signal);
  };

  /**
   * The folder and the file are made in `parent` (the system's temporary folder unless given) when
   * the finding after the first `keptInMemory` is added (at once when that is 0).
   */
  constructor(
    private readonly parent = tmpdir(),
    private readonly keptInMemory = KEPT_IN_MEMORY,
  ) {
    if (keptInMemory <= 0) this.open();
  }

  /** Whether the findings are in a file (else all of them are in memory). */
  get onDisk(): boolean {
    return this.dir !== undefined;
  }

  /** Counts the finding and keeps it: in memory while they are few, else in the file (written when a chunk is full, or at `finish`). */
  add(finding: Finding): void {
    if (this.removed || this.finished) throw new Error('the finding spool is added to after finish() or remove()');
    this.counts.add(finding);
    const kept = this.kept;
    if (kept) {
      if (kept.length < this.keptInMemory) {
        kept.push(finding);
        return;
      }
      this.open();
      for (const f of kept) this.append(f);
    }
    this.append(finding);
  }

  /** Makes the folder and the file; from then on, the findings are written to it. */
  private open(): void {
    const parent = this.parent;
    try {
      this.dir = mkdtempSync(join(parent, 'doa-audit-'));
    } catch (e) {
      throw spoolError(e, parent);
    }
    this.file = join(this.dir, 'findings.jsonl');
    this.kept = undefined;
    for (const signal of ENDING_SIGNALS) process.once(signal, this.onSignal);
    try {
      this.fd = openSync(this.file, 'w');
    } catch (e) {
      this.remove();
      throw spoolError(e, this.dir);
    }
  }

  private append(finding: Finding): void {
    const { chain, related, basis } = finding;
    // The members keep their places in the line (a spread keeps the order of the keys).
    this.appendLine(FINDING + JSON.stringify({ ...finding, chain: this.listRef(chain), related: this.listRef(related), basis: this.listRef(basis) }) + '\n');
  }

  /** A list as a finding's line gives it: empty or absent as it is, else its number, written first if new. */
  private listRef<T>(list: readonly T[] | undefined): readonly T[] | number | undefined {
    if (!list?.length) return list;
    let n = this.listNumbers.get(list);
    if (n === undefined) {
      this.listNumbers.set(list, (n = this.lists++));
      this.appendLine(LIST + JSON.stringify(list) + '\n');
    }
    return n;
  }

  private appendLine(line: string): void {
    const bytes = Buffer.byteLength(line);
    if (this.used + bytes > CHUNK) this.flush();
    if (bytes > CHUNK) this.write(Buffer.from(line), bytes);
    else this.used += this.buffer.write(line, this.used);
  }

  /** Writes what is left and closes the file: the findings can be read from then on. */
  finish(): void {
    this.finished = true;
    if (!this.onDisk) return;
    this.flush();
    const fd = this.fd;
    this.fd = undefined;
    if (fd !== undefined) this.attempt(() => closeSync(fd));
  }

  /** Removes the file and its folder; again does nothing. Never throws: it runs on the way out of errors too. */
  remove(): void {
    if (this.removed) return;
    this.removed = true;
    this.kept = undefined;
    if (this.dir === undefined) return;
    for (const signal of ENDING_SIGNALS) process.off(signal, this.onSignal);
    if (this.fd !== undefined) {
      try {
        closeSync(this.fd);
      } catch {
        // Closed or not, the folder goes next.
      }
      this.fd = undefined;
    }
    try {
      rmSync(this.dir, { recursive: true, force: true });
    } catch {
      // Nothing more can be done about a folder the system refuses to remove; the command's own
      // outcome (its report, or the error that ended it) is what the user needs to see.
    }
  }

  /** The findings in the order they were added, read from the file a chunk at a time. */
  *[Symbol.iterator](): Generator<Finding> {
    if (!this.finished || this.removed) throw new Error('the finding spool is read between finish() and remove()');
    if (this.kept) {
      yield* this.kept;
      return;
    }
    const fd = this.attempt(() => openSync(this.file, 'r'));
    try {
      const buffer = Buffer.allocUnsafe(CHUNK);
      // A chunk may end inside a character: the decoder keeps its first bytes for the next one.
      const decoder = new StringDecoder('utf8');
      let rest = '';
      const lists: unknown[][] = [];
      for (;;) {
        const read = this.attempt(() => readSync(fd, buffer, 0, CHUNK, null));
        if (read === 0) break;
        const text = rest + decoder.write(buffer.subarray(0, read));
        // JSON.stringify escapes every line end inside a string: each '\n' ends a line.
        let start = 0;
        for (let end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start)) {
          if (text.charCodeAt(start) === LIST_CODE) lists.push(JSON.parse(text.slice(start + 1, end)) as unknown[]);
          else {
            const f = JSON.parse(text.slice(start + 1, end)) as Record<ListMember, unknown>;
            for (const member of LIST_MEMBERS) if (typeof f[member] === 'number') f[member] = lists[f[member]];
            yield f as unknown as Finding;
          }
          start = end + 1;
        }
        rest = text.slice(start);
      }
      rest += decoder.end();
      if (rest) throw new Error('the finding spool ends inside a finding');
    } finally {
      closeSync(fd);
    }
  }

  private flush(): void {
    const used = this.used;
    this.used = 0;
    if (used) this.write(this.buffer, used);
  }

  private write(bytes: Buffer, length: number): void {
    const fd = this.fd;
    if (fd === undefined) throw new Error('the finding spool is written before finish()');
    // A write may take part of the bytes (a disk filling up): the rest is written, or the next write fails.
    this.attempt(() => {
      for (let at = 0; at < length; ) at += writeSync(fd, bytes, at, length - at);
    });
  }

  /** Runs a file operation on the spool; a system error becomes a FindingSpoolError naming the folder. */
  private attempt<T>(operation: () => T): T {
    try {
      return operation();
    } catch (e) {
      throw spoolError(e, this.dir ?? this.parent);
    }
  }
}

function spoolError(e: unknown, where: string): unknown {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (!(e instanceof Error) || typeof code !== 'string') return e;
  return new FindingSpoolError(`cannot keep the audit's findings in a temporary file in ${where}: ${e.message}`, { cause: e });
}
