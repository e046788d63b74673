// Warm-up after start-up. V8 runs a function interpreted until it has seen it called often enough,
// then compiles it (and again, optimised, later): the first edits after a workspace is opened run
// the checker cold and took two to four times as long as later ones (62–102 ms on the 5k-line
// benchmark workspace against 20 ms). So, while the server is idle after a check, it rehearses the
// work of an edit — parse the open documents, compare their layout, link, check, convert — and
// throws the results away, until the code is hot.
//
// A rehearsal never delays real work for more than one step: it runs one step per event-loop turn,
// and only after two quiet turns (as the check scheduler does, so that a message already read
// reaches its handler first); any message stops it at the next step boundary, and the round starts
// afresh from the new state once the server is idle again. A step is one phase of one check and
// cannot be cut short, so a workspace whose real check is slow (`maxCheckMs`) is not rehearsed: an
// edit arriving mid-step would wait longer than warming gains. A larger workspace warms the code in
// fewer rounds (its loops run longer), so the rehearsals also stop at a CPU budget.
import { nodeTimers, type Timers } from './schedule.ts';
import { cpuMs } from './timings.ts';

export interface WarmUpLimits {
  /** Rehearsals to run at most. */
  rounds: number;
  /** CPU ms the rehearsals may use in all (a round started is finished). */
  budgetMs: number;
  /**
   * CPU ms of a real check above which the server does not rehearse. The first check after start-up
   * is itself cold (about twice a warm one): 250 ms on 5k lines, 500 ms on 20k, 1.4 s on 100k.
   */
  maxCheckMs: number;
}

export const DEFAULT_WARM_UP: WarmUpLimits = { rounds: 30, budgetMs: 1500, maxCheckMs: 400 };

export class WarmUp {
  private roundsDone = 0;
  private armed = false;
  private steps: Array<() => void> = [];
  /** Bumped by every interruption: a turn scheduled before it then does nothing. */
  private generation = 0;
  private scheduled = false;
  private spentMs = 0;

  constructor(
    /** The steps of one rehearsal, made from the server's state when the round starts. */
    private readonly rehearsal: () => Array<() => void>,
    /** Whether the server has nothing to do (no check waiting). */
    private readonly isIdle: () => boolean,
    private readonly limits: WarmUpLimits = DEFAULT_WARM_UP,
    private readonly onError: (e: unknown) => void = () => {},
    private readonly timers: Timers = nodeTimers,
    private readonly cpu: () => number = cpuMs,
  ) {}

  get done(): boolean {
    return this.roundsDone >= this.limits.rounds || (this.spentMs >= this.limits.budgetMs && !this.steps.length);
  }

  /** Rehearsals finished so far. */
  get rounds(): number {
    return this.roundsDone;
  }

  /**
   * The server has finished some work. After a full check (`checkMs`: its CPU time) the warm-up is
   * armed, or given up for good if that check was too slow; it then goes on whenever the server is
   * idle, until every round is done.
   */
  resume(checkMs?: number): void {
    if (checkMs !== undefined) {
      if (checkMs > this.limits.maxCheckMs) this.roundsDone = this.limits.rounds;
      this.armed = true;
    }
    if (!this.armed || this.done || this.scheduled) return;
    this.scheduled = true;
    const generation = this.generation;
    this.timers.nextTurn(() =>
      this.timers.nextTurn(() => {
        if (generation !== this.generation) return;
        this.scheduled = false;
        this.step();
      }),
    );
  }

  /** A message has arrived: stop now; the round in progress is dropped (the state it read may change). */
  interrupt(): void {
    this.generation++;
    this.scheduled = false;
    this.steps = [];
  }

  private step(): void {
    if (this.done || !this.isIdle()) return;
    const started = this.cpu();
    try {
      if (!this.steps.length) this.steps = this.rehearsal();
      this.steps.shift()?.();
      this.spentMs += this.cpu() - started;
    } catch (e) {
      // A rehearsal is only a rehearsal: its failure ends the warm-up, never the server.
      this.roundsDone = this.limits.rounds;
      this.steps = [];
      this.onError(e);
      return;
    }
    if (!this.steps.length) this.roundsDone++;
    this.resume();
  }
}
