import { compareDecimal, formatDecimal } from './decimal.ts';
import { isCurrency } from './currencies.ts';

/** A monetary amount: exact decimal string plus ISO 4217 currency. Plain JSON, so it can be a fact. */
export interface Money {
  amount: string;
  currency: string;
}

export function formatMoney(m: Money): string {
  return `${m.currency} ${formatDecimal(m.amount)}`;
}

/** Compares two amounts of the same currency; undefined when the currencies differ. */
export function compareMoney(a: Money, b: Money): number | undefined {
  if (a.currency !== b.currency) return undefined;
  return compareDecimal(a.amount, b.amount);
}

export function isMoney(value: unknown): value is Money {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Money).amount === 'string' &&
    typeof (value as Money).currency === 'string' &&
    isCurrency((value as Money).currency)
  );
}
