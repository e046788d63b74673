// When to check after an edit. A fixed debounce would add its whole delay to every edit, even a
// single one made while the server is idle; instead the server checks as soon as its input is quiet
// and debounces only while edits keep coming.
//
// - The first edit of a burst is checked as soon as the event loop has gone round twice without
//   another edit. vscode-jsonrpc hands over one queued message per turn (its own setImmediate), and
//   a callback queued in the same turn runs before it: waiting two turns lets a message already read
//   reach its handler first.
// - An edit that arrives while a check waits for quiet means edits are queued or coming fast (they
//   piled up while the server was busy, since a check is synchronous, or the editor sends a burst):
//   the check then waits until `debounceMs` have passed without an edit. One check covers them all,
//   so the server never falls behind an editor that types faster than it checks.

export interface Timers {
  now(): number;
  /** Runs a callback on a later turn of the event loop (after pending I/O and queued messages). */
  nextTurn(fn: () => void): void;
  after(ms: number, fn: () => void): { cancel(): void };
}

export const nodeTimers: Timers = {
  now: () => performance.now(),
  nextTurn: (fn) => void setImmediate(fn),
  after: (ms, fn) => {
    const t = setTimeout(fn, ms);
    return { cancel: () => clearTimeout(t) };
  },
};

export class CheckScheduler {
  private waiting: 'no' | 'quiet' | 'debounce' = 'no';
  private quietTurns = 0;
  private debounce: { cancel(): void } | undefined;
  /** When the first edit not yet checked arrived (for the timings of the wait). */
  firstEditAt: number | undefined;
  /** Whether the check now running waited for a burst of edits to end. */
  debounced = false;

  constructor(
    private readonly run: () => void,
    private debounceMs: number,
    private readonly timers: Timers = nodeTimers,
  ) {}

  /** Whether a check is waiting to run (for quiet turns or the end of a burst). */
  get pending(): boolean {
    return this.waiting !== 'no';
  }

  setDebounce(ms: number): void {
    this.debounceMs = ms;
  }

  /** An edit (or any change that needs a check) has arrived. */
  edit(): void {
    this.firstEditAt ??= this.timers.now();
    if (this.waiting === 'no') {
      this.waiting = 'quiet';
      this.quietTurns = 0;
      this.timers.nextTurn(() => this.turn());
    } else {
      this.startDebounce();
    }
  }

  private turn(): void {
    if (this.waiting !== 'quiet') return;
    if (++this.quietTurns < 2) return this.timers.nextTurn(() => this.turn());
    this.fire();
  }

  private startDebounce(): void {
    this.waiting = 'debounce';
    this.debounced = true;
    this.debounce?.cancel();
    this.debounce = this.timers.after(this.debounceMs, () => this.fire());
  }

  private fire(): void {
    this.debounce?.cancel();
    this.debounce = undefined;
    this.waiting = 'no';
    try {
      this.run();
    } finally {
      this.firstEditAt = undefined;
      this.debounced = false;
    }
  }
}
