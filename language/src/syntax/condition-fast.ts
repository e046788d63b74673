// A hand-written parser for the common shape of `when` conditions: written on one line, without
// errors. It gives exactly what the Chevrotain grammar of `condition.ts` gives on such a condition
// (the same expression, ranges and next token), and gives up (`undefined`) on anything else: a
// condition over several lines, one with an error, a connective word used as a name. The statement
// parser then asks Chevrotain, whose recovery and messages a half-written condition needs.
//
// Why: building the Chevrotain parser analyses the grammar (~35 ms at the first `when` of the
// process), which a `doa check` of a workspace whose conditions are all well written no longer pays.
// `test/syntax/condition-fast.test.ts` holds the two parsers to the same answers on generated
// conditions, valid and not.
import { Kind, unquote, type Tokens } from './lexer.ts';
import { SourceRange, spanRange } from './source-range.ts';
import type { AtomValue, CompareExpr, Expr, ListValue, SyntaxValue } from './syntax-tree.ts';

/** Thrown inside the fast parser when the input leaves the shape it handles. */
const GIVE_UP = Symbol('give up');

class FastConditionParser {
  private i: number;

  constructor(
    private readonly t: Tokens,
    first: number,
  ) {
    this.i = first;
  }

  get next(): number {
    return this.i;
  }

  private kind(index: number): number {
    return index < this.t.count ? this.t.kinds[index]! : Kind.EOF;
  }

  private image(index: number): string {
    return this.t.text.slice(this.t.starts[index], this.t.ends[index]);
  }

  private range(index: number): SourceRange {
    return new SourceRange(this.t.lineIndex, this.t.starts[index]!, this.t.ends[index]!);
  }

  /** The whole condition: it must end the statement (`;`, `}` or the end of a line not continued by a connective). */
  condition(): Expr {
    const expr = this.orExpr();
    const k = this.kind(this.i);
    if (k === Kind.Semicolon || k === Kind.RCurly) return expr;
    if (k !== Kind.Newline) throw GIVE_UP;
    let j = this.i;
    while (this.kind(j) === Kind.Newline) j++;
    // A connective on a following line continues the condition (and the end of the file is left
    // to Chevrotain, whose lookahead there is not worth imitating).
    const after = this.kind(j);
    if (after === Kind.And || after === Kind.Or || after === Kind.EOF) throw GIVE_UP;
    return expr;
  }

  private orExpr(): Expr {
    return this.joined(Kind.Or, 'or', () => this.andExpr());
  }

  private andExpr(): Expr {
    return this.joined(Kind.And, 'and', () => this.unary());
  }

  /** Operands joined by one connective (`a or b or c`), combined as the grammar does. */
  private joined(connective: Kind, op: 'and' | 'or', operand: () => Expr): Expr {
    const operands = [operand()];
    while (this.kind(this.i) === connective) {
      this.i++;
      operands.push(operand());
    }
    return combine(op, operands);
  }

  private unary(): Expr {
    const k = this.kind(this.i);
    if (k === Kind.LParen) {
      const open = this.i++;
      const inner = this.orExpr();
      if (this.kind(this.i) !== Kind.RParen) throw GIVE_UP;
      const close = this.i++;
      return { ...inner, range: spanRange(this.range(open), this.range(close)) };
    }
    if (k === Kind.Not) {
      // `not` is also a name: only the readings the grammar cannot take for a comparison on the
      // name `not` are taken here, `not (…)`, `not field <op> …` and `not field contains …`
      // (which drafters write: "not delegate.functions contains finance").
      const b = this.kind(this.i + 1);
      const c = this.kind(this.i + 2);
      const comparisonFollows = b === Kind.Identifier && (c === Kind.Comparison || (c === Kind.Identifier && this.image(this.i + 2) === 'contains'));
      if (b !== Kind.LParen && !comparisonFollows) throw GIVE_UP;
      const not = this.i++;
      const operand = this.unary();
      return { kind: 'not', operand, range: spanRange(this.range(not), operand.range) } as Expr;
    }
    if (k === Kind.Identifier) return this.comparison();
    throw GIVE_UP;
  }

