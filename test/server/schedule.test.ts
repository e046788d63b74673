// When the server checks after edits: at once (two quiet event-loop turns) when idle, after the
// debounce while edits keep coming. A fake clock makes the order of turns and timers explicit.
import { describe, expect, it } from 'vitest';
import { CheckScheduler, type Timers } from '../../server/src/schedule.ts';

class FakeTimers implements Timers {
  time = 0;
  private turns: Array<() => void> = [];
  private timers: Array<{ at: number; fn: () => void; live: boolean }> = [];
  now = () => this.time;
  nextTurn(fn: () => void): void {
    this.turns.push(fn);
  }
  after(ms: number, fn: () => void) {
    const t = { at: this.time + ms, fn, live: true };
    this.timers.push(t);
    return { cancel: () => void (t.live = false) };
  }
  /** Runs the callbacks queued for the next turn (not those they queue). */
  turn(): void {
    for (const fn of this.turns.splice(0)) fn();
  }
  advance(ms: number): void {
    this.time += ms;
    for (const t of this.timers) if (t.live && t.at <= this.time) (t.live = false), t.fn();
  }
}

function setup() {
  const timers = new FakeTimers();
  const runs: number[] = [];
  const scheduler = new CheckScheduler(() => runs.push(timers.time), 20, timers);
  return { timers, runs, scheduler };
}

describe('check scheduler', () => {
  it('checks a single edit after two quiet turns, with no debounce', () => {
    const { timers, runs, scheduler } = setup();
    scheduler.edit();
    timers.turn();
    expect(runs).toEqual([]);
    timers.turn();
    expect(runs).toEqual([0]);
    timers.advance(100);
    expect(runs).toEqual([0]);
  });

  it('takes in an edit queued behind the first before checking, then debounces the burst', () => {
    const { timers, runs, scheduler } = setup();
    scheduler.edit();
    timers.turn();
    // The message queue hands over the next edit in the same turn as the first wait.
    scheduler.edit();
    timers.turn();
    timers.turn();
    expect(runs).toEqual([]);
    timers.advance(10);
    scheduler.edit();
    timers.advance(19);
    expect(runs).toEqual([]);
    timers.advance(1);
    expect(runs).toEqual([30]);
  });

  it('is idle again after a check: the next edit is checked at once', () => {
    const { timers, runs, scheduler } = setup();
    scheduler.edit();
    scheduler.edit();
    timers.advance(20);
    expect(runs).toEqual([20]);
    scheduler.edit();
    timers.turn();
    timers.turn();
    expect(runs).toEqual([20, 20]);
  });

  it('remembers when the first edit of a batch arrived, until its check has run', () => {
    const { timers, scheduler } = setup();
    let seen: number | undefined;
    const s = new CheckScheduler(() => (seen = s.firstEditAt), 20, timers);
    timers.time = 5;
    s.edit();
    timers.time = 7;
    s.edit();
    timers.advance(20);
    expect(seen).toBe(5);
    expect(s.firstEditAt).toBeUndefined();
    expect(scheduler.firstEditAt).toBeUndefined();
  });

  it('survives a check that throws and checks the next edit', () => {
    const timers = new FakeTimers();
    let calls = 0;
    const s = new CheckScheduler(() => {
      calls++;
      if (calls === 1) throw new Error('boom');
    }, 20, timers);
    s.edit();
    timers.turn();
    expect(() => timers.turn()).toThrow('boom');
    s.edit();
    timers.turn();
    timers.turn();
    expect(calls).toBe(2);
  });
});
