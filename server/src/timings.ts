// Where the time of one check goes, for the benchmark: the server sends `doa/checkTimings` after
// each check when the client asks for it (initialization option `reportTimings`). Phases are CPU
// time of this process (user + system), which a loaded machine does not inflate the way it does
// wall time; `waitMs` is wall time from the first edit of the batch to the start of the check.
export const TIMINGS_NOTIFICATION = 'doa/checkTimings';

export function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

export interface CheckTimings {
  /** `full`: the workspace was checked; `layout`: diagnostics were moved after a layout-only edit. */
  mode: 'full' | 'layout';
  edits: number;
  waitMs: number;
  /** The check waited for a burst of edits to end. */
  debounced: boolean;
  /** CPU ms per phase: parse (of the edited documents, on arrival), compare, link, check, convert, publish. */
  phases: Record<string, number>;
  published: number;
  /** Warm-up rehearsals run so far (warm-up.ts). */
  warmUpRounds?: number;
  /** Collections run while idle so far (idle-gc.ts). */
  idleGcRuns?: { major: number; minor: number };
}

export class Timings {
  private readonly phases: Record<string, number>;
  private last: number;

  /**
   * `clock` undefined: nothing is measured (the client did not ask for timings). Reading the CPU
   * clock is a system call that counts every thread of the process, not free in a check's path.
   */
  constructor(
    private readonly edits: number,
    private readonly waitMs: number,
    private readonly debounced: boolean,
    parseMs: number,
    private readonly clock: (() => number) | undefined = cpuMs,
  ) {
    this.phases = { parse: parseMs };
    this.last = clock?.() ?? 0;
  }

  /** Ends a phase: the CPU time since the previous mark is charged to it. */
  mark(phase: string): void {
    if (!this.clock) return;
    const now = this.clock();
    this.phases[phase] = (this.phases[phase] ?? 0) + now - this.last;
    this.last = now;
  }

  done(mode: CheckTimings['mode'], published: number): CheckTimings {
    return { mode, edits: this.edits, waitMs: this.waitMs, debounced: this.debounced, phases: this.phases, published };
  }
}
