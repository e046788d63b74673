// The audit's generated predicates (generated-predicate.ts) answer as the shared compiled ones
// (check/compile.ts) on the audit rules' conditions, on facts that vary every value a condition
// reads, and on conditions of every shape.
import { describe, expect, it } from 'vitest';
import { compileCondition, conditionLeaves } from '../../language/src/check/compile.ts';
import type { Condition } from '../../language/src/check/types.ts';
import { generatePredicate } from '../../language/src/audit/generated-predicate.ts';
import { AUDIT_OPERATORS } from '../../language/src/audit/step-judge.ts';
import { auditRules } from '../../rules/index.ts';

/** Sets `$.a.b` of the fact to a value (making the objects on the way). */
function withValue(facts: Record<string, any>, fact: string, path: string | undefined, value: unknown): Record<string, any> {
  const copy = structuredClone(facts);
  if (!path) {
    copy[fact] = value;
    return copy;
  }
  const parts = path.replace(/^\$\.?/, '').split('.');
  let cur = (copy[fact] ??= {});
  for (const p of parts.slice(0, -1)) if (cur && typeof cur === 'object') cur = cur[p] ??= {};
  // A fact (or a step of the path) that is not an object stays as it is.
  if (cur && typeof cur === 'object') cur[parts.at(-1)!] = value;
  return copy;
}

const SAMPLES: unknown[] = [true, false, 0, 1, 2, 5, null, undefined, '', 'x', 'USD', [], ['a'], { amount: '100', currency: 'USD' }, { amount: '100000', currency: 'USD' }, { amount: '1', currency: 'EUR' }];

function agree(conditions: Condition, base: Record<string, any>): number {
  const generated = generatePredicate(conditions, AUDIT_OPERATORS);
  const compiled = compileCondition(conditions, AUDIT_OPERATORS);
  let facts = [base];
  // Every value a leaf reads (or compares with) takes each sample, one leaf at a time, then in pairs.
  const reads: Array<{ fact: string; path: string | undefined; value: unknown }> = [];
  for (const l of conditionLeaves(conditions)) {
    reads.push({ fact: l.fact, path: l.path, value: l.value });
    const ref = l.value as { fact?: string; path?: string } | null;
    if (ref && typeof ref === 'object' && typeof ref.fact === 'string') reads.push({ fact: ref.fact, path: ref.path, value: undefined });
  }
  for (const r of reads) {
    const more: Array<Record<string, any>> = [];
    for (const f of facts.slice(0, 40)) for (const v of [...SAMPLES, r.value]) more.push(withValue(f, r.fact, r.path, v));
    facts = facts.concat(more);
  }
  let fired = 0;
  for (const f of facts) {
    const want = !!compiled(f);
    expect(!!generated(f)).toBe(want);
    if (want) fired++;
  }
  return fired;
}

describe('generatePredicate', () => {
  it('answers as compileCondition on every audit rule', () => {
    let fired = 0;
    let rules = 0;
    for (const m of auditRules) for (const r of m.rules ?? []) {
      rules++;
      fired += agree(r.conditions, { transaction: {}, vendorWindow: {}, stepPair: {} });
    }
    expect(rules).toBeGreaterThan(10);
    expect(fired).toBeGreaterThan(0);
  });

  it('answers as compileCondition on nested, empty and referring conditions, and on facts that are not objects', () => {
    const leaf = (path: string, operator: string, value: unknown) => ({ fact: 't', path, operator, value });
    const shapes: Condition[] = [
      { all: [] },
      { any: [] },
      { not: { all: [leaf('$.a', 'equal', 1), leaf('$.b.c', 'equal', true)] } },
      { any: [leaf('$.a', 'equal', 2), { all: [leaf('$.b.c.d', 'equal', 'x'), leaf('$.e', 'notEqual', null)] }, leaf('$.f', 'equal', 5), leaf('$.g', 'equal', 0)] },
      { all: [leaf('$.a', 'equal', 1), leaf('$.b', 'equal', 1), leaf('$.c', 'equal', 1), leaf('$.d', 'equal', 1)] },
      { all: [{ fact: 't', path: '$.a', operator: 'equal', value: { fact: 't', path: '$.b.c' } }] },
      { all: [{ fact: 't', operator: 'equal', value: 5 } as Condition] },
    ];
    for (const c of shapes) for (const t of [{}, null, 5, 'text', { a: 1, b: { c: 1, d: 1 }, c: 1, d: 1 }]) agree(c, { t });
  });

  it('rejects an unknown operator as compileCondition does', () => {
    const c = { all: [{ fact: 't', path: '$.a', operator: 'noSuchOperator', value: 1 }] } as Condition;
    expect(() => compileCondition(c, AUDIT_OPERATORS)).toThrow("Unknown operator 'noSuchOperator'");
    expect(() => generatePredicate(c, AUDIT_OPERATORS)).toThrow("Unknown operator 'noSuchOperator'");
  });
});