  private comparison(): Expr {
    const fieldIndex = this.i++;
    const fieldRange = this.range(fieldIndex);
    const field = { text: this.image(fieldIndex), range: fieldRange };
    const k = this.kind(this.i);
    let op: CompareExpr['op'];
    if (k === Kind.Comparison) {
      op = this.image(this.i) as CompareExpr['op'];
      this.i++;
    } else if (k === Kind.In) {
      op = 'in';
      this.i++;
    } else if (k === Kind.Not && this.kind(this.i + 1) === Kind.In) {
      op = 'not in';
      this.i += 2;
    } else if (k === Kind.Is) {
      const word = this.kind(this.i + 1) === Kind.Identifier ? this.image(this.i + 1) : '';
      if (word !== 'missing' && word !== 'present') throw GIVE_UP;
      const testIndex = this.i + 1;
      this.i += 2;
      return { kind: 'test', field, test: word, range: spanRange(fieldRange, this.range(testIndex)) } as Expr;
    } else if (k === Kind.Identifier && this.image(this.i) === 'contains') {
      op = 'contains';
      this.i++;
    } else throw GIVE_UP;
    const value = this.compareValues();
    const last = value.at(-1)?.range ?? fieldRange;
    return { kind: 'compare', field, op, value, range: spanRange(fieldRange, last) } as Expr;
  }

  /** At least one value, up to a connective, `)` or the end of the statement. */
  private compareValues(): SyntaxValue[] {
    const values: SyntaxValue[] = [];
    for (;;) {
      const k = this.kind(this.i);
      if (k === Kind.Identifier || k === Kind.String || k === Kind.Date || k === Kind.Number) values.push(this.atom(this.i++));
      else if (k === Kind.LBracket) values.push(this.list());
      // A connective word read as a value (`= not`) is the grammar's business.
      else if (k === Kind.Not || k === Kind.In || k === Kind.Is) throw GIVE_UP;
      else break;
    }
    if (!values.length) throw GIVE_UP;
    return values;
  }

  private atom(index: number): AtomValue {
    const k = this.kind(index);
    const raw = this.image(index);
    const kind = k === Kind.String ? 'string' : k === Kind.Date ? 'date' : k === Kind.Number ? 'number' : 'ident';
    return { kind, text: kind === 'string' ? unquote(raw) : raw, raw, range: this.range(index) };
  }

  /** `[a, b, c]` on one line, with an optional trailing comma. */
  private list(): ListValue {
    const open = this.i++;
    const items: AtomValue[] = [];
    const isItem = (k: number) => k === Kind.Identifier || k === Kind.String || k === Kind.Date || k === Kind.Number;
    if (isItem(this.kind(this.i))) {
      items.push(this.atom(this.i++));
      while (this.kind(this.i) === Kind.Comma) {
        this.i++;
        if (isItem(this.kind(this.i))) items.push(this.atom(this.i++));
      }
    }
    if (this.kind(this.i) !== Kind.RBracket) throw GIVE_UP;
    const close = this.i++;
    return { kind: 'list', items, bracketed: true, range: spanRange(this.range(open), this.range(close)) } as ListValue;
  }
}

function combine(kind: 'and' | 'or', operands: Expr[]): Expr {
  if (operands.length === 1) return operands[0]!;
  return { kind, operands, range: spanRange(operands[0]!.range, operands.at(-1)!.range) };
}

/**
 * The condition starting at token `first` and the index of the token after it, when it is written
 * on one line without error; `undefined` when only the Chevrotain grammar can say.
 */
export function parseConditionFast(source: Tokens, first: number): { result: Expr; next: number } | undefined {
  const parser = new FastConditionParser(source, first);
  try {
    const result = parser.condition();
    return { result, next: parser.next };
  } catch (e) {
    if (e === GIVE_UP) return undefined;
    throw e;
  }
}
