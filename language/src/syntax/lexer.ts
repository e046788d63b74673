// The hand-written lexer: text → compact tokens (parallel typed arrays of kind, start, end and line).
//
// It implements exactly the lexical grammar written down as Chevrotain token definitions in
// `tokens.ts` (same patterns, same order, keywords only when the whole name is the keyword, the same
// error runs), but with a char-code loop instead of one regex and one token object per token: that
// was 2x faster and allocates nothing per token. A sticky Unicode regex is used only where a name,
// a date or a quoted text needs it. Line starts are recorded as the loop passes each '\n', so a
// token's line is known without counting; only '\n' ends a line (a CRLF is one line break).

import { LineIndex } from './source-range.ts';

/** Token kinds (small integers, stored in a Uint8Array). `KIND_NAMES` gives the matching Chevrotain token type names. */
export const Kind = {
  Newline: 0,
  Date: 1,
  Number: 2,
  String: 3,
  And: 4,
  Or: 5,
  Not: 6,
  In: 7,
  Is: 8,
  Identifier: 9,
  LCurly: 10,
  RCurly: 11,
  LBracket: 12,
  RBracket: 13,
  LParen: 14,
  RParen: 15,
  Comma: 16,
  Semicolon: 17,
  Comparison: 18,
  /** After the last token: what a parser sees beyond the end of the file. */
  EOF: 19,
} as const;
export type Kind = (typeof Kind)[keyof typeof Kind];

/** `Kind` → name of the token type in `tokens.ts`. */
export const KIND_NAMES: readonly string[] = [
  'Newline',
  'DateLiteral',
  'NumberLiteral',
  'StringLiteral',
  'And',
  'Or',
  'Not',
  'In',
  'Is',
  'Identifier',
  'LCurly',
  'RCurly',
  'LBracket',
  'RBracket',
  'LParen',
  'RParen',
  'Comma',
  'Semicolon',
  'Comparison',
  'EOF',
];

/** A name, possibly one of the connectives of `when` (which are names everywhere else). */
export function isName(kind: Kind): boolean {
  return kind >= Kind.And && kind <= Kind.Identifier;
}

export interface LexedComment {
  start: number;
  end: number;
  line: number;
  block: boolean;
}

export interface LexError {
  offset: number;
  length: number;
}

/** The tokens of one text: token `i` is `kinds[i]`, `text.slice(starts[i], ends[i])`, on line `lines[i]`. */
export interface Tokens {
  text: string;
  count: number;
  kinds: Uint8Array;
  starts: Int32Array;
  ends: Int32Array;
  /** Zero-based line of the token's start. */
  lines: Int32Array;
  /** Offset of the first character of each line. */
  lineStarts: Int32Array;
  lineCount: number;
  /** The line starts as the ranges of the file keep them (trimmed to `lineCount`). */
  lineIndex: LineIndex;
  comments: LexedComment[];
  errors: LexError[];
}

// Character codes.
const TAB = 9;
const LF = 10;
const FF = 12;
const CR = 13;
const SPACE = 32;
const BANG = 33;
const QUOTE = 34;
const LPAREN = 40;
const RPAREN = 41;
const STAR = 42;
const COMMA = 44;
const DASH = 45;
const DOT = 46;
const SLASH = 47;
const ZERO = 48;
const NINE = 57;
const SEMI = 59;
const LT = 60;
const EQ = 61;
const GT = 62;
const LBRACKET = 91;
const BACKSLASH = 92;
const RBRACKET = 93;
const UNDERSCORE = 95;
const LCURLY = 123;
const RCURLY = 125;
const NBSP = 0xa0;
const BOM = 0xfeff;

/** Character classes of ASCII: what a name may start with or continue with. */
const NAME_START = 1;
const NAME_PART = 2;
const ASCII_CLASS = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const letter = (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  if (letter || c === UNDERSCORE) ASCII_CLASS[c] = NAME_START | NAME_PART;
  else if ((c >= ZERO && c <= NINE) || c === DASH || c === DOT) ASCII_CLASS[c] = NAME_PART;
}

