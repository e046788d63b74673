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
// in the same block), so a run of n awards costs O(n), not O(n × window).
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

export class VendorWindows {
  // Per series, by number.
  /** Offset of the series' block in the pool, and its capacity − 1 (a power of two), or NO_BLOCK. */
  private base: Int32Array;
  private mask: Int32Array;
  /** Ring position (within the block) of the first award kept, and how many are kept. */
  private start: Int32Array;
  private size: Int32Array;
  /** First day of the running window (that of the latest award in date order). */
  private from: Int32Array;
  /** The running window's total in units of 10^-scale (while not `exact`). */
  private sum: Float64Array;
  private scale: Int8Array;
  /** 1 once the series keeps canonical decimals (`texts`, `exactSums`). */
  private exact: Int8Array;
  /** The queue of candidates for the largest: ring positions of awards whose amount no later one's exceeds. */
  private queueStart: Int32Array;
  private queueSize: Int32Array;
  private readonly exactSums: Array<DecimalSum | undefined> = [];
  private readonly freeSeries: number[] = [];
  private seriesCount = 0;

  // Per award, in the blocks of the pool.
  private days: Int32Array;
  private lines: Int32Array;
  /** The amounts as integer units of 10^-scale of their series. */
  private units: Float64Array;
  /** The queue rings (same offsets as the awards). */
  private queue: Int32Array;
  /** The amounts of the series that keep decimals, by pool offset (made when the first such series comes). */
  private texts: string[] = [];
  /** Whether any series has kept decimals (then `texts` covers the pool). */
  private anyExact = false;
  private used = 0;
  /** Blocks given back, by log2 of their capacity. */
  private readonly freeBlocks: number[][] = [];

  constructor(series = 1 << 12, awards = 1 << 14) {
    this.base = new Int32Array(series);
    this.mask = new Int32Array(series).fill(NO_BLOCK);
    this.start = new Int32Array(series);
    this.size = new Int32Array(series);
    this.from = new Int32Array(series);
    this.sum = new Float64Array(series);
    this.scale = new Int8Array(series);
    this.exact = new Int8Array(series);
    this.queueStart = new Int32Array(series);
    this.queueSize = new Int32Array(series);
    this.days = new Int32Array(awards);
    this.lines = new Int32Array(awards);
    this.units = new Float64Array(awards);
    this.queue = new Int32Array(awards);
  }

  /** A series with no award yet: its number (one given back by `close` first). */
  open(): number {
    let s = this.freeSeries.pop();
    if (s === undefined) {
      s = this.seriesCount++;
      this.exactSums.push(undefined);
      if (s >= this.base.length) {
        this.base = doubled(this.base);
        this.mask = doubled(this.mask);
        this.mask.fill(NO_BLOCK, s);
        this.start = doubled(this.start);
        this.size = doubled(this.size);
        this.from = doubled(this.from);
        this.sum = doubled(this.sum);
        this.scale = doubled(this.scale);
        this.exact = doubled(this.exact);
        this.queueStart = doubled(this.queueStart);
        this.queueSize = doubled(this.queueSize);
      }
    }
    this.start[s] = 0;
    this.size[s] = 0;
    this.sum[s] = 0;
    this.scale[s] = 0;
    this.exact[s] = 0;
    this.queueStart[s] = 0;
    this.queueSize[s] = 0;
    return s;
  }

  /** Forgets a series: its block and number are used again. */
  close(s: number): void {
    const mask = this.mask[s]!;
    if (mask !== NO_BLOCK) this.freeBlock(this.base[s]!, mask + 1);
    if (this.exact[s]) this.clearTexts(this.base[s]!, mask + 1);
    this.mask[s] = NO_BLOCK;
    this.size[s] = 0;
    this.exactSums[s] = undefined;
    this.freeSeries.push(s);
  }

  /** How many series are open. */
  get openCount(): number {
    return this.seriesCount - this.freeSeries.length;
  }

