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
const FIELDS: Record<keyof Omit<TransactionRecord, 'line' | 'amount'> | 'amount' | 'currency', string[]> = {
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
};

function field(raw: Record<string, unknown>, names: string[]): string | null {
  for (const n of names) {
    const v = raw[n];
    if (v === undefined || v === null) continue;
    const s = String(v).trim();
    if (s !== '') return s;
  }
  return null;
}

/** Validates one raw row; returns the record or the reason it is rejected. */
export function readRecord(raw: Record<string, unknown>, line: number): TransactionRecord | RejectedRecord {
  const reject = (reason: string): RejectedRecord => ({ line, reason });
  const id = field(raw, FIELDS.id);
  const date = field(raw, FIELDS.date);
  const step = field(raw, FIELDS.step);
  const actor = field(raw, FIELDS.actor);
  if (!id || !date || !step || !actor) return reject(`missing ${[!id && 'id', !date && 'date', !step && 'step', !actor && 'actor'].filter(Boolean).join(', ')}`);
  if (!isValidDate(date!)) return reject(`'${date}' is not a date (YYYY-MM-DD)`);
  const amountText = field(raw, FIELDS.amount);
  const currency = field(raw, FIELDS.currency);
  let amount: Money | null = null;
  if (amountText !== null) {
    // Most amounts are canonical already (plain digits, no leading or trailing zeros): canonicalDecimal
    // would return them unchanged, at the cost of a big.js number per record.
    const value = CANONICAL_AMOUNT.test(amountText) ? amountText : canonicalDecimal(amountText);
    if (value === undefined) return reject(`'${amountText}' is not an amount`);
    if (!currency) return reject('an amount needs a currency');
    if (!isCurrency(currency)) return reject(`'${currency}' is not an ISO 4217 currency code`);
    amount = { amount: value, currency };
  }
  const reviewDate = field(raw, FIELDS.reviewDate);
  if (reviewDate !== null && !isValidDate(reviewDate)) return reject(`review date '${reviewDate}' is not a date (YYYY-MM-DD)`);
  return {
    line,
    id: id!,
    date: date!,
    step: step!,
    actor: actor!,
    amount,
    entity: field(raw, FIELDS.entity),
    account: field(raw, FIELDS.account),
    vendor: field(raw, FIELDS.vendor),
    reviewRef: field(raw, FIELDS.reviewRef),
    reviewDate,
  };
}

export function isRejected(r: TransactionRecord | RejectedRecord): r is RejectedRecord {
  return 'reason' in r;
}
