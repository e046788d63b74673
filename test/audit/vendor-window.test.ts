// The sliding window of split-purchase awards (language/src/audit/vendor-window.ts) against the
// plain definition: for each award, the awards added so far dated from its window's first day to its
// own date, added up exactly, where awards before the window of the latest award are forgotten.
// Records in date order, out of order, with equal dates, with decimals of any length, and enough of
// them that forgotten awards are dropped.
import { describe, expect, it } from 'vitest';
import { VendorAwards } from '../../language/src/audit/vendor-window.ts';
import { DecimalSum } from '../../language/src/audit/fast-decimal.ts';
import { addDecimal, compareDecimal } from '../../language/src/values/decimal.ts';
import { addDays } from '../../language/src/values/dates.ts';

/** A small seeded PRNG, so that a failure can be replayed. */
function prng(seed: number) {
  return () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

interface Award {
  date: string;
  amount: string;
  line: number;
}

/** The definition: the window of the award just added, among the awards added so far and not forgotten. */
function naive(all: Award[], date: string, from: string, latestFrom: string) {
  const kept = date < latestFrom ? [all[all.length - 1]!] : all.filter((a) => a.date >= latestFrom);
  const inWindow = kept.filter((a) => a.date >= from && a.date <= date);
  let total = '0';
  let largest = '0';
  for (const a of inWindow) {
    total = addDecimal(total, a.amount);
    if (compareDecimal(a.amount, largest) > 0) largest = a.amount;
  }
  return { count: inWindow.length, total, largest, lines: inWindow.map((a) => a.line).sort((a, b) => a - b) };
}

function run(awards: Award[], days: number) {
  const w = new VendorAwards();
  const all: Award[] = [];
  let latest = '';
  for (const a of awards) {
    const from = addDays(a.date, -days + 1);
    const got = w.add(a.date, a.amount, a.line, from);
    all.push(a);
    if (a.date > latest) latest = a.date;
    const want = naive(all, a.date, from, addDays(latest, -days + 1));
    const lines = got.alone ? [got.alone.line] : w.lines.slice(got.start, got.end).sort((x, y) => x - y);
    expect({ count: got.count, total: got.total, largest: got.largest, lines }, `line ${a.line}`).toEqual(want);
  }
}

const amounts = ['1', '0.5', '99999.99', '1234.5678', '0.000001', '70000', '250000.1', '3'];

describe('split-purchase window', () => {
  it('matches the definition on awards in date order, equal dates included', () => {
    const rnd = prng(7);
    let day = '2025-01-01';
    const awards: Award[] = [];
    for (let i = 0; i < 300; i++) {
      if (rnd() < 0.6) day = addDays(day, Math.floor(rnd() * 4));
      awards.push({ date: day, amount: amounts[Math.floor(rnd() * amounts.length)]!, line: i + 2 });
    }
    run(awards, 10);
  });

  it('matches the definition on awards out of date order, some before the latest window', () => {
    const rnd = prng(11);
    const awards: Award[] = [];
    for (let i = 0; i < 200; i++) awards.push({ date: addDays('2025-03-01', Math.floor(rnd() * 40)), amount: amounts[Math.floor(rnd() * amounts.length)]!, line: i + 2 });
    run(awards, 30);
  });

  it('forgets only awards no window of a later award in date order can reach', () => {
    // Hundreds of awards a day apart with a 5-day window: the old ones are dropped as the window moves.
    const awards: Award[] = [];
    for (let i = 0; i < 600; i++) awards.push({ date: addDays('2024-01-01', i), amount: amounts[i % amounts.length]!, line: i + 2 });
    run(awards, 5);
  });
});

describe('DecimalSum', () => {
  it('adds and takes away canonical decimals exactly', () => {
    const s = new DecimalSum();
    s.add('0.1');
    s.add('0.2');
    expect(s.toString()).toBe('0.3');
    s.add('123456789012345678901234567890.000000001');
    s.subtract('0.1');
    expect(s.toString()).toBe('123456789012345678901234567890.200000001');
    s.subtract('123456789012345678901234567890.200000001');
    expect(s.toString()).toBe('0');
  });

  it('stays exact when integers add up beyond what a plain number holds', () => {
    const s = new DecimalSum();
    for (let i = 0; i < 10; i++) s.add('999999999999999');
    expect(s.toString()).toBe('9999999999999990');
    s.add('1');
    s.subtract('999999999999999');
    expect(s.toString()).toBe('8999999999999992');
  });
});