  /** The day of the series' latest award in date order. */
  latestDay(s: number): number {
    return this.days[this.at(s, this.size[s]! - 1)]!;
  }

  /** The line of the `k`th award kept (as `WindowStats.start` and `end` count them). */
  lineAt(s: number, k: number): number {
    return this.lines[this.at(s, k)]!;
  }

  dayAt(s: number, k: number): number {
    return this.days[this.at(s, k)]!;
  }

  /** The amount of the `k`th award kept, as a canonical decimal. */
  amountText(s: number, k: number): string {
    return this.textAt(s, this.at(s, k));
  }

  /** Pool offset of the `k`th award kept. */
  private at(s: number, k: number): number {
    const mask = this.mask[s]!;
    return this.base[s]! + ((this.start[s]! + k) & mask);
  }

  private textAt(s: number, p: number): string {
    return this.exact[s] ? this.texts[p]! : canonicalOfUnits(this.units[p]!, this.scale[s]!);
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
    const n = this.size[s]!;
    if (n === 0) {
      this.reserve(s, 1);
      this.start[s] = 0;
      this.from[s] = from;
      const p = this.at(s, 0);
      this.days[p] = day;
      this.lines[p] = line;
      this.store(s, 0, units, scale, text);
      this.size[s] = 1;
      this.recount(s);
      return this.fill(s, into);
    }
    if (this.days[this.at(s, n - 1)]! <= day) {
      this.reserve(s, n + 1);
      const p = this.at(s, n);
      this.days[p] = day;
      this.lines[p] = line;
      // Stored while not yet counted: should the amount turn the series to decimals, the total
      // recounted then is that of the awards before it, to which it is added below like any other.
      this.store(s, n, units, scale, text);
      this.size[s] = n + 1;
      this.slideTo(s, from);
      const last = this.at(s, this.size[s]! - 1);
      this.addToSum(s, last);
      this.pushCandidate(s, last);
      return this.fill(s, into);
    }
    // Out of date order. Before the latest window: forgotten at once, alone in its window.
    if (day < this.from[s]!) {
      into.start = into.end = 0;
      into.aloneLine = line;
      into.aloneDay = day;
      into.count = 1;
      into.total = into.largest = scale < 0 ? text : canonicalOfUnits(units, scale);
      return into;
    }
    // Within it: after the awards of the same date or earlier, then the running window added up again.
    let k = n;
    while (k > 0 && this.days[this.at(s, k - 1)]! > day) k--;
    this.reserve(s, n + 1);
    for (let j = n; j > k; j--) this.move(s, this.at(s, j - 1), this.at(s, j));
    const p = this.at(s, k);
    this.days[p] = day;
    this.lines[p] = line;
    this.units[p] = 0;
    this.size[s] = n + 1;
    this.store(s, k, units, scale, text);
    let first = k;
    while (first > 0 && this.days[this.at(s, first - 1)]! >= from) first--;
    this.windowOf(s, first, k + 1, into);
    this.recount(s);
    return into;
  }

  /** Fills in the total and largest of the window the latest `add` gave, if they are not yet. */
  amountsOf(s: number, into: WindowStats): WindowStats {
    if (!into.pending) return into;
    into.total = this.exact[s] ? this.exactSums[s]!.toString() : canonicalOfUnits(this.sum[s]!, this.scale[s]!);
    into.largest = this.textAt(s, this.largestAt(s));
    into.pending = false;
    into.inUnits = false;
    return into;
  }

  /** The running window's stats (every award kept); its amounts are made by `amountsOf` (half the windows are of one award, on which no rule fires). */
  private fill(s: number, into: WindowStats): WindowStats {
    const n = this.size[s]!;
    into.start = 0;
    into.end = n;
    into.count = n;
    into.pending = true;
    if (!this.exact[s]) {
      into.inUnits = true;
      into.totalUnits = this.sum[s]!;
      into.largestUnits = this.units[this.largestAt(s)]!;
      into.scale = this.scale[s]!;
    }
    return into;
  }

