// Compiles a rule's json-rules-engine conditions, once, into a plain predicate over a subject's facts.
// This is the hot path (workspace check, live edits, audit); json-rules-engine itself runs only to
// explain a finding (`explain.ts`). `test/check/agreement.test.ts` holds the two to the same answers.
//
// Each condition becomes the source of one function (`new Function`): its fact paths are property
// reads with constant names, each at its own site. A tree of shared closures (one accessor literal
// for every path of every rule) made every read megamorphic: V8 shares the type feedback of closures
// made at one site, and a megamorphic keyed read that misses the stub cache goes to the runtime. On
// the 100k-line benchmark that was ~1 µs per rule and subject, 150–250 ms of a check. Where code
// cannot be generated (`--disallow-code-generation-from-strings`) the closures are the fallback.
import type { Condition, FactRef } from './types.ts';
import { OPERATORS } from './operators.ts';
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

/** Compiles a condition into one generated function (the closures of `compileClosures` where code generation is off). */
export function compileCondition(c: Condition): Predicate {
  const source = new PredicateSource();
  // Unknown operators throw here, before any code is generated, as they do in `compileClosures`.
  const body = source.condition(c);
  let factory: (...constants: unknown[]) => Predicate;
  try {
    factory = new Function(...source.constantNames(), `"use strict";\n${source.accessors.join('\n')}\nreturn function predicate(f) { return ${body}; };`) as typeof factory;
  } catch (e) {
    if (e instanceof EvalError) return compileClosures(c);
    throw e;
  }
  return factory(...source.constants);
}

/**
 * The source text of one predicate: an expression per condition, a local accessor function per
 * distinct `{ fact, path }`, and the operators and literal values as constants (passed in, never
 * printed, so that a value keeps its identity and no text of a rule is ever evaluated as code).
 */
class PredicateSource {
  readonly accessors: string[] = [];
  readonly constants: unknown[] = [];
  private readonly accessorNames = new Map<string, string>();

  constantNames(): string[] {
    return this.constants.map((_, k) => `k${k}`);
  }

  condition(c: Condition): string {
    if ('all' in c) return c.all.length ? `(${c.all.map((p) => this.condition(p)).join(' && ')})` : 'true';
    if ('any' in c) return c.any.length ? `(${c.any.map((p) => this.condition(p)).join(' || ')})` : 'false';
    if ('not' in c) return `!${this.condition(c.not)}`;
    const op = OPERATORS[c.operator];
    if (!op) throw new Error(`Unknown operator '${c.operator}'`);
    const { fact, path, value } = c;
    const expected = isFactRef(value) ? `${this.accessor(value.fact, value.path)}(f)` : this.constant(value);
    return `${this.constant(op)}(${this.accessor(fact, path)}(f), ${expected})`;
  }

  private constant(value: unknown): string {
    this.constants.push(value);
    return `k${this.constants.length - 1}`;
  }

  /** A local function reading `{ fact, path }` as `factValue` does: a path applies to an object only. */
  private accessor(fact: string, path: string | undefined): string {
    const parts = path ? parsePath(path) : [];
    const key = JSON.stringify([fact, parts]);
    let name = this.accessorNames.get(key);
    if (name) return name;
    name = `a${this.accessorNames.size}`;
    this.accessorNames.set(key, name);
    const read = (target: string, part: string | number) => `${target}[${JSON.stringify(part)}]`;
    const lines = [`const v = ${read('f', fact)};`];
    if (parts.length) {
      lines.push('if (v === null || typeof v !== "object") return v;');
      let cur = 'v';
      parts.forEach((part, k) => {
        if (k > 0) lines.push(`if (${cur} === null || ${cur} === undefined) return undefined;`);
        lines.push(`const x${k} = ${read(cur, part)};`);
        cur = `x${k}`;
      });
      lines.push(`return ${cur};`);
    } else lines.push('return v;');
    this.accessors.push(`function ${name}(f) { ${lines.join(' ')} }`);
    return name;
  }
}

/** The same predicate as closures: the fallback where code cannot be generated, and a second opinion for tests. */
export function compileClosures(c: Condition): Predicate {
  if ('all' in c) return allOf(c.all.map(compileClosures));
  if ('any' in c) return anyOf(c.any.map(compileClosures));
  if ('not' in c) {
    const inner = compileClosures(c.not);
    return (f) => !inner(f);
  }
  const op = OPERATORS[c.operator];
  if (!op) throw new Error(`Unknown operator '${c.operator}'`);
  const { fact, path, value } = c;
  const actual = compileFactValue(fact, path);
  if (isFactRef(value)) {
    const expected = compileFactValue(value.fact, value.path);
    return (f) => op(actual(f), expected(f));
  }
  return (f) => op(actual(f), value);
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
