// The grammar of `when` conditions, the one part of the language still parsed by Chevrotain: its
// error recovery (single-token insertion and deletion, re-synchronisation between rules) and the
// messages below give a drafter good diagnostics for half-written conditions, and conditions are a
// small fraction of a file. The rest of the file is parsed by hand (`parser.ts`).
//
// The parser is built lazily, the first time a file has a `when` condition that `condition-fast.ts`
// cannot parse: one over several lines or with an error (building it analyses the grammar). Its
// class is defined then too, since it extends a class of Chevrotain, which is loaded only then
// (`chevrotain.ts`). It reads the compact tokens of `lexer.ts` through `LA`, which Chevrotain lets a
// parser override for lazy lexers: only the tokens the condition looks at become Chevrotain tokens.
//
// Recovery must behave exactly as when these rules were part of one grammar with the statements.
// Chevrotain re-synchronises an error at the innermost rule whose follow set holds the token type
// found first in the follow sets of the whole rule stack, outermost first. So the host rule below
// is followed by what followed a statement in a file (same token types, same order); an error that
// escapes `orExpr` is caught by `orExpr` itself and reported to the statement parser as `ESCAPED`
// (the statement is then dropped, as the statement rule used to do), and one that reaches the end of
// the file as `AT_EOF` (the statement and the blocks around it are dropped).
import type { IParserErrorMessageProvider, IToken, TokenType } from 'chevrotain';
import { loadChevrotain } from './chevrotain.ts';
import { conditionTokens } from './tokens.ts';
import { parseConditionFast } from './condition-fast.ts';
import { Kind, KIND_NAMES, unquote, type Tokens } from './lexer.ts';
import { spanRange, tokenRange } from './positions.ts';
import type { AtomValue, CompareExpr, Expr, ListValue, Problem, Range, SyntaxValue, ValueKind } from './syntax-tree.ts';

/** The error escaped the condition: the statement is dropped and parsing goes on after it. */
export const ESCAPED: unique symbol = Symbol('escaped');
/** The error reached the end of the file: the statement and every block around it are dropped. */
export const AT_EOF: unique symbol = Symbol('at end of file');
export type ConditionResult = Expr | undefined | typeof ESCAPED | typeof AT_EOF;

function describeExpected(types: TokenType[]): string {
  const labels = [...new Set(types.map((t) => t.LABEL ?? t.name))];
  return labels.length <= 1 ? (labels[0] ?? 'something else') : `${labels.slice(0, -1).join(', ')} or ${labels.at(-1)}`;
}

/** What `LA` reads; Chevrotain declares these on its lexer adapter for such overrides. */
interface LexerAdapterState {
  currIdx: number;
  tokVectorLength: number;
}

/**
 * The parser's class, with the messages and tables it uses: made from Chevrotain's classes and the
 * condition tokens, which exist only once Chevrotain is loaded, so the whole grammar is defined on
 * first need (a check whose conditions `condition-fast.ts` parses never defines it).
 */