  /** Pool offset of the largest amount of the running window (the queue's first). */
  private largestAt(s: number): number {
    return this.queue[this.base[s]! + (this.queueStart[s]! & this.mask[s]!)]!;
  }

  /**
   * Puts the amount of the `k`th award (its pool slot written already), in units while it fits,
   * else as decimals from now on; `digits` of 10^-`places`, or the text when `places` is -1.
   */
  private store(s: number, k: number, digits: number, places: number, text: string): void {
    const p = this.at(s, k);
    if (this.exact[s]) {
      this.texts[p] = places < 0 ? text : canonicalOfUnits(digits, places);
      return;
    }
    if (places < 0) return this.toExact(s, p, text);
    if (places > this.scale[s]! && !this.rescale(s, places)) return this.toExact(s, p, canonicalOfUnits(digits, places));
    const units = digits * POWERS_OF_TEN[this.scale[s]! - places]!;
    if (!(units <= Number.MAX_SAFE_INTEGER)) return this.toExact(s, p, canonicalOfUnits(digits, places));
    this.units[p] = units;
  }

  /** Raises the scale of every unit kept; false (nothing changed) when one would not fit. */
  private rescale(s: number, places: number): boolean {
    if (places >= POWERS_OF_TEN.length) return false;
    const factor = POWERS_OF_TEN[places - this.scale[s]!]!;
    const n = this.size[s]!;
    const units = this.units;
    for (let k = 0; k < n; k++) if (!(units[this.at(s, k)]! * factor <= Number.MAX_SAFE_INTEGER)) return false;
    if (!(this.sum[s]! * factor <= Number.MAX_SAFE_INTEGER)) return false;
    for (let k = 0; k < n; k++) units[this.at(s, k)]! *= factor;
    this.sum[s]! *= factor;
    this.scale[s] = places;
    return true;
  }

  /**
   * From now on the series keeps decimals: every amount kept turned to its text (and `amount` put
   * at pool offset `p`, when given), the running total recounted.
   */
  private toExact(s: number, p: number, amount?: string): void {
    this.anyExact = true;
    this.makeRoomForTexts();
    const n = this.size[s]!;
    const scale = this.scale[s]!;
    for (let k = 0; k < n; k++) {
      const q = this.at(s, k);
      this.texts[q] = canonicalOfUnits(this.units[q]!, scale);
    }
    if (amount !== undefined) this.texts[p] = amount;
    this.exact[s] = 1;
    this.exactSums[s] = new DecimalSum();
    this.recount(s);
  }

  private compare(s: number, p: number, q: number): number {
    if (this.exact[s]) return compareCanonical(this.texts[p]!, this.texts[q]!);
    return this.units[p]! - this.units[q]!;
  }

  private addToSum(s: number, p: number): void {
    if (this.exact[s]) return this.exactSums[s]!.add(this.texts[p]!);
    this.sum[s]! += this.units[p]!;
    if (!(this.sum[s]! <= Number.MAX_SAFE_INTEGER)) this.toExact(s, p);
  }

  /** Puts the award at pool offset `p` (the latest) at the end of the queue, after those it exceeds. */
  private pushCandidate(s: number, p: number): void {
    const base = this.base[s]!;
    const mask = this.mask[s]!;
    const qs = this.queueStart[s]!;
    let n = this.queueSize[s]!;
    while (n > 0 && this.compare(s, this.queue[base + ((qs + n - 1) & mask)]!, p) <= 0) n--;
    this.queue[base + ((qs + n) & mask)] = p;
    this.queueSize[s] = n + 1;
  }