// The patterns of `tokens.ts` that need Unicode classes, used only off the ASCII fast paths.
const NAME = /[\p{L}_][\p{L}\p{M}\p{N}_\-.]*(?:\/[\p{L}\p{M}\p{N}_\-.]+)*/uy;
const DATE = /\d{4}-\d{2}-\d{2}(?![\d\p{L}\p{M}_])/uy;

function isSpace(c: number): boolean {
  return c === SPACE || c === TAB || c === CR || c === FF || c === NBSP || c === BOM;
}

function isDigit(c: number): boolean {
  return c >= ZERO && c <= NINE;
}

/** End of the name at `at`, or -1. ASCII names are scanned by hand; any other character goes to NAME. */
function nameEnd(text: string, at: number): number {
  const first = text.charCodeAt(at);
  if (first < 128) {
    if ((ASCII_CLASS[first]! & NAME_START) === 0) return -1;
    let i = at + 1;
    const n = text.length;
    for (;;) {
      while (i < n) {
        const c = text.charCodeAt(i);
        if (c >= 128) return unicodeNameEnd(text, at);
        if ((ASCII_CLASS[c]! & NAME_PART) === 0) break;
        i++;
      }
      // `/` joins segments (finance/certify) only when a segment follows it.
      if (i + 1 < n && text.charCodeAt(i) === SLASH) {
        const next = text.charCodeAt(i + 1);
        if (next >= 128) return unicodeNameEnd(text, at);
        if ((ASCII_CLASS[next]! & NAME_PART) !== 0) {
          i += 2;
          continue;
        }
      }
      return i;
    }
  }
  return unicodeNameEnd(text, at);
}

function unicodeNameEnd(text: string, at: number): number {
  NAME.lastIndex = at;
  return NAME.test(text) ? NAME.lastIndex : -1;
}

/** `\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:_\d+)*(?:\.\d+)?` at a digit, as the regex alternation picks. */
function numberEnd(text: string, at: number): number {
  const n = text.length;
  let i = at;
  while (i < n && isDigit(text.charCodeAt(i))) i++;
  const run = i - at;
  // First alternative: 1-3 digits then groups of `,ddd`.
  if (run <= 3 && i < n && text.charCodeAt(i) === COMMA) {
    let j = i;
    while (j + 3 < n && text.charCodeAt(j) === COMMA && isDigit(text.charCodeAt(j + 1)) && isDigit(text.charCodeAt(j + 2)) && isDigit(text.charCodeAt(j + 3))) j += 4;
    if (j > i) return fractionEnd(text, j);
  }
  // Second alternative: digits with `_` separators.
  while (i + 1 < n && text.charCodeAt(i) === UNDERSCORE && isDigit(text.charCodeAt(i + 1))) {
    i += 2;
    while (i < n && isDigit(text.charCodeAt(i))) i++;
  }
  return fractionEnd(text, i);
}

function fractionEnd(text: string, i: number): number {
  if (i + 1 < text.length && text.charCodeAt(i) === DOT && isDigit(text.charCodeAt(i + 1))) {
    i += 2;
    while (i < text.length && isDigit(text.charCodeAt(i))) i++;
  }
  return i;
}

/** `\d{4}-\d{2}-\d{2}` not followed by a digit, letter, mark or `_`; -1 if not a date. */
function dateEnd(text: string, at: number): number {
  const c = (k: number) => text.charCodeAt(at + k);
  if (!(isDigit(c(1)) && isDigit(c(2)) && isDigit(c(3)) && c(4) === DASH && isDigit(c(5)) && isDigit(c(6)) && c(7) === DASH && isDigit(c(8)) && isDigit(c(9)))) {
    return -1;
  }
  const after = c(10);
  if (Number.isNaN(after)) return at + 10;
  if (after < 128) return (ASCII_CLASS[after]! & NAME_START) !== 0 || isDigit(after) ? -1 : at + 10;
  DATE.lastIndex = at;
  return DATE.test(text) ? at + 10 : -1;
}

/** End of a quoted text on one line, or -1 when it is not terminated. */
function stringEnd(text: string, at: number): number {
  const n = text.length;
  for (let i = at + 1; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) return i + 1;
    if (c === LF) return -1;
    if (c === BACKSLASH) {
      // `\\.`: any character but a line terminator ('.' without the s flag).
      const e = text.charCodeAt(i + 1);
      if (e === LF || e === CR || e === 0x2028 || e === 0x2029 || Number.isNaN(e)) return -1;
      i++;
    }
  }
  return -1;
}

