// Edits that change only the layout of a document: comments and white space, lines added or removed
// between statements. The core's findings depend on a document only through its syntax tree (the AST
// is built from the statements alone) and its suppression comments, so after such an edit every
// finding is the same as before, moved with the lines it points at. The server then moves the
// published diagnostics instead of checking the workspace again.
//
// `layoutLineMap` proves the edit is one of these by comparing the two syntax trees field by field:
// everything but ranges must be equal, and every range must keep its characters and move whole lines
// consistently (each old line to one new line, in order). Anything else, and any change near a
// suppression comment, answers `undefined` and the server checks in full.
import type { DocumentState } from '../../language/src/workspace/workspace.ts';
import type { Comment, Expr, Position, Problem, Range, Statement, SyntaxValue } from '../../language/src/syntax/syntax-tree.ts';

/** Old line → new line, for every line on which the old syntax tree has a range start or end. */
export type LineMap = ReadonlyMap<number, number>;

class NotLayout extends Error {}

class Matcher {
  readonly lines = new Map<number, number>();

  fail(): never {
    throw new NotLayout();
  }

  same(a: unknown, b: unknown): void {
    if (a !== b) this.fail();
  }

  position(a: Position, b: Position): void {
    this.same(a.character, b.character);
    const mapped = this.lines.get(a.line);
    if (mapped === undefined) this.lines.set(a.line, b.line);
    else this.same(mapped, b.line);
  }

  range(a: Range, b: Range): void {
    this.position(a.start, b.start);
    this.position(a.end, b.end);
  }

  list<T>(a: readonly T[], b: readonly T[], each: (x: T, y: T) => void): void {
    this.same(a.length, b.length);
    for (let i = 0; i < a.length; i++) each(a[i]!, b[i]!);
  }

  value(a: SyntaxValue, b: SyntaxValue): void {
    this.same(a.kind, b.kind);
    this.range(a.range, b.range);
    if (a.kind === 'list' || b.kind === 'list') {
      if (a.kind !== 'list' || b.kind !== 'list') this.fail();
      this.same(a.bracketed, b.bracketed);
      return this.list(a.items, b.items, (x, y) => this.value(x, y));
    }
    this.same(a.text, b.text);
    this.same(a.raw, b.raw);
  }

  expr(a: Expr | undefined, b: Expr | undefined): void {
    if (!a || !b) return this.same(a, b);
    this.same(a.kind, b.kind);
    this.range(a.range, b.range);
    switch (a.kind) {
      case 'and':
      case 'or':
        return this.list(a.operands, (b as typeof a).operands, (x, y) => this.expr(x, y));
      case 'not':
        return this.expr(a.operand, (b as typeof a).operand);
      case 'compare': {
        const c = b as typeof a;
        this.same(a.op, c.op);
        this.same(a.field.text, c.field.text);
        this.range(a.field.range, c.field.range);
        return this.list(a.value, c.value, (x, y) => this.value(x, y));
      }
      case 'test': {
        const c = b as typeof a;
        this.same(a.test, c.test);
        this.same(a.field.text, c.field.text);
        return this.range(a.field.range, c.field.range);
      }
      default:
        this.fail();
    }
  }

  statement(a: Statement, b: Statement): void {
    this.range(a.range, b.range);
    this.same(a.key.text, b.key.text);
    this.range(a.key.range, b.key.range);
    this.list(a.values, b.values, (x, y) => this.value(x, y));
    this.expr(a.condition, b.condition);
    if (!a.body || !b.body) return this.same(a.body, b.body);
    this.same(a.body.closed, b.body.closed);
    this.range(a.body.range, b.body.range);
    this.list(a.body.statements, b.body.statements, (x, y) => this.statement(x, y));
  }

  problem(a: Problem, b: Problem): void {
    this.same(a.code, b.code);
    this.same(a.severity, b.severity);
    this.same(a.message, b.message);
    this.range(a.range, b.range);
  }

  /** Whole lines move in order: no two old lines land on one new line, none overtakes another. */
  monotonic(): void {
    const old = [...this.lines.keys()].sort((x, y) => x - y);
    for (let i = 1; i < old.length; i++) if (this.lines.get(old[i]!)! <= this.lines.get(old[i - 1]!)!) this.fail();
  }
}

/** A comment that the checker reads (a suppression directive or what may become one). */
const mayDirect = (c: Comment) => /doa-/.test(c.text);

function sameDirectives(a: readonly Comment[], b: readonly Comment[]): boolean {
  const x = a.filter(mayDirect);
  const y = b.filter(mayDirect);
  if (x.length !== y.length) return false;
  return x.every((c, i) => {
    const d = y[i]!;
    return c.text === d.text && c.range.start.line === d.range.start.line && c.range.start.character === d.range.start.character && c.range.end.line === d.range.end.line;
  });
}

/**
 * The line map of an edit that changed only comments and white space, or `undefined` if the edit
 * may change findings. A document with suppression directives qualifies only when no line moved
 * (a next-line suppression covers the line after it) and the directives are untouched.
 */
export function layoutLineMap(before: DocumentState, after: DocumentState): LineMap | undefined {
  if (before.uri !== after.uri) return undefined;
  const m = new Matcher();
  try {
    m.list(before.syntax.statements, after.syntax.statements, (x, y) => m.statement(x, y));
    m.list(before.problems, after.problems, (x, y) => m.problem(x, y));
    m.monotonic();
  } catch (e) {
    if (e instanceof NotLayout) return undefined;
    throw e;
  }
  const directives = before.syntax.comments.some(mayDirect) || after.syntax.comments.some(mayDirect);
  if (directives) {
    if (!sameDirectives(before.syntax.comments, after.syntax.comments)) return undefined;
    for (const [from, to] of m.lines) if (from !== to) return undefined;
  }
  return m.lines;
}
