// The operators rules may use: json-rules-engine's own (re-implemented with exactly its semantics,
// for the compiled fast path) and the domain operators doa adds to the engine (exact decimal money,
// ISO dates, grade order, sets). One table serves both evaluators, so they cannot disagree.
import { compareMoney, isMoney } from '../values/money.ts';
import { gradeRank } from '../values/grades.ts';

export type OperatorFn = (factValue: any, value: any) => boolean;

// For a number, parseFloat(String(v)) is NaN only when v is: the common case skips the string.
const isNumeric = (v: unknown) => (typeof v === 'number' ? v === v : Number.parseFloat(v as string).toString() !== 'NaN');
/** `/^\d{4}-\d{2}-\d{2}$/` as a loop: the date operators test both sides of every comparison. */
const isDate = (v: unknown): v is string => {
  if (typeof v !== 'string' || v.length !== 10) return false;
  for (let k = 0; k < 10; k++) {
    const c = v.charCodeAt(k);
    if (k === 4 || k === 7 ? c !== 45 : c < 48 || c > 57) return false;
  }
  return true;
};
const isList = (v: unknown): v is unknown[] => Array.isArray(v);

// The set operators as loops, not `some`/`every` with a closure made per test: rules test them on
// every holding and instrument of a workspace. Facts are JSON, whose lists have no holes, so a
// loop visits what `some` and `every` visit.
/** Whether some element of `a` is in `b`. */
function someIn(a: readonly unknown[], b: readonly unknown[]): boolean {
  for (let k = 0; k < a.length; k++) if (b.includes(a[k])) return true;
  return false;
}

/** Whether every element of `a` is in `b`. */
function allIn(a: readonly unknown[], b: readonly unknown[]): boolean {
  for (let k = 0; k < a.length; k++) if (!b.includes(a[k])) return false;
  return true;
}

/** json-rules-engine's default operators, as its `engine-default-operators.js` defines them. */
export const ENGINE_OPERATORS: Record<string, OperatorFn> = {
  equal: (a, b) => a === b,
  notEqual: (a, b) => a !== b,
  in: (a, b) => b.indexOf(a) > -1,
  notIn: (a, b) => b.indexOf(a) === -1,
  contains: (a, b) => Array.isArray(a) && a.indexOf(b) > -1,
  doesNotContain: (a, b) => Array.isArray(a) && a.indexOf(b) === -1,
  lessThan: (a, b) => isNumeric(a) && a < b,
  lessThanInclusive: (a, b) => isNumeric(a) && a <= b,
  greaterThan: (a, b) => isNumeric(a) && a > b,
  greaterThanInclusive: (a, b) => isNumeric(a) && a >= b,
};

function moneyCompare(test: (c: number) => boolean): OperatorFn {
  return (a, b) => {
    if (!isMoney(a) || !isMoney(b)) return false;
    const c = compareMoney(a, b);
    return c !== undefined && test(c);
  };
}

function gradeCompare(test: (a: number, b: number) => boolean): OperatorFn {
  return (a, b) => {
    const ra = typeof a === 'string' ? gradeRank(a) : undefined;
    const rb = typeof b === 'string' ? gradeRank(b) : undefined;
    return ra !== undefined && rb !== undefined && test(ra, rb);
  };
}

/** Operators doa registers on the engine with `engine.addOperator`. */
export const DOMAIN_OPERATORS: Record<string, OperatorFn> = {
  // Money: false when either side is not an amount or the currencies differ (no implicit rates).
  moneyGreaterThan: moneyCompare((c) => c > 0),
  moneyAtLeast: moneyCompare((c) => c >= 0),
  moneyLessThan: moneyCompare((c) => c < 0),
  moneyAtMost: moneyCompare((c) => c <= 0),
  moneyEqual: moneyCompare((c) => c === 0),
  /** Both are amounts and their currencies differ. */
  currencyDiffers: (a, b) => isMoney(a) && isMoney(b) && a.currency !== b.currency,
  // Dates (ISO strings, inclusive windows): false when either side is not a date.
  dateBefore: (a, b) => isDate(a) && isDate(b) && a < b,
  dateOnOrBefore: (a, b) => isDate(a) && isDate(b) && a <= b,
  dateAfter: (a, b) => isDate(a) && isDate(b) && a > b,
  dateOnOrAfter: (a, b) => isDate(a) && isDate(b) && a >= b,
  // Grades: higher = more senior.
  gradeBelow: gradeCompare((a, b) => a < b),
  gradeAtLeast: gradeCompare((a, b) => a >= b),
  gradeAbove: gradeCompare((a, b) => a > b),
  gradeAtMost: gradeCompare((a, b) => a <= b),
  // Sets.
  isEmpty: (a, b) => (isList(a) ? a.length === 0 : a === null || a === undefined) === (b !== false),
  intersects: (a, b) => isList(a) && isList(b) && someIn(a, b),
  disjointFrom: (a, b) => isList(a) && isList(b) && !someIn(a, b),
  subsetOf: (a, b) => isList(a) && isList(b) && allIn(a, b),
  notSubsetOf: (a, b) => isList(a) && isList(b) && !allIn(a, b),
  /** Some element of the list `a` is the value `b`… or, with a list `b`, any of its elements. */
  containsAny: (a, b) => isList(a) && (isList(b) ? someIn(b, a) : a.includes(b)),
  /** The value is present (not null or undefined): `{ operator: 'isPresent', value: true }`. */
  isPresent: (a, b) => (a !== null && a !== undefined) === (b !== false),
  sizeGreaterThan: (a, b) => isList(a) && typeof b === 'number' && a.length > b,
};

export const OPERATORS: Record<string, OperatorFn> = { ...ENGINE_OPERATORS, ...DOMAIN_OPERATORS };
