// Keeps the heap of the thread that follows an audit's records near what it holds. That thread
// (audit-file.ts, with `--jobs`) first loads the policy, whose model and parse are garbage once the
// audit tables are built, then turns over a few MB of short-lived outcomes per chunk, some of it
// promoted before it dies. V8 lets the old generation grow to a multiple of what is live before it
// collects, and keeps the pages it grew into: measured on 1M records against 10k instruments, the
// main heap stood at 130–145 MB committed for ~45 MB live, most of the process's peak RSS over 300 MB.
//
// A full collection on demand needs `gc`, which V8 exposes only with --expose-gc: the flag is set
// here, in the process, and the function taken from a fresh context (it is not put on this
// context's global), so the CLI runs with plain `node`. Where that is refused, nothing is collected
// early and the audit runs as before. A collection costs tens of ms on this heap; one is made when
// the heap has grown by `slack` since the last one, a handful per million records.
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let collector: (() => void) | null | undefined = null;

/**
 * V8 12 and later (Node 22 and 24) keep the pages a collection frees in a pool of the process and
 * give them back only on a "last resort" collection (what a low-memory notification makes): after
 * the compacting collection of the policy's load, ~50 MB of the process's peak RSS on 1M records
 * (348 -> 299-306 MB with `--jobs 2` on Node 22). V8 11 (Node 20) frees them as it goes, and a
 * last-resort collection there left a larger heap (285-290 -> 305-314 MB), so it is asked for on
 * the later versions only.
 */
const POOLS_FREED_PAGES = Number.parseInt(process.versions.v8, 10) >= 12;

/**
 * A full garbage collection of this thread's heap, or undefined where it cannot be had. Only the
 * thread that starts the workers sets the flag (`mayExpose`), before it starts them: a worker finds
 * it set, and so no thread writes a flag of the process while another may be reading it.
 */
function fullCollection(mayExpose: boolean): (() => void) | undefined {
  if (collector === null) {
    try {
      collector = gcOfNewContext();
      if (!collector && mayExpose) {
        setFlagsFromString('--expose-gc');
        collector = gcOfNewContext();
      }
    } catch {
      collector = undefined;
    }
  }
  return collector;
}

function gcOfNewContext(): (() => void) | undefined {
  const gc: unknown = runInNewContext('typeof gc === "function" ? gc : undefined');
  return typeof gc === 'function' ? (gc as () => void) : undefined;
}

export class HeapTrim {
  private limit = Infinity;

  /**
   * Collects whenever the heap in use exceeds what was live after the last collection by `slack`
   * bytes. The main thread (`main`: the one that starts the workers, before it starts them, or
   * one with no worker running: the one-thread audit, the report after an audit) also collects at
   * once, compacting (what the policy's load left is spread over many pages: without compaction
   * they stay committed); it alone sets flags, which are the process's and are not to be written
   * while another thread may collect.
   */
  constructor(
    private readonly slack: number,
    private readonly main: boolean,
  ) {
    if (main) this.collect(true);
    else this.limit = getHeapStatistics().used_heap_size + slack;
  }

  /** Called between chunks: collects when the heap has grown by the slack. */
  check(): void {
    if (getHeapStatistics().used_heap_size > this.limit) this.collect(false);
  }

  private collect(compact: boolean): void {
    const gc = fullCollection(this.main);
    if (!gc) return;
    // Compaction moves the live objects off sparse pages so that those can be released; it is
    // asked for once, after the load, where it pays (during the audit it would copy for little).
    if (compact) setFlagsFromString('--compact-on-every-full-gc');
    try {
      if (compact && POOLS_FREED_PAGES) (gc as (options: object) => void)({ type: 'major', execution: 'sync', flavor: 'last-resort' });
      else gc();
    } finally {
      if (compact) setFlagsFromString('--no-compact-on-every-full-gc');
    }
    this.limit = getHeapStatistics().used_heap_size + this.slack;
  }
}

/**
 * A `HeapTrim` of this thread made only once its heap in use first exceeds `threshold`: a small run
 * (a sample file, a small policy) never pays for a collection (the one at the start of a trim cost
 * a small `doa audit` ~50 ms), a large one is trimmed from the first check past it.
 */
export class HeapTrimAbove {
  private trim: HeapTrim | undefined;

  constructor(
    private readonly slack: number,
    private readonly threshold: number,
  ) {}

  check(): void {
    if (this.trim) this.trim.check();
    else if (getHeapStatistics().used_heap_size > this.threshold) this.trim = new HeapTrim(this.slack, true);
  }
}
