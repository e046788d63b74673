// Tokens of the doa language: the lexical grammar, and the vocabulary of the `when` condition
// grammar (`condition.ts`). Files are lexed by the hand-written `lexer.ts`, which implements these
// patterns; no Chevrotain lexer is built (its construction and a scan of the whole BMP for the
// characters a name may start with cost tens of milliseconds at start-up).
//
// Every keyword of the language is lexed as an Identifier: statement keys (`entity`, `authority`,
// `valid`, …) are recognised by position in `to-ast.ts`, so a post may be called `area` without
// clashing with the grammar. The only reserved words are the connectives of `when` expressions
// (`and`, `or`, `not`, `in`, `is`); they also belong to the Identifier category so that ordinary
// statements such as `grades P-4 and above` still read as plain values.
//
// The token types are Chevrotain objects, created on first need (`conditionTokens()`): a check whose
// conditions `condition-fast.ts` parses never loads Chevrotain (see `chevrotain.ts`).
import type { TokenType } from 'chevrotain';
import { loadChevrotain } from './chevrotain.ts';

// Names: letters of any script, digits, `_`, `-`, `.`, and `/` between segments (finance/certify).
// Chevrotain re-creates regex patterns without the `u` flag, so Unicode classes need a custom matcher.
const NAME = /[\p{L}_][\p{L}\p{M}\p{N}_\-.]*(?:\/[\p{L}\p{M}\p{N}_\-.]+)*/uy;
function matchName(text: string, offset: number): RegExpExecArray | null {
  NAME.lastIndex = offset;
  return NAME.exec(text);
}
// A date must not run on into a name or number (`2024-01-01a`); like names, it needs the `u` flag.
const DATE = /\d{4}-\d{2}-\d{2}(?![\d\p{L}\p{M}_])/uy;

export type ConditionTokens = ReturnType<typeof createConditionTokens>;

let tokens: ConditionTokens | undefined;

/** The token types, created on first need (see `chevrotain.ts`): the same objects on every call. */
export function conditionTokens(): ConditionTokens {
  return (tokens ??= createConditionTokens());
}

function createConditionTokens() {
  const { createToken, Lexer } = loadChevrotain();

  const WhiteSpace = createToken({ name: 'WhiteSpace', pattern: /[ \t\r\f\u00a0\ufeff]+/, group: Lexer.SKIPPED });
  const Newline = createToken({ name: 'Newline', pattern: /\n/, label: 'end of line', line_breaks: true });
  const LineComment = createToken({ name: 'LineComment', pattern: /\/\/[^\n]*/, group: 'comments' });
  const BlockComment = createToken({
    name: 'BlockComment',
    pattern: /\/\*[\s\S]*?\*\//,
    group: 'comments',
    line_breaks: true,
  });

  const Identifier = createToken({
    name: 'Identifier',
    pattern: { exec: matchName },
    label: 'a name',
    line_breaks: false,
  });

  function keyword(name: string, word: string): TokenType {
    return createToken({
      name,
      pattern: new RegExp(word),
      start_chars_hint: [word[0]!],
      longer_alt: Identifier,
      categories: [Identifier],
      label: `'${word}'`,
    });
  }
  const And = keyword('And', 'and');
  const Or = keyword('Or', 'or');
  const Not = keyword('Not', 'not');
  const In = keyword('In', 'in');
  const Is = keyword('Is', 'is');

  /** Tokens that cannot start a statement; the parser skips them with a located message. */
  const StrayInBody = createToken({ name: 'StrayInBody', pattern: Lexer.NA });

  const DateLiteral = createToken({
    name: 'DateLiteral',
    categories: [StrayInBody],
    pattern: { exec: (text: string, offset: number) => ((DATE.lastIndex = offset), DATE.exec(text)) },
    start_chars_hint: [...'0123456789'],
    line_breaks: false,
    label: 'a date (YYYY-MM-DD)',
  });
  // Amounts are written as a drafter writes them: 1,250,000.00 or 1_250_000 or 1250000.5.
  const NumberLiteral = createToken({
    name: 'NumberLiteral',
    categories: [StrayInBody],
    pattern: /\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:_\d+)*(?:\.\d+)?/,
    label: 'a number',
  });
  const StringLiteral = createToken({
    name: 'StringLiteral',
    categories: [StrayInBody],
    pattern: /"(?:[^"\\\n]|\\.)*"/,
    label: 'a quoted text',
  });
  const LCurly = createToken({ name: 'LCurly', categories: [StrayInBody], pattern: /\{/, label: "'{'" });
  const RCurly = createToken({ name: 'RCurly', pattern: /\}/, label: "'}'" });
  const LBracket = createToken({ name: 'LBracket', categories: [StrayInBody], pattern: /\[/, label: "'['" });
  const RBracket = createToken({ name: 'RBracket', categories: [StrayInBody], pattern: /\]/, label: "']'" });
  const LParen = createToken({ name: 'LParen', categories: [StrayInBody], pattern: /\(/, label: "'('" });
  const RParen = createToken({ name: 'RParen', categories: [StrayInBody], pattern: /\)/, label: "')'" });
  const Comma = createToken({ name: 'Comma', categories: [StrayInBody], pattern: /,/, label: "','" });
  const Semicolon = createToken({ name: 'Semicolon', pattern: /;/, label: "';'" });
  const Comparison = createToken({ name: 'Comparison', categories: [StrayInBody], pattern: /<=|>=|!=|<|>|=/, label: 'a comparison (=, !=, <, <=, >, >=)' });

  // One list: each token by name, and `allTokens` (the parser's vocabulary) in the same order.
  const named = {
    StrayInBody,
    WhiteSpace,
    Newline,
    LineComment,
    BlockComment,
    DateLiteral,
    NumberLiteral,
    StringLiteral,
    And,
    Or,
    Not,
    In,
    Is,
    Identifier,
    LCurly,
    RCurly,
    LBracket,
    RBracket,
    LParen,
    RParen,
    Comma,
    Semicolon,
    Comparison,
  };
  const allTokens: TokenType[] = Object.values(named);
  return { ...named, allTokens };
}
