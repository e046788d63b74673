// Exact comparison and addition of canonical decimal strings (no sign, no grouping, no leading or
// trailing zeros: what canonicalDecimal, multiplyDecimal and divideDecimal return), without building
// big.js numbers for the common cases. Anything else goes to values/decimal.ts, so the answers are
// always those of compareDecimal and addDecimal.
import { addDecimal, canonicalDecimal, compareDecimal, divideDecimal, multiplyDecimal } from '../values/decimal.ts';

/**
 * Whether a text is a canonical decimal (`/^(?:0|[1-9]\d*)(?:\.\d*[1-9])?$/`), read on char codes:
 * every record's amount and every comparison of amounts asks, and a regular expression costs more
 * than the few characters it reads.
 */
export function isCanonicalDecimal(text: string): boolean {
  const n = text.length;
  if (n === 0) return false;
  const first = text.charCodeAt(0);
  if (first < 48 || first > 57) return false;
  let i = 1;
  // "0" stands alone before the point: no leading zero.
  if (first !== 48) while (i < n && isDigit(text.charCodeAt(i))) i++;
  if (i === n) return true;
  if (text.charCodeAt(i) !== 46 || i + 1 === n) return false;
  for (let j = i + 1; j < n; j++) if (!isDigit(text.charCodeAt(j))) return false;
  // A canonical fraction does not end with a zero.
  return text.charCodeAt(n - 1) !== 48;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}
const SMALL_INTEGER = /^(?:0|[1-9]\d{0,14})$/;

/** compareDecimal(a, b): -1, 0 or 1. */
export function compareCanonical(a: string, b: string): number {
  if (a === b) return 0;
  if (!isCanonicalDecimal(a) || !isCanonicalDecimal(b)) return compareDecimal(a, b);
  const da = a.indexOf('.');
  const db = b.indexOf('.');
  const ia = da < 0 ? a.length : da;
  const ib = db < 0 ? b.length : db;
  if (ia !== ib) return ia < ib ? -1 : 1;
  // Same number of integer digits: digit strings of the same shape order like the numbers (a missing
  // fraction digit is a zero, and a canonical fraction never ends with one).
  return a < b ? -1 : 1;
}

/** addDecimal(a, b). */
export function addCanonical(a: string, b: string): string {
  if (SMALL_INTEGER.test(a) && SMALL_INTEGER.test(b)) return String(Number(a) + Number(b));
  return addDecimal(a, b);
}

/**
 * An exact running sum of canonical decimals that amounts can be added to and taken from (a sliding
 * window's total): a BigInt of units at the finest scale seen, so nothing is ever rounded.
 */
export class DecimalSum {
  /** While every amount is a small integer the sum is a plain number (exact below 2^53). */
  private small = 0;
  private exact = false;
  private units = 0n;
  private scale = 0;

  add(amount: string): void {
    if (!this.exact && SMALL_INTEGER.test(amount)) {
      const next = this.small + Number(amount);
      if (Number.isSafeInteger(next)) {
        this.small = next;
        return;
      }
    }
    this.toExact();
    const units = this.unitsOf(amount); // first: it may rescale this.units
    this.units += units;
  }

  subtract(amount: string): void {
    if (!this.exact && SMALL_INTEGER.test(amount)) {
      const next = this.small - Number(amount);
      if (Number.isSafeInteger(next)) {
        this.small = next;
        return;
      }
    }
    this.toExact();
    const units = this.unitsOf(amount);
    this.units -= units;
  }

  clear(): void {
    this.small = 0;
    this.exact = false;
    this.units = 0n;
    this.scale = 0;
  }

  /** The sum in canonical form (as addDecimal would give it). */
  toString(): string {
    if (!this.exact) return String(this.small);
    if (this.scale === 0) return this.units.toString();
    const negative = this.units < 0n;
    const digits = (negative ? -this.units : this.units).toString().padStart(this.scale + 1, '0');
    const whole = digits.slice(0, digits.length - this.scale);
    const fraction = digits.slice(digits.length - this.scale).replace(/0+$/, '');
    return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
  }

