// The split-purchase series of the audit: for each person, vendor and authority (a series, by
// number), the awards kept in date order, with the count, exact total and largest amount of those
// in a window of days ending on an award's date: what `audit-split-purchase` is evaluated on.
//
// Every series lives in a few typed arrays shared by all of them: per series its block, ring start,
// size, window start, running total and scale; per award its day, line and amount in a block of a
// shared pool (a ring of a power-of-two capacity, moved to a block twice as large when full, blocks
// of forgotten series used again). An object per series with four lists each made the follow's
// loads miss the cache and left a garbage of lists behind; here an award allocates nothing.
//
// Records usually come in date order: each award then moves the window forward, taking the awards
// that fall out of it off a running total and a queue of candidates for the largest (a second ring
// at the block's offsets, in an array of its own), so a run of n awards costs O(n), not O(n × window).
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
import { doubled } from '../util/exact.ts';

/**
 * The awards in the window of one award: `start` to `end` (exclusive) among the series' awards as
 * `VendorWindows.lineAt` and `dayAt` read them until the next `add`, or the award alone
 * (`aloneLine` ≥ 0) when it came too late to be kept. Filled in by `add`.
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
/** Most series hold one or two awards: a block starts with room for two. */
const FIRST_CAPACITY = 2;
const NO_BLOCK = -1;

// A series' fields, side by side in one 64-byte record of `series` (Int32 slots) and `sums` (the
// Float64 view of the same memory): an award reads one record, not ten arrays.
const SERIES = 16;
const SERIES_SUMS = SERIES / 2;
/** Offset of the series' block in the pool, and its capacity − 1 (a power of two), or NO_BLOCK. */
const BASE = 0;
const MASK = 1;
/** Ring position (within the block) of the first award kept, and how many are kept. */
const START = 2;
const SIZE = 3;
/** First day of the running window (that of the latest award in date order). */
const FROM = 4;
const SCALE = 5;
/** 1 once the series keeps canonical decimals (`texts`, `exactSums`). */
const EXACT = 6;
/** The queue of candidates for the largest: pool offsets of awards whose amount no later one's exceeds (a ring). */
const QUEUE_START = 7;
/** The running window's total in units of 10^-scale (while not exact), in `sums` (Int32 slots 8 and 9). */
const SUM = 4;
const QUEUE_SIZE = 10;

// An award's fields, side by side in 16 bytes of `awards` (Int32) and `amounts` (Float64, same memory).
const AWARD = 4;
const AWARD_AMOUNTS = AWARD / 2;
const DAY = 0;
const LINE = 1;
/** The amount as integer units of 10^-scale of its series (Int32 slots 2 and 3). */
const UNITS = 1;

export class VendorWindows {
  /** Per series, by number (see SERIES). */
  private series: Int32Array;
  private sums: Float64Array;
  private readonly exactSums: Array<DecimalSum | undefined> = [];
  private readonly freeSeries: number[] = [];
  private seriesCount = 0;

  /** Per award, in the blocks of the pool (see AWARD), by pool offset. */
  private awards: Int32Array;
  private amounts: Float64Array;
  /** The queue rings (same offsets as the awards). */
  private queue: Int32Array;
  /** The amounts of the series that keep decimals, by pool offset (made when the first such series comes). */
  private texts: string[] = [];
  /** Whether any series has kept decimals (then `texts` covers the pool). */
  private anyExact = false;
  /** Pool offsets given out so far, and the pool's capacity. */
  private used = 0;
  private capacity: number;
  /** Blocks given back, by log2 of their capacity. */
  private readonly freeBlocks: number[][] = [];

  constructor(series = 1 << 12, awards = 1 << 14) {
    this.series = new Int32Array(series * SERIES);
    this.sums = new Float64Array(this.series.buffer);
    this.capacity = awards;
    this.awards = new Int32Array(awards * AWARD);
    this.amounts = new Float64Array(this.awards.buffer);
    this.queue = new Int32Array(awards);
  }

  /** A series with no award yet: its number (one given back by `close` first). */
  open(): number {
    let s = this.freeSeries.pop();
    if (s === undefined) {
      s = this.seriesCount++;
      this.exactSums.push(undefined);
      if ((s + 1) * SERIES > this.series.length) {
        this.series = doubled(this.series);
        this.sums = new Float64Array(this.series.buffer);
      }
    }
    this.series[s * SERIES + MASK] = NO_BLOCK;
    this.series[s * SERIES + START] = 0;
    this.series[s * SERIES + SIZE] = 0;
    this.sums[s * SERIES_SUMS + SUM] = 0;
    this.series[s * SERIES + SCALE] = 0;
    this.series[s * SERIES + EXACT] = 0;
    this.series[s * SERIES + QUEUE_START] = 0;
    this.series[s * SERIES + QUEUE_SIZE] = 0;
    return s;
  }

