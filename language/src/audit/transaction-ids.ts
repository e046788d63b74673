// The transactions seen by the audit's follow, by id: each id gets a number, in order of first sight.
// A step looks its transaction up once, on the thread that follows the records in order (the one
// the `--jobs` workers wait on); a `Map` of a few hundred thousand strings hashes the id there and
// chases an entry per lookup. Here the id's hash is made where the step is judged (`idHashOf`, on
// a worker with `--jobs`) and sent with it, and the table is open addressing on one typed array of
// (hash, number) pairs side by side (the table is larger than the cache and a lookup lands on a
// random bucket: one cache miss, not one per array): the id itself is compared only where a hash
// matches.

import { ownString } from '../util/exact.ts';

const EMPTY = -1;

/** A 32-bit hash of an id (FNV-1a over its UTF-16 code units). */
export function idHashOf(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  return h | 0;
}

/** Slots of a bucket in `buckets`. */
const HASH = 0;
const NUMBER = 1;
const BUCKET = 2;

export class TransactionIds {
  /** (hash, transaction number) per bucket; the number is `EMPTY` in a bucket with none. */
  private buckets: Int32Array;
  private mask: number;
  /** The id of each transaction, by number. */
  private readonly ids: string[] = [];

  constructor(capacity = 1 << 12) {
    let size = 16;
    while (size < capacity * 2) size *= 2;
    this.buckets = emptyBuckets(size);
    this.mask = size - 1;
  }

  get size(): number {
    return this.ids.length;
  }

  /** The number of the transaction `id` (whose hash is `hash`, from `idHashOf`), or -1 when not seen. */
  numberOf(id: string, hash: number): number {
    const mask = this.mask;
    const buckets = this.buckets;
    for (let b = mix(hash) & mask; ; b = (b + 1) & mask) {
      const n = buckets[b * BUCKET + NUMBER]!;
      if (n === EMPTY || (buckets[b * BUCKET + HASH] === hash && this.ids[n] === id)) return n;
    }
  }

  /** Numbers a transaction not seen before (`numberOf` said -1): the next number. */
  add(id: string, hash: number): number {
    const n = this.ids.length;
    this.ids.push(ownString(id));
    if (this.ids.length * 2 > this.mask + 1) this.grow();
    this.place(hash, n);
    return n;
  }

  private place(hash: number, n: number): void {
    const mask = this.mask;
    const buckets = this.buckets;
    let b = mix(hash) & mask;
    while (buckets[b * BUCKET + NUMBER] !== EMPTY) b = (b + 1) & mask;
    buckets[b * BUCKET + HASH] = hash;
    buckets[b * BUCKET + NUMBER] = n;
  }

  /** Doubles the table, every transaction in it placed again. */
  private grow(): void {
    const old = this.buckets;
    this.buckets = emptyBuckets((this.mask + 1) * 2);
    this.mask = this.mask * 2 + 1;
    for (let at = 0; at < old.length; at += BUCKET) if (old[at + NUMBER] !== EMPTY) this.place(old[at + HASH]!, old[at + NUMBER]!);
  }
}

function emptyBuckets(size: number): Int32Array {
  const buckets = new Int32Array(size * BUCKET);
  for (let at = NUMBER; at < buckets.length; at += BUCKET) buckets[at] = EMPTY;
  return buckets;
}

/** Spreads the hash's bits (ids that differ in their last characters only land far apart). */
function mix(hash: number): number {
  const h = Math.imul(hash ^ (hash >>> 16), 0x45d9f3b);
  return h ^ (h >>> 16);
}
