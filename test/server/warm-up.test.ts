// The warm-up rehearses an edit's work while the server is idle after a check: one step per two
// quiet event-loop turns, stopped by any message, never when the server's own check was slow.
import { describe, expect, it } from 'vitest';
import { WarmUp, type WarmUpLimits } from '../../server/src/warm-up.ts';
import type { Timers } from '../../server/src/schedule.ts';

class TurnTimers implements Timers {
  private turns: Array<() => void> = [];
  now = () => 0;
  nextTurn(fn: () => void): void {
    this.turns.push(fn);
  }
  after(): { cancel(): void } {
    throw new Error('the warm-up uses no timers');
  }
  /** Runs the callbacks queued for the next turn (not those they queue). */
  turn(times = 1): void {
    for (let i = 0; i < times; i++) for (const fn of this.turns.splice(0)) fn();
  }
}

function setup(
  limits: WarmUpLimits = { rounds: 2, budgetMs: 1000, maxCheckMs: 100 },
  cpu = () => 0,
  rehearsal?: (log: string[]) => Array<() => void>,
) {
  const timers = new TurnTimers();
  const log: string[] = [];
  let rehearsals = 0;
  let idle = true;
  const errors: unknown[] = [];
  const warmUp = new WarmUp(
    () => {
      if (rehearsal) return rehearsal(log);
      const n = ++rehearsals;
      return ['parse', 'link', 'check'].map((step) => () => void log.push(`${n}:${step}`));
    },
    () => idle,
    limits,
    (e) => errors.push(e),
    timers,
    cpu,
  );
  return { timers, log, warmUp, errors, setIdle: (v: boolean) => (idle = v) };
}

describe('warm-up', () => {
  it('waits for the first check, then runs one step per two quiet turns until every round is done', () => {
    const { timers, log, warmUp } = setup();
    warmUp.resume();
    timers.turn(10);
    expect(log).toEqual([]);
    warmUp.resume(20);
    timers.turn(1);
    expect(log).toEqual([]);
    timers.turn(1);
    expect(log).toEqual(['1:parse']);
    timers.turn(2);
    expect(log).toEqual(['1:parse', '1:link']);
    timers.turn(20);
    expect(log).toEqual(['1:parse', '1:link', '1:check', '2:parse', '2:link', '2:check']);
    expect(warmUp.rounds).toBe(2);
    expect(warmUp.done).toBe(true);
    warmUp.resume(20);
    timers.turn(10);
    expect(log).toHaveLength(6);
  });

  it('stops at a message and starts the round afresh when resumed', () => {
    const { timers, log, warmUp } = setup();
    warmUp.resume(20);
    timers.turn(4);
    expect(log).toEqual(['1:parse', '1:link']);
    warmUp.interrupt();
    timers.turn(10);
    expect(log).toEqual(['1:parse', '1:link']);
    warmUp.resume();
    timers.turn(2);
    expect(log).toEqual(['1:parse', '1:link', '2:parse']);
    expect(warmUp.rounds).toBe(0);
  });

  it('does nothing while a check waits, and goes on when resumed after it', () => {
    const { timers, log, warmUp, setIdle } = setup();
    setIdle(false);
    warmUp.resume(20);
    timers.turn(10);
    expect(log).toEqual([]);
    setIdle(true);
    warmUp.resume(20);
    timers.turn(2);
    expect(log).toEqual(['1:parse']);
  });

  it('never rehearses after a check slower than the limit', () => {
    const { timers, log, warmUp } = setup();
    warmUp.resume(150);
    warmUp.resume(20);
    timers.turn(20);
    expect(log).toEqual([]);
    expect(warmUp.done).toBe(true);
  });

  it('finishes the round in which it spends its CPU budget, and stops there', () => {
    let clock = 0;
    // Every reading of the CPU clock advances it by 2.5 ms: each step costs 2.5 ms.
    const { timers, log, warmUp } = setup({ rounds: 10, budgetMs: 6, maxCheckMs: 100 }, () => (clock += 2.5));
    warmUp.resume(20);
    timers.turn(40);
    expect(log).toEqual(['1:parse', '1:link', '1:check']);
    expect(warmUp.done).toBe(true);
  });

  const fiveRounds: WarmUpLimits = { rounds: 5, budgetMs: 1000, maxCheckMs: 100 };

  it('ends, reporting the error, when a step throws', () => {
    const broken = () => {
      throw new Error('broken');
    };
    const { timers, log, warmUp, errors } = setup(fiveRounds, undefined, (log) => [() => void log.push('step'), broken]);
    warmUp.resume(1);
    timers.turn(20);
    expect(log).toEqual(['step']);
    expect(errors).toHaveLength(1);
    expect(warmUp.done).toBe(true);
  });

  it('ends, reporting the error, when a rehearsal cannot even be prepared', () => {
    const { timers, warmUp, errors } = setup(fiveRounds, undefined, () => {
      throw new Error('no model');
    });
    warmUp.resume(1);
    timers.turn(20);
    expect(errors).toHaveLength(1);
    expect(warmUp.done).toBe(true);
  });
});
