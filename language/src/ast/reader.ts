// Reads the values of one statement in order, with located messages a drafter can act on.
//
// A reader is a cursor: `to-ast` keeps one per nesting level and `reset`s it for each statement
// rather than allocating one per statement, since building the AST of a large workspace is
// dominated by allocation. What it reads is the only thing it allocates.
import type { AtomValue, Problem, Range, Statement, SyntaxValue } from '../syntax/syntax-tree.ts';
import type { DateValue, Decl, DeclKind, MoneyValue, Ref, RefSite, TextValue } from './ast.ts';
import { canonicalDecimal } from '../values/decimal.ts';
import { isValidDate } from '../values/dates.ts';
import { isCurrency } from '../values/currencies.ts';
import { spanRange } from '../syntax/source-range.ts';
import { none } from '../util/exact.ts';

export class Reader {
  private index = 0;
  private values_: readonly SyntaxValue[];
  /** Set when the statement is named otherwise than by its key. */
  private customLabel: string | undefined;
  /** Reading a declaration's header (`entity X "title"`), named so in messages. */
  private header = false;

  constructor(
    public statement: Statement,
    private readonly problems: Problem[],
    private readonly refs: RefSite[],
    /** What the statement is called in messages, e.g. `'limit'`; by default its key in quotes. */
    label?: string,
  ) {
    this.values_ = statement.values;
    this.customLabel = label;
  }

  /** Starts reading another statement. */
  reset(statement: Statement, label?: string): this {
    this.statement = statement;
    this.values_ = statement.values;
    this.index = 0;
    this.customLabel = label;
    this.header = false;
    return this;
  }

  /** Starts reading the header of a declaration: its name and title. */
  resetToHeader(statement: Statement): this {
    this.reset(statement);
    this.header = true;
    return this;
  }

  /** What the statement is called in messages; built only when a message needs it. */
  get label(): string {
    if (this.customLabel !== undefined) return this.customLabel;
    return this.header ? `the ${this.statement.key.text} header` : `'${this.statement.key.text}'`;
  }

  get values(): readonly SyntaxValue[] {
    return this.values_;
  }

  atEnd(): boolean {
    return this.index >= this.values_.length;
  }

  peek(): SyntaxValue | undefined {
    return this.values_[this.index];
  }

  next(): SyntaxValue | undefined {
    return this.values_[this.index++];
  }

  /** Where a missing value should be reported: just after what was read, or on the key. */
  private hereRange(): Range {
    const prev = this.values_[this.index - 1];
    return prev?.range ?? this.statement.key.range;
  }

  error(range: Range, message: string, severity: Problem['severity'] = 'error'): void {
    this.problems.push({ code: 'invalid', message, severity, range });
  }

  private missing(what: string): void {
    const found = this.peek();
    if (found) this.error(found.range, `Expected ${what} in ${this.label}, but found ${describe(found)}`);
    else this.error(this.hereRange(), `Expected ${what} after ${this.label}`);
  }

  /** Consumes the next value if it is the word `word`. */
  word(word: string): boolean {
    const v = this.values_[this.index];
    if (v !== undefined && v.kind === 'ident' && v.text === word) {
      this.index++;
      return true;
    }
    return false;
  }

  isWord(word: string, offset = 0): boolean {
    const v = this.values_[this.index + offset];
    return v !== undefined && v.kind === 'ident' && v.text === word;
  }

  expectWord(word: string): boolean {
    if (this.word(word)) return true;
    this.missing(`'${word}'`);
    return false;
  }

  atom(kind: AtomValue['kind'], what: string): AtomValue | undefined {
    const v = this.values_[this.index];
    if (v !== undefined && v.kind === kind) {
      this.index++;
      return v;
    }
    this.missing(what);
    if (v) this.index++;
    return undefined;
  }

  ident(what: string): AtomValue | undefined {
    return this.atom('ident', what);
  }

  /** Records a reference site; `kinds` should be a shared constant, since every site keeps it. */
  private site(v: AtomValue, kinds: DeclKind[]): Ref {
    const site = new ReferenceSite(v.text, v.range, kinds, this.statement.key.text);
    this.refs.push(site);
    return site;
  }

  ref(what: string, kinds: DeclKind[]): Ref | undefined {
    const v = this.ident(what);
    return v ? this.site(v, kinds) : undefined;
  }

