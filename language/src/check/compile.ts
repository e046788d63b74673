// Compiles a rule's json-rules-engine conditions, once, into a plain predicate over a subject's facts.
// This is the hot path (workspace check, live edits, audit); json-rules-engine itself runs only to
// explain a finding (`explain.ts`). `test/check/agreement.test.ts` holds the two to the same answers.
import type { Condition, FactRef } from './types.ts';
import { OPERATORS } from './operators.ts';
import { factValue } from './path.ts';

export type Facts = Record<string, unknown>;
export type Predicate = (facts: Facts) => boolean;

function isFactRef(value: unknown): value is FactRef {
  return value !== null && typeof value === 'object' && Object.prototype.hasOwnProperty.call(value, 'fact');
}

/** A value as json-rules-engine's almanac reads it: a `{ fact, path }` reference or a literal. */
export function valueOf(facts: Facts, value: unknown): unknown {
  return isFactRef(value) ? factValue(facts, value.fact, value.path) : value;
}

export function compileCondition(c: Condition): Predicate {
  if ('all' in c) {
    const parts = c.all.map(compileCondition);
    return (f) => parts.every((p) => p(f));
  }
  if ('any' in c) {
    const parts = c.any.map(compileCondition);
    return (f) => parts.some((p) => p(f));
  }
  if ('not' in c) {
    const inner = compileCondition(c.not);
    return (f) => !inner(f);
  }
  const op = OPERATORS[c.operator];
  if (!op) throw new Error(`Unknown operator '${c.operator}'`);
  const { fact, path, value } = c;
  if (isFactRef(value)) return (f) => op(factValue(f, fact, path), factValue(f, value.fact, value.path));
  return (f) => op(factValue(f, fact, path), value);
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
