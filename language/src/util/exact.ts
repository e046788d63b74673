// What is kept for long, kept without waste: lists at their exact sizes, strings of their own, typed
// arrays grown by doubling.
//
// V8 gives an array 17 slots on its first push and grows it by half plus 16, and a spread or a
// `filter` leaves room too: a one-element array built so takes ~200 bytes where a literal takes ~70.
// The AST and the model keep tens of thousands of such short lists (a person's holdings, a post's
// functions, an instrument's grants, a party's posts), which on the 100k-line benchmark workspace
// came to 13 MB of a 67 MB heap: memory that every garbage collection of a cold check copies or
// marks. A list that is complete is therefore copied once to its exact size.

/**
 * The list of no items, shared by every empty list the AST, the model, the facts and the audit keep
 * (most people declare no interest, most instruments no basis, most steps miss no training): one
 * frozen array instead of one each. Frozen, since what is kept is read only once built; a list still
 * being built is replaced rather than pushed to (`appended` in `ast/reader.ts`).
 */
export const NONE: readonly never[] = Object.freeze([]);

/** `NONE` as a list of `T`. */
export function none<T>(): T[] {
  return NONE as unknown as T[];
}

/** `items`, or a copy of it with no spare capacity (`slice` allocates exactly its length). */
export function exact<T>(items: T[]): T[] {
  return items.length === 0 ? items : items.slice();
}

/**
 * `text` as a string of its own. V8 makes a substring of 13 or more characters a slice that points
 * into its parent, so a short id kept from a record would keep the whole chunk of the file it was
 * read from alive; shorter ones are copied already.
 */
export function ownString(text: string): string {
  return text.length < 13 ? text : (' ' + text).slice(1);
}

type GrowableArray = Int8Array | Int32Array | Float64Array;

/** A typed array of twice the length with `from`'s contents at its start (the rest zero). */
export function doubled<T extends GrowableArray>(from: T): T {
  const grown = new (from.constructor as new (length: number) => T)(from.length * 2);
  grown.set(from);
  return grown;
}
