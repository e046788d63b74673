// Reads the values of one statement in order, with located messages a drafter can act on.
import type { AtomValue, Problem, Range, Statement, SyntaxValue } from '../syntax/syntax-tree.ts';
import type { DateValue, DeclKind, MoneyValue, Ref, RefSite, TextValue } from './ast.ts';
import { canonicalDecimal } from '../values/decimal.ts';
import { isValidDate } from '../values/dates.ts';
import { isCurrency } from '../values/currencies.ts';
import { spanRange } from '../syntax/positions.ts';

export class Reader {
  private index = 0;

  constructor(
    readonly statement: Statement,
    private readonly problems: Problem[],
    private readonly refs: RefSite[],
    /** What the statement is called in messages, e.g. `'limit'`. */
    readonly label = `'${statement.key.text}'`,
  ) {}

  get values(): readonly SyntaxValue[] {
    return this.statement.values;
  }

  atEnd(): boolean {
    return this.index >= this.statement.values.length;
  }

  peek(): SyntaxValue | undefined {
    return this.statement.values[this.index];
  }

  next(): SyntaxValue | undefined {
    return this.statement.values[this.index++];
  }

  /** Where a missing value should be reported: just after what was read, or on the key. */
  private hereRange(): Range {
    const prev = this.statement.values[this.index - 1];
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
    const v = this.peek();
    if (v && v.kind === 'ident' && v.text === word) {
      this.index++;
      return true;
    }
    return false;
  }

  isWord(word: string, offset = 0): boolean {
    const v = this.statement.values[this.index + offset];
    return !!v && v.kind === 'ident' && v.text === word;
  }

  expectWord(word: string): boolean {
    if (this.word(word)) return true;
    this.missing(`'${word}'`);
    return false;
  }

  atom(kind: AtomValue['kind'], what: string): AtomValue | undefined {
    const v = this.peek();
    if (v && v.kind === kind) {
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

  ref(what: string, kinds: DeclKind[]): Ref | undefined {
    const v = this.ident(what);
    if (!v) return undefined;
    const ref = { name: v.text, range: v.range };
    this.refs.push({ ref, kinds, role: this.statement.key.text });
    return ref;
  }

  /** One name or several (`a, b` or `[a, b]`). */
  refList(what: string, kinds: DeclKind[]): Ref[] {
    const v = this.peek();
    if (v?.kind === 'list') {
      this.index++;
      return v.items.flatMap((item) => {
        if (item.kind !== 'ident') {
          this.error(item.range, `Expected ${what}, but found ${describe(item)}`);
          return [];
        }
        const ref = { name: item.text, range: item.range };
        this.refs.push({ ref, kinds, role: this.statement.key.text });
        return [ref];
      });
    }
    const one = this.ref(what, kinds);
    return one ? [one] : [];
  }

  /** One name or a list of names, not linked (free tags such as function names). */
  nameList(what: string): AtomValue[] {
    const v = this.peek();
    if (v?.kind === 'list') {
      this.index++;
      return v.items.filter((item) => {
        if (item.kind === 'ident') return true;
        this.error(item.range, `Expected ${what}, but found ${describe(item)}`);
        return false;
      });
    }
    const one = this.ident(what);
    return one ? [one] : [];
  }

  text(what: string): TextValue | undefined {
    const v = this.atom('string', what);
    return v ? { text: v.text, range: v.range } : undefined;
  }

  textList(what: string): TextValue[] {
    const v = this.peek();
    if (v?.kind === 'list') {
      this.index++;
      return v.items.flatMap((item) => {
        if (item.kind === 'string') return [{ text: item.text, range: item.range }];
        this.error(item.range, `Expected ${what}, but found ${describe(item)}`);
        return [];
      });
    }
    const one = this.text(what);
    return one ? [one] : [];
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
    if (!/^\d+$/.test(v.text)) {
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
    const second = this.statement.values[this.index + 1];
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
    const amount = canonicalDecimal(num.text);
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
    while (!this.atEnd()) {
      const v = this.next()!;
      this.error(v.range, `Unexpected ${describe(v)} in ${this.label}`);
    }
  }
}

export function describe(v: SyntaxValue): string {
  if (v.kind === 'list') return 'a list';
  return `'${v.raw}'`;
}
