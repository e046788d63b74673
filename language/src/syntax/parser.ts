// The recovering parser: text → tokens → generic syntax tree with exact ranges.
//
// Invariant: parsing never throws. Every lexing or parsing error becomes a located Problem and the
// parser re-synchronises (Chevrotain recovery, plus skipping of tokens that cannot start a
// statement), so the statements after an error are still in the tree and still checked.
import { EmbeddedActionsParser, EOF, tokenMatcher, type IParserErrorMessageProvider, type IToken, type TokenType } from 'chevrotain';
import {
  allTokens,
  And,
  Comma,
  Comparison,
  DateLiteral,
  getLexer,
  Identifier,
  In,
  Is,
  LBracket,
  LCurly,
  LParen,
  Newline,
  Not,
  NumberLiteral,
  Or,
  RBracket,
  RCurly,
  RParen,
  Semicolon,
  StrayInBody,
  StringLiteral,
} from './tokens.ts';
import { emptyRangeAt, spanRange, tokenRange } from './positions.ts';
import { DECLARATION_KEYWORDS } from './keywords.ts';
import type {
  AtomValue,
  Body,
  Comment,
  CompareExpr,
  Expr,
  ListValue,
  Problem,
  Range,
  Statement,
  SyntaxFile,
  SyntaxValue,
  ValueKind,
} from './syntax-tree.ts';

function describeToken(token: IToken): string {
  if (token.tokenType.name === 'EOF') return 'the end of the file';
  if (token.tokenType === Newline) return 'the end of the line';
  return `'${token.image}'`;
}

function describeExpected(types: TokenType[]): string {
  const labels = [...new Set(types.map((t) => t.LABEL ?? t.name))];
  return labels.length <= 1 ? (labels[0] ?? 'something else') : `${labels.slice(0, -1).join(', ')} or ${labels.at(-1)}`;
}

/** Messages a policy drafter can act on, instead of Chevrotain's grammar-speak. */
const messages: IParserErrorMessageProvider = {
  buildMismatchTokenMessage({ expected, actual }) {
    if (expected === RCurly) return `Expected '}' to close the block, but found ${describeToken(actual)}`;
    if (expected === RBracket) return `Expected ']' to close the list, but found ${describeToken(actual)}`;
    if (expected === RParen) return `Expected ')' to close the parenthesis, but found ${describeToken(actual)}`;
    return `Expected ${expected.LABEL ?? expected.name} but found ${describeToken(actual)}`;
  },
  buildNotAllInputParsedMessage({ firstRedundant }) {
    return `Unexpected ${describeToken(firstRedundant)}: a statement starts with a keyword such as 'entity', 'post' or 'delegation'`;
  },
  buildNoViableAltMessage({ expectedPathsPerAlt, actual, ruleName }) {
    const first = actual[0]!;
    if (ruleName === 'unary' || ruleName === 'comparison') {
      return `Expected a condition such as 'limit > USD 500,000' or 'area = procurement', but found ${describeToken(first)}`;
    }
    const expected = expectedPathsPerAlt.flatMap((alt) => alt.map((path) => path[0]).filter((t): t is TokenType => !!t));
    return `Expected ${describeExpected(expected)} but found ${describeToken(first)}`;
  },
  buildEarlyExitMessage({ expectedIterationPaths, actual, ruleName }) {
    if (ruleName === 'compareValues' || ruleName === 'comparison') return `Expected a value to compare with, but found ${describeToken(actual[0]!)}`;
    const expected = expectedIterationPaths.map((path) => path[0]).filter((t): t is TokenType => !!t);
    return `Expected ${describeExpected(expected)} but found ${describeToken(actual[0]!)}`;
  },
};

const ATOM_KINDS = new Map<TokenType, ValueKind>([
  [Identifier, 'ident'],
  [StringLiteral, 'string'],
  [DateLiteral, 'date'],
  [NumberLiteral, 'number'],
]);

function unquote(raw: string): string {
  return raw.slice(1, -1).replace(/\\(.)/g, (_m, c: string) => (c === 'n' ? '\n' : c === 't' ? '\t' : c));
}

function isConnective(token: IToken): boolean {
  return token.tokenType === And || token.tokenType === Or;
}

