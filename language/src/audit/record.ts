// A transaction record as `doa audit` reads it (CSV with a header, or JSON Lines), validated into a
// typed step. A row that cannot be read is rejected with its line number and the reason; nothing is
// dropped silently (records read = checked + rejected).
import { canonicalDecimal } from '../values/decimal.ts';
import { isCurrency } from '../values/currencies.ts';
import { isValidDate } from '../values/dates.ts';
import { isCanonicalDecimal } from './fast-decimal.ts';
import type { Money } from '../values/money.ts';

export interface TransactionRecord {
  /** 1-based line of the record in its file. */
  line: number;
  /** The transaction this step belongs to. */
  id: string;
  date: string;
  step: string;
  /** The person who performed the step (a `person` name). */
  actor: string;
  amount: Money | null;
  entity: string | null;
  account: string | null;
  vendor: string | null;
  reviewRef: string | null;
  reviewDate: string | null;
}

export interface RejectedRecord {
  line: number;
  reason: string;
}

/** Field names accepted for each value (CSV headers or JSON keys). */
export const FIELDS = {
  id: ['id', 'transaction', 'transaction_id'],
  date: ['date'],
  step: ['step'],
  actor: ['actor'],
  amount: ['amount'],
  currency: ['currency'],
  entity: ['entity'],
  account: ['account'],
  vendor: ['vendor'],
  reviewRef: ['review_ref', 'reviewRef', 'committee_review'],
  reviewDate: ['review_date', 'reviewDate', 'committee_review_date'],
} satisfies Record<keyof Omit<TransactionRecord, 'line' | 'amount'> | 'amount' | 'currency', string[]>;

/** A value of the record: its field names, in the order they are tried. */
export type FieldKey = keyof typeof FIELDS;

/** The values of one row before they are validated: the first non-blank of each value's fields, or null. */
type RowValues = Record<FieldKey, string | null>;

function emptyRowValues(): RowValues {
  return { id: null, date: null, step: null, actor: null, amount: null, currency: null, entity: null, account: null, vendor: null, reviewRef: null, reviewDate: null };
}

/**
 * A JSON object: the first of the field's names that holds a non-blank value, or, for a value that
 * is neither a text nor a number (an object, a list, true), the name it is under: such a value has
 * no text to audit, and made into one (`[object Object]`) two different transactions would share
 * an id. (The reader gives numbers as the text they were written in: `numbersAsText`.)
 */
function objectValue(raw: Record<string, unknown>, key: FieldKey): string | null | { wrongType: string } | { twice: [string, string] } {
  let found: string | null = null;
  let foundAt = '';
  for (const n of FIELDS[key]) {
    const v = raw[n];
    if (v === undefined || v === null) continue;
    if (typeof v !== 'string' && typeof v !== 'number') return { wrongType: n };
    const s = String(v).trim();
    if (s === '') continue;
    // Two keys of one field (`id` and `transaction`): which one is meant cannot be told.
    if (found !== null) return { twice: [foundAt, n] };
    found = s;
    foundAt = n;
  }
  return found;
}

function kindOf(v: unknown): string {
  return Array.isArray(v) ? 'a list' : typeof v === 'object' ? 'an object' : `${String(v)}`;
}

/**
 * CSV fields (already trimmed) read by column: the columns of each value are found once from the
 * header, so a row needs neither an object keyed by the header nor a search of the names, and
 * its values are read into one object reused for every row.
 */
export class CsvColumns {
  /** The columns of each value, in the order of `FIELDS`. */
  private readonly columns: number[][] = [];
  private readonly values = emptyRowValues();

  constructor(header: readonly string[]) {
    for (const key of Object.keys(FIELDS) as FieldKey[]) {
      // As for an object built from the header: a name that appears twice holds its last column.
      const cols: number[] = [];
      for (const n of FIELDS[key]) {
        const c = header.lastIndexOf(n);
        if (c >= 0) cols.push(c);
      }
      this.columns.push(cols);
    }
  }

  /** The values of a row (one object, filled in again for the next row). */
  read(fields: readonly string[]): RowValues {
    const c = this.columns;
    const v = this.values;
    // One line a value, in the order of `FIELDS`: each store is to one known property.
    v.id = firstValue(fields, c[0]!);
    v.date = firstValue(fields, c[1]!);
    v.step = firstValue(fields, c[2]!);
    v.actor = firstValue(fields, c[3]!);
    v.amount = firstValue(fields, c[4]!);
    v.currency = firstValue(fields, c[5]!);
    v.entity = firstValue(fields, c[6]!);
    v.account = firstValue(fields, c[7]!);
    v.vendor = firstValue(fields, c[8]!);
    v.reviewRef = firstValue(fields, c[9]!);
    v.reviewDate = firstValue(fields, c[10]!);
    return v;
  }

  /** The values of a row read in place from its line (as `read` reads the same fields split and trimmed). */
  readSpans(row: CsvSpans): RowValues {
    const c = this.columns;
    const v = this.values;
    v.id = firstSpanValue(row, c[0]!);
    v.date = firstSpanValue(row, c[1]!);
    v.step = firstSpanValue(row, c[2]!);
    v.actor = firstSpanValue(row, c[3]!);
    v.amount = firstSpanValue(row, c[4]!);
    v.currency = firstSpanValue(row, c[5]!);
    v.entity = firstSpanValue(row, c[6]!);
    v.account = firstSpanValue(row, c[7]!);
    v.vendor = firstSpanValue(row, c[8]!);
    v.reviewRef = firstSpanValue(row, c[9]!);
    v.reviewDate = firstSpanValue(row, c[10]!);
    return v;
  }
}

