// The split-purchase rules answered on a window's integer units, without its total and largest as
// strings: a window of two or more awards would otherwise cost two canonical decimals made and two
// decimal comparisons, on which almost no rule fires.
//
// Only a rule whose condition is an `all` of leaves this module knows gets a units test: a count
// compared with a number (json-rules-engine's numeric operators, on a count that is always a
// number), and the total or largest compared with the window's `limit` by a money operator (the
// total and largest carry the limit's currency, so the operators compare the exact decimals). The
// units test answers exactly as the rule's JSON on the facts `Auditor` makes; where it cannot tell
// (units too large to scale safely) it says so, and the facts are made and the rule run as before.
import type { Condition } from '../check/types.ts';

/** A window in units: the total and largest at `scale`, the limit at `limitScale`. */
export interface WindowUnits {
  count: number;
  total: number;
  largest: number;
  scale: number;
  limit: number;
  limitScale: number;
}

/** true / false: the rule's answer; undefined: not decidable on units (run the rule on the facts). */
export type UnitsTest = (w: WindowUnits) => boolean | undefined;

const POWERS_OF_TEN = Array.from({ length: 16 }, (_, i) => 10 ** i);

/** The sign of a − b for a at scale `sa` and b at `sb`, or undefined when scaling would not be exact. */
export function compareUnits(a: number, sa: number, b: number, sb: number): number | undefined {
  if (sa > sb) {
    const f = POWERS_OF_TEN[sa - sb];
    if (f === undefined || !(b * f <= Number.MAX_SAFE_INTEGER)) return undefined;
    b *= f;
  } else if (sb > sa) {
    const f = POWERS_OF_TEN[sb - sa];
    if (f === undefined || !(a * f <= Number.MAX_SAFE_INTEGER)) return undefined;
    a *= f;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * A non-negative decimal (digits, at most one point) as safe integer units and its scale, or
 * undefined for any other text.
 */
export function unitsOfDecimal(text: string): { units: number; scale: number } | undefined {
  let digits = 0;
  let places = -1;
  let seen = false;
  for (let k = 0; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (c === 46 && places < 0) places = 0;
    else if (c >= 48 && c <= 57) {
      digits = digits * 10 + (c - 48);
      seen = true;
      if (places >= 0) places++;
    } else return undefined;
  }
  if (!seen || !(digits <= Number.MAX_SAFE_INTEGER) || places >= POWERS_OF_TEN.length) return undefined;
  return { units: digits, scale: places < 0 ? 0 : places };
}

const COUNT_TESTS: Record<string, (count: number, n: number) => boolean> = {
  equal: (a, b) => a === b,
  notEqual: (a, b) => a !== b,
  lessThan: (a, b) => a < b,
  lessThanInclusive: (a, b) => a <= b,
  greaterThan: (a, b) => a > b,
  greaterThanInclusive: (a, b) => a >= b,
};

const MONEY_TESTS: Record<string, (c: number) => boolean> = {
  moneyGreaterThan: (c) => c > 0,
  moneyAtLeast: (c) => c >= 0,
  moneyLessThan: (c) => c < 0,
  moneyAtMost: (c) => c <= 0,
  moneyEqual: (c) => c === 0,
};

const LEAF_KEYS = new Set(['fact', 'path', 'operator', 'value']);

type LeafTest = (w: WindowUnits) => boolean | undefined;

function leafTest(c: Condition): LeafTest | undefined {
  if (!('fact' in c) || c.fact !== 'vendorWindow' || Object.keys(c).some((k) => !LEAF_KEYS.has(k))) return undefined;
  const value = c.value as unknown;
  if (c.path === '$.count') {
    const test = Object.hasOwn(COUNT_TESTS, c.operator) ? COUNT_TESTS[c.operator] : undefined;
    if (!test || typeof value !== 'number') return undefined;
    return (w) => test(w.count, value);
  }
  if (c.path !== '$.total' && c.path !== '$.largest') return undefined;
  const test = Object.hasOwn(MONEY_TESTS, c.operator) ? MONEY_TESTS[c.operator] : undefined;
  const v = value as { fact?: unknown; path?: unknown; params?: unknown } | null;
  if (!test || v === null || typeof v !== 'object' || v.fact !== 'vendorWindow' || v.path !== '$.limit' || Object.keys(v).some((k) => k !== 'fact' && k !== 'path')) return undefined;
  const total = c.path === '$.total';
  return (w) => {
    const sign = compareUnits(total ? w.total : w.largest, w.scale, w.limit, w.limitScale);
    return sign === undefined ? undefined : test(sign);
  };
}

/** The units test of a window rule's condition, or undefined when its shape is not one known here. */
export function unitsTestOf(conditions: Condition): UnitsTest | undefined {
  if (!('all' in conditions) || conditions.all.length === 0) return undefined;
  const leaves: LeafTest[] = [];
  for (const c of conditions.all) {
    const t = leafTest(c);
    if (!t) return undefined;
    leaves.push(t);
  }
  // As `all`: false at the first false leaf; a leaf that cannot tell leaves the answer open unless a later one is false.
  return (w) => {
    let open = false;
    for (const t of leaves) {
      const r = t(w);
      if (r === false) return false;
      if (r === undefined) open = true;
    }
    return open ? undefined : true;
  };
}
