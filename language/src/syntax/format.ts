// The formatter: one canonical layout for a doa file, printed from the generic syntax tree.
//
// Canonical layout
// ----------------
// - One statement per line. Statements written on one line with `;` separators
//   (`post X "t" { entity E; grade P-4 }`) are split over several lines; `;` is never printed.
// - A statement prints as `key value value …`, values separated by one space. Atoms are printed
//   from their `raw` source text verbatim (numbers, dates, quoted texts and names are never
//   rewritten). A bracketed list prints `[a, b, c]`, a list written with commas only prints
//   `a, b, c` (the drafter's choice is kept); a list written over several lines is joined onto one.
// - A block opens with ` {` at the end of the statement line; its statements are indented by one
//   level (2 spaces, `options.indent`), and `}` stands alone on its own line at the statement's
//   indentation. A block with no statement and no comment prints `{ }` on the statement line.
// - `when` conditions print on one line from the expression tree: `and`, `or`, `not`, comparisons
//   as `field op value…` and tests as `field is missing|present`. Parentheses are printed exactly
//   where the tree needs them to parse back to the same tree: an `or` or an `and` operand of an
//   `and`, an `or` operand of an `or`, and an `and`/`or` operand of `not`. The author's other
//   parentheses (around a comparison, or around an `and` inside an `or`) are dropped. Long
//   conditions are not wrapped.
// - Blank lines: where the source has one or more blank lines between two items of a block
//   (statements and comments on their own lines), exactly one is kept; there is none at the start
//   or the end of a block, none at the start of the file, and the file ends with exactly one
//   newline. An empty file (no statement, no comment) formats to the empty text.
// - Line endings are `\n`; whitespace that is not in a quoted text or a comment is not kept.
//
// Comments are never dropped
// --------------------------
// Comment texts are printed verbatim, except that a line comment loses its trailing whitespace and a
// block comment's CRLF line breaks become `\n` (the lines after the first line of a multi-line
// block comment keep their own indentation: the formatter never edits inside a comment).
// - A comment on its own line(s) before a statement stays before that statement, at the
//   statement's indentation, one comment per line.
// - A trailing comment, i.e. a comment that starts on the line where a statement ends (after its
//   last value, or after its `}`), stays at the end of that line, one space after the statement.
//   Several trailing comments on that line stay together, separated by one space.
// - A comment on the line of a block's `{` (before the block's first statement) stays at the end
//   of the `{` line: `area A { // comment`.
// - Comments after the last statement of a block stay inside the block, before `}`; comments at the
//   end of the file stay at the end of the file.
// - Comments inside a statement's own text (between its key and values, between two values, inside
//   a multi-line list or a multi-line `when` condition, before its `{`) cannot stay there, because
//   the statement is printed on one line: they are moved, in order, onto their own lines just
//   before the statement (after the statement's leading comments). Once moved they are ordinary
//   leading comments, so formatting again leaves them where they are.
//
// Safety
// ------
// A file with syntax problems is not formatted (the error variant is returned): the recovering
// parser's tree of a broken file does not hold all of its text. After printing, the result is
// parsed again and compared with the input (same statements, keys, value raws, lists, conditions,
// blocks, and the same comment texts); if anything differs the error variant is returned instead
// of a text that would lose something. The result is idempotent: format(format(x)) = format(x).
//
// `formatRange` formats only the top-level statements (with their comments) that overlap a range
// and returns the text edit to apply (at most one edit, covering those statements).
import { parse } from './parser.ts';
import { positionAt } from './positions.ts';
import type { Comment, Expr, Problem, Range, Statement, SyntaxFile, SyntaxValue } from './syntax-tree.ts';

export interface FormatOptions {
  /** Spaces per block level; default 2. Negative or non-integer values are clamped/truncated. */
  indent?: number;
}

export type FormatError = { error: string; problems: Problem[] };
export type FormatResult = { text: string; changed: boolean } | FormatError;

/** An LSP-style text edit: replace `range` of the original text by `newText`. */
export interface TextEdit {
  range: Range;
  newText: string;
}

export type FormatRangeResult = { edits: TextEdit[] } | FormatError;

/** A position as an editor sends it (zero-based line and UTF-16 character); `offset` is ignored. */
export interface LineCharacter {
  line: number;
  character: number;
}

