// A map from a pair of integers to a non-negative integer, kept in one typed array (open addressing,
// linear probing): what the split-purchase follow looks an award's series up by (vendor code, person
// and authority slot) once per award. A `Map` of `Map`s cost two hashed lookups, an entry object per
// key and a pointer chase per lookup; here a lookup reads three numbers side by side.
//
// A bucket is (first, second, value) in three consecutive slots of one `Float64Array`: the table is
// far larger than the cache and a lookup lands on a random bucket, so the key and value in one
// cache line cost one miss where three arrays (keys, keys, values) cost three.
//
// Keys are integers within ±2^53 (a slot is person × authorities + authority and may pass 2^31),
// hence 64-bit floats. Entries are removed only in bulk (`retain`), which rebuilds the table:
// probing then never meets a deleted entry.

const EMPTY = -1;
/** Slots of a bucket. */
const FIRST = 0;
const SECOND = 1;
const VALUE = 2;
const BUCKET = 3;

export class PairTable {
  /** The buckets, BUCKET slots each; a bucket's VALUE is `EMPTY` when it holds no entry. */
  private buckets: Float64Array;
  private mask: number;
  private count = 0;

  constructor(capacity = 1 << 10) {
    let size = 16;
    while (size < capacity * 2) size *= 2;
    this.buckets = emptyBuckets(size);
    this.mask = size - 1;
  }

  get size(): number {
    return this.count;
  }

  /** The value of (first, second), or -1 when there is none. */
  get(first: number, second: number): number {
    const mask = this.mask;
    const buckets = this.buckets;
    for (let b = bucketOf(first, second) & mask; ; b = (b + 1) & mask) {
      const at = b * BUCKET;
      const v = buckets[at + VALUE]!;
      if (v === EMPTY || (buckets[at + FIRST] === first && buckets[at + SECOND] === second)) return v;
    }
  }

  /** Sets the value (≥ 0) of (first, second). */
  set(first: number, second: number, value: number): void {
    if (!(value >= 0 && value <= 0x7fffffff && Number.isInteger(value))) throw new RangeError(`a pair table holds integers from 0 to 2^31 - 1, not ${value}`);
    if ((this.count + 1) * 2 > this.mask + 1) this.rebuild((this.mask + 1) * 2, () => true);
    const mask = this.mask;
    const buckets = this.buckets;
    for (let b = bucketOf(first, second) & mask; ; b = (b + 1) & mask) {
      const at = b * BUCKET;
      const v = buckets[at + VALUE]!;
      if (v === EMPTY) {
        buckets[at + FIRST] = first;
        buckets[at + SECOND] = second;
        buckets[at + VALUE] = value;
        this.count++;
        return;
      }
      if (buckets[at + FIRST] === first && buckets[at + SECOND] === second) {
        buckets[at + VALUE] = value;
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
    const old = this.buckets;
    this.buckets = emptyBuckets(size);
    this.mask = size - 1;
    this.count = 0;
    for (let at = 0; at < old.length; at += BUCKET) {
      const v = old[at + VALUE]!;
      if (v !== EMPTY && keep(v)) this.set(old[at + FIRST]!, old[at + SECOND]!, v);
    }
  }
}

function emptyBuckets(size: number): Float64Array {
  const buckets = new Float64Array(size * BUCKET);
  for (let at = VALUE; at < buckets.length; at += BUCKET) buckets[at] = EMPTY;
  return buckets;
}

/** A 32-bit mix of both keys (their low and high 32 bits), so that near keys land far apart. */
function bucketOf(first: number, second: number): number {
  let h = Math.imul(first | 0, 0x9e3779b1) ^ Math.imul((second | 0) + 0x7f4a7c15, 0x85ebca6b);
  h ^= Math.imul((second / 4294967296) | 0, 0xc2b2ae35) ^ ((first / 4294967296) | 0);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  return h ^ (h >>> 13);
}
