// Which of a family's rules can fire on a subject, found with fewer tests than running every rule.
//
// A rule whose condition is `all` of some parts fires only where each part holds: any one part is a
// *gate*, a test the subject must pass before the whole condition is worth evaluating. Most subjects
// fail some part of most rules (a clean workspace fails them all), and a part that rarely holds
// (`inCycle` true, a limit in another currency, a validity end before the date) turns most rules
// into one test; rules that share a gate share its test.
//
// Which part rarely holds depends on the workspace, not on the rule: the first subjects of a family
// are evaluated by every rule (as without gates) while every part is counted, and each rule then
// takes the part that held least often as its gate. The gates come from the rules' JSON only, and a
// gate only skips a rule where its condition is false: the rules that fire, and their order, are
// those of evaluating every rule (`test/check/rule-gates.test.ts`).
import type { Condition, FactRef } from './types.ts';
import { compileCondition, type Facts, type Predicate } from './compile.ts';
import { OPERATORS, type OperatorFn } from './operators.ts';
import { parsePath } from './path.ts';

/** How many subjects of a family are evaluated by every rule, counting its parts, before gates are chosen. */
export const SAMPLE_SIZE = 64;

/** A rule as the gates see it: its whole predicate and its condition's JSON. */
export interface GatedRule {
  predicate: Predicate;
  conditions: Condition;
}

interface Part {
  key: string;
  test: Predicate;
  /** The same test as data, for a leaf on a short path: see `LeafTest`. */
  leaf: LeafTest | undefined;
  /** Whether its test may throw (see `mayThrow`): such a part is never a gate, nor tested on its own. */
  unsafe: boolean;
  /** Leaves it tests: the cheaper of two parts that hold as often is the better gate. */
  leaves: number;
  held: number;
}

interface Gate {
  test: Predicate;
  leaf: LeafTest | undefined;
  /** Positions of the rules behind this gate, ascending. */
  rules: number[];
}

/**
 * The rules of one family with their gates. `firing` answers, for one subject's facts, the
 * positions of the rules whose predicates hold, ascending; its answer is always that of testing
 * every rule's predicate in order.
 */
export class RuleGates {
  private readonly parts: Part[][];
  private seen = 0;
  private gates: Gate[] | undefined = undefined;

  constructor(private readonly rules: readonly GatedRule[]) {
    // One compiled test per distinct part, shared by every rule that has it.
    const byKey = new Map<string, Part>();
    this.parts = rules.map((r) =>
      conjuncts(r.conditions).map((c) => {
        const key = JSON.stringify(c);
        let part = byKey.get(key);
        if (!part) byKey.set(key, (part = { key, test: compileCondition(c), leaf: leafTest(c), unsafe: mayThrow(c), leaves: leafCount(c), held: 0 }));
        return part;
      }),
    );
  }

  /** Positions of the rules that fire on these facts, ascending (`NONE_FIRING` when none). */
  firing(facts: Facts): readonly number[] {
    const gates = this.gates;
    if (gates) return firingThrough(gates, this.rules, facts);
    this.sample(facts);
    if (++this.seen === SAMPLE_SIZE) this.gates = chooseGates(this.parts);
    return this.everyRule(facts);
  }

  /** Counts the parts that hold on a subject of the sample. */
  private sample(facts: Facts): void {
    const counted = new Set<Part>();
    for (const parts of this.parts) {
      for (const part of parts) {
        if (part.unsafe || counted.has(part)) continue;
        counted.add(part);
        if (part.test(facts)) part.held++;
      }
    }
  }

  private everyRule(facts: Facts): readonly number[] {
    let fired: number[] | undefined;
    for (let k = 0; k < this.rules.length; k++) if (this.rules[k]!.predicate(facts)) (fired ??= []).push(k);
    return fired ?? NONE_FIRING;
  }
}

export const NONE_FIRING: readonly number[] = Object.freeze([]);

function firingThrough(gates: readonly Gate[], rules: readonly GatedRule[], facts: Facts): readonly number[] {
  let fired: number[] | undefined;
  for (let g = 0; g < gates.length; g++) {
    const gate = gates[g]!;
    const leaf = gate.leaf;
    if (leaf ? !passes(leaf, facts) : !gate.test(facts)) continue;
    const behind = gate.rules;
    for (let k = 0; k < behind.length; k++) if (rules[behind[k]!]!.predicate(facts)) (fired ??= []).push(behind[k]!);
  }
  if (!fired) return NONE_FIRING;
  // Gates run in their own order: the rules fired are put back in the rules' order.
  if (fired.length > 1) fired.sort((a, b) => a - b);
  return fired;
}

const ALWAYS: Predicate = () => true;

/**
 * A leaf of one or two path steps, tested as data by one loop (`passes`) rather than by its
 * closures: the gates of a family are tested on every subject, and in the one pass of a cold check
 * one warm loop beats a call per gate to closures that warm up one by one. It reads as
 * `compileFactValue` does and tests with the operator's own function (`equal`, `notEqual` and
 * `isPresent` inline, as `literalTest` does); `test/check/rule-gates.test.ts` holds it to the
 * compiled leaf.
 */
