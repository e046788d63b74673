// Currency conversion by a table of rates: which rate is in force on a date, and how an amount is
// converted with it. The model converts with big.js decimals; the audit, on its plain tables, with
// its exact fast decimals: both choose rates here, so they cannot disagree on which rate applies.
import type { Money } from './money.ts';

/** A rate as plain data: `rate` units of `to` per unit of `from`, from `since` on ('' = always). */
export interface RateRow {
  from: string;
  to: string;
  since: string;
  rate: string;
}

/** The rate from one currency to another in force on a date: the latest start on or before it, the later listed on a tie. */
export function rateInForce(rates: readonly RateRow[], from: string, to: string, date: string): string | undefined {
  let best: RateRow | undefined;
  for (const r of rates) {
    if (r.from !== from || r.to !== to || r.since > date) continue;
    if (!best || r.since >= best.since) best = r;
  }
  return best?.rate;
}

/** Exact decimal multiplication and division of canonical decimal strings. */
export interface DecimalArithmetic {
  multiply(a: string, b: string): string;
  divide(a: string, b: string): string;
}

/**
 * An amount in another currency with the rate in force on a date (`rateOn`), or undefined without
 * a rate. A rate also converts the other way: UN operational rates are quoted per US dollar, so a
 * rate USD→EUR also converts EUR→USD.
 */
export function convertMoney(
  money: Money,
  currency: string,
  date: string,
  rateOn: (from: string, to: string, date: string) => string | undefined,
  arithmetic: DecimalArithmetic,
): Money | undefined {
  if (money.currency === currency) return money;
  const direct = rateOn(money.currency, currency, date);
  if (direct) return { amount: arithmetic.multiply(money.amount, direct), currency };
  const inverse = rateOn(currency, money.currency, date);
  if (inverse) return { amount: arithmetic.divide(money.amount, inverse), currency };
  return undefined;
}