/** Whether some token (or white space, or a comment) starts at `at`: where an error run ends. */
function tokenStartsAt(text: string, at: number): boolean {
  const c = text.charCodeAt(at);
  if (isSpace(c) || c === LF || isDigit(c)) return true;
  switch (c) {
    case LCURLY:
    case RCURLY:
    case LBRACKET:
    case RBRACKET:
    case LPAREN:
    case RPAREN:
    case COMMA:
    case SEMI:
    case LT:
    case GT:
    case EQ:
      return true;
    case BANG:
      return text.charCodeAt(at + 1) === EQ;
    case SLASH: {
      const next = text.charCodeAt(at + 1);
      return next === SLASH || (next === STAR && text.indexOf('*/', at + 2) >= 0);
    }
    case QUOTE:
      return stringEnd(text, at) >= 0;
  }
  return nameEnd(text, at) >= 0;
}

const KEYWORDS: Readonly<Record<string, Kind>> = { and: Kind.And, or: Kind.Or, not: Kind.Not, in: Kind.In, is: Kind.Is };

function keywordOrName(text: string, start: number, end: number): Kind {
  const length = end - start;
  if (length < 2 || length > 3) return Kind.Identifier;
  const c = text.charCodeAt(start);
  // Only names starting with a, o, n or i can be keywords; most names are rejected here.
  if (c !== 97 && c !== 111 && c !== 110 && c !== 105) return Kind.Identifier;
  return KEYWORDS[text.slice(start, end)] ?? Kind.Identifier;
}

// What an ASCII character starts. The main loop is a small dispatch on this table: a small hot
// function is optimised sooner and compiles in less time, which is most of the cost of a cold run.
const START_NAME = 1;
const START_SPACE = 2;
const START_LF = 3;
const START_DIGIT = 4;
const START_PUNCTUATION = 5;
const START_OTHER = 6;
const ASCII_START = new Uint8Array(128).fill(START_OTHER);
/** The token kind of a one-character token: `{ } [ ] ( ) , ; =`. */
const PUNCTUATION_KIND = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  if ((ASCII_CLASS[c]! & NAME_START) !== 0) ASCII_START[c] = START_NAME;
  else if (isDigit(c)) ASCII_START[c] = START_DIGIT;
}
for (const c of [SPACE, TAB, CR, FF]) ASCII_START[c] = START_SPACE;
ASCII_START[LF] = START_LF;
for (const [c, kind] of [
  [LCURLY, Kind.LCurly],
  [RCURLY, Kind.RCurly],
  [LBRACKET, Kind.LBracket],
  [RBRACKET, Kind.RBracket],
  [LPAREN, Kind.LParen],
  [RPAREN, Kind.RParen],
  [COMMA, Kind.Comma],
  [SEMI, Kind.Semicolon],
  [EQ, Kind.Comparison],
] as const) {
  ASCII_START[c] = START_PUNCTUATION;
  PUNCTUATION_KIND[c] = kind;
}

/** The growing token arrays of one text. */
class TokenBuffer {
  count = 0;
  kinds: Uint8Array;
  starts: Int32Array;
  ends: Int32Array;
  lines: Int32Array;
  lineStarts: Int32Array;
  lineCount = 1;
  line = 0;

  constructor(textLength: number) {
    // About one token per five characters in policy files; the arrays double when that is short.
    const capacity = (textLength >> 2) + 16;
    this.kinds = new Uint8Array(capacity);
    this.starts = new Int32Array(capacity);
    this.ends = new Int32Array(capacity);
    this.lines = new Int32Array(capacity);
    this.lineStarts = new Int32Array((textLength >> 5) + 16);
  }

  push(kind: Kind, start: number, end: number): void {
    const i = this.count;
    if (i === this.kinds.length) this.grow();
    this.kinds[i] = kind;
    this.starts[i] = start;
    this.ends[i] = end;
    this.lines[i] = this.line;
    this.count = i + 1;
  }

  newLine(nextLineStart: number): void {
    if (this.lineCount === this.lineStarts.length) this.lineStarts = grow(this.lineStarts, new Int32Array(this.lineCount * 2));
    this.lineStarts[this.lineCount++] = nextLineStart;
    this.line++;
  }

