// Garbage collection while the drafter pauses. A check allocates about 6 MB on the 5k-line benchmark
// workspace, nearly all of it dead once the diagnostics are out; V8 collects it when its nursery
// fills, which is usually in the middle of the next check, where the objects that check is building
// are alive: they are copied, often promoted, and the old generation then needs mark-compacts of
// 50–90 ms, inside some later check. Measured in process on that workspace (120 checks after 30 to
// warm up, two runs each): with a full collection between checks, a check took p50 16–19 ms CPU
// instead of 23–25 and p95 48–57 instead of 65–70; the collection itself cost about 9 ms, spent when
// the server would have been idle.
//
// So, once the server has been idle for `delayMs` after a check (a pause between words, not between
// keystrokes), it collects. Any message cancels a collection not yet started; one that has started
// cannot be cut short, so a large heap (a large workspace, where a full collection takes longer)
// gets only a minor collection, whose cost is that of the few objects still young and alive.
// Node exposes `gc` only to a process started with `--expose-gc` (the extension starts the server
// so); without it this does nothing.
import { nodeTimers, type Timers } from './schedule.ts';

export type Collect = (options: { type: 'major' | 'minor' }) => void;

export interface IdleGcOptions {
  delayMs: number;
  /** Heap in use (MiB) above which only a minor collection runs. */
  majorBelowMiB: number;
}

export const DEFAULT_IDLE_GC: IdleGcOptions = { delayMs: 150, majorBelowMiB: 96 };

/** Node's `gc` when the process was started with `--expose-gc`. */
export function exposedGc(): Collect | undefined {
  const gc = (globalThis as { gc?: unknown }).gc;
  return typeof gc === 'function' ? (gc as Collect) : undefined;
}

export class IdleGc {
  private pending: { cancel(): void } | undefined;
  /** Collections run so far, by type (for the benchmark's timings). */
  readonly runs = { major: 0, minor: 0 };

  constructor(
    private readonly collect: Collect | undefined,
    private readonly options: IdleGcOptions = DEFAULT_IDLE_GC,
    private readonly heapUsedMiB: () => number = () => process.memoryUsage().heapUsed / 2 ** 20,
    private readonly timers: Timers = nodeTimers,
  ) {}

  /** A check has been published: collect if nothing else happens for a while. */
  afterCheck(): void {
    const collect = this.collect;
    if (!collect) return;
    this.pending?.cancel();
    this.pending = this.timers.after(this.options.delayMs, () => {
      this.pending = undefined;
      const type = this.heapUsedMiB() < this.options.majorBelowMiB ? 'major' : 'minor';
      collect({ type });
      this.runs[type]++;
    });
  }

  /** A message has arrived: a collection not yet started waits for the next check. */
  cancel(): void {
    this.pending?.cancel();
    this.pending = undefined;
  }
}
