// Exact decimal arithmetic for amounts. Amounts are kept as canonical decimal strings (no grouping,
// no trailing zeros) and compared with big.js, never as binary floating point: 0.1 + 0.2 must equal
// 0.3 and USD 500,000.00 must equal USD 500000.
import Big from 'big.js';

/** `1,250,000.50` or `1_250_000.5` → `1250000.5`; undefined when the text is not a decimal. */
export function canonicalDecimal(text: string): string | undefined {
  // Grouping must be well formed (the forms the lexer reads): stripping every ',' and '_' first
  // accepted `1,08` as 108 and `5,` as 5, so a rate written with a decimal comma in a CSV file was
  // silently a hundred times too large.
  if (!/^(?:\d{1,3}(?:,\d{3})+|\d+(?:_\d+)*)(?:\.\d+)?$/.test(text)) return undefined;
  const plain = text.replace(/[,_]/g, '');
  return new Big(plain).toFixed().replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');
}

export function compareDecimal(a: string, b: string): number {
  // Rules compare amounts on every grant of a workspace: plain digits are compared as text
  // (no Big objects); anything else (a sign, an exponent) goes through big.js.
  return comparePlainDecimals(a, b) ?? new Big(a).cmp(new Big(b));
}

/** The length of the whole part of `digits[.digits]`, or -1 when the text is not of that form. */
function wholeLength(text: string): number {
  let dot = -1;
  for (let k = 0; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (c === 46 /* . */ && dot < 0 && k > 0 && k < text.length - 1) dot = k;
    else if (c < 48 || c > 57) return -1;
  }
  return text.length === 0 ? -1 : dot < 0 ? text.length : dot;
}

/** -1, 0 or 1 for two plain decimals (`digits[.digits]`), as big.js compares them; undefined for other texts. */
function comparePlainDecimals(a: string, b: string): number | undefined {
  const wa = wholeLength(a);
  const wb = wholeLength(b);
  if (wa < 0 || wb < 0) return undefined;
  // Leading zeros do not count: the whole parts are compared from their first significant digit.
  let sa = 0;
  while (sa < wa - 1 && a.charCodeAt(sa) === 48) sa++;
  let sb = 0;
  while (sb < wb - 1 && b.charCodeAt(sb) === 48) sb++;
  if (wa - sa !== wb - sb) return wa - sa < wb - sb ? -1 : 1;
  for (let k = 0; k < wa - sa; k++) {
    const d = a.charCodeAt(sa + k) - b.charCodeAt(sb + k);
    if (d) return d < 0 ? -1 : 1;
  }
  // Fractions digit by digit, a missing digit being 0.
  const fa = a.length - wa - 1;
  const fb = b.length - wb - 1;
  for (let k = 0; k < Math.max(fa, fb); k++) {
    const d = (k < fa ? a.charCodeAt(wa + 1 + k) : 48) - (k < fb ? b.charCodeAt(wb + 1 + k) : 48);
    if (d) return d < 0 ? -1 : 1;
  }
  return 0;
}

export function multiplyDecimal(a: string, b: string): string {
  return canonicalDecimal(new Big(a).times(new Big(b)).toFixed())!;
}

export function addDecimal(a: string, b: string): string {
  return canonicalDecimal(new Big(a).plus(new Big(b)).toFixed())!;
}

/** `1250000.5` → `1,250,000.50` for messages; whole amounts keep no decimals. */
export function formatDecimal(value: string): string {
  const [whole, frac] = value.split('.');
  const grouped = whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  if (!frac) return grouped;
  return `${grouped}.${frac.length === 1 ? frac + '0' : frac}`;
}

/** a ÷ b, rounded half-even to 10 decimal places (enough for converted limits). */
export function divideDecimal(a: string, b: string): string {
  const B = Big();
  B.DP = 10;
  B.RM = Big.roundHalfEven;
  return canonicalDecimal(new B(a).div(new B(b)).toFixed())!;
}
