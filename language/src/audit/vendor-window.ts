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
//
// Days are day numbers (day-numbers.ts). Amounts are kept as exact integer units at the series'
// scale (digits after the point, raised when an amount with more comes) while every amount and
// the running total are safe integers: most awards then cost a few number operations and no
// string. An amount or total that does not fit turns the series to canonical decimal strings
// (`DecimalSum`, `compareCanonical`) for good; the answers are the same exact decimals either way.
import { canonicalOfUnits, compareCanonical, DecimalSum } from './fast-decimal.ts';

/**
 * The awards in the window of one award: `start` to `end` (exclusive) in `VendorAwards`' lists, or
 * the award alone (`aloneLine` ≥ 0) when it came too late to be kept. Filled in by `add`.
 */
export interface WindowStats {
  start: number;
  end: number;
  /** The line and day of an award compared with nothing (dated before the latest window), else -1. */
  aloneLine: number;
  aloneDay: number;
  count: number;
  /** Exact canonical decimals, in the limit's currency (see `amountsOf`). */
  total: string;
  largest: string;
  /** The total and largest are not made yet: `amountsOf` makes them. */
  pending: boolean;
  /**
   * With `pending`: the total and largest are also here as integer units of 10^-`scale`
   * (`inUnits`), so a rule can be answered on them before their strings are made (window-units.ts).
   */
  inUnits: boolean;
  totalUnits: number;
  largestUnits: number;
  scale: number;
}

export function emptyWindowStats(): WindowStats {
  return { start: 0, end: 0, aloneLine: -1, aloneDay: 0, count: 0, total: '0', largest: '0', pending: false, inUnits: false, totalUnits: 0, largestUnits: 0, scale: 0 };
}

const POWERS_OF_TEN = Array.from({ length: 16 }, (_, i) => 10 ** i);

export class VendorAwards {
  // Most people make one award to a vendor under an authority: the lists start at their exact size
  // (a first push would make room for 17) and grow only when a second award comes.
  days: number[] = [];
  lines: number[] = [];
  /** The amounts as integer units of 10^-scale, while they and the total fit (`texts` undefined). */
  private units: number[] = [];
  private scale = 0;
  private sum = 0;
  /** The amounts as canonical decimals, once a series does not fit integer units. */
  private texts: string[] | undefined;
  private exactSum: DecimalSum | undefined;
  /** The day of the latest award. */
  get latest(): number {
    return this.days.length ? this.days[this.days.length - 1]! : -Infinity;
  }

  /** First award in the window of the latest award (the running window ends at the last award). */
  private head = 0;
  /** First day of the running window. */
  private from = -Infinity;
  /** Indices of the running window whose amount no later award's exceeds: the first is the largest. */
  private largest: number[] = [];

  /** The amount of award `i`, as a canonical decimal. */
  amountText(i: number): string {
    return this.texts ? this.texts[i]! : canonicalOfUnits(this.units[i]!, this.scale);
  }

  /**
   * Adds an award and fills `into` with the stats of its window: the awards dated from `from` to
   * `day` (inclusive), among those added so far (including it). The amount is `units` of
   * 10^-`scale` (window-units.ts' `unitsOfDecimal`), or, with `scale` -1, the canonical decimal `text`.
   */
  add(day: number, units: number, scale: number, text: string, line: number, from: number, into: WindowStats): WindowStats {
    into.aloneLine = -1;
    into.pending = false;
    into.inUnits = false;
    const n = this.days.length;
    if (n === 0) {
      this.days = [day];
      this.lines = [line];
      this.from = from;
      this.units = [];
      this.store(0, units, scale, text);
      this.recount();
      return this.fill(into, 0, 1);
    }
    if (this.days[n - 1]! <= day) {
      // Stored first: should the amount turn the series to decimals, the total recounted then is
      // that of the awards before it, to which it is added below like any other.
      this.store(n, units, scale, text);
      this.days.push(day);
      this.lines.push(line);
      this.slideTo(from);
      this.addToSum(n);
      const q = this.largest;
      while (q.length && this.compare(q[q.length - 1]!, n) <= 0) q.pop();
      q.push(n);
      this.compact();
      return this.fill(into, this.head, this.days.length);
    }
    // Out of date order. Before the latest window: forgotten at once, alone in its window.
    if (day < this.from) {
      into.start = into.end = 0;
      into.aloneLine = line;
      into.aloneDay = day;
      into.count = 1;
      into.total = into.largest = scale < 0 ? text : canonicalOfUnits(units, scale);
      return into;
    }
    // Within it: after the awards of the same date or earlier, then the running window added up again.
    let at = n;
    while (at > this.head && this.days[at - 1]! > day) at--;
    this.days.splice(at, 0, day);
    this.lines.splice(at, 0, line);
    if (this.texts) this.texts.splice(at, 0, scale < 0 ? text : canonicalOfUnits(units, scale));
    else {
      this.units.splice(at, 0, 0);
      this.store(at, units, scale, text);
    }
    let start = at;
    while (start > this.head && this.days[start - 1]! >= from) start--;
    this.windowOf(start, at + 1, into);
    this.recount();
    return into;
  }

  /** The running window's stats; its amounts are made by `amountsOf` (half the windows are of one award, on which no rule fires). */
  private fill(into: WindowStats, start: number, end: number): WindowStats {
    into.start = start;
    into.end = end;
    into.count = end - start;
    into.pending = true;
    if (!this.texts) {
      into.inUnits = true;
      into.totalUnits = this.sum;
      into.largestUnits = this.units[this.largest[0]!]!;
      into.scale = this.scale;
    }
    return into;
  }