  /** Moves the start of the running window to `from` (never back), taking off what falls out. */
  private slideTo(s: number, from: number): void {
    if (from > this.from[s]!) this.from[s] = from;
    const first = this.from[s]!;
    const base = this.base[s]!;
    const mask = this.mask[s]!;
    while (this.size[s]! > 1) {
      const p = base + (this.start[s]! & mask);
      if (this.days[p]! >= first) break;
      if (this.exact[s]) this.exactSums[s]!.subtract(this.texts[p]!);
      else this.sum[s]! -= this.units[p]!;
      if (this.queueSize[s]! > 0 && this.queue[base + (this.queueStart[s]! & mask)] === p) {
        this.queueStart[s] = (this.queueStart[s]! + 1) & mask;
        this.queueSize[s]!--;
      }
      this.start[s] = (this.start[s]! + 1) & mask;
      this.size[s]!--;
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
    if (!this.exact[s]) {
      let sum = 0;
      for (let k = first; k < end; k++) sum += this.units[this.at(s, k)]!;
      if (sum <= Number.MAX_SAFE_INTEGER) {
        into.total = canonicalOfUnits(sum, this.scale[s]!);
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
    const n = this.size[s]!;
    if (this.exact[s]) {
      const sum = this.exactSums[s]!;
      sum.clear();
      for (let k = 0; k < n; k++) sum.add(this.texts[this.at(s, k)]!);
    } else {
      let sum = 0;
      for (let k = 0; k < n; k++) sum += this.units[this.at(s, k)]!;
      this.sum[s] = sum;
      if (!(sum <= Number.MAX_SAFE_INTEGER)) return this.toExact(s, -1);
    }
    this.queueStart[s] = 0;
    this.queueSize[s] = 0;
    for (let k = 0; k < n; k++) this.pushCandidate(s, this.at(s, k));
  }

  /** Moves an award from pool offset `p` to `q` (same series). */
  private move(s: number, p: number, q: number): void {
    this.days[q] = this.days[p]!;
    this.lines[q] = this.lines[p]!;
    this.units[q] = this.units[p]!;
    if (this.exact[s]) this.texts[q] = this.texts[p]!;
  }

  /** Makes room in the series' block for `needed` awards: a first block, or one twice as large with the awards (and queue) copied in order. */
  private reserve(s: number, needed: number): void {
    const mask = this.mask[s]!;
    if (mask !== NO_BLOCK && needed <= mask + 1) return;
    let capacity = mask === NO_BLOCK ? FIRST_CAPACITY : (mask + 1) * 2;
    while (capacity < needed) capacity *= 2;
    const base = this.allocate(capacity);
    if (mask !== NO_BLOCK) {
      const old = this.base[s]!;
      const start = this.start[s]!;
      const n = this.size[s]!;
      for (let k = 0; k < n; k++) this.move(s, old + ((start + k) & mask), base + k);
      // The queue holds pool offsets: each is moved to its award's new place.
      const qs = this.queueStart[s]!;
      const qn = this.queueSize[s]!;
      for (let j = 0; j < qn; j++) this.queue[base + j] = base + ((this.queue[old + ((qs + j) & mask)]! - old - start) & mask);
      if (this.exact[s]) this.clearTexts(old, mask + 1);
      this.freeBlock(old, mask + 1);
    }
    this.base[s] = base;
    this.mask[s] = capacity - 1;
    this.start[s] = 0;
    this.queueStart[s] = 0;
  }

  private allocate(capacity: number): number {
    const free = this.freeBlocks[Math.log2(capacity)];
    if (free?.length) return free.pop()!;
    const base = this.used;
    this.used += capacity;
    while (this.used > this.days.length) {
      this.days = doubled(this.days);
      this.lines = doubled(this.lines);
      this.units = doubled(this.units);
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
    while (this.texts.length < this.days.length) this.texts.push('');
  }

  /** Lets go of the texts of a block given back. */
  private clearTexts(base: number, capacity: number): void {
    for (let p = base; p < base + capacity; p++) this.texts[p] = '';
  }
}
