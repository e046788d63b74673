// Arrays kept for the life of a workspace, without the spare room a push leaves behind.
//
// V8 gives an array 17 slots on its first push and grows it by half plus 16, and a spread or a
// `filter` leaves room too: a one-element array built so takes ~200 bytes where a literal takes ~70.
// The AST and the model keep tens of thousands of such short lists (a person's holdings, a post's
// functions, an instrument's grants, a party's posts), which on the 100k-line benchmark workspace
// came to 13 MB of a 67 MB heap: memory that every garbage collection of a cold check copies or
// marks. A list that is complete is therefore copied once to its exact size.

/** `items`, or a copy of it with no spare capacity (`slice` allocates exactly its length). */
export function exact<T>(items: T[]): T[] {
  return items.length === 0 ? items : items.slice();
}