  /** One name or several (`a, b` or `[a, b]`). */
  refList(what: string, kinds: DeclKind[]): Ref[] {
    const v = this.peek();
    if (v?.kind === 'list') {
      this.index++;
      return this.listOf(v.items, 'ident', what, (item) => this.site(item, kinds));
    }
    const one = this.ref(what, kinds);
    return one ? [one] : none();
  }

  /**
   * `make` of each item of a list of the `kind` wanted; any other item is reported. The AST keeps
   * these lists: `map` makes one of the exact length, where pushing to `[]` reserves 17 slots, and a
   * list with no item is the shared `none()`.
   */
  private listOf<T>(items: AtomValue[], kind: AtomValue['kind'], what: string, make: (item: AtomValue) => T): T[] {
    let wanted = 0;
    for (const item of items) {
      if (item.kind === kind) wanted++;
      else this.error(item.range, `Expected ${what}, but found ${describe(item)}`);
    }
    if (wanted === 0) return none();
    return wanted === items.length ? items.map(make) : items.filter((item) => item.kind === kind).map(make);
  }

  /** One name or a list of names, not linked (free tags such as function names). */
  nameList(what: string): AtomValue[] {
    const v = this.peek();
    if (v?.kind === 'list') {
      this.index++;
      return this.listOf(v.items, 'ident', what, (item) => item);
    }
    const one = this.ident(what);
    return one ? [one] : none();
  }

  /** Like `nameList`, as unlinked names with their ranges (function tags). */
  tagList(what: string): Ref[] {
    const v = this.peek();
    if (v?.kind === 'list') {
      this.index++;
      return this.listOf(v.items, 'ident', what, (item): Ref => ({ name: item.text, range: item.range }));
    }
    const one = this.ident(what);
    return one ? [{ name: one.text, range: one.range }] : none();
  }

  /** Like `nameList`, the names only (transaction steps). */
  wordList(what: string): string[] {
    const v = this.peek();
    if (v?.kind === 'list') {
      this.index++;
      return this.listOf(v.items, 'ident', what, (item) => item.text);
    }
    const one = this.ident(what);
    return one ? [one.text] : none();
  }

  text(what: string): TextValue | undefined {
    const v = this.atom('string', what);
    return v ? { text: v.text, range: v.range } : undefined;
  }

  /** `before` and the strings read (one, or a list): `before` itself when none was read. */
  textList(what: string, before: TextValue[] = none()): TextValue[] {
    const v = this.peek();
    if (v?.kind === 'list') {
      this.index++;
      const read = this.listOf(v.items, 'string', what, (item): TextValue => ({ text: item.text, range: item.range }));
      return before.length === 0 ? read : read.length === 0 ? before : before.concat(read);
    }
    const one = this.text(what);
    return one ? appended(before, one) : before;
  }

  date(what = 'a date (YYYY-MM-DD)'): DateValue | undefined {
    const v = this.atom('date', what);
    if (!v) return undefined;
    if (!isValidDate(v.text)) {
      this.error(v.range, `'${v.text}' is not a calendar date`);
      return undefined;
    }
    return { value: v.text, range: v.range };
  }

  integer(what: string): { value: number; range: Range } | undefined {
    const v = this.atom('number', what);
    if (!v) return undefined;
    if (!isDigits(v.text)) {
      this.error(v.range, `Expected a whole number, but found '${v.raw}'`);
      return undefined;
    }
    return { value: Number(v.text), range: v.range };
  }

  decimal(what: string): { value: string; range: Range } | undefined {
    const v = this.atom('number', what);
    if (!v) return undefined;
    const value = canonicalDecimal(v.text);
    if (value === undefined) {
      this.error(v.range, `'${v.raw}' is not a number`);
      return undefined;
    }
    return { value, range: v.range };
  }

