// Compiles a rule's json-rules-engine conditions, once, into a plain predicate over a subject's facts.
// This is the hot path (workspace check, live edits, audit); json-rules-engine itself runs only to
// explain a finding (`explain.ts`). `test/check/agreement.test.ts` holds the two to the same answers.
//
// Why closures: every rule's leaves share a few closure literals, so their code warms up once for
// all rules. One generated function per rule (`new Function`, a property read per path at its own
// site) was measured on the 100k-line workspace: twice as fast once warm (no megamorphic reads), but
// ~40 % slower on the one pass a cold `doa check` makes, each function warming up on its own.
import type { Condition, FactRef } from './types.ts';
import { OPERATORS, type OperatorFn } from './operators.ts';
import { compileFactValue, factValue, parsePath } from './path.ts';

export type Facts = Record<string, unknown>;
export type Predicate = (facts: Facts) => boolean;

function isFactRef(value: unknown): value is FactRef {
  return value !== null && typeof value === 'object' && Object.prototype.hasOwnProperty.call(value, 'fact');
}

/** A value as json-rules-engine's almanac reads it: a `{ fact, path }` reference or a literal. */
export function valueOf(facts: Facts, value: unknown): unknown {
  return isFactRef(value) ? factValue(facts, value.fact, value.path) : value;
}

/**
 * `operators` lets a caller use its own implementations of the same operators (the audit's exact
 * money comparisons without big.js); they must give the same answers as `OPERATORS`.
 */
export function compileCondition(c: Condition, operators: Record<string, OperatorFn> = OPERATORS): Predicate {
  if ('all' in c) return allOf(c.all.map((p) => compileCondition(p, operators)));
  if ('any' in c) return anyOf(c.any.map((p) => compileCondition(p, operators)));
  if ('not' in c) {
    const inner = compileCondition(c.not, operators);
    return (f) => !inner(f);
  }
  const op = operators[c.operator];
  if (!op) throw new Error(`Unknown operator '${c.operator}'`);
  const { fact, path, value } = c;
  if (!isFactRef(value)) {
    const fused = literalTest(op, fact, path ? parsePath(path) : [], value);
    if (fused) return fused;
  }
  const actual = compileFactValue(fact, path);
  if (isFactRef(value)) {
    const expected = compileFactValue(value.fact, value.path);
    return (f) => op(actual(f), expected(f));
  }
  return (f) => op(actual(f), value);
}

/**
 * A leaf that tests a short path against a literal with `equal`, `notEqual` or `isPresent` (most
 * leaves of the rules): the read and the test in one closure, without the two calls of the generic
 * leaf, which cannot be inlined since every rule's leaves share that code. The reads are those of
 * `compileFactValue` and the tests those of `OPERATORS`; a table with its own `equal` (the audit's
 * is the same function) gets the generic leaf.
 */
function literalTest(op: OperatorFn, fact: string, parts: ReadonlyArray<string | number>, value: unknown): Predicate | undefined {
  const test = op === OPERATORS['equal'] ? 'equal' : op === OPERATORS['notEqual'] ? 'notEqual' : op === OPERATORS['isPresent'] ? 'isPresent' : undefined;
  if (!test || parts.length > 2) return undefined;
  const want = value !== false; // what `isPresent` asks: presence, unless the value is `false`
  if (parts.length === 0) {
    if (test === 'equal') return (f) => f[fact] === value;
    if (test === 'notEqual') return (f) => f[fact] !== value;
    return (f) => {
      const x = f[fact];
      return (x !== null && x !== undefined) === want;
    };
  }
  const a = parts[0]!;
  if (parts.length === 1) {
    if (test === 'equal') {
      return (f) => {
        const v: any = f[fact];
        return (v !== null && typeof v === 'object' ? v[a] : v) === value;
      };
    }
    if (test === 'notEqual') {
      return (f) => {
        const v: any = f[fact];
        return (v !== null && typeof v === 'object' ? v[a] : v) !== value;
      };
    }
    return (f) => {
      const v: any = f[fact];
      const x = v !== null && typeof v === 'object' ? v[a] : v;
      return (x !== null && x !== undefined) === want;
    };
  }
  const b = parts[1]!;
  // Two steps: a value that is not an object is the answer itself, a missing middle one is `undefined`.
  const read = (f: Facts): unknown => {
    const v: any = f[fact];
    if (v === null || typeof v !== 'object') return v;
    const x = v[a];
    return x === null || x === undefined ? undefined : x[b];
  };
  if (test === 'equal') return (f) => read(f) === value;
  if (test === 'notEqual') return (f) => read(f) !== value;
  return (f) => {
    const x = read(f);
    return (x !== null && x !== undefined) === want;
  };
}

// `all` and `any` as plain loops (no closure per evaluation), unrolled for the usual two or three parts.
function allOf(parts: Predicate[]): Predicate {
  const [a, b, c] = parts;
  if (parts.length === 1) return a!;
  if (parts.length === 2) return (f) => a!(f) && b!(f);
  if (parts.length === 3) return (f) => a!(f) && b!(f) && c!(f);
  return (f) => {
    for (let k = 0; k < parts.length; k++) if (!parts[k]!(f)) return false;
    return true;
  };
}

function anyOf(parts: Predicate[]): Predicate {
  const [a, b, c] = parts;
  if (parts.length === 1) return a!;
  if (parts.length === 2) return (f) => a!(f) || b!(f);
  if (parts.length === 3) return (f) => a!(f) || b!(f) || c!(f);
  return (f) => {
    for (let k = 0; k < parts.length; k++) if (parts[k]!(f)) return true;
    return false;
  };
}

/** Resolves `{ fact, path }` references in event params, as `replaceFactsInEventParams` does. */
export function resolveParams(facts: Facts, params: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(params)) if (k !== 'messageId') out[k] = valueOf(facts, v);
  return out;
}

/** Every operator and fact a condition uses, for validation of rule modules. */
export function conditionLeaves(c: Condition): Array<Extract<Condition, { fact: string }>> {
  if ('all' in c) return c.all.flatMap(conditionLeaves);
  if ('any' in c) return c.any.flatMap(conditionLeaves);
  if ('not' in c) return conditionLeaves(c.not);
  return [c];
}