  /** Fills in the total and largest of the window the latest `add` gave, if they are not yet. */
  amountsOf(into: WindowStats): WindowStats {
    if (!into.pending) return into;
    into.total = this.texts ? this.exactSum!.toString() : canonicalOfUnits(this.sum, this.scale);
    into.largest = this.amountText(this.largest[0]!);
    into.pending = false;
    into.inUnits = false;
    return into;
  }

  /**
   * Puts an amount at `i` (its slot in the lists), in units while it fits, else as decimals from now
   * on; `digits` of 10^-`places`, or the text when `places` is -1.
   */
  private store(i: number, digits: number, places: number, text: string): void {
    if (this.texts) {
      this.texts[i] = places < 0 ? text : canonicalOfUnits(digits, places);
      return;
    }
    if (places < 0) return this.toExact(i, text);
    if (places > this.scale && !this.rescale(places)) return this.toExact(i, canonicalOfUnits(digits, places));
    const units = digits * POWERS_OF_TEN[this.scale - places]!;
    if (!(units <= Number.MAX_SAFE_INTEGER)) return this.toExact(i, canonicalOfUnits(digits, places));
    this.units[i] = units;
  }

  /** Raises the scale of every unit kept; false (nothing changed) when one would not fit. */
  private rescale(places: number): boolean {
    if (places >= POWERS_OF_TEN.length) return false;
    const factor = POWERS_OF_TEN[places - this.scale]!;
    const units = this.units;
    for (let i = 0; i < units.length; i++) if (!(units[i]! * factor <= Number.MAX_SAFE_INTEGER)) return false;
    if (!(this.sum * factor <= Number.MAX_SAFE_INTEGER)) return false;
    for (let i = 0; i < units.length; i++) units[i]! *= factor;
    this.sum *= factor;
    this.scale = places;
    return true;
  }

  /** From now on the series keeps decimals: every amount turned to its text, the running total recounted. */
  private toExact(i: number, amount?: string): void {
    const texts: string[] = [];
    for (let k = 0; k < this.units.length; k++) texts.push(canonicalOfUnits(this.units[k]!, this.scale));
    if (amount !== undefined) texts[i] = amount;
    this.texts = texts;
    this.units = [];
    this.exactSum = new DecimalSum();
    this.recount();
  }

  private compare(i: number, j: number): number {
    if (this.texts) return compareCanonical(this.texts[i]!, this.texts[j]!);
    return this.units[i]! - this.units[j]!;
  }

  private addToSum(i: number): void {
    if (this.texts) return this.exactSum!.add(this.texts[i]!);
    this.sum += this.units[i]!;
    if (!(this.sum <= Number.MAX_SAFE_INTEGER)) this.toExact(i);
  }

  /** Moves the start of the running window to `from` (never back), taking off what falls out. */
  private slideTo(from: number): void {
    if (from > this.from) this.from = from;
    const q = this.largest;
    while (this.head < this.days.length - 1 && this.days[this.head]! < this.from) {
      if (this.texts) this.exactSum!.subtract(this.texts[this.head]!);
      else this.sum -= this.units[this.head]!;
      if (q[0] === this.head) q.shift();
      this.head++;
    }
  }

  /** Adds up a window from scratch into `into`. */
  private windowOf(start: number, end: number, into: WindowStats): void {
    into.start = start;
    into.end = end;
    into.count = end - start;
    let largest = start;
    for (let i = start + 1; i < end; i++) if (this.compare(i, largest) > 0) largest = i;
    into.largest = this.amountText(largest);
    if (!this.texts) {
      let sum = 0;
      for (let i = start; i < end; i++) sum += this.units[i]!;
      if (sum <= Number.MAX_SAFE_INTEGER) {
        into.total = canonicalOfUnits(sum, this.scale);
        return;
      }
      this.toExact(start);
    }
    const sum = new DecimalSum();
    for (let i = start; i < end; i++) sum.add(this.texts![i]!);
    into.total = sum.toString();
  }

  /**
   * Adds up the running window again (from `head` to the last award): after an award out of order,
   * or when the amounts turn to decimals. The lists hold every award by then.
   */
  private recount(): void {
    if (this.texts) {
      const sum = this.exactSum!;
      sum.clear();
      for (let i = this.head; i < this.days.length; i++) sum.add(this.texts[i]!);
    } else {
      let sum = 0;
      for (let i = this.head; i < this.days.length; i++) sum += this.units[i]!;
      this.sum = sum;
      if (!(sum <= Number.MAX_SAFE_INTEGER)) return this.toExact(this.head);
    }
    this.largest = [];
    for (let i = this.head; i < this.days.length; i++) {
      while (this.largest.length && this.compare(this.largest[this.largest.length - 1]!, i) <= 0) this.largest.pop();
      this.largest.push(i);
    }
  }

  /** Drops the awards before the running window (forgotten already) once they are many. */
  private compact(): void {
    const h = this.head;
    if (h < 64 || h * 2 < this.days.length) return;
    this.days.splice(0, h);
    this.lines.splice(0, h);
    if (this.texts) this.texts.splice(0, h);
    else this.units.splice(0, h);
    for (let i = 0; i < this.largest.length; i++) this.largest[i]! -= h;
    this.head = 0;
  }
}
