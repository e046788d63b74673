// A rule's conditions as one generated function (`new Function`), for the audit: the same answers
// as `compileCondition` (check/compile.ts), with every fact path read at a site of its own.
//
// Why generated here and closures there: compile.ts shares a few closure literals among all rules,
// whose property reads see every path and go megamorphic; that suits `doa check`, which makes one
// cold pass. An audit runs the same dozen predicates on every one of up to millions of steps, where
// a read at its own site (monomorphic, inlined) is what pays; compile.ts measured such generated
// predicates twice as fast once warm. The generated text holds no value of the rules: fact names
// and path parts go in as JSON string literals, literals and operators are passed in as arrays.
// `test/audit/generated-predicate.test.ts` holds both compilations to the same answers.
import type { Predicate } from '../check/compile.ts';
import type { OperatorFn } from '../check/operators.ts';
import { parsePath } from '../check/path.ts';
import type { Condition, FactRef } from '../check/types.ts';

function isFactRef(value: unknown): value is FactRef {
  return value !== null && typeof value === 'object' && Object.prototype.hasOwnProperty.call(value, 'fact');
}

/** The predicate of a condition, generated; throws on an unknown operator, as `compileCondition` does. */
export function generatePredicate(condition: Condition, operators: Record<string, OperatorFn>): Predicate {
  const ops: OperatorFn[] = [];
  const values: unknown[] = [];
  const accessors: string[] = [];

  /** A function reading `{ fact, path }` as `compileFactValue` does; its name. */
  const accessor = (fact: string, path: string | undefined): string => {
    const name = `read${accessors.length}`;
    const parts = path ? parsePath(path) : [];
    const key = (p: string | number) => `[${JSON.stringify(p)}]`;
    let body: string;
    if (parts.length === 0) body = `return facts${key(fact)};`;
    else {
      body = `const v = facts${key(fact)}; if (v === null || typeof v !== 'object') return v; let cur = v;`;
      for (const part of parts) body += ` if (cur === null || cur === undefined) return undefined; cur = cur${key(part)};`;
      body += ' return cur;';
    }
    accessors.push(`function ${name}(facts) { ${body} }`);
    return name;
  };

  const expression = (c: Condition): string => {
    if ('all' in c) return c.all.length ? `(${c.all.map(expression).join(' && ')})` : 'true';
    if ('any' in c) return c.any.length ? `(${c.any.map(expression).join(' || ')})` : 'false';
    if ('not' in c) return `!${expression(c.not)}`;
    const op = operators[c.operator];
    if (!op) throw new Error(`Unknown operator '${c.operator}'`);
    const o = ops.push(op) - 1;
    const actual = accessor(c.fact, c.path);
    const value = c.value;
    if (isFactRef(value)) return `op${o}(${actual}(facts), ${accessor(value.fact, value.path)}(facts))`;
    const v = values.push(value) - 1;
    return `op${o}(${actual}(facts), value${v})`;
  };

  const body = expression(condition);
  const source = [
    '"use strict";',
    ...ops.map((_, i) => `const op${i} = ops[${i}];`),
    ...values.map((_, i) => `const value${i} = values[${i}];`),
    ...accessors,
    `return function predicate(facts) { return ${body}; };`,
  ].join('\n');
  return new Function('ops', 'values', source)(ops, values) as Predicate;
}