  /** Forgets a series: its block and number are used again. */
  close(s: number): void {
    const mask = this.series[s * SERIES + MASK]!;
    if (mask !== NO_BLOCK) this.freeBlock(this.series[s * SERIES + BASE]!, mask + 1);
    if (this.series[s * SERIES + EXACT]) this.clearTexts(this.series[s * SERIES + BASE]!, mask + 1);
    this.series[s * SERIES + MASK] = NO_BLOCK;
    this.series[s * SERIES + SIZE] = 0;
    this.exactSums[s] = undefined;
    this.freeSeries.push(s);
  }

  /** How many series are open. */
  get openCount(): number {
    return this.seriesCount - this.freeSeries.length;
  }

  /** The day of the series' latest award in date order. */
  latestDay(s: number): number {
    return this.awards[this.at(s, this.series[s * SERIES + SIZE]! - 1) * AWARD + DAY]!;
  }

  /** The line of the `k`th award kept (as `WindowStats.start` and `end` count them). */
  lineAt(s: number, k: number): number {
    return this.awards[this.at(s, k) * AWARD + LINE]!;
  }

  dayAt(s: number, k: number): number {
    return this.awards[this.at(s, k) * AWARD + DAY]!;
  }

  /** The amount of the `k`th award kept, as a canonical decimal. */
  amountText(s: number, k: number): string {
    return this.textAt(s, this.at(s, k));
  }

  /** Pool offset of the `k`th award kept. */
  private at(s: number, k: number): number {
    const mask = this.series[s * SERIES + MASK]!;
    return this.series[s * SERIES + BASE]! + ((this.series[s * SERIES + START]! + k) & mask);
  }

  private textAt(s: number, p: number): string {
    return this.series[s * SERIES + EXACT] ? this.texts[p]! : canonicalOfUnits(this.amounts[p * AWARD_AMOUNTS + UNITS]!, this.series[s * SERIES + SCALE]!);
  }

  /**
   * Adds an award to series `s` and fills `into` with the stats of its window: the awards dated
   * from `from` to `day` (inclusive), among those added so far (including it). The amount is `units`
   * of 10^-`scale` (window-units.ts' `unitsOfDecimal`), or, with `scale` -1, the canonical decimal `text`.
   */
  add(s: number, day: number, units: number, scale: number, text: string, line: number, from: number, into: WindowStats): WindowStats {
    into.aloneLine = -1;
    into.pending = false;
    into.inUnits = false;
    const n = this.series[s * SERIES + SIZE]!;
    if (n === 0) {
      this.reserve(s, 1);
      this.series[s * SERIES + START] = 0;
      this.series[s * SERIES + FROM] = from;
      const p = this.at(s, 0);
      this.awards[p * AWARD + DAY] = day;
      this.awards[p * AWARD + LINE] = line;
      this.store(s, 0, units, scale, text);
      this.series[s * SERIES + SIZE] = 1;
      this.recount(s);
      return this.fill(s, into);
    }
    if (this.awards[this.at(s, n - 1) * AWARD + DAY]! <= day) {
      this.reserve(s, n + 1);
      const p = this.at(s, n);
      this.awards[p * AWARD + DAY] = day;
      this.awards[p * AWARD + LINE] = line;
      // Stored while not yet counted: should the amount turn the series to decimals, the total
      // recounted then is that of the awards before it, to which it is added below like any other.
      this.store(s, n, units, scale, text);
      this.series[s * SERIES + SIZE] = n + 1;
      this.slideTo(s, from);
      const last = this.at(s, this.series[s * SERIES + SIZE]! - 1);
      this.addToSum(s, last);
      this.pushCandidate(s, last);
      return this.fill(s, into);
    }
    // Out of date order. Before the latest window: forgotten at once, alone in its window.
    if (day < this.series[s * SERIES + FROM]!) {
      into.start = into.end = 0;
      into.aloneLine = line;
      into.aloneDay = day;
      into.count = 1;
      into.total = into.largest = scale < 0 ? text : canonicalOfUnits(units, scale);
      return into;
    }
    // Within it: after the awards of the same date or earlier, then the running window added up again.
    let k = n;
    while (k > 0 && this.awards[this.at(s, k - 1) * AWARD + DAY]! > day) k--;
    this.reserve(s, n + 1);
    for (let j = n; j > k; j--) this.move(s, this.at(s, j - 1), this.at(s, j));
    const p = this.at(s, k);
    this.awards[p * AWARD + DAY] = day;
    this.awards[p * AWARD + LINE] = line;
    this.amounts[p * AWARD_AMOUNTS + UNITS] = 0;
    this.series[s * SERIES + SIZE] = n + 1;
    this.store(s, k, units, scale, text);
    let first = k;
    while (first > 0 && this.awards[this.at(s, first - 1) * AWARD + DAY]! >= from) first--;
    this.windowOf(s, first, k + 1, into);
    // The windows of the later awards kept were added up without it: the one of them that holds it
    // with the largest total is its window, if larger than its own (two awards a day apart given in
    // reverse order are one split purchase, as they are in date order).
    const span = day - from;
    const scratch = this.scratch;
    let start = first;
    for (let e = k + 1; e <= n; e++) {
      const end = this.awards[this.at(s, e) * AWARD + DAY]!;
      if (end - span > day) break;
      while (this.awards[this.at(s, start) * AWARD + DAY]! < end - span) start++;
      this.windowOf(s, start, e + 1, scratch);
      if (compareCanonical(scratch.total, into.total) > 0) Object.assign(into, scratch);
    }
    this.recount(s);
    return into;
  }