const FORMAT_URI = 'memory:///format.doa';

/** Formats a whole file into the canonical layout (see the top of this file). */
export function format(text: string, options: FormatOptions = {}): FormatResult {
  const file = parse(FORMAT_URI, text);
  const refused = refuse(file);
  if (refused) return refused;
  const printer = new Printer(file, indentUnit(options));
  const chunks = printer.block(file.statements, text.length, 0);
  const lines = printer.join(chunks);
  const out = lines.length > 0 ? `${lines.join('\n')}\n` : '';
  const problem = compare(file, out);
  if (problem) return { error: `The formatter could not keep the file exactly (${problem}); the file was left unchanged`, problems: [] };
  return { text: out, changed: out !== text };
}

/**
 * Formats the top-level statements that overlap `range` (with their leading, inner and trailing
 * comments; comments at the end of the file count as one more top-level item). Returns at most one
 * edit, covering the first to the last such statement; nothing else in the file is touched, so a
 * statement that shares a line with an unselected statement stays on that line.
 */
export function formatRange(text: string, range: { start: LineCharacter; end: LineCharacter }, options: FormatOptions = {}): FormatRangeResult {
  const file = parse(FORMAT_URI, text);
  const refused = refuse(file);
  if (refused) return refused;
  const printer = new Printer(file, indentUnit(options));
  const chunks = printer.block(file.statements, text.length, 0);
  let from = offsetAt(text, range.start);
  let to = offsetAt(text, range.end);
  if (to < from) [from, to] = [to, from];
  // A statement's span includes its indentation when nothing else precedes it on its line, and the
  // spaces and `;` after it when nothing else follows it on its line.
  const spans = chunks.map((c) => ({ start: lineStartOf(text, c.start), end: lineEndOf(text, c.end) }));
  const selected = chunks.filter((_c, i) => {
    const span = spans[i]!;
    return from === to ? span.start <= from && from <= span.end : span.start < to && span.end > from;
  });
  if (selected.length === 0) return { edits: [] };
  const first = chunks.indexOf(selected[0]!);
  const start = spans[first]!.start;
  const end = spans[first + selected.length - 1]!.end;
  const newText = printer.join(selected).join('\n');
  if (newText === text.slice(start, end)) return { edits: [] };
  const edit: TextEdit = { range: { start: positionAt(text, start), end: positionAt(text, end) }, newText };
  const problem = compare(file, text.slice(0, start) + newText + text.slice(end));
  if (problem) return { error: `The formatter could not keep the file exactly (${problem}); the range was left unchanged`, problems: [] };
  return { edits: [edit] };
}

function refuse(file: SyntaxFile): FormatError | undefined {
  const problems = file.problems.filter((p) => p.code === 'syntax');
  if (problems.length === 0) return undefined;
  const n = problems.length;
  return { error: `The file has ${n} syntax error${n === 1 ? '' : 's'}; it was not formatted`, problems };
}

function indentUnit(options: FormatOptions): string {
  const n = options.indent;
  const width = n === undefined || !Number.isFinite(n) ? 2 : Math.max(0, Math.trunc(n));
  return ' '.repeat(width);
}

/** `offset`, or the start of its line when only spaces precede it there. */
function lineStartOf(text: string, offset: number): number {
  let s = offset;
  while (s > 0 && (text[s - 1] === ' ' || text[s - 1] === '\t')) s--;
  return s === 0 || text[s - 1] === '\n' ? s : offset;
}

/** `offset`, or the end of its line when only spaces and `;` follow it there. */
function lineEndOf(text: string, offset: number): number {
  let e = offset;
  while (e < text.length && /[ \t\r;\f\u00a0\ufeff]/.test(text[e]!)) e++;
  return e === text.length || text[e] === '\n' ? e : offset;
}

function offsetAt(text: string, position: LineCharacter): number {
  let offset = 0;
  for (let line = 0; line < position.line; line++) {
    const next = text.indexOf('\n', offset);
    if (next < 0) return text.length;
    offset = next + 1;
  }
  const lineEnd = text.indexOf('\n', offset);
  return Math.min(offset + Math.max(0, position.character), lineEnd < 0 ? text.length : lineEnd);
}

