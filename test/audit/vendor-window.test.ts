// The sliding window of split-purchase awards (language/src/audit/vendor-window.ts) against the
// plain definition: for each award, the awards added so far dated from its window's first day to its
// own date, added up exactly, where awards before the window of the latest award are forgotten.
// Records in date order, out of order, with equal dates, with decimals of any length, and enough of
// them that forgotten awards are dropped. Every series shares the store's typed arrays: the awards
// of several series are added interleaved, and series are closed and opened again as the audit's
// sweep does, so that blocks that grow, move and are used again by another series are checked too.
import { describe, expect, it } from 'vitest';
import { emptyWindowStats, VendorWindows } from '../../language/src/audit/vendor-window.ts';
import { dateOfDayNumber, dayNumberOf } from '../../language/src/audit/day-numbers.ts';
import { canonicalOfUnits, DecimalSum } from '../../language/src/audit/fast-decimal.ts';
import { addDecimal, compareDecimal } from '../../language/src/values/decimal.ts';
import { addDays } from '../../language/src/values/dates.ts';
import { unitsOfDecimal } from '../../language/src/audit/window-units.ts';

/** A small seeded PRNG, so that a failure can be replayed. */
function prng(seed: number) {
  return () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

interface Award {
  date: string;
  amount: string;
  line: number;
}

/**
 * The definition: the window of the award just added, among the awards added so far and not
 * forgotten. An award out of date order (before the latest award, within its window) falls in the
 * windows of later awards too, which were added up without it: its window is the one of those
 * holding it with the largest total, if larger than its own (the earliest of equal totals).
 */
function naive(all: Award[], date: string, from: string, latestFrom: string, outOfOrder: boolean, days: number) {
  const kept = date < latestFrom ? [all[all.length - 1]!] : all.filter((a) => a.date >= latestFrom);
  const windowTo = (start: string, end: string) => {
    const inWindow = kept.filter((a) => a.date >= start && a.date <= end);
    let total = '0';
    let largest = '0';
    for (const a of inWindow) {
      total = addDecimal(total, a.amount);
      if (compareDecimal(a.amount, largest) > 0) largest = a.amount;
    }
    return { count: inWindow.length, total, largest, lines: inWindow.map((a) => a.line).sort((a, b) => a - b) };
  };
  let best = windowTo(from, date);
  if (outOfOrder && date >= latestFrom) {
    const later = [...new Set(kept.filter((a) => a.date > date && a.date <= addDays(date, days - 1)).map((a) => a.date))].sort();
    for (const end of later) {
      const w = windowTo(addDays(end, -days + 1), end);
      if (compareDecimal(w.total, best.total) > 0) best = w;
    }
  }
  return best;
}

/** Windows whose total and largest were given as units too: some must be, or their check above could not fail. */
let unitsSeen = 0;

/** One series' awards checked against the definition as they are added (interleaved with other series). */
class Checked {
  private readonly all: Award[] = [];
  private latest = '';
  readonly series: number;

  constructor(
    private readonly store: VendorWindows,
    private readonly days: number,
  ) {
    this.series = store.open();
  }

  add(a: Award): void {
    const { store, series: s, days } = this;
    const from = addDays(a.date, -days + 1);
    // As the auditor gives it: in units when the amount fits them, else as its text.
    const units = unitsOfDecimal(a.amount);
    const stats = store.add(s, dayNumberOf(a.date), units?.units ?? 0, units?.scale ?? -1, units ? '' : a.amount, a.line, dayNumberOf(from), emptyWindowStats());
    // The units a rule may be answered on (window-units.ts) are the same numbers as the strings made after.
    const asUnits = stats.inUnits ? { total: canonicalOfUnits(stats.totalUnits, stats.scale), largest: canonicalOfUnits(stats.largestUnits, stats.scale) } : undefined;
    const got = store.amountsOf(s, stats);
    if (asUnits) expect(asUnits, `units of line ${a.line}`).toEqual({ total: got.total, largest: got.largest });
    if (asUnits) unitsSeen++;
    this.all.push(a);
    const outOfOrder = a.date < this.latest;
    if (a.date > this.latest) this.latest = a.date;
    const want = naive(this.all, a.date, from, addDays(this.latest, -days + 1), outOfOrder, days);
    const window: number[] = [];
    if (got.aloneLine >= 0) window.push(got.aloneLine);
    else for (let k = got.start; k < got.end; k++) window.push(store.lineAt(s, k));
    const lines = window.sort((x, y) => x - y);
    expect({ count: got.count, total: got.total, largest: got.largest, lines }, `line ${a.line}`).toEqual(want);
    if (got.aloneLine < 0) {
      // The days read back are those of the awards in the window, in date order, ending on the award's own.
      const dates = [];
      for (let k = got.start; k < got.end; k++) dates.push(dateOfDayNumber(store.dayAt(s, k)));
      expect(dates, `days of line ${a.line}`).toEqual([...dates].sort());
      // Out of date order, a later award's window may hold it: it then ends after the award's day.
      expect(dates[dates.length - 1]! >= a.date && dates[0]! >= from && dates[0]! <= a.date, `days of line ${a.line}`).toBe(true);
    }
  }
}

/**
 * Adds the awards of one series to a store with `others` more series interleaved (each its own
 * copy of the awards with other lines, in a random interleaving), closing and opening series again
 * every `reopenEvery` awards; each series against the definition.
 */
function run(awards: Award[], days: number, others = 2, reopenEvery = 0) {
  const store = new VendorWindows(2, 4);
  const rnd = prng(awards.length * 31 + others);
  const lists = [awards, ...Array.from({ length: others }, (_, o) => awards.map((a) => ({ ...a, line: a.line + 100_000 * (o + 1) })))];
  const next = lists.map(() => 0);
  let series = lists.map(() => new Checked(store, days));
  let added = 0;
  for (let left = lists.reduce((n, l) => n + l.length, 0); left > 0; left--) {
    let i = Math.floor(rnd() * lists.length);
    while (next[i]! >= lists[i]!.length) i = (i + 1) % lists.length;
    series[i]!.add(lists[i]![next[i]!++]!);
    if (reopenEvery && ++added % reopenEvery === 0) {
      // A series closed and a new one opened on its number: what follows must not see its awards.
      const j = Math.floor(rnd() * lists.length);
      store.close(series[j]!.series);
      series = series.map((c, k) => (k === j ? new Checked(store, days) : c));
      lists[j] = lists[j]!.slice(next[j]!);
      next[j] = 0;
    }
  }
  expect(store.openCount).toBe(lists.length);
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
    unitsSeen = 0;
    run(awards, 10);
    expect(unitsSeen).toBeGreaterThan(100);
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

  it('matches the definition while series are closed and their numbers and blocks used again', () => {
    const rnd = prng(17);
    const awards: Award[] = [];
    for (let i = 0; i < 300; i++) awards.push({ date: addDays('2025-03-01', Math.floor(i / 3) + Math.floor(rnd() * 6)), amount: amounts[Math.floor(rnd() * amounts.length)]!, line: i + 2 });
    unitsSeen = 0;
    run(awards, 7, 3, 37);
    expect(unitsSeen).toBeGreaterThan(100);
  });
});