  /** Where `add` adds up the later windows an award out of date order falls in. */
  private readonly scratch = emptyWindowStats();

  /** Fills in the total and largest of the window the latest `add` gave, if they are not yet. */
  amountsOf(s: number, into: WindowStats): WindowStats {
    if (!into.pending) return into;
    into.total = this.series[s * SERIES + EXACT] ? this.exactSums[s]!.toString() : canonicalOfUnits(this.sums[s * SERIES_SUMS + SUM]!, this.series[s * SERIES + SCALE]!);
    into.largest = this.textAt(s, this.largestAt(s));
    into.pending = false;
    into.inUnits = false;
    return into;
  }

  /** The running window's stats (every award kept); its amounts are made by `amountsOf` (half the windows are of one award, on which no rule fires). */
  private fill(s: number, into: WindowStats): WindowStats {
    const n = this.series[s * SERIES + SIZE]!;
    into.start = 0;
    into.end = n;
    into.count = n;
    into.pending = true;
    if (!this.series[s * SERIES + EXACT]) {
      into.inUnits = true;
      into.totalUnits = this.sums[s * SERIES_SUMS + SUM]!;
      into.largestUnits = this.amounts[(this.largestAt(s)) * AWARD_AMOUNTS + UNITS]!;
      into.scale = this.series[s * SERIES + SCALE]!;
    }
    return into;
  }

  /** Pool offset of the largest amount of the running window (the queue's first). */
  private largestAt(s: number): number {
    return this.queue[this.series[s * SERIES + BASE]! + (this.series[s * SERIES + QUEUE_START]! & this.series[s * SERIES + MASK]!)]!;
  }

  /**
   * Puts the amount of the `k`th award (its pool slot written already), in units while it fits,
   * else as decimals from now on; `digits` of 10^-`places`, or the text when `places` is -1.
   */
  private store(s: number, k: number, digits: number, places: number, text: string): void {
    const p = this.at(s, k);
    if (this.series[s * SERIES + EXACT]) {
      this.texts[p] = places < 0 ? text : canonicalOfUnits(digits, places);
      return;
    }
    if (places < 0) return this.toExact(s, p, text);
    if (places > this.series[s * SERIES + SCALE]! && !this.rescale(s, places)) return this.toExact(s, p, canonicalOfUnits(digits, places));
    const units = digits * POWERS_OF_TEN[this.series[s * SERIES + SCALE]! - places]!;
    if (!(units <= Number.MAX_SAFE_INTEGER)) return this.toExact(s, p, canonicalOfUnits(digits, places));
    this.amounts[p * AWARD_AMOUNTS + UNITS] = units;
  }

  /** Raises the scale of every unit kept; false (nothing changed) when one would not fit. */
  private rescale(s: number, places: number): boolean {
    if (places >= POWERS_OF_TEN.length) return false;
    const factor = POWERS_OF_TEN[places - this.series[s * SERIES + SCALE]!]!;
    const n = this.series[s * SERIES + SIZE]!;
    const units = this.amounts;
    for (let k = 0; k < n; k++) if (!(units[this.at(s, k) * AWARD_AMOUNTS + UNITS]! * factor <= Number.MAX_SAFE_INTEGER)) return false;
    if (!(this.sums[s * SERIES_SUMS + SUM]! * factor <= Number.MAX_SAFE_INTEGER)) return false;
    for (let k = 0; k < n; k++) units[this.at(s, k) * AWARD_AMOUNTS + UNITS]! *= factor;
    this.sums[s * SERIES_SUMS + SUM]! *= factor;
    this.series[s * SERIES + SCALE] = places;
    return true;
  }

