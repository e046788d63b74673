// Shared helpers for the syntax tests: a normalised form of the generic tree without ranges, small
// builders for expected trees, and an independent computation of LSP positions (UTF-16 code units).
import type {
  AtomValue,
  Expr,
  ListValue,
  Position,
  Range,
  Statement,
  SyntaxFile,
  SyntaxValue,
} from '../../language/src/syntax/syntax-tree.ts';

/** Removes every `range` recursively, so trees can be compared by shape and text only. */
export function strip<T>(value: T): T {
  if (Array.isArray(value)) return value.map(strip) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (k !== 'range') out[k] = strip(v);
    return out as T;
  }
  return value;
}

// ---- builders of expected (range-less) trees -----------------------------------------------

type Bare<T> = T extends ReadonlyArray<infer U>
  ? Array<Bare<U>>
  : T extends object
    ? { [K in keyof T as K extends 'range' ? never : K]: Bare<T[K]> }
    : T;
export type BareStatement = Bare<Statement>;
export type BareValue = Bare<SyntaxValue>;
export type BareExpr = Bare<Expr>;

export const id = (text: string): Bare<AtomValue> => ({ kind: 'ident', text, raw: text });
export const num = (text: string): Bare<AtomValue> => ({ kind: 'number', text, raw: text });
export const date = (text: string): Bare<AtomValue> => ({ kind: 'date', text, raw: text });
/** A quoted text: `text` is the unescaped value, `raw` the source (defaults to `"text"`). */
export const str = (text: string, raw = `"${text}"`): Bare<AtomValue> => ({ kind: 'string', text, raw });
export const list = (items: Array<Bare<AtomValue>>, bracketed = true): Bare<ListValue> => ({ kind: 'list', items, bracketed });

export function st(key: string, values: BareValue[] = [], body?: BareStatement[], closed = true): BareStatement {
  const s: BareStatement = { key: { text: key }, values, recovered: false };
  if (body) s.body = { statements: body, closed };
  return s;
}

/** A `when` statement; `recovered`: its condition is one the parser completed after a syntax error. */
export function when(condition: BareExpr, recovered = false): BareStatement {
  return { key: { text: 'when' }, values: [], condition, recovered };
}

export const cmp = (field: string, op: Bare<Expr & { kind: 'compare' }>['op'], ...value: BareValue[]): BareExpr => ({
  kind: 'compare',
  field: { text: field },
  op,
  value,
});
export const test = (field: string, t: 'missing' | 'present'): BareExpr => ({ kind: 'test', field: { text: field }, test: t });
export const and = (...operands: BareExpr[]): BareExpr => ({ kind: 'and', operands });
export const or = (...operands: BareExpr[]): BareExpr => ({ kind: 'or', operands });
export const not = (operand: BareExpr): BareExpr => ({ kind: 'not', operand });

// ---- positions -----------------------------------------------------------------------------

/** LSP position of an offset, computed independently of the parser: lines end at '\n' only. */
export function pos(text: string, offset: number): Position {
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  return { line: before.split('\n').length - 1, character: offset - lineStart, offset };
}

/** The range of the `nth` occurrence (0-based) of `needle` in `text`. */
export function rangeOf(text: string, needle: string, nth = 0): Range {
  let from = -1;
  for (let i = 0; i <= nth; i++) {
    from = text.indexOf(needle, from + 1);
    if (from < 0) throw new Error(`'${needle}' occurs fewer than ${nth + 1} times`);
  }
  return { start: pos(text, from), end: pos(text, from + needle.length) };
}

/** Every statement of a tree, nested ones included, in source order. */
export function allStatements(statements: Statement[]): Statement[] {
  return statements.flatMap((s) => [s, ...allStatements(s.body?.statements ?? [])]);
}

export function atomsOfValue(v: SyntaxValue): AtomValue[] {
  return v.kind === 'list' ? v.items : [v];
}

export function atomsOfExpr(e: Expr | undefined): AtomValue[] {
  if (!e) return [];
  switch (e.kind) {
    case 'and':
    case 'or':
      return e.operands.flatMap(atomsOfExpr);
    case 'not':
      return atomsOfExpr(e.operand);
    case 'compare':
      return e.value.flatMap(atomsOfValue);
    case 'test':
      return [];
  }
}

/**
 * Checks that every range in a file is consistent: offsets slice out exactly the token's source
 * text and line/character agree with the offsets as LSP counts them. Returns the mismatches.
 */
export function rangeMismatches(file: SyntaxFile): string[] {
  const { text } = file;
  const bad: string[] = [];
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lineStarts.push(i + 1);
  const fastPos = (offset: number): Position => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: offset - lineStarts[lo]!, offset };
  };
  const checkRange = (what: string, r: Range, expectedText?: string) => {
    for (const p of [r.start, r.end]) {
      const want = fastPos(p.offset);
      if (want.line !== p.line || want.character !== p.character) bad.push(`${what}: ${JSON.stringify(p)} should be ${JSON.stringify(want)}`);
    }
    if (r.end.offset < r.start.offset) bad.push(`${what}: ends before it starts`);
    if (expectedText !== undefined && text.slice(r.start.offset, r.end.offset) !== expectedText) {
      bad.push(`${what}: covers '${text.slice(r.start.offset, r.end.offset)}', not '${expectedText}'`);
    }
  };
  for (const s of allStatements(file.statements)) {
    checkRange(`key ${s.key.text}`, s.key.range, s.key.text);
    checkRange(`statement ${s.key.text}`, s.range);
    if (text.slice(s.range.start.offset).startsWith(s.key.text) === false) bad.push(`statement ${s.key.text} does not start at its key`);
    for (const v of s.values) {
      checkRange(`value of ${s.key.text}`, v.range);
      for (const a of atomsOfValue(v)) checkRange(`atom ${a.raw}`, a.range, a.raw);
    }
    for (const a of atomsOfExpr(s.condition)) checkRange(`condition atom ${a.raw}`, a.range, a.raw);
    if (s.body) {
      checkRange(`body of ${s.key.text}`, s.body.range);
      if (text[s.body.range.start.offset] !== '{') bad.push(`body of ${s.key.text} does not start at '{'`);
      if (s.body.closed && text[s.body.range.end.offset - 1] !== '}') bad.push(`closed body of ${s.key.text} does not end at '}'`);
    }
  }
  for (const c of file.comments) checkRange('comment', c.range, c.text);
  for (const p of file.problems) checkRange(`problem ${p.message}`, p.range);
  return bad;
}

/** mulberry32 (`test/seeded-random.ts`): a small seeded generator, so that a failure can be replayed. */
export { seededRandom as rng } from '../seeded-random.ts';
