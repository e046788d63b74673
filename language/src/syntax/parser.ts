// The recovering parser: text → compact tokens (`lexer.ts`) → generic syntax tree with exact ranges.
//
// Statements, values, lists and blocks are parsed here by hand, by recursive descent over the
// compact tokens; `when` conditions go to the Chevrotain grammar of `condition.ts`. The recovery is
// the one the whole grammar had when it was one Chevrotain parser (kept so that diagnostics did not
// change): stray tokens are skipped with a located message, a missing `]` or `}` is reported and the
// list or block kept, a missing `}` closes at an unindented declaration that opens a block, and a
// statement whose error cannot be recovered inside it (a comma with no value after it, a condition
// that cannot be finished) is dropped at the token where it failed.
//
// Invariant: parsing never throws. Every lexing or parsing error becomes a located Problem.
import { AT_EOF, ESCAPED, parseCondition } from './condition.ts';
import { DECLARATION_KEYWORDS } from './keywords.ts';
import { isName, Kind, lex, unquote, type Tokens } from './lexer.ts';
import { tokenRange } from './positions.ts';
import { LineIndex, SourceRange, spanRange, startOffsetOf } from './source-range.ts';
import type { AtomValue, Body, Comment, Expr, ListValue, Problem, Range, Statement, SyntaxFile, SyntaxValue } from './syntax-tree.ts';
import { none } from '../util/exact.ts';

const STATEMENT_START = "a statement starts with a keyword such as 'entity' or 'authority'";
const VALUE_EXPECTED = "Expected a name, a quoted text, a date (YYYY-MM-DD), a number or '['";

/** Tokens that cannot start a statement (Chevrotain's `StrayInBody` category in `tokens.ts`). */
function isStray(kind: Kind): boolean {
  switch (kind) {
    case Kind.Date:
    case Kind.Number:
    case Kind.String:
    case Kind.LCurly:
    case Kind.LBracket:
    case Kind.RBracket:
    case Kind.LParen:
    case Kind.RParen:
    case Kind.Comma:
    case Kind.Comparison:
      return true;
    default:
      return false;
  }
}

/** An atom: a name, a quoted text, a date or a number. */
function isAtom(kind: Kind): boolean {
  return kind <= Kind.Identifier && kind !== Kind.Newline;
}

/** What can start a value: an atom or a bracketed list. */
function startsValue(kind: Kind): boolean {
  return isAtom(kind) || kind === Kind.LBracket;
}

const ASCII = /^[\x00-\x7f]*$/;

/** Returned by the parsing functions when the statement being parsed is dropped. */
const DROPPED = Symbol('dropped');
/** The values of every statement that has none (a key alone, or a block): shared, never written. */
const NO_VALUES = none<SyntaxValue>();

class StatementParser {
  private readonly text: string;
  private readonly count: number;
  private readonly kinds: Uint8Array;
  private readonly starts: Int32Array;
  private readonly ends: Int32Array;
  private readonly lines: Int32Array;
  private readonly lineStarts: Int32Array;
  private readonly lineIndex: LineIndex;
  /** Index of the next token. */
  private i = 0;
  /** Set when an error reached the end of the file: every open statement is dropped. */
  private atEof = false;
  private readonly texts = new Map<string, string>();
  /** Where `statement` gathers the values of one statement. */
  private readonly valueScratch: SyntaxValue[] = [];
  /** Set when a block was left open: only then are the statements walked for the blocks to report. */
  anyUnclosed = false;
  /** Errors of the grammar (Chevrotain's kind of error, in the order found) and problems of the parser's own checks. */
  readonly grammarErrors: Problem[] = [];
  readonly extraProblems: Problem[] = [];

  constructor(private readonly tokens: Tokens) {
    this.text = tokens.text;
    this.count = tokens.count;
    this.kinds = tokens.kinds;
    this.starts = tokens.starts;
    this.ends = tokens.ends;
    this.lines = tokens.lines;
    this.lineStarts = tokens.lineStarts;
    this.lineIndex = tokens.lineIndex;
  }

  private kind(index: number): Kind {
    return index < this.count ? (this.kinds[index] as Kind) : Kind.EOF;
  }

  private image(index: number): string {
    return this.text.slice(this.starts[index], this.ends[index]);
  }

  /**
   * One string for all equal texts of the file. Statement keys, names, dates and amounts repeat
   * thousands of times, and the AST keeps them (a reference keeps its name and its statement's
   * key): a shared string is one object instead of one per occurrence, and a name already looked
   * up keeps its hash for the symbol table.
   */
  private shared(text: string): string {
    const known = this.texts.get(text);
    if (known !== undefined) return known;
    this.texts.set(text, text);
    return text;
  }