  /**
   * From now on the series keeps decimals: every amount kept turned to its text (and `amount` put
   * at pool offset `p`, when given), the running total recounted.
   */
  private toExact(s: number, p: number, amount?: string): void {
    this.anyExact = true;
    this.makeRoomForTexts();
    const n = this.series[s * SERIES + SIZE]!;
    const scale = this.series[s * SERIES + SCALE]!;
    for (let k = 0; k < n; k++) {
      const q = this.at(s, k);
      this.texts[q] = canonicalOfUnits(this.amounts[q * AWARD_AMOUNTS + UNITS]!, scale);
    }
    if (amount !== undefined) this.texts[p] = amount;
    this.series[s * SERIES + EXACT] = 1;
    this.exactSums[s] = new DecimalSum();
    this.recount(s);
  }

  private compare(s: number, p: number, q: number): number {
    if (this.series[s * SERIES + EXACT]) return compareCanonical(this.texts[p]!, this.texts[q]!);
    return this.amounts[p * AWARD_AMOUNTS + UNITS]! - this.amounts[q * AWARD_AMOUNTS + UNITS]!;
  }

  private addToSum(s: number, p: number): void {
    if (this.series[s * SERIES + EXACT]) return this.exactSums[s]!.add(this.texts[p]!);
    this.sums[s * SERIES_SUMS + SUM]! += this.amounts[p * AWARD_AMOUNTS + UNITS]!;
    if (!(this.sums[s * SERIES_SUMS + SUM]! <= Number.MAX_SAFE_INTEGER)) this.toExact(s, p);
  }

  /** Puts the award at pool offset `p` (the latest) at the end of the queue, after those it exceeds. */
  private pushCandidate(s: number, p: number): void {
    const base = this.series[s * SERIES + BASE]!;
    const mask = this.series[s * SERIES + MASK]!;
    const qs = this.series[s * SERIES + QUEUE_START]!;
    let n = this.series[s * SERIES + QUEUE_SIZE]!;
    while (n > 0 && this.compare(s, this.queue[base + ((qs + n - 1) & mask)]!, p) <= 0) n--;
    this.queue[base + ((qs + n) & mask)] = p;
    this.series[s * SERIES + QUEUE_SIZE] = n + 1;
  }

  /** Moves the start of the running window to `from` (never back), taking off what falls out. */
  private slideTo(s: number, from: number): void {
    if (from > this.series[s * SERIES + FROM]!) this.series[s * SERIES + FROM] = from;
    const first = this.series[s * SERIES + FROM]!;
    const base = this.series[s * SERIES + BASE]!;
    const mask = this.series[s * SERIES + MASK]!;
    while (this.series[s * SERIES + SIZE]! > 1) {
      const p = base + (this.series[s * SERIES + START]! & mask);
      if (this.awards[p * AWARD + DAY]! >= first) break;
      if (this.series[s * SERIES + EXACT]) this.exactSums[s]!.subtract(this.texts[p]!);
      else this.sums[s * SERIES_SUMS + SUM]! -= this.amounts[p * AWARD_AMOUNTS + UNITS]!;
      if (this.series[s * SERIES + QUEUE_SIZE]! > 0 && this.queue[base + (this.series[s * SERIES + QUEUE_START]! & mask)] === p) {
        this.series[s * SERIES + QUEUE_START] = (this.series[s * SERIES + QUEUE_START]! + 1) & mask;
        this.series[s * SERIES + QUEUE_SIZE]!--;
      }
      this.series[s * SERIES + START] = (this.series[s * SERIES + START]! + 1) & mask;
      this.series[s * SERIES + SIZE]!--;
    }
  }

  /** Adds up the `first`th to `end`th awards kept from scratch into `into`. */
  private windowOf(s: number, first: number, end: number, into: WindowStats): void {
    into.start = first;
    into.end = end;
    into.count = end - first;
    let largest = this.at(s, first);
    for (let k = first + 1; k < end; k++) {
      const p = this.at(s, k);
      if (this.compare(s, p, largest) > 0) largest = p;
    }
    into.largest = this.textAt(s, largest);
    if (!this.series[s * SERIES + EXACT]) {
      let sum = 0;
      for (let k = first; k < end; k++) sum += this.amounts[this.at(s, k) * AWARD_AMOUNTS + UNITS]!;
      if (sum <= Number.MAX_SAFE_INTEGER) {
        into.total = canonicalOfUnits(sum, this.series[s * SERIES + SCALE]!);
        return;
      }
      this.toExact(s, -1);
    }
    const sum = new DecimalSum();
    for (let k = first; k < end; k++) sum.add(this.texts[this.at(s, k)]!);
    into.total = sum.toString();
  }

