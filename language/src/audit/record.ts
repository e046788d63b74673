// A transaction record as `doa audit` reads it (CSV with a header, or JSON Lines), validated into a
// typed step. A row that cannot be read is rejected with its line number and the reason; nothing is
// dropped silently (records read = checked + rejected).
import { canonicalDecimal } from '../values/decimal.ts';
import { isCurrency } from '../values/currencies.ts';
import { isValidDate } from '../values/dates.ts';
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

/** A decimal in canonical form: what canonicalDecimal returns for it is the text itself. */
const CANONICAL_AMOUNT = /^(?:0|[1-9]\d*)(?:\.\d*[1-9])?$/;

/** Field names accepted for each value (CSV headers or JSON keys). */
const FIELDS = {
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

/** Reads the named values of one row, whatever holds it (a JSON object, CSV fields by column). */
interface FieldSource<S> {
  value(row: S, key: FieldKey): string | null;
}

/** A JSON object: the first of the field's names that holds a non-blank value. */
const OBJECT_FIELDS: FieldSource<Record<string, unknown>> = {
  value(raw, key) {
    for (const n of FIELDS[key]) {
      const v = raw[n];
      if (v === undefined || v === null) continue;
      const s = String(v).trim();
      if (s !== '') return s;
    }
    return null;
  },
};

/**
 * CSV fields (already trimmed) read by column: the columns of each value are found once from the
 * header, so a row needs neither an object keyed by the header nor a search of the names.
 */
export class CsvColumns implements FieldSource<readonly string[]> {
  private readonly columns = new Map<FieldKey, number[]>();

  constructor(header: readonly string[]) {
    for (const key of Object.keys(FIELDS) as FieldKey[]) {
      // As for an object built from the header: a name that appears twice holds its last column.
      const cols: number[] = [];
      for (const n of FIELDS[key]) {
        const c = header.lastIndexOf(n);
        if (c >= 0) cols.push(c);
      }
      this.columns.set(key, cols);
    }
  }

  value(fields: readonly string[], key: FieldKey): string | null {
    for (const c of this.columns.get(key)!) {
      const s = fields[c]!;
      if (s !== '') return s;
    }
    return null;
  }
}

/** Validates one raw row (a JSON object); returns the record or the reason it is rejected. */
export function readRecord(raw: Record<string, unknown>, line: number): TransactionRecord | RejectedRecord {
  return readRecordFrom(raw, OBJECT_FIELDS, line);
}

/** Validates one row of CSV fields (trimmed, as many as the header's columns). */
export function readCsvRecord(fields: readonly string[], columns: CsvColumns, line: number): TransactionRecord | RejectedRecord {
  return readRecordFrom(fields, columns, line);
}

function readRecordFrom<S>(raw: S, source: FieldSource<S>, line: number): TransactionRecord | RejectedRecord {
  const reject = (reason: string): RejectedRecord => ({ line, reason });
  const id = source.value(raw, 'id');
  const date = source.value(raw, 'date');
  const step = source.value(raw, 'step');
  const actor = source.value(raw, 'actor');
  if (!id || !date || !step || !actor) return reject(`missing ${[!id && 'id', !date && 'date', !step && 'step', !actor && 'actor'].filter(Boolean).join(', ')}`);
  if (!isValidDate(date)) return reject(`'${date}' is not a date (YYYY-MM-DD)`);
  const amountText = source.value(raw, 'amount');
  let amount: Money | null = null;
  if (amountText !== null) {
    // Most amounts are canonical already (plain digits, no leading or trailing zeros): canonicalDecimal
    // would return them unchanged, at the cost of a big.js number per record.
    const value = CANONICAL_AMOUNT.test(amountText) ? amountText : canonicalDecimal(amountText);
    if (value === undefined) return reject(`'${amountText}' is not an amount`);
    const currency = source.value(raw, 'currency');
    if (!currency) return reject('an amount needs a currency');
    if (!isCurrency(currency)) return reject(`'${currency}' is not an ISO 4217 currency code`);
    amount = { amount: value, currency };
  }
  const reviewDate = source.value(raw, 'reviewDate');
  if (reviewDate !== null && !isValidDate(reviewDate)) return reject(`review date '${reviewDate}' is not a date (YYYY-MM-DD)`);
  return {
    line,
    id,
    date,
    step,
    actor,
    amount,
    entity: source.value(raw, 'entity'),
    account: source.value(raw, 'account'),
    vendor: source.value(raw, 'vendor'),
    reviewRef: source.value(raw, 'reviewRef'),
    reviewDate,
  };
}

export function isRejected(r: TransactionRecord | RejectedRecord): r is RejectedRecord {
  return 'reason' in r;
}