  /** `USD 5,000,000` or `5,000,000 USD`. */
  money(what = 'an amount such as USD 500,000'): MoneyValue | undefined {
    const first = this.peek();
    const second = this.values_[this.index + 1];
    let cur: AtomValue | undefined;
    let num: AtomValue | undefined;
    if (first?.kind === 'ident' && second?.kind === 'number') {
      cur = first;
      num = second;
    } else if (first?.kind === 'number' && second?.kind === 'ident') {
      num = first;
      cur = second;
    } else if (first?.kind === 'number') {
      this.index++;
      this.error(first.range, `The amount '${first.raw}' needs a currency, e.g. USD ${first.raw}`);
      return undefined;
    } else {
      this.missing(what);
      if (first) this.index++;
      return undefined;
    }
    this.index += 2;
    const range = spanRange(first.range, second.range);
    const amount = amountOf(num.text);
    if (amount === undefined) {
      this.error(num.range, `'${num.raw}' is not an amount`);
      return undefined;
    }
    if (!isCurrency(cur.text)) {
      this.error(cur.range, `'${cur.text}' is not an ISO 4217 currency code (such as USD, EUR, CHF)`);
      return undefined;
    }
    return { amount, currency: cur.text, range, raw: `${first.raw} ${second.raw}` };
  }

  /** Reports whatever is left unread. */
  finish(): void {
    while (this.index < this.values_.length) {
      const v = this.values_[this.index++]!;
      this.error(v.range, `Unexpected ${describe(v)} in ${this.label}`);
    }
  }
}

/**
 * Canonical amounts by the text written, shared by every file: limits repeat (`USD 15,000` on
 * thousands of grants), so each is worked out once, and the AST keeps one string per amount. Bounded,
 * so that a language server editing for days does not keep every amount ever typed.
 */
const AMOUNTS = new Map<string, string>();
const AMOUNTS_KEPT = 4096;

function amountOf(text: string): string | undefined {
  const known = AMOUNTS.get(text);
  if (known !== undefined) return known;
  const amount = plainInteger(text) ?? canonicalDecimal(text);
  if (amount === undefined) return undefined;
  if (AMOUNTS.size >= AMOUNTS_KEPT) AMOUNTS.clear();
  AMOUNTS.set(text, amount);
  return amount;
}

/**
 * The canonical form of a whole number written plainly (`500`), grouped by thousands (`5,000,000`)
 * or with underscores (`2_400_000`), as `canonicalDecimal` gives it, without its general parsing
 * (a regex and big.js): most amounts are written so. Undefined for any other form, which
 * `canonicalDecimal` then reads (or rejects).
 */
function plainInteger(text: string): string | undefined {
  // A leading zero (or zero itself) is left to canonicalDecimal, which drops it.
  if (text.charCodeAt(0) === 48) return undefined;
  const firstComma = text.indexOf(',');
  if (firstComma < 0) return isDigits(text) ? text : underscoredDigits(text);
  // One to three digits, then groups of a comma and three digits.
  if (firstComma === 0 || firstComma > 3 || (text.length - firstComma) % 4 !== 0) return undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const comma = i >= firstComma && (i - firstComma) % 4 === 0;
    if (comma ? c !== 44 : c < 48 || c > 57) return undefined;
  }
  return text.replaceAll(',', '');
}

/** `\d+(?:_\d+)*` without its underscores; undefined for any other text. */
function underscoredDigits(text: string): string | undefined {
  let previousDigit = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 95 /* _ */ && previousDigit) previousDigit = false;
    else if (c >= 48 && c <= 57) previousDigit = true;
    else return undefined;
  }
  return previousDigit ? text.replaceAll('_', '') : undefined;
}

function isDigits(text: string): boolean {
  if (text.length === 0) return false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/**
 * `list` with `item` at the end: a new list of the exact length while it is short, else `list`
 * itself, pushed to. The AST keeps these lists, and a push to a short one reserves 17 slots; most
 * hold one to three items (a person's posts and trainings, an instrument's authorities).
 */
export function appended<T>(list: T[], item: T): T[] {
  switch (list.length) {
    case 0:
      return [item];
    case 1:
      return [list[0]!, item];
    case 2:
      return [list[0]!, list[1]!, item];
    default:
      list.push(item);
      return list;
  }
}

export function describe(v: SyntaxValue): string {
  if (v.kind === 'list') return 'a list';
  return `'${v.raw}'`;
}

/** A reference and its site in one object: the AST keeps one per reference, the linker one entry. */
class ReferenceSite implements RefSite {
  linkedBy: object | undefined = undefined;
  target: Decl | undefined = undefined;

  constructor(
    readonly name: string,
    readonly range: Range,
    readonly kinds: DeclKind[],
    readonly role: string,
  ) {}

  get ref(): Ref {
    return this;
  }

  /** As JSON, what a `Ref` is: the name and where it is written. */
  toJSON(): Ref {
    return { name: this.name, range: this.range };
  }
}