  /** Adds up the running window (every award kept) again and rebuilds the queue of candidates. */
  private recount(s: number): void {
    const n = this.series[s * SERIES + SIZE]!;
    if (this.series[s * SERIES + EXACT]) {
      const sum = this.exactSums[s]!;
      sum.clear();
      for (let k = 0; k < n; k++) sum.add(this.texts[this.at(s, k)]!);
    } else {
      let sum = 0;
      for (let k = 0; k < n; k++) sum += this.amounts[this.at(s, k) * AWARD_AMOUNTS + UNITS]!;
      this.sums[s * SERIES_SUMS + SUM] = sum;
      if (!(sum <= Number.MAX_SAFE_INTEGER)) return this.toExact(s, -1);
    }
    this.series[s * SERIES + QUEUE_START] = 0;
    this.series[s * SERIES + QUEUE_SIZE] = 0;
    for (let k = 0; k < n; k++) this.pushCandidate(s, this.at(s, k));
  }

  /** Moves an award from pool offset `p` to `q` (same series). */
  private move(s: number, p: number, q: number): void {
    this.awards[q * AWARD + DAY] = this.awards[p * AWARD + DAY]!;
    this.awards[q * AWARD + LINE] = this.awards[p * AWARD + LINE]!;
    this.amounts[q * AWARD_AMOUNTS + UNITS] = this.amounts[p * AWARD_AMOUNTS + UNITS]!;
    if (this.series[s * SERIES + EXACT]) this.texts[q] = this.texts[p]!;
  }

  /** Makes room in the series' block for `needed` awards: a first block, or one twice as large with the awards (and queue) copied in order. */
  private reserve(s: number, needed: number): void {
    const mask = this.series[s * SERIES + MASK]!;
    if (mask !== NO_BLOCK && needed <= mask + 1) return;
    let capacity = mask === NO_BLOCK ? FIRST_CAPACITY : (mask + 1) * 2;
    while (capacity < needed) capacity *= 2;
    const base = this.allocate(capacity);
    if (mask !== NO_BLOCK) {
      const old = this.series[s * SERIES + BASE]!;
      const start = this.series[s * SERIES + START]!;
      const n = this.series[s * SERIES + SIZE]!;
      for (let k = 0; k < n; k++) this.move(s, old + ((start + k) & mask), base + k);
      // The queue holds pool offsets: each is moved to its award's new place.
      const qs = this.series[s * SERIES + QUEUE_START]!;
      const qn = this.series[s * SERIES + QUEUE_SIZE]!;
      for (let j = 0; j < qn; j++) this.queue[base + j] = base + ((this.queue[old + ((qs + j) & mask)]! - old - start) & mask);
      if (this.series[s * SERIES + EXACT]) this.clearTexts(old, mask + 1);
      this.freeBlock(old, mask + 1);
    }
    this.series[s * SERIES + BASE] = base;
    this.series[s * SERIES + MASK] = capacity - 1;
    this.series[s * SERIES + START] = 0;
    this.series[s * SERIES + QUEUE_START] = 0;
  }

  private allocate(capacity: number): number {
    const free = this.freeBlocks[Math.log2(capacity)];
    if (free?.length) return free.pop()!;
    const base = this.used;
    this.used += capacity;
    while (this.used > this.capacity) {
      this.capacity *= 2;
      this.awards = doubled(this.awards);
      this.amounts = new Float64Array(this.awards.buffer);
      this.queue = doubled(this.queue);
    }
    this.makeRoomForTexts();
    return base;
  }

  private freeBlock(base: number, capacity: number): void {
    (this.freeBlocks[Math.log2(capacity)] ??= []).push(base);
  }

  /** Once a series keeps decimals, `texts` covers the pool (a list of strings only then). */
  private makeRoomForTexts(): void {
    if (!this.anyExact) return;
    while (this.texts.length < this.capacity) this.texts.push('');
  }

  /** Lets go of the texts of a block given back. */
  private clearTexts(base: number, capacity: number): void {
    for (let p = base; p < base + capacity; p++) this.texts[p] = '';
  }
}