describe('split-purchase window beyond integer units', () => {
  // Amounts that fit units at first, then one with more places than a safe integer holds, or a
  // total beyond 2^53: the series turns to exact decimals and must go on giving the same answers.
  const wide = ['1', '0.5', '4503599627370496', '1234.5678', '0.12345678901234567', '99999.99', '123456789012345678901234567890.5', '3'];

  it('matches the definition in date order when amounts or totals stop fitting', () => {
    for (const seed of [3, 5, 8]) {
      const rnd = prng(seed);
      let day = '2025-01-01';
      const awards: Award[] = [];
      // The first awards fit units; the wide amounts come later, so that the switch happens mid-series.
      for (let i = 0; i < 150; i++) {
        if (rnd() < 0.6) day = addDays(day, Math.floor(rnd() * 3));
        const pool = i < 20 ? amounts : wide;
        awards.push({ date: day, amount: pool[Math.floor(rnd() * pool.length)]!, line: i + 2 });
      }
      run(awards, 10);
    }
  });

  it('matches the definition out of date order when amounts stop fitting', () => {
    const rnd = prng(13);
    const awards: Award[] = [];
    for (let i = 0; i < 150; i++) awards.push({ date: addDays('2025-03-01', Math.floor(rnd() * 40)), amount: (i < 30 ? amounts : wide)[Math.floor(rnd() * 8)]!, line: i + 2 });
    run(awards, 30);
  });

  it('adds up integers whose total passes 2^53 exactly', () => {
    const awards: Award[] = [];
    for (let i = 0; i < 6; i++) awards.push({ date: '2025-01-01', amount: '3002399751580331', line: i + 2 });
    run(awards, 10);
  });

  it('keeps large integers exact when a fraction comes after them', () => {
    // 2^53 - 1 fits units of 1, not of 0.1: the fraction turns the series to decimals.
    run(['9007199254740991', '0.5', '3', '0.25'].map((amount, i) => ({ date: addDays('2025-01-01', i), amount, line: i + 2 })), 10);
  });
});

describe('day numbers', () => {
  it('count days as Date does, and turn back into the same ISO dates', () => {
    for (const date of ['1970-01-01', '1969-12-31', '2000-02-29', '1900-03-01', '2024-12-31', '0001-01-01', '9999-12-31', '1600-02-29']) {
      const n = dayNumberOf(date);
      expect(n, date).toBe(Date.parse(`${date}T00:00:00Z`) / 86_400_000);
      expect(dateOfDayNumber(n)).toBe(date);
    }
    for (let n = dayNumberOf('1999-01-01'); n < dayNumberOf('2031-01-01'); n += 1) expect(dateOfDayNumber(n)).toBe(addDays('1999-01-01', n - dayNumberOf('1999-01-01')));
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