class DoaParser extends EmbeddedActionsParser {
  /** Problems found by the parser's own actions (stray tokens, unclosed blocks). */
  extraProblems: Problem[] = [];

  constructor() {
    super(allTokens, { recoveryEnabled: true, errorMessageProvider: messages, maxLookahead: 3 });
    this.performSelfAnalysis();
  }

  private stray(token: IToken, where: string): void {
    this.ACTION(() => {
      const message =
        token.tokenType === RCurly
          ? "Unexpected '}': there is no open block to close"
          : `Unexpected ${describeToken(token)} ${where}: a statement starts with a keyword such as 'entity' or 'authority'`;
      this.extraProblems.push({ code: 'syntax', message, severity: 'error', range: tokenRange(token) });
    });
  }

  /** Top-level statements, collected as they are parsed so that none is lost if the rule aborts. */
  topLevel: Statement[] = [];

  public file = this.RULE('file', (): Statement[] => {
    const statements = this.topLevel;
    this.MANY(() => {
      this.OR([
        { ALT: () => this.CONSUME(Newline) },
        { ALT: () => this.CONSUME(Semicolon) },
        { ALT: () => this.stray(this.CONSUME(RCurly), 'here') },
        { ALT: () => this.stray(this.CONSUME(StrayInBody), 'here') },
        {
          ALT: () => {
            const s = this.SUBRULE(this.statement);
            this.ACTION(() => s && statements.push(s));
          },
        },
      ]);
    });
    return statements;
  });

  private statement = this.RULE('statement', (): Statement => {
    const key = this.CONSUME(Identifier);
    const values: SyntaxValue[] = [];
    let condition: Expr | undefined;
    let body: Body | undefined;
    let conditionParsed = false;
    this.OR({
      IGNORE_AMBIGUITIES: true,
      DEF: [
        {
          GATE: () => key.image === 'when',
          ALT: () => {
            conditionParsed = true;
            condition = this.SUBRULE(this.orExpr);
          },
        },
        {
          ALT: () => {
            this.MANY(() => {
              const v = this.SUBRULE(this.valueGroup);
              this.ACTION(() => v && values.push(v));
            });
            this.OPTION(() => {
              body = this.SUBRULE(this.body);
            });
          },
        },
      ],
    });
    return this.ACTION(() => {
      const keyRange = tokenRange(key);
      // A bare `when` has no condition and no values: without this it was accepted silently and the
      // rule never fired. (`when foo` keeps its values, which `to-ast` reports as unexpected.)
      if (key.image === 'when' && !conditionParsed && values.length === 0 && !key.isInsertedInRecovery) {
        this.extraProblems.push({
          code: 'syntax',
          severity: 'error',
          message: "Expected a condition after 'when', such as 'limit > USD 500,000' or 'area = procurement'",
          range: keyRange,
        });
      }
      const last: Range = body?.range ?? condition?.range ?? values.at(-1)?.range ?? keyRange;
      const statement: Statement = { key: { text: key.image, range: keyRange }, values, range: spanRange(keyRange, last) };
      if (condition) statement.condition = condition;
      if (body) statement.body = body;
      return statement;
    });
  });

  private body = this.RULE('body', (): Body => {
    const open = this.CONSUME(LCurly);
    const statements: Statement[] = [];
    this.MANY({
      GATE: () => !this.startsDeclaration(),
      DEF: () =>
      this.OR([
        { ALT: () => this.CONSUME(Newline) },
        { ALT: () => this.CONSUME(Semicolon) },
        { ALT: () => this.stray(this.CONSUME(StrayInBody), 'in this block') },
        {
          ALT: () => {
            const s = this.SUBRULE(this.statement);
            this.ACTION(() => s && statements.push(s));
          },
        },
      ]),
    });
    // Everything but '}' and the end of the file is consumed above, unless the next line starts a
    // new declaration: a missing '}' then closes the block there, and it is reported.
    let close: IToken | undefined;
    this.OPTION(() => {
      close = this.CONSUME(RCurly);
    });
    return this.ACTION(() => {
      const closed = !!close && !close.isInsertedInRecovery && !Number.isNaN(close.startOffset);
      const end = closed ? tokenRange(close!) : (statements.at(-1)?.range ?? tokenRange(open));
      return { statements, closed, range: spanRange(tokenRange(open), end) };
    });
  });