// ---- printing ---------------------------------------------------------------------------------

/** The printed lines of one item of a block, with the source span it came from. */
interface Chunk {
  /** Offset of its first leading comment, or of the statement. */
  start: number;
  /** Offset after its last trailing comment, or after the statement. */
  end: number;
  /** Printed lines, indented; a multi-line block comment is one entry containing line breaks. */
  lines: string[];
}

function commentText(c: Comment): string {
  return c.block ? c.text.replace(/\r\n/g, '\n') : c.text.trimEnd();
}

class Printer {
  private readonly text: string;
  private readonly comments: Comment[];
  /** Index of the next comment not yet placed; comments are placed in source order. */
  private next = 0;

  constructor(
    file: SyntaxFile,
    private readonly unit: string,
  ) {
    this.text = file.text;
    this.comments = [...file.comments].sort((a, b) => a.range.start.offset - b.range.start.offset);
  }

  /** True when the source between two offsets holds at least one blank line. */
  private blankBetween(from: number, to: number): boolean {
    const lines = this.text.slice(from, to).split('\n');
    return lines.slice(1, -1).some((l) => l.trim() === '');
  }

  /** Comments not yet placed that start before `offset`. */
  private takeBefore(offset: number): Comment[] {
    const taken: Comment[] = [];
    while (this.next < this.comments.length && this.comments[this.next]!.range.start.offset < offset) taken.push(this.comments[this.next++]!);
    return taken;
  }

  /** Comments that start before `limit` on the line where `from` is (chained: each on the line where the previous one ends). */
  private takeSameLine(from: number, limit: number): Comment[] {
    const taken: Comment[] = [];
    let end = from;
    for (;;) {
      const c = this.comments[this.next];
      if (!c || c.range.start.offset >= limit || this.text.slice(end, c.range.start.offset).includes('\n')) break;
      taken.push(c);
      this.next++;
      end = c.range.end.offset;
    }
    return taken;
  }

  /** Lines of comments on their own lines, with the blank lines between them kept (at most one). */
  private commentLines(comments: Comment[], indent: string): string[] {
    const lines: string[] = [];
    comments.forEach((c, i) => {
      if (i > 0 && this.blankBetween(comments[i - 1]!.range.end.offset, c.range.start.offset)) lines.push('');
      lines.push(indent + commentText(c));
    });
    return lines;
  }

  /** Joins the chunks of a block, keeping one blank line where the source had any between two chunks. */
  join(chunks: Chunk[]): string[] {
    const lines: string[] = [];
    chunks.forEach((chunk, i) => {
      if (i > 0 && this.blankBetween(chunks[i - 1]!.end, chunk.start)) lines.push('');
      for (const l of chunk.lines) lines.push(l); // (no spread: a block may have very many lines)
    });
    return lines;
  }

  /**
   * The chunks of a block (or of the file): one per statement, with its comments, and one for the
   * comments after the last statement. `regionEnd` is the offset of the block's `}` (or the end
   * of the file).
   */
  block(statements: Statement[], regionEnd: number, depth: number): Chunk[] {
    const indent = this.unit.repeat(depth);
    const chunks: Chunk[] = [];
    statements.forEach((s, i) => {
      const leading = this.takeBefore(s.range.start.offset);
      const lines = this.commentLines(leading, indent);
      if (leading.length > 0 && this.blankBetween(leading.at(-1)!.range.end.offset, s.range.start.offset)) lines.push('');
      const limit = statements[i + 1]?.range.start.offset ?? regionEnd;
      const printed = this.statement(s, depth, limit);
      for (const l of printed.lines) lines.push(l);
      chunks.push({ start: leading[0]?.range.start.offset ?? s.range.start.offset, end: printed.end, lines });
    });
    const rest = this.takeBefore(regionEnd);
    if (rest.length > 0) chunks.push({ start: rest[0]!.range.start.offset, end: rest.at(-1)!.range.end.offset, lines: this.commentLines(rest, indent) });
    return chunks;
  }

