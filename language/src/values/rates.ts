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
export function rateInForce(rates: readonly RateRow[], from: string, to: string, date: string): RateRow | undefined {
  let best: RateRow | undefined;
  for (const r of rates) {
    if (r.from !== from || r.to !== to || r.since > date) continue;
    if (!best || r.since >= best.since) best = r;
  }
  return best;
}

/** Exact decimal multiplication and division of canonical decimal strings. */
export interface DecimalArithmetic {
  multiply(a: string, b: string): string;
  divide(a: string, b: string): string;
}

/**
 * An amount in another currency with the rate in force on a date (`rateOn`), or undefined without
 * a rate. A rate also converts the other way: UN operational rates are quoted per US dollar, so a
 * rate USD→EUR also converts EUR→USD. Of a rate each way, the later applies (a newer inverse rate
 * replaces an older direct one); on the same date the direct rate, quoted for this conversion, does.
 */
export function convertMoney(
  money: Money,
  currency: string,
  date: string,
  rateOn: (from: string, to: string, date: string) => RateRow | undefined,
  arithmetic: DecimalArithmetic,
): Money | undefined {
  if (money.currency === currency) return money;
  const direct = rateOn(money.currency, currency, date);
  const inverse = rateOn(currency, money.currency, date);
  if (direct && (!inverse || direct.since >= inverse.since)) return { amount: arithmetic.multiply(money.amount, direct.rate), currency };
  if (inverse) return { amount: arithmetic.divide(money.amount, inverse.rate), currency };
  return undefined;
}