  /** One value, or several joined by commas (`procurement, finance`), which read as one list. */
  private valueGroup = this.RULE('valueGroup', (): SyntaxValue => {
    const first = this.SUBRULE(this.value);
    const items: SyntaxValue[] = [first];
    this.MANY(() => {
      this.CONSUME(Comma);
      this.MANY2(() => this.CONSUME(Newline));
      const next = this.SUBRULE2(this.value);
      this.ACTION(() => items.push(next));
    });
    return this.ACTION(() => {
      if (items.length === 1) return first;
      const atoms = items.flatMap((v) => (v ? (v.kind === 'list' ? v.items : [v]) : []));
      return { kind: 'list', items: atoms, bracketed: false, range: spanRange(items[0]!.range, items.at(-1)!.range) } as ListValue;
    });
  });

  private value = this.RULE('value', (): SyntaxValue => {
    return this.OR([
      { ALT: () => this.atomOf(this.CONSUME(Identifier)) },
      { ALT: () => this.atomOf(this.CONSUME(StringLiteral)) },
      { ALT: () => this.atomOf(this.CONSUME(DateLiteral)) },
      { ALT: () => this.atomOf(this.CONSUME(NumberLiteral)) },
      { ALT: () => this.SUBRULE(this.list) },
    ]);
  });

  private atomOf(token: IToken): AtomValue {
    return this.ACTION(() => {
      const kind = token.tokenType === StringLiteral ? 'string' : (ATOM_KINDS.get(token.tokenType) ?? 'ident');
      return { kind, text: kind === 'string' ? unquote(token.image) : token.image, raw: token.image, range: tokenRange(token) };
    });
  }

  private listItem = this.RULE('listItem', (): AtomValue => {
    const tok = this.OR([
      { ALT: () => this.CONSUME(Identifier) },
      { ALT: () => this.CONSUME(StringLiteral) },
      { ALT: () => this.CONSUME(DateLiteral) },
      { ALT: () => this.CONSUME(NumberLiteral) },
    ]);
    return this.atomOf(tok);
  });

  /**
   * `[a, b, c]`, over several lines if wanted, with an optional trailing comma. A missing `]` is
   * reported and the list kept, so a drafter typing a list does not lose the statement.
   */
  private list = this.RULE('list', (): ListValue => {
    const open = this.CONSUME(LBracket);
    const items: AtomValue[] = [];
    this.MANY(() => this.CONSUME(Newline));
    this.OPTION(() => {
      const first = this.SUBRULE(this.listItem);
      this.ACTION(() => first && items.push(first));
      // Line breaks after an item belong to the list only if it goes on: when `]` is missing, the
      // next line is the next statement.
      const continues = () => this.nextBeyondNewlines() === Comma || this.nextBeyondNewlines() === RBracket;
      this.MANY2({ GATE: continues, DEF: () => this.CONSUME2(Newline) });
      this.MANY3(() => {
        this.CONSUME(Comma);
        this.MANY4(() => this.CONSUME3(Newline));
        this.OPTION2(() => {
          const next = this.SUBRULE2(this.listItem);
          this.ACTION(() => next && items.push(next));
          this.MANY5({ GATE: continues, DEF: () => this.CONSUME4(Newline) });
        });
      });
    });
    let close: IToken | undefined;
    this.OPTION3(() => {
      close = this.CONSUME(RBracket);
    });
    return this.ACTION(() => {
      if (!close) {
        this.extraProblems.push({ code: 'syntax', severity: 'error', message: "The list is not closed: add ']'", range: tokenRange(open) });
      }
      const end = close ? tokenRange(close) : (items.at(-1)?.range ?? tokenRange(open));
      return { kind: 'list', items, bracketed: true, range: spanRange(tokenRange(open), end) } as ListValue;
    });
  });

