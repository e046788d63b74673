// The gates skip only rules that cannot fire: the rules `RuleGates.firing` answers, in order, are
// those whose predicates hold, before and after the gates are chosen.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Workspace, builtinRules } from '../../language/src/index.ts';
import { checkSync } from '../../language/src/check/check.ts';
import { compileCondition, type Facts } from '../../language/src/check/compile.ts';
import { leafTest, passes, RuleGates, SAMPLE_SIZE, type GatedRule } from '../../language/src/check/rule-gates.ts';
import type { Condition } from '../../language/src/check/types.ts';

const samplesRoot = new URL('../../samples/', import.meta.url).pathname;

function rule(conditions: Condition): GatedRule {
  return { predicate: compileCondition(conditions), conditions };
}

const leaf = (path: string, operator: string, value: unknown): Condition => ({ fact: 'x', path, operator, value });

/** What evaluating every rule answers: the positions of those whose predicates hold. */
function everyRule(rules: readonly GatedRule[], facts: Facts): number[] {
  return rules.flatMap((r, k) => (r.predicate(facts) ? [k] : []));
}

describe('rule gates', () => {
  it('fire a rule on a subject that passes a gate the sample never passed', () => {
    const rules = [rule({ all: [leaf('$.common', 'equal', true), leaf('$.rare', 'equal', true)] })];
    const gates = new RuleGates(rules);
    for (let k = 0; k < SAMPLE_SIZE; k++) expect(gates.firing({ x: { common: true, rare: false } })).toEqual([]);
    // The gate is now `rare`: a subject that passes it is evaluated by the whole rule.
    expect(gates.firing({ x: { common: true, rare: true } })).toEqual([0]);
    expect(gates.firing({ x: { common: false, rare: true } })).toEqual([]);
  });

  it('answer the rules in their order, whatever the order of their gates', () => {
    const rules = [
      rule({ all: [leaf('$.a', 'equal', 1), leaf('$.b', 'equal', 1)] }),
      rule({ all: [leaf('$.c', 'equal', 1)] }),
      rule({ any: [leaf('$.a', 'equal', 1), leaf('$.c', 'equal', 1)] }),
    ];
    const gates = new RuleGates(rules);
    for (let k = 0; k < SAMPLE_SIZE; k++) gates.firing({ x: { a: 1, b: k % 2, c: 0 } });
    for (const facts of [{ x: { a: 1, b: 1, c: 1 } }, { x: { a: 0, b: 1, c: 1 } }, { x: { a: 1, b: 0, c: 0 } }, { x: {} }]) {
      expect(gates.firing(facts)).toEqual(everyRule(rules, facts));
    }
    expect(gates.firing({ x: { a: 1, b: 1, c: 1 } })).toEqual([0, 1, 2]);
  });

  it('never test on its own a part that may throw', () => {
    // `in` with a fact reference throws where the reference is missing; the rule's first part fails first.
    const rules = [rule({ all: [leaf('$.kind', 'equal', 'list'), { fact: 'x', path: '$.item', operator: 'in', value: { fact: 'x', path: '$.list' } }] })];
    const gates = new RuleGates(rules);
    for (let k = 0; k < 2 * SAMPLE_SIZE; k++) expect(gates.firing({ x: { kind: 'none', item: 1 } })).toEqual([]);
    expect(gates.firing({ x: { kind: 'list', item: 1, list: [1] } })).toEqual([0]);
  });

  it('test a leaf as data as its compiled closure does, on every shape of value', () => {
    const values: unknown[] = [null, undefined, 0, 3, '', 'x', '2025-06-30', true, false, [], ['x'], { b: 'x' }, { b: null }, { b: { c: 1 } }];
    const leaves: Condition[] = [];
    for (const path of [undefined, '$', '$.a', '$.a.b']) {
      for (const [operator, value] of [
        ['equal', 'x'], ['equal', null], ['notEqual', 'x'], ['isPresent', true], ['isPresent', false], ['contains', 'x'],
        ['dateBefore', '2026-01-01'], ['dateBefore', { fact: 'asOf' }], ['equal', { fact: 'x', path: '$.a.b' }], ['notEqual', { fact: 'y' }],
      ] as Array<[string, unknown]>) {
        leaves.push(path === undefined ? ({ fact: 'x', operator, value } as Condition) : leaf(path, operator, value));
      }
    }
    let compared = 0;
    for (const c of leaves) {
      const data = leafTest(c);
      expect(data, JSON.stringify(c)).toBeDefined();
      const closure = compileCondition(c);
      for (const x of values) {
        for (const a of values) {
          const facts = { x: x !== null && typeof x === 'object' && !Array.isArray(x) ? { ...x, a } : x, asOf: '2025-06-30', y: a };
          expect(passes(data!, facts), `${JSON.stringify(c)} on ${JSON.stringify(facts)}`).toBe(closure(facts));
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(5000);
    // Paths longer than two steps stay with their closures.
    expect(leafTest(leaf('$.a.b.c', 'equal', 1))).toBeUndefined();
  });

  it('agree with every rule on every sample, before and after the gates are chosen', () => {
    const files = readdirSync(samplesRoot, { recursive: true, withFileTypes: true })
      .filter((d) => d.isFile() && d.name.endsWith('.doa'))
      .map((d): [string, string] => {
        const path = join(d.parentPath, d.name);
        return [`memory:///${path.slice(samplesRoot.length)}`, readFileSync(path, 'utf8')];
      });
    const run = checkSync(new Workspace(files), builtinRules, { asOf: '2025-06-30' });
    let compared = 0;
    let fired = 0;
    for (const [family, subjects] of run.subjects) {
      if (!subjects.length) continue;
      const rules = run.rules.filter((r) => r.definition.family === family).map((r) => ({ predicate: r.predicate, conditions: r.definition.conditions }));
      const gates = new RuleGates(rules);
      // Round and round the family's subjects, well past the sample.
      for (let k = 0; k < Math.max(3 * SAMPLE_SIZE, 2 * subjects.length); k++) {
        const facts = subjects[k % subjects.length]!.facts;
        const expected = everyRule(rules, facts);
        expect(gates.firing(facts), `${family} ${subjects[k % subjects.length]!.id}`).toEqual(expected);
        compared++;
        fired += expected.length;
      }
    }
    expect(compared).toBeGreaterThan(1000);
    expect(fired).toBeGreaterThan(100);
  });
});