  /** One statement: its moved inner comments, its line(s), and its trailing comments (up to `limit`). */
  private statement(s: Statement, depth: number, limit: number): { lines: string[]; end: number } {
    const indent = this.unit.repeat(depth);
    const headerEnd = s.body ? s.body.range.start.offset : s.range.end.offset;
    const inner = this.takeBefore(headerEnd);
    const lines = inner.map((c) => indent + commentText(c));
    let head = indent + s.key.text;
    if (s.condition) head += ` ${printExpr(s.condition)}`;
    for (const v of s.values) head += ` ${printValue(v)}`;
    if (s.body) {
      const open = s.body.range.start.offset + 1;
      const close = s.body.range.end.offset - 1;
      const onBraceLine = this.takeSameLine(open, s.body.statements[0]?.range.start.offset ?? close);
      const chunks = this.block(s.body.statements, close, depth + 1);
      if (chunks.length === 0 && onBraceLine.length === 0) {
        lines.push(`${head} { }`);
      } else {
        lines.push(`${head} {${trailing(onBraceLine)}`);
        for (const l of this.join(chunks)) lines.push(l);
        lines.push(`${indent}}`);
      }
    } else {
      lines.push(head);
    }
    const after = this.takeSameLine(s.range.end.offset, limit);
    lines[lines.length - 1] += trailing(after);
    return { lines, end: after.at(-1)?.range.end.offset ?? s.range.end.offset };
  }
}

function trailing(comments: Comment[]): string {
  return comments.map((c) => ` ${commentText(c)}`).join('');
}

function printValue(v: SyntaxValue): string {
  if (v.kind !== 'list') return v.raw;
  const items = v.items.map((i) => i.raw).join(', ');
  return v.bracketed ? `[${items}]` : items;
}

/** True when `child`, printed bare as an operand of `parent`, would not parse back as that operand. */
function needsParens(parent: Expr['kind'], child: Expr): boolean {
  if (child.kind !== 'and' && child.kind !== 'or') return false;
  if (parent === 'or') return child.kind === 'or';
  return true; // inside `and` (both kinds: an `and` would merge into the parent) and inside `not`
}

function operand(parent: Expr['kind'], child: Expr): string {
  const printed = printExpr(child);
  return needsParens(parent, child) ? `(${printed})` : printed;
}

/** A condition on one line, with parentheses only where the tree needs them (see the top of this file). */
export function printExpr(e: Expr): string {
  switch (e.kind) {
    case 'and':
    case 'or':
      return e.operands.map((o) => operand(e.kind, o)).join(` ${e.kind} `);
    case 'not':
      return `not ${operand('not', e.operand)}`;
    case 'compare':
      return [e.field.text, e.op, ...e.value.map(printValue)].join(' ');
    case 'test':
      return `${e.field.text} is ${e.test}`;
  }
}

// ---- self-check -------------------------------------------------------------------------------

type Shape = unknown;

function valueShape(v: SyntaxValue): Shape {
  return v.kind === 'list' ? { list: v.items.map((i) => [i.kind, i.raw]), bracketed: v.bracketed } : [v.kind, v.raw];
}

function exprShape(e: Expr | undefined): Shape {
  if (!e) return null;
  switch (e.kind) {
    case 'and':
    case 'or':
      return { [e.kind]: e.operands.map(exprShape) };
    case 'not':
      return { not: exprShape(e.operand) };
    case 'compare':
      return { field: e.field.text, op: e.op, value: e.value.map(valueShape) };
    case 'test':
      return { field: e.field.text, test: e.test };
  }
}

function statementShape(s: Statement): Shape {
  return {
    key: s.key.text,
    values: s.values.map(valueShape),
    condition: exprShape(s.condition),
    body: s.body ? s.body.statements.map(statementShape) : null,
  };
}

/** Why `output` does not hold the same statements and comments as the parsed input, if it does not. */
function compare(input: SyntaxFile, output: string): string | undefined {
  const reparsed = parse(FORMAT_URI, output);
  if (reparsed.problems.some((p) => p.code === 'syntax')) return `the result has a syntax error: ${reparsed.problems[0]!.message}`;
  if (JSON.stringify(input.statements.map(statementShape)) !== JSON.stringify(reparsed.statements.map(statementShape))) return 'the statements differ';
  const before = input.comments.map(commentText).sort();
  const after = reparsed.comments.map(commentText).sort();
  if (JSON.stringify(before) !== JSON.stringify(after)) return 'the comments differ';
  return undefined;
}