  /** The names of the file as written, each once (`shared`, for names only). */
  private readonly names = new Map<string, string>();
  /** The names whose NFC form differs from the name as written, with that form. */
  private readonly meanings = new Map<string, string>();

  /**
   * A name as written, shared as `shared` shares texts. A name typed with a combining mark
   * (c + U+0327) and one typed precomposed (ç) look the same and must be the same name: a name
   * means its NFC form (`meaning`), worked out once per distinct name and kept only when it differs,
   * so that a file without such a name pays one test per distinct name that is not ASCII.
   */
  private sharedName(text: string): string {
    const known = this.names.get(text);
    if (known !== undefined) return known;
    this.names.set(text, text);
    if (!ASCII.test(text)) {
      const nfc = text.normalize('NFC');
      if (nfc !== text) this.meanings.set(text, nfc);
    }
    return text;
  }

  /** What a name (from `sharedName`) means: its NFC form. */
  private meaning(name: string): string {
    return this.meanings.size === 0 ? name : (this.meanings.get(name) ?? name);
  }

  private range(index: number): SourceRange {
    return new SourceRange(this.lineIndex, this.starts[index]!, this.ends[index]!);
  }

  /** The range of token `index`, or an empty range at the end of the text for the end of the file. */
  private rangeOrEnd(index: number): Range {
    return index < this.count ? this.range(index) : this.endOfFile();
  }

  private endOfFile(): Range {
    return new SourceRange(this.lineIndex, this.text.length, this.text.length);
  }

  private describe(index: number): string {
    const kind = this.kind(index);
    if (kind === Kind.EOF) return 'the end of the file';
    if (kind === Kind.Newline) return 'the end of the line';
    return `'${this.image(index)}'`;
  }

  private stray(index: number, where: string): void {
    const message =
      this.kinds[index] === Kind.RCurly
        ? "Unexpected '}': there is no open block to close"
        : `Unexpected ${this.describe(index)} ${where}: ${STATEMENT_START}`;
    this.extraProblems.push({ code: 'syntax', message, severity: 'error', range: this.range(index) });
  }

  file(): Statement[] {
    const statements: Statement[] = [];
    while (this.i < this.count && !this.atEof) {
      const kind = this.kinds[this.i] as Kind;
      if (kind === Kind.Newline || kind === Kind.Semicolon) this.i++;
      else if (kind === Kind.RCurly || isStray(kind)) this.stray(this.i++, 'here');
      else {
        const s = this.statement();
        if (s !== DROPPED) statements.push(s);
      }
    }
    return statements;
  }

  private statement(): Statement | typeof DROPPED {
    const keyIndex = this.i++;
    const keyText = this.shared(this.image(keyIndex));
    const keyRange = this.range(keyIndex);
    let values: SyntaxValue[] = NO_VALUES;
    let condition: Expr | undefined;
    let conditionParsed = false;
    let recovered = false;
    let body: Body | undefined;
    if (keyText === 'when' && this.conditionAhead()) {
      conditionParsed = true;
      const parsed = parseCondition(this.tokens, this.i, this.extraProblems);
      this.i = parsed.next;
      for (const e of parsed.errors) {
        const atEnd = e.token.tokenType.name === 'EOF' || Number.isNaN(e.token.startOffset);
        this.grammarErrors.push({ code: 'syntax', severity: 'error', message: e.message, range: atEnd ? this.endOfFile() : tokenRange(e.token, this.lineIndex) });
      }
      if (parsed.result === AT_EOF) this.atEof = true;
      if (parsed.result === ESCAPED || parsed.result === AT_EOF) return DROPPED;
      condition = parsed.result;
      recovered = parsed.errors.length > 0;
    } else {
      // The values are gathered in the parser's scratch list and copied out at their exact length:
      // a push to `[]` or `[v]` reserves 17 slots, and most statements have one to four values.
      // (Values hold no statements, so the scratch list is free again before the block is parsed.)
      const scratch = this.valueScratch;
      let count = 0;
      while (startsValue(this.kind(this.i))) {
        const value = this.valueGroup();
        if (value === DROPPED) return DROPPED;
        scratch[count++] = value;
      }
      if (count === 1) values = [scratch[0]!];
      else if (count > 1) values = scratch.slice(0, count);
      if (this.kind(this.i) === Kind.LCurly) {
        const parsed = this.body();
        if (parsed === DROPPED) return DROPPED;
        body = parsed;
      }
    }
    // A bare `when` has no condition and no values: without this it was accepted silently and the
    // rule never fired. (`when foo` keeps its values, which `to-ast` reports as unexpected.)
    if (keyText === 'when' && !conditionParsed && values.length === 0) {
      this.extraProblems.push({
        code: 'syntax',
        severity: 'error',
        message: "Expected a condition after 'when', such as 'limit > USD 500,000' or 'area = procurement'",
        range: keyRange,
      });
    }
    const last: Range = body?.range ?? condition?.range ?? values.at(-1)?.range ?? keyRange;
    // A statement that is only its key shares the key's range. Every statement is made with all its
    // fields (absent ones undefined): one shape for the readers, and no property store added later.
    return { key: { text: keyText, range: keyRange }, values, range: last === keyRange ? keyRange : spanRange(keyRange, last), condition, recovered, body };
  }

