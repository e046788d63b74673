// The transactions seen by the audit's follow, by id: each id gets a number, in order of first sight.
// A step looks its transaction up once, on the thread that follows the records in order (the one
// the `--jobs` workers wait on); a `Map` of a few hundred thousand strings hashes the id there and
// chases an entry per lookup. Here the id's hash is made where the step is judged (`idHashOf`, on
// a worker with `--jobs`) and sent with it, and the table is open addressing on typed arrays (hash,
// number): the id itself is compared only where a hash matches.

import { ownString } from '../util/exact.ts';

const EMPTY = -1;

/** A 32-bit hash of an id (FNV-1a over its UTF-16 code units). */
export function idHashOf(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  return h | 0;
}

export class TransactionIds {
  private hashes: Int32Array;
  /** The transaction number in each bucket, or `EMPTY`. */
  private numbers: Int32Array;
  private mask: number;
  /** The id of each transaction, by number. */
  private readonly ids: string[] = [];

  constructor(capacity = 1 << 12) {
    let size = 16;
    while (size < capacity * 2) size *= 2;
    this.hashes = new Int32Array(size);
    this.numbers = new Int32Array(size).fill(EMPTY);
    this.mask = size - 1;
  }

  get size(): number {
    return this.ids.length;
  }

  /** The number of the transaction `id` (whose hash is `hash`, from `idHashOf`), or -1 when not seen. */
  numberOf(id: string, hash: number): number {
    const mask = this.mask;
    for (let b = mix(hash) & mask; ; b = (b + 1) & mask) {
      const n = this.numbers[b]!;
      if (n === EMPTY || (this.hashes[b] === hash && this.ids[n] === id)) return n;
    }
  }

  /** Numbers a transaction not seen before (`numberOf` said -1): the next number. */
  add(id: string, hash: number): number {
    const n = this.ids.length;
    this.ids.push(ownString(id));
    if (this.ids.length * 2 > this.numbers.length) this.grow();
    this.place(hash, n);
    return n;
  }

  private place(hash: number, n: number): void {
    const mask = this.mask;
    let b = mix(hash) & mask;
    while (this.numbers[b] !== EMPTY) b = (b + 1) & mask;
    this.hashes[b] = hash;
    this.numbers[b] = n;
  }

  /** Doubles the table, every transaction in it placed again. */
  private grow(): void {
    const { hashes, numbers } = this;
    this.hashes = new Int32Array(hashes.length * 2);
    this.numbers = new Int32Array(numbers.length * 2).fill(EMPTY);
    this.mask = this.numbers.length - 1;
    for (let b = 0; b < numbers.length; b++) if (numbers[b] !== EMPTY) this.place(hashes[b]!, numbers[b]!);
  }
}

/** Spreads the hash's bits (ids that differ in their last characters only land far apart). */
function mix(hash: number): number {
  const h = Math.imul(hash ^ (hash >>> 16), 0x45d9f3b);
  return h ^ (h >>> 16);
}
