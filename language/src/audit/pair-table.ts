// A map from a pair of integers to a non-negative integer, kept in typed arrays (open addressing,
// linear probing): what the split-purchase follow looks an award's series up by (vendor code, person
// and authority slot) once per award. A `Map` of `Map`s cost two hashed lookups, an entry object per
// key and a pointer chase per lookup; here a lookup reads three numbers from flat arrays.
//
// Keys are integers within ±2^53 (a slot is person × authorities + authority and may pass 2^31),
// so they are kept in `Float64Array`s. Entries are removed only in bulk (`retain`), which rebuilds
// the table: probing then never meets a deleted entry.

const EMPTY = -1;

export class PairTable {
  private firsts: Float64Array;
  private seconds: Float64Array;
  /** The value of each bucket, or `EMPTY`. */
  private values: Int32Array;
  private mask: number;
  private count = 0;

  constructor(capacity = 1 << 10) {
    let size = 16;
    while (size < capacity * 2) size *= 2;
    this.firsts = new Float64Array(size);
    this.seconds = new Float64Array(size);
    this.values = new Int32Array(size).fill(EMPTY);
    this.mask = size - 1;
  }

  get size(): number {
    return this.count;
  }

  /** The value of (first, second), or -1 when there is none. */
  get(first: number, second: number): number {
    const mask = this.mask;
    for (let b = bucketOf(first, second) & mask; ; b = (b + 1) & mask) {
      const v = this.values[b]!;
      if (v === EMPTY || (this.firsts[b] === first && this.seconds[b] === second)) return v;
    }
  }

  /** Sets the value (≥ 0) of (first, second). */
  set(first: number, second: number, value: number): void {
    if (!(value >= 0 && value <= 0x7fffffff && Number.isInteger(value))) throw new RangeError(`a pair table holds integers from 0 to 2^31 - 1, not ${value}`);
    if ((this.count + 1) * 2 > this.values.length) this.rebuild(this.values.length * 2, () => true);
    const mask = this.mask;
    for (let b = bucketOf(first, second) & mask; ; b = (b + 1) & mask) {
      const v = this.values[b]!;
      if (v === EMPTY) {
        this.firsts[b] = first;
        this.seconds[b] = second;
        this.values[b] = value;
        this.count++;
        return;
      }
      if (this.firsts[b] === first && this.seconds[b] === second) {
        this.values[b] = value;
        return;
      }
    }
  }

  /** Keeps the entries whose value `keep` says yes to; drops the others (in one rebuild). */
  retain(keep: (value: number) => boolean): void {
    let size = 16;
    while (size < this.count * 2) size *= 2;
    this.rebuild(Math.max(size, 1 << 10), keep);
  }

  private rebuild(size: number, keep: (value: number) => boolean): void {
    const { firsts, seconds, values } = this;
    this.firsts = new Float64Array(size);
    this.seconds = new Float64Array(size);
    this.values = new Int32Array(size).fill(EMPTY);
    this.mask = size - 1;
    this.count = 0;
    for (let b = 0; b < values.length; b++) {
      const v = values[b]!;
      if (v !== EMPTY && keep(v)) this.set(firsts[b]!, seconds[b]!, v);
    }
  }
}

/** A 32-bit mix of both keys (their low and high 32 bits), so that near keys land far apart. */
function bucketOf(first: number, second: number): number {
  let h = Math.imul(first | 0, 0x9e3779b1) ^ Math.imul((second | 0) + 0x7f4a7c15, 0x85ebca6b);
  h ^= Math.imul((second / 4294967296) | 0, 0xc2b2ae35) ^ ((first / 4294967296) | 0);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  return h ^ (h >>> 13);
}