  /**
   * Whether the tokens after `when` are parsed as a condition rather than as values: the choice the
   * Chevrotain grammar made with three tokens of lookahead (the first token sequences of a condition
   * that no statement value list can start with).
   */
  private conditionAhead(): boolean {
    const a = this.kind(this.i);
    if (a === Kind.LParen) return true;
    if (!isName(a)) return false;
    const b = this.kind(this.i + 1);
    if (b === Kind.Comparison) return true;
    const c = this.kind(this.i + 2);
    if (isName(b) && startsValue(c)) return true;
    if (a !== Kind.Not) return false;
    return b === Kind.LParen || (b === Kind.Not && c === Kind.LParen) || (isName(b) && c === Kind.Comparison);
  }

  private body(): Body | typeof DROPPED {
    const openIndex = this.i++;
    const statements: Statement[] = [];
    while (!this.startsDeclaration()) {
      const kind = this.kind(this.i);
      if (kind === Kind.Newline || kind === Kind.Semicolon) this.i++;
      else if (isStray(kind)) this.stray(this.i++, 'in this block');
      else if (isName(kind)) {
        const s = this.statement();
        if (this.atEof) return DROPPED;
        if (s !== DROPPED) statements.push(s);
      } else break;
    }
    // Everything but '}' and the end of the file is consumed above, unless the next line starts a
    // new declaration: a missing '}' then closes the block there, and it is reported.
    const openRange = this.range(openIndex);
    if (this.kind(this.i) === Kind.RCurly) {
      return { statements, closed: true, range: spanRange(openRange, this.range(this.i++)) };
    }
    this.anyUnclosed = true;
    return { statements, closed: false, range: spanRange(openRange, statements.at(-1)?.range ?? openRange) };
  }

  /** An unindented declaration keyword whose line opens a block: the start of the next declaration. */
  private startsDeclaration(): boolean {
    const i = this.i;
    if (i >= this.count || this.starts[i] !== this.lineStarts[this.lines[i]!] || !isName(this.kinds[i] as Kind)) return false;
    if (!DECLARATION_KEYWORDS.has(this.image(i))) return false;
    // As far as the grammar's lookahead went: 62 tokens.
    for (let j = i + 1; j < i + 63; j++) {
      const kind = this.kind(j);
      if (kind === Kind.LCurly) return true;
      if (kind === Kind.Newline || kind === Kind.EOF) return false;
    }
    return false;
  }

  /** One value, or several joined by commas (`procurement, finance`), which read as one list. */
  private valueGroup(): SyntaxValue | typeof DROPPED {
    const first = this.value();
    if (this.kind(this.i) !== Kind.Comma) return first;
    const items: SyntaxValue[] = [first];
    while (this.kind(this.i) === Kind.Comma) {
      this.i++;
      while (this.kind(this.i) === Kind.Newline) this.i++;
      if (!startsValue(this.kind(this.i))) {
        // The statement cannot be finished: it is dropped here and parsing goes on at this token.
        this.grammarErrors.push({ code: 'syntax', severity: 'error', message: `${VALUE_EXPECTED} but found ${this.describe(this.i)}`, range: this.rangeOrEnd(this.i) });
        if (this.i >= this.count) this.atEof = true;
        return DROPPED;
      }
      items.push(this.value());
    }
    return { kind: 'list', items: atomsOf(items), bracketed: false, range: spanRange(items[0]!.range, items.at(-1)!.range) };
  }

  private value(): SyntaxValue {
    return this.kinds[this.i] === Kind.LBracket ? this.list() : this.atom();
  }

