// The awards of one person to one vendor under one authority, kept in date order, with the count,
// exact total and largest amount of those in a window of days ending on an award's date: what
// `audit-split-purchase` is evaluated on.
//
// Records usually come in date order: each award then moves the window forward, taking the awards
// that fall out of it off a running total and a queue of candidates for the largest, so a run of n
// awards costs O(n), not O(n × window) as adding up the window again at every award did.
//
// Awards dated before the window of the latest award are forgotten (that is what keeps memory
// bounded): an award out of date order is put in its place and compared with the awards still in
// that window, from the later of its own window's first day and the latest window's (one pass over
// the window); one dated before the latest window is compared with nothing. Records given in date
// order (docs/audit.md asks for them) are therefore judged exactly on their whole window.
import { compareCanonical, DecimalSum } from './fast-decimal.ts';

/**
 * The awards in the window of one award: `start` to `end` (exclusive) in `VendorAwards`' lists, or
 * the award `alone` when it came too late to be kept.
 */
export interface WindowStats {
  start: number;
  end: number;
  alone?: { date: string; line: number };
  count: number;
  /** Exact canonical decimals, in the limit's currency. */
  total: string;
  largest: string;
}

export class VendorAwards {
  // Most people make one award to a vendor under an authority: the lists start at their exact size
  // (a first push would make room for 17) and grow only when a second award comes.
  dates: string[] = [];
  amounts: string[] = [];
  lines: number[] = [];
  /** The date of the latest award. */
  get latest(): string {
    return this.dates[this.dates.length - 1] ?? '';
  }

  /** First award in the window of the latest award (the running window ends at the last award). */
  private head = 0;
  /** First day of the running window. */
  private from = '';
  private readonly sum = new DecimalSum();
  /** Indices of the running window whose amount no later award's exceeds: the first is the largest. */
  private largest: number[] = [];

  /**
   * Adds an award and returns the stats of its window: the awards dated from `from` to `date`
   * (inclusive), among those added so far (including it).
   */
  add(date: string, amount: string, line: number, from: string): WindowStats {
    const n = this.dates.length;
    if (n === 0) {
      this.dates = [date];
      this.amounts = [amount];
      this.lines = [line];
      this.from = from;
      this.sum.add(amount);
      this.largest = [0];
      return { start: 0, end: 1, count: 1, total: amount, largest: amount };
    }
    if (this.dates[n - 1]! <= date) {
      this.dates.push(date);
      this.amounts.push(amount);
      this.lines.push(line);
      this.slideTo(from);
      this.sum.add(amount);
      const q = this.largest;
      while (q.length && compareCanonical(this.amounts[q[q.length - 1]!]!, amount) <= 0) q.pop();
      q.push(n);
      this.compact();
      return { start: this.head, end: this.dates.length, count: this.dates.length - this.head, total: this.sum.toString(), largest: this.amounts[this.largest[0]!]! };
    }
    // Out of date order. Before the latest window: forgotten at once, alone in its window.
    if (date < this.from) return { start: 0, end: 0, count: 1, total: amount, largest: amount, alone: { date, line } };
    // Within it: after the awards of the same date or earlier, then the running window added up again.
    let at = n;
    while (at > this.head && this.dates[at - 1]! > date) at--;
    this.dates.splice(at, 0, date);
    this.amounts.splice(at, 0, amount);
    this.lines.splice(at, 0, line);
    let start = at;
    while (start > this.head && this.dates[start - 1]! >= from) start--;
    const stats = this.stats(start, at + 1);
    this.recount();
    return stats;
  }

  /** Moves the start of the running window to `from` (never back), taking off what falls out. */
  private slideTo(from: string): void {
    if (from > this.from) this.from = from;
    const q = this.largest;
    while (this.head < this.dates.length - 1 && this.dates[this.head]! < this.from) {
      this.sum.subtract(this.amounts[this.head]!);
      if (q[0] === this.head) q.shift();
      this.head++;
    }
  }

  /** Adds up a window from scratch. */
  private stats(start: number, end: number): WindowStats {
    const sum = new DecimalSum();
    let largest = '0';
    for (let i = start; i < end; i++) {
      sum.add(this.amounts[i]!);
      if (compareCanonical(this.amounts[i]!, largest) > 0) largest = this.amounts[i]!;
    }
    return { start, end, count: end - start, total: sum.toString(), largest };
  }

  /** Adds up the running window again (from `head` to the last award) after an award out of order. */
  private recount(): void {
    this.sum.clear();
    this.largest = [];
    for (let i = this.head; i < this.dates.length; i++) {
      this.sum.add(this.amounts[i]!);
      while (this.largest.length && compareCanonical(this.amounts[this.largest[this.largest.length - 1]!]!, this.amounts[i]!) <= 0) this.largest.pop();
      this.largest.push(i);
    }
  }

  /** Drops the awards before the running window (forgotten already) once they are many. */
  private compact(): void {
    const h = this.head;
    if (h < 64 || h * 2 < this.dates.length) return;
    this.dates.splice(0, h);
    this.amounts.splice(0, h);
    this.lines.splice(0, h);
    for (let i = 0; i < this.largest.length; i++) this.largest[i]! -= h;
    this.head = 0;
  }
}
