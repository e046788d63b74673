// Exact comparison and addition of canonical decimal strings (no sign, no grouping, no leading or
// trailing zeros: what canonicalDecimal, multiplyDecimal and divideDecimal return), without building
// big.js numbers for the common cases. Anything else goes to values/decimal.ts, so the answers are
// always those of compareDecimal and addDecimal.
import { addDecimal, compareDecimal } from '../values/decimal.ts';

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
