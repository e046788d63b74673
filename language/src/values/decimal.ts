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
  return new Big(a).cmp(new Big(b));
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