interface LeafTest {
  fact: string;
  /** Path steps: 0, 1 or 2 (`a`, then `b`). */
  steps: number;
  a: string | number;
  b: string | number;
  /** 0 `equal`, 1 `notEqual`, 2 `isPresent`, 3 another operator (`op`). */
  kind: 0 | 1 | 2 | 3;
  op: OperatorFn;
  value: unknown;
  /** The value's `{ fact, path }`, read like the fact's, when the value is one. */
  ref: LeafTest | undefined;
}

/** The leaf test of a condition, when it is a leaf on short paths with an operator of the table. */
export function leafTest(c: Condition): LeafTest | undefined {
  if (!('fact' in c)) return undefined;
  const op = OPERATORS[c.operator];
  if (!op) return undefined;
  const at = reader(c.fact, c.path);
  if (!at) return undefined;
  const v = c.value;
  const isRef = v !== null && typeof v === 'object' && Object.prototype.hasOwnProperty.call(v, 'fact');
  const ref = isRef ? reader((v as FactRef).fact, (v as FactRef).path) : undefined;
  if (isRef && !ref) return undefined;
  const kind = isRef ? 3 : c.operator === 'equal' ? 0 : c.operator === 'notEqual' ? 1 : c.operator === 'isPresent' ? 2 : 3;
  // What `isPresent` asks: presence, unless the value is `false`.
  return { ...at, kind, op, value: kind === 2 ? v !== false : v, ref };
}

function reader(fact: string, path: string | undefined): LeafTest | undefined {
  const parts = path ? parsePath(path) : [];
  if (parts.length > 2) return undefined;
  return { fact, steps: parts.length, a: parts[0] ?? '', b: parts[1] ?? '', kind: 3, op: OPERATORS['equal']!, value: undefined, ref: undefined };
}

/** The value a leaf reads, as `compileFactValue` reads it. */
function read(facts: Facts, at: LeafTest): unknown {
  const v: any = facts[at.fact];
  if (at.steps === 0) return v;
  if (v === null || typeof v !== 'object') return v;
  const x = v[at.a];
  if (at.steps === 1) return x;
  return x === null || x === undefined ? undefined : x[at.b];
}

export function passes(leaf: LeafTest, facts: Facts): boolean {
  const x = read(facts, leaf);
  switch (leaf.kind) {
    case 0:
      return x === leaf.value;
    case 1:
      return x !== leaf.value;
    case 2:
      return (x !== null && x !== undefined) === leaf.value;
    default:
      return leaf.op(x, leaf.ref ? read(facts, leaf.ref) : leaf.value);
  }
}

/**
 * Each rule's gate: the part of its condition that held least often on the sample (the cheaper
 * one, then the first, on a tie). A rule whose every part held on most of the sample gains
 * nothing from a gate (its predicate would test the part again) and is tested on every subject.
 */
function chooseGates(partsByRule: readonly Part[][]): Gate[] {
  const gates = new Map<Part | undefined, Gate>();
  partsByRule.forEach((parts, position) => {
    let best: Part | undefined;
    for (const part of parts) if (!part.unsafe && (!best || part.held < best.held || (part.held === best.held && part.leaves < best.leaves))) best = part;
    if (best && best.held * 2 > SAMPLE_SIZE) best = undefined;
    let gate = gates.get(best);
    if (!gate) gates.set(best, (gate = { test: best ? best.test : ALWAYS, leaf: best?.leaf, rules: [] }));
    gate.rules.push(position);
  });
  return [...gates.values()];
}

/** The parts a condition needs all of: the members of its `all`s, nested `all`s flattened. */
function conjuncts(c: Condition): Condition[] {
  if ('all' in c) return c.all.flatMap(conjuncts);
  if ('any' in c && c.any.length === 1) return conjuncts(c.any[0]!);
  return [c];
}

function leafCount(c: Condition): number {
  if ('all' in c) return c.all.reduce((n, p) => n + leafCount(p), 0);
  if ('any' in c) return c.any.reduce((n, p) => n + leafCount(p), 0);
  if ('not' in c) return leafCount(c.not);
  return 1;
}

/**
 * Operators that answer any JSON without throwing. The others may throw on some values: `in` and
 * `notIn` call `indexOf` on theirs (safe on a literal list or string only), the money comparisons
 * parse amounts. A rule's own predicate may never reach such a leaf (an earlier part fails first),
 * so a gate must not test it on its own.
 */
const TOTAL_OPERATORS = new Set([
  'equal', 'notEqual', 'contains', 'doesNotContain', 'lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive',
  'currencyDiffers', 'dateBefore', 'dateOnOrBefore', 'dateAfter', 'dateOnOrAfter', 'gradeBelow', 'gradeAtLeast', 'gradeAbove', 'gradeAtMost',
  'isEmpty', 'intersects', 'disjointFrom', 'subsetOf', 'notSubsetOf', 'containsAny', 'isPresent', 'sizeGreaterThan',
]);

function mayThrow(c: Condition): boolean {
  if ('all' in c) return c.all.some(mayThrow);
  if ('any' in c) return c.any.some(mayThrow);
  if ('not' in c) return mayThrow(c.not);
  if (TOTAL_OPERATORS.has(c.operator)) return false;
  return !((c.operator === 'in' || c.operator === 'notIn') && (Array.isArray(c.value) || typeof c.value === 'string'));
}
