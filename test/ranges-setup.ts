// A compact range (`SourceRange`: offsets and the file's line table, positions worked out on read)
// stands for the plain `{ start, end }` it serialises to, so tests compare it by value: with a plain
// range, an asymmetric matcher or another compact range. Nothing else about equality changes.
import { expect } from 'vitest';
import { SourceRange } from '../language/src/syntax/source-range.ts';

expect.addEqualityTesters([
  function sourceRangeEquality(a: unknown, b: unknown, customTesters) {
    if (!(a instanceof SourceRange) && !(b instanceof SourceRange)) return undefined;
    const plain = (x: unknown) => (x instanceof SourceRange ? x.toJSON() : x);
    return this.equals(plain(a), plain(b), customTesters);
  },
]);
