// The generic syntax tree: every construct of the language is a statement
// `key value* { statement* }?`, and `when` statements carry a condition expression.
// Typed meaning (what an `instrument` is) is given later by `ast/to-ast.ts`; this tree only knows
// shapes, exact ranges and the comments, which is what the parser, the formatter and syntax
// highlighting need.

/** Zero-based line and UTF-16 character, as LSP counts them, plus the absolute offset. */
export interface Position {
  line: number;
  character: number;
  offset: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export interface Located {
  range: Range;
}

export type ValueKind = 'ident' | 'string' | 'date' | 'number';

export interface AtomValue extends Located {
  kind: ValueKind;
  /** The value as meant: unquoted and unescaped for strings, verbatim otherwise. */
  text: string;
  /** The source text exactly as written. */
  raw: string;
}

export interface ListValue extends Located {
  kind: 'list';
  items: AtomValue[];
  /** `[a, b]` rather than `a, b`; the formatter keeps the drafter's choice. */
  bracketed: boolean;
}

export type SyntaxValue = AtomValue | ListValue;

export interface KeyToken extends Located {
  text: string;
}

export interface Body extends Located {
  statements: Statement[];
  /** False when the closing `}` is missing and the parser recovered. */
  closed: boolean;
}

export interface Statement extends Located {
  key: KeyToken;
  values: SyntaxValue[];
  /** Only for `when` statements. */
  condition?: Expr;
  /**
   * The condition has a syntax error the parser recovered from (a `)` it supplied, a token it
   * skipped): it is shown and highlighted, but not what the drafter wrote, so no rule runs it.
   */
  recovered: boolean;
  body?: Body;
}

export type Expr = AndOrExpr | NotExpr | CompareExpr | TestExpr;

export interface AndOrExpr extends Located {
  kind: 'and' | 'or';
  operands: Expr[];
}

export interface NotExpr extends Located {
  kind: 'not';
  operand: Expr;
}

/** `field op value…`, e.g. `limit > USD 500,000` or `area in [finance, procurement]`. */
export interface CompareExpr extends Located {
  kind: 'compare';
  field: KeyToken;
  op: '=' | '!=' | '<' | '<=' | '>' | '>=' | 'in' | 'not in' | 'contains';
  value: SyntaxValue[];
}

/** `field is missing` / `field is present`. */
export interface TestExpr extends Located {
  kind: 'test';
  field: KeyToken;
  test: 'missing' | 'present';
}

export interface Comment extends Located {
  text: string;
  block: boolean;
}

export type Severity = 'error' | 'warning' | 'info';

export interface Problem extends Located {
  /** `syntax` (lexer and parser), `invalid` (a statement the language does not accept). */
  code: string;
  message: string;
  severity: Severity;
}

export interface SyntaxFile {
  uri: string;
  text: string;
  statements: Statement[];
  comments: Comment[];
  problems: Problem[];
}
