// The awards of one person to one vendor under one authority, kept in date order, with the count,
// exact total and largest amount of those in a window of days ending on an award's date: what
// `audit-split-purchase` is evaluated on.
//
// Records usually come in date order: each award then moves the window forward, taking the awards
// that fall out of it off a running total and a queue of candidates for the largest, so a run of n
// awards costs O(n), not O(n × window) as adding up the window again at every award did. An award
// dated before the latest is put in its place and its window (and the running one) added up again:
// it costs one pass over the window, and the answers are the same as in date order.
import { compareCanonical, DecimalSum } from './fast-decimal.ts';

/** The awards in the window of one award: `start` to `end` (exclusive) in `VendorAwards`' lists. */
export interface WindowStats {
  start: number;
  end: number;
  count: number;
  /** Exact canonical decimals, in the limit's currency. */
  total: string;
  largest: string;
}

export class VendorAwards {
  readonly dates: string[] = [];
  readonly amounts: string[] = [];
  readonly lines: number[] = [];
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
    if (n === 0 || this.dates[n - 1]! <= date) {
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
    // Out of date order: after the awards of the same date or earlier.
    let at = n;
    while (at > 0 && this.dates[at - 1]! > date) at--;
    this.dates.splice(at, 0, date);
    this.amounts.splice(at, 0, amount);
    this.lines.splice(at, 0, line);
    let start = at;
    while (start > 0 && this.dates[start - 1]! >= from) start--;
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

  /** Rebuilds the running window (from `from` to the last award) after an award out of order. */
  private recount(): void {
    this.head = 0;
    while (this.head < this.dates.length - 1 && this.dates[this.head]! < this.from) this.head++;
    this.sum.clear();
    this.largest = [];
    for (let i = this.head; i < this.dates.length; i++) {
      this.sum.add(this.amounts[i]!);
      while (this.largest.length && compareCanonical(this.amounts[this.largest[this.largest.length - 1]!]!, this.amounts[i]!) <= 0) this.largest.pop();
      this.largest.push(i);
    }
  }

  /**
   * Forgets awards before the running window once they are many: only an award dated that far back,
   * out of order, could still reach them (it is then compared with the awards that remain).
   */
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
