// Garbage is collected once the server has been idle for a while after a check: never while
// messages keep coming, a full collection only on a small heap, nothing without Node's `gc`.
import { describe, expect, it } from 'vitest';
import { IdleGc, type Collect } from '../../server/src/idle-gc.ts';
import type { Timers } from '../../server/src/schedule.ts';

class ClockTimers implements Timers {
  time = 0;
  private timers: Array<{ at: number; fn: () => void; live: boolean }> = [];
  now = () => this.time;
  nextTurn(): void {
    throw new Error('idle collection uses no turns');
  }
  after(ms: number, fn: () => void) {
    const t = { at: this.time + ms, fn, live: true };
    this.timers.push(t);
    return { cancel: () => void (t.live = false) };
  }
  advance(ms: number): void {
    this.time += ms;
    for (const t of this.timers) if (t.live && t.at <= this.time) (t.live = false), t.fn();
  }
}

function setup(heapMiB = 40, withGc = true) {
  const timers = new ClockTimers();
  const collections: Array<{ type: string; at: number }> = [];
  const collect: Collect = ({ type }) => void collections.push({ type, at: timers.time });
  const idle = new IdleGc(withGc ? collect : undefined, { delayMs: 100, majorBelowMiB: 64 }, () => heapMiB, timers);
  return { timers, collections, idle };
}

describe('idle garbage collection', () => {
  it('collects in full once the server has been idle for the delay after a check', () => {
    const { timers, collections, idle } = setup();
    idle.afterCheck();
    timers.advance(99);
    expect(collections).toEqual([]);
    timers.advance(1);
    expect(collections).toEqual([{ type: 'major', at: 100 }]);
    timers.advance(1000);
    expect(idle.runs).toEqual({ major: 1, minor: 0 });
  });

  it('waits for the pause after the last check, and a message cancels it', () => {
    const { timers, collections, idle } = setup();
    idle.afterCheck();
    timers.advance(60);
    idle.afterCheck();
    timers.advance(60);
    expect(collections).toEqual([]);
    idle.cancel();
    timers.advance(1000);
    expect(collections).toEqual([]);
    idle.afterCheck();
    timers.advance(100);
    expect(collections).toEqual([{ type: 'major', at: 1220 }]);
  });

  it('collects only the young generation on a large heap', () => {
    const { timers, collections, idle } = setup(200);
    idle.afterCheck();
    timers.advance(100);
    expect(collections.map((c) => c.type)).toEqual(['minor']);
  });

  it('does nothing when Node does not expose gc', () => {
    const { timers, collections, idle } = setup(40, false);
    idle.afterCheck();
    timers.advance(1000);
    expect(collections).toEqual([]);
    expect(idle.runs).toEqual({ major: 0, minor: 0 });
  });
});