  /** From here on the sum is kept in BigInt units (a fraction or a large amount came). */
  private toExact(): void {
    if (this.exact) return;
    this.exact = true;
    this.units = BigInt(this.small);
    this.scale = 0;
  }

  private unitsOf(amount: string): bigint {
    const text = isCanonicalDecimal(amount) ? amount : canonicalDecimal(amount);
    if (text === undefined) throw new Error(`not a decimal: '${amount}'`);
    const dot = text.indexOf('.');
    const places = dot < 0 ? 0 : text.length - dot - 1;
    if (places > this.scale) {
      this.units *= 10n ** BigInt(places - this.scale);
      this.scale = places;
    }
    const digits = BigInt(dot < 0 ? text : text.slice(0, dot) + text.slice(dot + 1));
    return places === this.scale ? digits : digits * 10n ** BigInt(this.scale - places);
  }
}

/** A canonical decimal as integer units and a scale (digits after the point). */
function unitsAndScale(text: string): { digits: string; scale: number } {
  const dot = text.indexOf('.');
  return dot < 0 ? { digits: text, scale: 0 } : { digits: text.slice(0, dot) + text.slice(dot + 1), scale: text.length - dot - 1 };
}

/** Integer units at a scale, in canonical form (no leading zeros, no trailing fraction zeros). */
export function canonicalOfUnits(units: bigint | number, scale: number): string {
  let digits = units.toString();
  if (scale === 0) return digits;
  if (digits.length <= scale) digits = '0'.repeat(scale - digits.length + 1) + digits;
  const whole = digits.slice(0, digits.length - scale);
  let end = digits.length;
  while (end > whole.length && digits.charCodeAt(end - 1) === 48) end--;
  return end === whole.length ? whole : `${whole}.${digits.slice(whole.length, end)}`;
}

/**
 * multiplyDecimal(a, b) (values/decimal.ts): the exact product. Canonical non-negative decimals
 * are multiplied as integers (plain numbers while the product is below 2^53, else BigInt); any
 * other text goes to multiplyDecimal.
 */
export function multiplyCanonical(a: string, b: string): string {
  if (!isCanonicalDecimal(a) || !isCanonicalDecimal(b)) return multiplyDecimal(a, b);
  const x = unitsAndScale(a);
  const y = unitsAndScale(b);
  const scale = x.scale + y.scale;
  const nx = Number(x.digits);
  const ny = Number(y.digits);
  const product = nx * ny;
  if (Number.isSafeInteger(nx) && Number.isSafeInteger(ny) && Number.isSafeInteger(product)) return canonicalOfUnits(product, scale);
  return canonicalOfUnits(BigInt(x.digits) * BigInt(y.digits), scale);
}

/** Decimal places of `divideDecimal` (Big.DP there), rounded half to even. */
const DIVISION_PLACES = 10;

/**
 * divideDecimal(a, b) (values/decimal.ts): the quotient rounded half to even to 10 places, in exact
 * BigInt arithmetic on canonical decimals (big.js builds a constructor per call there); any other
 * text, or a zero divisor, goes to divideDecimal.
 */
export function divideCanonical(a: string, b: string): string {
  if (!isCanonicalDecimal(a) || !isCanonicalDecimal(b) || b === '0') return divideDecimal(a, b);
  const x = unitsAndScale(a);
  const y = unitsAndScale(b);
  // a / b = (X / 10^p) / (Y / 10^q); in units of 10^-10: X · 10^(q + 10) / (Y · 10^p).
  const n = BigInt(x.digits) * 10n ** BigInt(y.scale + DIVISION_PLACES);
  const d = BigInt(y.digits) * 10n ** BigInt(x.scale);
  let q = n / d;
  const r2 = (n % d) * 2n;
  if (r2 > d || (r2 === d && q % 2n === 1n)) q += 1n;
  return canonicalOfUnits(q, DIVISION_PLACES);
}
