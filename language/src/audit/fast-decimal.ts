// Exact comparison and addition of canonical decimal strings (no sign, no grouping, no leading or
// trailing zeros: what canonicalDecimal, multiplyDecimal and divideDecimal return), without building
// big.js numbers for the common cases. Anything else goes to values/decimal.ts, so the answers are
// always those of compareDecimal and addDecimal.
import { addDecimal, canonicalDecimal, compareDecimal } from '../values/decimal.ts';

const CANONICAL = /^(?:0|[1-9]\d*)(?:\.\d*[1-9])?$/;
const SMALL_INTEGER = /^(?:0|[1-9]\d{0,14})$/;

/** compareDecimal(a, b): -1, 0 or 1. */
export function compareCanonical(a: string, b: string): number {
  if (a === b) return 0;
  if (!CANONICAL.test(a) || !CANONICAL.test(b)) return compareDecimal(a, b);
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
    const text = CANONICAL.test(amount) ? amount : canonicalDecimal(amount);
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