function defineConditionParser() {
  const { createTokenInstance, EmbeddedActionsParser, EOF } = loadChevrotain();
  const { allTokens, And, Comma, Comparison, DateLiteral, Identifier, In, Is, LBracket, LParen, Newline, Not, NumberLiteral, Or, RBracket, RCurly, RParen, Semicolon, StrayInBody, StringLiteral } = conditionTokens();

  function describeToken(token: IToken): string {
    if (token.tokenType.name === 'EOF') return 'the end of the file';
    if (token.tokenType === Newline) return 'the end of the line';
    return `'${token.image}'`;
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
      return `Unexpected ${describeToken(firstRedundant)}`;
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

  const TOKEN_TYPES: readonly TokenType[] = KIND_NAMES.map((name) => (name === 'EOF' ? EOF : allTokens.find((t) => t.name === name)!));

  const ATOM_KINDS = new Map<TokenType, ValueKind>([
    [StringLiteral, 'string'],
    [DateLiteral, 'date'],
    [NumberLiteral, 'number'],
  ]);

  function isConnective(token: IToken): boolean {
    return token.tokenType === And || token.tokenType === Or;
  }

  class ConditionParser extends EmbeddedActionsParser {
    /** Problems found by the parser's own actions, shared with the statement parser (in order). */
    extraProblems: Problem[] = [];
    private source: Tokens | undefined;
    private first = 0;
    private window: IToken[] = [];
    private readonly eof = createTokenInstance(EOF, '', NaN, NaN, NaN, NaN, NaN, NaN);

    /** Chevrotain's grammar validations cost half of the construction; a test runs them (`checkConditionGrammar`). */
    constructor(validate = false) {
      super(allTokens, { recoveryEnabled: true, errorMessageProvider: messages, maxLookahead: 3, skipValidations: !validate });
      this.performSelfAnalysis();
    }

    /** Parses the condition that starts at token `first`; returns it and the index of the next token. */
    parseAt(source: Tokens, first: number, extraProblems: Problem[]): { result: ConditionResult; next: number } {
      this.input = [];
      this.source = source;
      this.first = first;
      this.window.length = 0;
      this.extraProblems = extraProblems;
      (this as unknown as LexerAdapterState).tokVectorLength = source.count - first;
      const result = this.host();
      const next = first + (this as unknown as LexerAdapterState).currIdx + 1;
      this.source = undefined;
      return { result, next };
    }

    override LA(howMuch: number): IToken {
      return this.tokenAt((this as unknown as LexerAdapterState).currIdx + howMuch);
    }

    protected override LA_FAST(howMuch: number): IToken {
      return this.tokenAt((this as unknown as LexerAdapterState).currIdx + howMuch);
    }

    /** The host rule consumes nothing after the condition: the statement parser goes on from there. */
    onBeforeParse(): void {}
    onAfterParse(): void {}

    private tokenAt(index: number): IToken {
      const source = this.source;
      if (!source || index < 0 || this.first + index >= source.count) return this.eof;
      let token = this.window[index];
      if (!token) {
        token = this.materialize(source, this.first + index);
        this.window[index] = token;
      }
      return token;
    }

    /** A token's range, compact (on the file's line table) while a condition is being parsed. */
    private rangeOf(token: IToken): Range {
      return tokenRange(token, this.source?.lineIndex);
    }

    private materialize(source: Tokens, i: number): IToken {
      const start = source.starts[i]!;
      const end = source.ends[i]!;
      const line = source.lines[i]!;
      const column = start - source.lineStarts[line]! + 1;
      const kind = source.kinds[i]! as Kind;
      const endLine = kind === Kind.Newline ? line + 1 : line;
      return createTokenInstance(TOKEN_TYPES[kind]!, source.text.slice(start, end), start, end - 1, line + 1, endLine + 1, column, column + end - start - 1);
    }

    private host = this.RULE(
      'condition',
      (): ConditionResult => {
        const condition = this.SUBRULE(this.orExpr);
        // Never taken: it gives `orExpr` the follow set of a statement in a file (see the top).
        this.OPTION({
          GATE: () => false,
          DEF: () =>
            this.OR([
              { ALT: () => this.CONSUME(Newline) },
              { ALT: () => this.CONSUME(Semicolon) },
              { ALT: () => this.CONSUME(RCurly) },
              { ALT: () => this.CONSUME(StrayInBody) },
              { ALT: () => this.CONSUME(Identifier) },
            ]),
        });
        return condition;
      },
      { recoveryValueFunc: (): ConditionResult => AT_EOF },
    );

    private nextBeyondNewlines(): TokenType {
      let i = 1;
      while (this.LA(i).tokenType === Newline) i++;
      return this.LA(i).tokenType;
    }

    private orExpr = this.RULE(
      'orExpr',
      (): ConditionResult => {
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
      },
      { recoveryValueFunc: (): ConditionResult => ESCAPED },
    );

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
              return this.ACTION(() => ({ kind: 'not', operand, range: spanRange(this.rangeOf(not), operand?.range ?? this.rangeOf(not)) }) as Expr);
            },
          },
          {
            ALT: () => {
              const open = this.CONSUME(LParen);
              this.MANY(() => this.CONSUME(Newline));
              const parsed = this.SUBRULE(this.orExpr);
              // Here an error that escaped the inner condition was caught by it: the group is missing.
              const inner = typeof parsed === 'object' ? parsed : undefined;
              this.MANY2(() => this.CONSUME2(Newline));
              const close = this.CONSUME(RParen);
              // The group's range includes its parentheses, so that the `when` statement's range covers
              // its whole source (it ended before a closing ')').
              return this.ACTION(() => {
                if (!inner) return inner as unknown as Expr;
                const end = close.isInsertedInRecovery || Number.isNaN(close.startOffset) ? inner.range : this.rangeOf(close);
                return { ...inner, range: spanRange(this.rangeOf(open), end) };
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
        const fieldRange = this.rangeOf(field);
        const fieldToken = { text: field.image, range: fieldRange };
        if (testToken) {
          const word = testToken.image;
          test = word === 'present' ? 'present' : 'missing';
          const range = spanRange(fieldRange, this.rangeOf(testToken));
          if (word !== 'missing' && word !== 'present' && !testToken.isInsertedInRecovery) {
            this.extraProblems.push({
              code: 'syntax',
              severity: 'error',
              message: `Expected 'missing' or 'present' after 'is', but found '${word}'`,
              range: this.rangeOf(testToken),
            });
          }
          return { kind: 'test', field: fieldToken, test, range } as Expr;
        }
        const last = value.at(-1)?.range ?? fieldRange;
        return { kind: 'compare', field: fieldToken, op: op ?? '=', value, range: spanRange(fieldRange, last) } as Expr;
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
        const kind = ATOM_KINDS.get(token.tokenType) ?? 'ident';
        return { kind, text: kind === 'string' ? unquote(token.image) : token.image, raw: token.image, range: this.rangeOf(token) };
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

    /** `[a, b, c]`, as in statements (`parser.ts`); a missing `]` is reported and the list kept. */
    private list = this.RULE('list', (): ListValue => {
      const open = this.CONSUME(LBracket);
      const items: AtomValue[] = [];
      this.MANY(() => this.CONSUME(Newline));
      this.OPTION(() => {
        const first = this.SUBRULE(this.listItem);
        this.ACTION(() => first && items.push(first));
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
          this.extraProblems.push({ code: 'syntax', severity: 'error', message: "The list is not closed: add ']'", range: this.rangeOf(open) });
        }
        const end = close ? this.rangeOf(close) : (items.at(-1)?.range ?? this.rangeOf(open));
        return { kind: 'list', items, bracketed: true, range: spanRange(this.rangeOf(open), end) } as ListValue;
      });
    });
  }

  return ConditionParser;
}

function combine(kind: 'and' | 'or', operands: Array<Expr | typeof ESCAPED | typeof AT_EOF | undefined>): Expr {
  const present = operands.filter((o): o is Expr => !!o && typeof o === 'object');
  // After a recovered error every operand may be missing (`when limit >`): the condition is then
  // undefined, like any other sub-rule that failed, rather than a crash of the whole parse.
  if (present.length <= 1) return present[0]!;
  return { kind, operands: present, range: spanRange(present[0]!.range, present.at(-1)!.range) };
}

type ConditionParser = InstanceType<ReturnType<typeof defineConditionParser>>;

let ConditionParserClass: ReturnType<typeof defineConditionParser> | undefined;
let parser: ConditionParser | undefined;

/** The parser's class, defined on first need: it extends a class of Chevrotain (`chevrotain.ts`). */
function conditionParserClass(): ReturnType<typeof defineConditionParser> {
  return (ConditionParserClass ??= defineConditionParser());
}

/** Builds the condition grammar with Chevrotain's validations (ambiguities, left recursion…); throws if it is invalid. */
export function checkConditionGrammar(): void {
  new (conditionParserClass())(true);
}

export interface ParsedCondition {
  result: ConditionResult;
  /** Index of the first token after the condition. */
  next: number;
  /** Chevrotain's errors, in the order they were found. */
  errors: Array<{ message: string; token: IToken }>;
}

/** Parses the `when` condition starting at token `first`; problems of the parser's actions go to `extraProblems`. */
export function parseCondition(source: Tokens, first: number, extraProblems: Problem[]): ParsedCondition {
  // A well-written one-line condition does not need the grammar (nor its construction).
  const fast = parseConditionFast(source, first);
  if (fast) return { result: fast.result, next: fast.next, errors: [] };
  return parseConditionByGrammar(source, first, extraProblems);
}

/** `parseCondition` by the Chevrotain grammar alone (what `condition-fast.ts` is tested against). */
export function parseConditionByGrammar(source: Tokens, first: number, extraProblems: Problem[]): ParsedCondition {
  parser ??= new (conditionParserClass())();
  const { result, next } = parser.parseAt(source, first, extraProblems);
  return { result, next, errors: parser.errors.map((e) => ({ message: e.message, token: e.token })) };
}