  /** An unindented declaration keyword whose line opens a block: the start of the next declaration. */
  private startsDeclaration(): boolean {
    const t = this.LA(1);
    if (t.startColumn !== 1 || !DECLARATION_KEYWORDS.has(t.image) || !tokenMatcher(t, Identifier)) return false;
    for (let i = 2; i < 64; i++) {
      const next = this.LA(i).tokenType;
      if (next === LCurly) return true;
      if (next === Newline || next === EOF) return false;
    }
    return false;
  }

  private nextBeyondNewlines(): TokenType {
    let i = 1;
    while (this.LA(i).tokenType === Newline) i++;
    return this.LA(i).tokenType;
  }

  // ---- `when` expressions -------------------------------------------------------------------

  private orExpr = this.RULE('orExpr', (): Expr => {
    const operands: Expr[] = [this.SUBRULE(this.andExpr)];
    this.MANY({
      // A condition may continue on the next line, before or after the connective.
      GATE: () => this.nextBeyondNewlines() === Or,
      DEF: () => {
        this.MANY2(() => this.CONSUME(Newline));
        this.CONSUME(Or);
        this.MANY3(() => this.CONSUME2(Newline));
        operands.push(this.SUBRULE2(this.andExpr));
      },
    });
    return this.ACTION(() => combine('or', operands));
  });

  private andExpr = this.RULE('andExpr', (): Expr => {
    const operands: Expr[] = [this.SUBRULE(this.unary)];
    this.MANY({
      // A condition may continue on the next line, before or after the connective.
      GATE: () => this.nextBeyondNewlines() === And,
      DEF: () => {
        this.MANY2(() => this.CONSUME(Newline));
        this.CONSUME(And);
        this.MANY3(() => this.CONSUME2(Newline));
        operands.push(this.SUBRULE2(this.unary));
      },
    });
    return this.ACTION(() => combine('and', operands));
  });

  private unary = this.RULE('unary', (): Expr => {
    // `not` is also a name (a keyword in the Identifier category); as a prefix it means negation.
    return this.OR({
      IGNORE_AMBIGUITIES: true,
      DEF: [
      {
        ALT: () => {
          const not = this.CONSUME(Not);
          const operand = this.SUBRULE(this.unary);
          return this.ACTION(() => ({ kind: 'not', operand, range: spanRange(tokenRange(not), operand?.range ?? tokenRange(not)) }) as Expr);
        },
      },
      {
        ALT: () => {
          const open = this.CONSUME(LParen);
          this.MANY(() => this.CONSUME(Newline));
          const inner = this.SUBRULE(this.orExpr);
          this.MANY2(() => this.CONSUME2(Newline));
          const close = this.CONSUME(RParen);
          // The group's range includes its parentheses, so that the `when` statement's range covers
          // its whole source (it ended before a closing ')').
          return this.ACTION(() => {
            if (!inner) return inner;
            const end = close.isInsertedInRecovery || Number.isNaN(close.startOffset) ? inner.range : tokenRange(close);
            return { ...inner, range: spanRange(tokenRange(open), end) };
          });
        },
      },
      { ALT: () => this.SUBRULE(this.comparison) },
      ],
    });
  });

  /** The value side of a comparison runs until `and`, `or`, `)` or the end of the line. */
  private compareValues = this.RULE('compareValues', (): SyntaxValue[] => {
    const values: SyntaxValue[] = [];
    this.AT_LEAST_ONE({
      GATE: () => !isConnective(this.LA(1)),
      DEF: () => {
        const v = this.SUBRULE(this.value);
        this.ACTION(() => v && values.push(v));
      },
    });
    return values;
  });