  private atom(): AtomValue {
    const index = this.i++;
    const kind = this.kinds[index] as Kind;
    if (kind === Kind.String) {
      // The AST keeps what a quoted text means, never its quotes: only the meaning is shared.
      const raw = this.image(index);
      return { kind: 'string', text: this.shared(unquote(raw)), raw, range: this.range(index) };
    }
    if (kind === Kind.Date || kind === Kind.Number) {
      const raw = this.shared(this.image(index));
      return { kind: kind === Kind.Date ? 'date' : 'number', text: raw, raw, range: this.range(index) };
    }
    // A name means its NFC form; a quoted text (a title, a message) is kept exactly as written.
    const raw = this.sharedName(this.image(index));
    return { kind: 'ident', text: this.meaning(raw), raw, range: this.range(index) };
  }

  /**
   * `[a, b, c]`, over several lines if wanted, with an optional trailing comma. A missing `]` is
   * reported and the list kept, so a drafter typing a list does not lose the statement.
   */
  private list(): ListValue {
    const openIndex = this.i++;
    const items: AtomValue[] = [];
    while (this.kind(this.i) === Kind.Newline) this.i++;
    if (isAtom(this.kind(this.i))) {
      items.push(this.atom());
      this.skipNewlinesInList();
      while (this.kind(this.i) === Kind.Comma) {
        this.i++;
        while (this.kind(this.i) === Kind.Newline) this.i++;
        if (isAtom(this.kind(this.i))) {
          items.push(this.atom());
          this.skipNewlinesInList();
        }
      }
    }
    const openRange = this.range(openIndex);
    if (this.kind(this.i) === Kind.RBracket) {
      return { kind: 'list', items, bracketed: true, range: spanRange(openRange, this.range(this.i++)) };
    }
    this.extraProblems.push({ code: 'syntax', severity: 'error', message: "The list is not closed: add ']'", range: openRange });
    return { kind: 'list', items, bracketed: true, range: spanRange(openRange, items.at(-1)?.range ?? openRange) };
  }

  /** Line breaks after an item belong to the list only if it goes on: when `]` is missing, the next line is the next statement. */
  private skipNewlinesInList(): void {
    let j = this.i;
    while (this.kind(j) === Kind.Newline) j++;
    const next = this.kind(j);
    if (next === Kind.Comma || next === Kind.RBracket) this.i = j;
  }
}

/** The atoms of values joined by commas: a bracketed list among them gives its items. */
function atomsOf(items: SyntaxValue[]): AtomValue[] {
  if (items.every((v) => v.kind !== 'list')) return items as AtomValue[];
  const atoms: AtomValue[] = [];
  for (const v of items) {
    if (v.kind === 'list') atoms.push(...v.items);
    else atoms.push(v);
  }
  return atoms;
}

function lexerMessage(text: string, offset: number, length: number): string {
  const ch = text[offset] ?? '';
  if (ch === '"') return 'Unterminated text: a quoted text must end with " on the same line';
  const snippet = text.slice(offset, offset + Math.min(length, 20));
  return `Unexpected character${snippet.length > 1 ? 's' : ''} '${snippet}'`;
}

/** Parses one file. Never throws; problems are located. */
export function parse(uri: string, text: string): SyntaxFile {
  const tokens = lex(text);
  const lines = tokens.lineIndex;
  const problems: Problem[] = tokens.errors.map((e) => {
    const range = new SourceRange(lines, e.offset, Math.min(e.offset + Math.max(1, e.length), text.length));
    return { code: 'syntax', severity: 'error', message: lexerMessage(text, e.offset, e.length), range };
  });
  const comments: Comment[] = tokens.comments.map((c) => ({ text: text.slice(c.start, c.end), block: c.block, range: new SourceRange(lines, c.start, c.end) }));
  const parser = new StatementParser(tokens);
  const statements = parser.file();
  problems.push(...parser.grammarErrors, ...parser.extraProblems);
  if (parser.anyUnclosed) collectUnclosed(statements, problems);
  problems.sort((a, b) => startOffsetOf(a.range) - startOffsetOf(b.range));
  return { uri, text, statements, comments, problems };
}

function collectUnclosed(statements: Statement[], problems: Problem[]): void {
  for (const s of statements) {
    if (!s.body) continue;
    if (!s.body.closed) {
      problems.push({ code: 'syntax', severity: 'error', message: `The block of '${s.key.text}' is not closed: add '}'`, range: s.key.range });
    }
    collectUnclosed(s.body.statements, problems);
  }
}
