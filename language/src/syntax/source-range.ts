// The compact range of the syntax tree and the AST: two offsets and the file's line table.
//
// Every value, key, statement and reference of a parsed file has a range, and the AST keeps most of
// them for as long as the workspace lives. As plain data a range was three objects (the range and
// two `Position`s); on a 100k-line workspace they were most of the objects that survive parsing, and
// copying and marking them was about a fifth of a cold check's CPU. A `SourceRange` is one object
// that computes its positions when asked: only findings, diagnostics and editor features ever ask,
// and a finding keeps a plain copy (`plainRange`) so that what leaves the core is plain JSON.
import type { Position, Range } from './syntax-tree.ts';

/** Where each line of a text starts; shared by every range of one file. Only '\n' ends a line. */
export class LineIndex {
  constructor(
    /** Offset of the first character of each line, one entry per line (line 0 starts at 0). */
    readonly lineStarts: Int32Array,
    /** Length of the text: positions are clamped to it. */
    readonly textLength: number,
  ) {}

  /** The line found last: readers walk a tree in order, so the next offset is mostly on it. */
  private lastLine = 0;

  /** Zero-based line of an offset: the line found last if it holds it, else by binary search. */
  lineOf(offset: number): number {
    const lineStarts = this.lineStarts;
    const last = this.lastLine;
    if (lineStarts[last]! <= offset && (last + 1 === lineStarts.length || offset < lineStarts[last + 1]!)) return last;
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return (this.lastLine = lo);
  }

  /** The position of an offset (clamped to the text), as LSP counts it: line and UTF-16 character. */
  position(offset: number): Position {
    const at = Math.min(Math.max(offset, 0), this.textLength);
    const line = this.lineOf(at);
    return { line, character: at - this.lineStarts[line]!, offset: at };
  }
}

/**
 * A range of a parsed text: `start` and `end` are computed on each read, so a reader that needs
 * them more than once should keep them. Serialises (`toJSON`) as the plain `{ start, end }` it
 * stands for. Equal by value to the plain range, never by identity.
 */
export class SourceRange implements Range {
  constructor(
    readonly lines: LineIndex,
    readonly startOffset: number,
    readonly endOffset: number,
  ) {}

  get start(): Position {
    return this.lines.position(this.startOffset);
  }

  get end(): Position {
    return this.lines.position(this.endOffset);
  }

  toJSON(): Range {
    return { start: this.start, end: this.end };
  }
}

/** From the start of `from` to the end of `to`: one compact range when both are ranges of the same file. */
export function spanRange(from: Range, to: Range): Range {
  if (from instanceof SourceRange && to instanceof SourceRange && from.lines === to.lines) {
    return new SourceRange(from.lines, from.startOffset, to.endOffset);
  }
  return { start: from.start, end: to.end };
}

/**
 * Plain copies already made, by what they copy. Findings share places (an instrument's location
 * is in the chain of every finding under it; an audit makes tens of thousands of findings on a few
 * thousand instruments), so each place is copied once, as the compact one was shared before.
 */
const plainCopies = new WeakMap<object, object>();

function copiedOnce<T extends object>(original: T, copy: () => T): T {
  let made = plainCopies.get(original) as T | undefined;
  if (made === undefined) plainCopies.set(original, (made = copy()));
  return made;
}

/** The range as plain data: a compact range's one plain copy, a plain range itself. */
export function plainRange(range: Range): Range {
  if (!(range instanceof SourceRange)) return range;
  // `toJSON` is the plain range: its positions are new objects on each read.
  return copiedOnce<Range>(range, () => range.toJSON());
}

/** Something located (a finding's related location, a chain link's place) with a plain range: one copy per original. */
export function withPlainRange<T extends { range: Range }>(located: T): T {
  if (!(located.range instanceof SourceRange)) return located;
  return copiedOnce(located, () => ({ ...located, range: plainRange(located.range) }));
}

/** Something with an optional place (a chain link) whose place is plain: one copy per original. */
export function withPlainLocation<T extends { location?: { range: Range } }>(item: T): T {
  const location = item.location;
  if (!location || !(location.range instanceof SourceRange)) return item;
  return copiedOnce(item, () => ({ ...item, location: withPlainRange(location) }));
}

/** `list` with `plain` applied to each item: the list itself when no item needed a copy. */
export function plainItems<T>(list: T[], plain: (item: T) => T): T[] {
  for (const item of list) if (plain(item) !== item) return list.map(plain);
  return list;
}

/** The start offset of a range without working out its position. */
export function startOffsetOf(range: Range): number {
  return range instanceof SourceRange ? range.startOffset : range.start.offset;
}