/** A printable ASCII character (no space): never trimmed. NaN (past the end: an empty field) is not. */
export function isPrintable(code: number): boolean {
  return code > 32 && code < 127;
}

/**
 * CSV fields of one line read in place: field `i` of the line is `text` from `starts[i]` to
 * `starts[i + 1] - 1` (the comma after it). Only the fields a value is read from are sliced out.
 */
export interface CsvSpans {
  text: string;
  starts: Int32Array;
}

/** The first non-blank field of the columns, trimmed as `readCsvRecord`'s fields are, or null. */
function firstSpanValue(row: CsvSpans, cols: readonly number[]): string | null {
  const { text, starts } = row;
  for (let i = 0; i < cols.length; i++) {
    const c = cols[i]!;
    const a = starts[c]!;
    const b = starts[c + 1]! - 1;
    if (a === b) continue;
    const f = text.slice(a, b);
    // Most fields have a printable ASCII character at each end: nothing to trim, no call made.
    const s = isPrintable(text.charCodeAt(a)) && isPrintable(text.charCodeAt(b - 1)) ? f : f.trim();
    if (s !== '') return s;
  }
  return null;
}

/** The first non-blank field of the columns, or null. */
function firstValue(fields: readonly string[], cols: readonly number[]): string | null {
  for (let i = 0; i < cols.length; i++) {
    const s = fields[cols[i]!]!;
    if (s !== '') return s;
  }
  return null;
}

const BEYOND_ASCII = /[^\x00-\x7f]/;
const inNfc = (name: string): string => (BEYOND_ASCII.test(name) ? name.normalize('NFC') : name);

/**
 * The record with its names (transaction, step, actor, entity, account, vendor) in their Unicode NFC
 * form, which is what a name of the policy means (docs/language.md): `françois` typed with a
 * combining cedilla is the person `françois`. Only a name with a character beyond ASCII can change;
 * the reader calls this only for a chunk of the file that has one.
 */
export function withNamesInNfc(r: TransactionRecord): TransactionRecord {
  r.id = inNfc(r.id);
  r.step = inNfc(r.step);
  r.actor = inNfc(r.actor);
  if (r.entity !== null) r.entity = inNfc(r.entity);
  if (r.account !== null) r.account = inNfc(r.account);
  if (r.vendor !== null) r.vendor = inNfc(r.vendor);
  return r;
}

/** Validates one raw row (a JSON object); returns the record or the reason it is rejected. */
export function readRecord(raw: Record<string, unknown>, line: number): TransactionRecord | RejectedRecord {
  const v = emptyRowValues();
  for (const key of Object.keys(FIELDS) as FieldKey[]) {
    const value = objectValue(raw, key);
    if (value !== null && typeof value === 'object') {
      if ('twice' in value) return rejection(line, `'${value.twice[0]}' and '${value.twice[1]}' are two keys for one field: keep one`);
      return rejection(line, `'${value.wrongType}' must be a text or a number, not ${kindOf(raw[value.wrongType])}`);
    }
    v[key] = value;
  }
  return validate(v, line);
}

/** Validates one row of CSV fields (trimmed, as many as the header's columns). */
export function readCsvRecord(fields: readonly string[], columns: CsvColumns, line: number): TransactionRecord | RejectedRecord {
  return validate(columns.read(fields), line);
}

/** Validates one row of CSV fields read in place (exactly as many as the header's columns). */
export function readCsvSpans(row: CsvSpans, columns: CsvColumns, line: number): TransactionRecord | RejectedRecord {
  return validate(columns.readSpans(row), line);
}

/** The rejection of the record on a line (a plain function: no closure made per record). */
function rejection(line: number, reason: string): RejectedRecord {
  return { line, reason };
}

function validate(v: RowValues, line: number): TransactionRecord | RejectedRecord {
  const { id, date, step, actor } = v;
  if (!id || !date || !step || !actor) return rejection(line, `missing ${[!id && 'id', !date && 'date', !step && 'step', !actor && 'actor'].filter(Boolean).join(', ')}`);
  if (!isValidDate(date)) return rejection(line, `'${date}' is not a date (YYYY-MM-DD)`);
  const amountText = v.amount;
  let amount: Money | null = null;
  if (amountText !== null) {
    // Most amounts are canonical already (plain digits, no leading or trailing zeros): canonicalDecimal
    // would return them unchanged, at the cost of a big.js number per record.
    const value = isCanonicalDecimal(amountText) ? amountText : canonicalDecimal(amountText);
    if (value === undefined) return rejection(line, `'${amountText}' is not an amount`);
    const currency = v.currency;
    if (!currency) return rejection(line, 'an amount needs a currency');
    if (!knownCurrency(currency)) return rejection(line, `'${currency}' is not an ISO 4217 currency code`);
    amount = { amount: value, currency };
  }
  const reviewDate = v.reviewDate;
  if (reviewDate !== null && !isValidDate(reviewDate)) return rejection(line, `review date '${reviewDate}' is not a date (YYYY-MM-DD)`);
  return { line, id, date, step, actor, amount, entity: v.entity, account: v.account, vendor: v.vendor, reviewRef: v.reviewRef, reviewDate };
}

/** The currency found known last: most records repeat it, and comparing three letters is cheaper than a set lookup. */
let lastCurrency = '';
function knownCurrency(code: string): boolean {
  if (code === lastCurrency) return true;
  if (!isCurrency(code)) return false;
  lastCurrency = code;
  return true;
}

export function isRejected(r: TransactionRecord | RejectedRecord): r is RejectedRecord {
  return 'reason' in r;
}
