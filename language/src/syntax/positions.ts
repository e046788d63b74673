// Conversions from Chevrotain tokens (1-based lines and columns, inclusive end offsets) to the
// zero-based, end-exclusive ranges used everywhere else.
import type { IToken } from 'chevrotain';
import type { Position, Range } from './syntax-tree.ts';

import { SourceRange, type LineIndex } from './source-range.ts';

export { spanRange } from './source-range.ts';

export function tokenStart(token: IToken): Position {
  return { line: (token.startLine ?? 1) - 1, character: (token.startColumn ?? 1) - 1, offset: token.startOffset };
}

/** The position just after the token. */
export function tokenEnd(token: IToken): Position {
  const image = token.image;
  const lastBreak = image.lastIndexOf('\n');
  if (lastBreak >= 0) {
    // Count the breaks rather than trust `endLine`: Chevrotain leaves `endLine` on the start line for
    // a token that ends with its only line break (the Newline token), which gave ranges ending before
    // they start (`1:14-1:0`). The position after a '\n' is the start of the next line.
    let breaks = 0;
    for (let i = 0; i < image.length; i++) if (image.charCodeAt(i) === 10) breaks++;
    return { line: (token.startLine ?? 1) - 1 + breaks, character: image.length - lastBreak - 1, offset: token.startOffset + image.length };
  }
  return { line: (token.startLine ?? 1) - 1, character: (token.startColumn ?? 1) - 1 + image.length, offset: token.startOffset + image.length };
}

/** The range of a token; a compact one when the file's line table is given and the token is in the text. */
export function tokenRange(token: IToken, lines?: LineIndex): Range {
  // A token inserted by recovery has no offset: its range stays what Chevrotain's numbers give.
  if (lines && !Number.isNaN(token.startOffset)) return new SourceRange(lines, token.startOffset, token.startOffset + token.image.length);
  return { start: tokenStart(token), end: tokenEnd(token) };
}

/** Position of an offset in a text, computed by counting lines (used for end-of-file problems). */
export function positionAt(text: string, offset: number): Position {
  let line = 0;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, character: Math.min(offset, text.length) - lineStart, offset: Math.min(offset, text.length) };
}

export function emptyRangeAt(text: string, offset: number): Range {
  const p = positionAt(text, offset);
  return { start: p, end: p };
}

export function containsPosition(range: Range, line: number, character: number): boolean {
  if (line < range.start.line || line > range.end.line) return false;
  if (line === range.start.line && character < range.start.character) return false;
  if (line === range.end.line && character > range.end.character) return false;
  return true;
}