  private grow(): void {
    const capacity = this.kinds.length * 2;
    this.kinds = grow(this.kinds, new Uint8Array(capacity));
    this.starts = grow(this.starts, new Int32Array(capacity));
    this.ends = grow(this.ends, new Int32Array(capacity));
    this.lines = grow(this.lines, new Int32Array(capacity));
  }
}

/** Lexes a whole text. Never throws: characters that start no token become error runs. */
export function lex(text: string): Tokens {
  const n = text.length;
  const out = new TokenBuffer(n);
  const comments: LexedComment[] = [];
  const errors: LexError[] = [];
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    const start = c < 128 ? ASCII_START[c]! : c === NBSP || c === BOM ? START_SPACE : START_OTHER;
    if (start === START_NAME) {
      const end = nameEnd(text, i);
      out.push(keywordOrName(text, i, end), i, end);
      i = end;
    } else if (start === START_SPACE) {
      i++;
      while (i < n && isSpace(text.charCodeAt(i))) i++;
    } else if (start === START_LF) {
      out.push(Kind.Newline, i, i + 1);
      out.newLine(++i);
    } else if (start === START_PUNCTUATION) {
      out.push(PUNCTUATION_KIND[c] as Kind, i, ++i);
    } else if (start === START_DIGIT) {
      const date = dateEnd(text, i);
      const end = date >= 0 ? date : numberEnd(text, i);
      out.push(date >= 0 ? Kind.Date : Kind.Number, i, end);
      i = end;
    } else {
      i = lexOther(text, i, out, comments, errors);
    }
  }
  const { count, kinds, starts, ends, lines, lineStarts, lineCount } = out;
  const lineIndex = new LineIndex(lineStarts.slice(0, lineCount), n);
  return { text, count, kinds, starts, ends, lines, lineStarts, lineCount, lineIndex, comments, errors };
}

/** The rarer starts: comparisons, quoted texts, comments, non-ASCII names and error runs. Returns where lexing goes on. */
function lexOther(text: string, i: number, out: TokenBuffer, comments: LexedComment[], errors: LexError[]): number {
  const c = text.charCodeAt(i);
  const next = text.charCodeAt(i + 1);
  let end = -1;
  let kind: Kind = Kind.Comparison;
  if (c === LT || c === GT) end = next === EQ ? i + 2 : i + 1;
  else if (c === BANG) end = next === EQ ? i + 2 : -1;
  else if (c === QUOTE) {
    end = stringEnd(text, i);
    kind = Kind.String;
  } else if (c === SLASH && next === SLASH) {
    const eol = text.indexOf('\n', i + 2);
    const commentEnd = eol < 0 ? text.length : eol;
    comments.push({ start: i, end: commentEnd, line: out.line, block: false });
    return commentEnd;
  } else if (c === SLASH && next === STAR) {
    const close = text.indexOf('*/', i + 2);
    if (close >= 0) {
      comments.push({ start: i, end: close + 2, line: out.line, block: true });
      for (let k = text.indexOf('\n', i + 2); k >= 0 && k < close; k = text.indexOf('\n', k + 1)) out.newLine(k + 1);
      return close + 2;
    }
  } else if (c >= 128) {
    end = unicodeNameEnd(text, i);
    kind = Kind.Identifier;
  }
  if (end > i) {
    out.push(kind, i, end);
    return end;
  }
  // No token starts here: drop characters until one does, and report them as one error.
  let to = i + 1;
  while (to < text.length && !tokenStartsAt(text, to)) to++;
  errors.push({ offset: i, length: to - i });
  return to;
}

function grow<T extends Uint8Array | Int32Array>(from: T, to: T): T {
  to.set(from);
  return to;
}

/** The text a quoted text means: without its quotes, backslash-n and backslash-t as line break and tab, backslash-x as x. */
export function unquote(raw: string): string {
  const inner = raw.slice(1, -1);
  // Most quoted texts have no escape: no regex for them.
  if (!inner.includes('\\')) return inner;
  return inner.replace(/\\(.)/g, (_m, c: string) => (c === 'n' ? '\n' : c === 't' ? '\t' : c));
}