  private comparison = this.RULE('comparison', (): Expr => {
    const field = this.CONSUME(Identifier);
    let op: CompareExpr['op'] | undefined;
    let test: 'missing' | 'present' | undefined;
    let testToken: IToken | undefined;
    let value: SyntaxValue[] = [];
    this.OR([
      {
        ALT: () => {
          const t = this.CONSUME(Comparison);
          this.ACTION(() => (op = t.image as CompareExpr['op']));
          value = this.SUBRULE(this.compareValues);
        },
      },
      {
        ALT: () => {
          this.CONSUME(In);
          op = 'in';
          value = this.SUBRULE2(this.compareValues);
        },
      },
      {
        ALT: () => {
          this.CONSUME(Not);
          this.CONSUME2(In);
          op = 'not in';
          value = this.SUBRULE3(this.compareValues);
        },
      },
      {
        ALT: () => {
          this.CONSUME(Is);
          testToken = this.CONSUME2(Identifier);
        },
      },
      {
        GATE: () => this.LA(1).image === 'contains',
        ALT: () => {
          this.CONSUME3(Identifier);
          op = 'contains';
          value = this.SUBRULE4(this.compareValues);
        },
      },
    ]);
    return this.ACTION(() => {
      const fieldRange = tokenRange(field);
      const fieldToken = { text: field.image, range: fieldRange };
      if (testToken) {
        const word = testToken.image;
        test = word === 'present' ? 'present' : 'missing';
        const range = spanRange(fieldRange, tokenRange(testToken));
        if (word !== 'missing' && word !== 'present' && !testToken.isInsertedInRecovery) {
          this.extraProblems.push({
            code: 'syntax',
            severity: 'error',
            message: `Expected 'missing' or 'present' after 'is', but found '${word}'`,
            range: tokenRange(testToken),
          });
        }
        return { kind: 'test', field: fieldToken, test, range } as Expr;
      }
      const last = value.at(-1)?.range ?? fieldRange;
      return { kind: 'compare', field: fieldToken, op: op ?? '=', value, range: spanRange(fieldRange, last) } as Expr;
    });
  });
}

function combine(kind: 'and' | 'or', operands: Expr[]): Expr {
  const present = operands.filter((o): o is Expr => !!o);
  // After a recovered error every operand may be missing (`when limit >`): the condition is then
  // undefined, like any other sub-rule that failed, rather than a crash of the whole parse.
  if (present.length <= 1) return present[0]!;
  return { kind, operands: present, range: spanRange(present[0]!.range, present.at(-1)!.range) };
}

let parser: DoaParser | undefined;
function getParser(): DoaParser {
  parser ??= new DoaParser();
  return parser;
}

function lexerMessage(text: string, offset: number, length: number): string {
  const ch = text[offset] ?? '';
  if (ch === '"') return 'Unterminated text: a quoted text must end with " on the same line';
  const snippet = text.slice(offset, offset + Math.min(length, 20));
  return `Unexpected character${snippet.length > 1 ? 's' : ''} '${snippet}'`;
}

/** Parses one file. Never throws; problems are located. */
export function parse(uri: string, text: string): SyntaxFile {
  const lexed = getLexer().tokenize(text);
  const problems: Problem[] = lexed.errors.map((e) => {
    const start = emptyRangeAt(text, e.offset).start;
    const endOffset = e.offset + Math.max(1, e.length);
    return {
      code: 'syntax',
      severity: 'error',
      message: lexerMessage(text, e.offset, e.length),
      range: { start, end: emptyRangeAt(text, endOffset).end },
    };
  });
  const comments: Comment[] = (lexed.groups['comments'] ?? []).map((t) => ({
    text: t.image,
    block: t.image.startsWith('/*'),
    range: tokenRange(t),
  }));

  const p = getParser();
  p.extraProblems = [];
  p.topLevel = [];
  p.input = lexed.tokens;
  p.file();
  const statements = p.topLevel;
  for (const e of p.errors) {
    const token = e.token;
    const atEnd = token.tokenType.name === 'EOF' || Number.isNaN(token.startOffset);
    const range = atEnd ? emptyRangeAt(text, text.length) : tokenRange(token);
    problems.push({ code: 'syntax', severity: 'error', message: e.message, range });
  }
  problems.push(...p.extraProblems);
  collectUnclosed(statements, problems);
  problems.sort((a, b) => a.range.start.offset - b.range.start.offset);
  return { uri, text, statements: statements.filter(Boolean), comments, problems };
}

function collectUnclosed(statements: Statement[], problems: Problem[]): void {
  for (const s of statements) {
    if (!s?.body) continue;
    if (!s.body.closed) {
      problems.push({
        code: 'syntax',
        severity: 'error',
        message: `The block of '${s.key.text}' is not closed: add '}'`,
        range: s.key.range,
      });
    }
    collectUnclosed(s.body.statements, problems);
  }
}
