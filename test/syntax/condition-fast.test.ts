// The one-line parser of `when` conditions (`condition-fast.ts`) against the Chevrotain grammar
// (`condition.ts`): wherever the fast parser answers, the grammar parses the same condition without
// an error or a problem, to the same expression, ranges and next token. Generated conditions, most
// of them wrong on purpose, explore where the fast parser must give up.
import { describe, expect, it } from 'vitest';
import { lex } from '../../language/src/syntax/lexer.ts';
import { parseConditionByGrammar } from '../../language/src/syntax/condition.ts';
import { parseConditionFast } from '../../language/src/syntax/condition-fast.ts';
import type { Problem } from '../../language/src/syntax/syntax-tree.ts';
import { seededRandom as random } from '../seeded-random.ts';

/** Both parsers on the condition after `when` in `text`; the fast one's answer, if any, must be the grammar's. */
function compare(text: string): boolean {
  const tokens = lex(text);
  const fast = parseConditionFast(tokens, 1);
  const problems: Problem[] = [];
  const grammar = parseConditionByGrammar(tokens, 1, problems);
  if (!fast) return false;
  expect({ text, errors: grammar.errors.map((e) => e.message), problems }).toEqual({ text, errors: [], problems: [] });
  expect({ text, next: fast.next }).toEqual({ text, next: grammar.next });
  // Through JSON, so that ranges compare as the positions they stand for.
  expect(JSON.parse(JSON.stringify(fast.result))).toEqual(JSON.parse(JSON.stringify(grammar.result)));
  return true;
}


// Mostly what a condition may hold, with the odd word or token that it may not.
const GOOD_FIELDS = ['limit', 'area', 'depth', 'authority', 'delegate.grade', 'contains'];
const BAD_FIELDS = ['not', 'in', 'is', 'and', 'or'];
const GOOD_OPS = ['=', '!=', '>', '>=', '<', '<=', 'in', 'not in', 'contains', 'is missing', 'is present'];
const BAD_OPS = ['is maybe', 'is', 'not', ''];
const GOOD_VALUES = ['USD 1,000,000', 'procurement/award-contract', '"quoted text"', '"esc\\"aped"', '2024-01-01', '4', '2_500.5', 'D-1', 'missing', '[a, b]', '[a, b,]', '[]', '[a,,b]', '["x", 2024-01-01, 3]'];
const BAD_VALUES = ['not', 'in', 'is', '[a b]', '[a', '[\n a]', '(', ')', ',', '[not]'];
const GOOD_ENDS = ['\n', '\n}', ';', ' }', '\n  severity error', '\n\n  message "m"'];
const BAD_ENDS = ['', '\n  and x = 1', '\n\n  or x = 1', ' {', ',', ')', ' x'];

function generate(r: () => number): string {
  const pickOne = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)]!;
  const pick = <T>(good: T[], bad: T[] = []) => (bad.length && r() < 0.06 ? pickOne(bad) : pickOne(good));
  const expr = (depth: number): string => {
    const roll = r();
    if (depth < 3 && roll < 0.2) return `${expr(depth + 1)} ${pick(['and', 'or'], ['and\n', 'not', 'or\n'])} ${expr(depth + 1)}`;
    if (depth < 3 && roll < 0.3) return `(${expr(depth + 1)}${pick([')'], ['', '\n)'])}`;
    if (depth < 3 && roll < 0.37) return `not ${expr(depth + 1)}`;
    const op = pick(GOOD_OPS, BAD_OPS);
    const values = op.startsWith('is') ? '' : ` ${Array.from({ length: r() < 0.8 ? 1 : r() < 0.7 ? 2 : 0 }, () => pick(GOOD_VALUES, BAD_VALUES)).join(' ')}`;
    return `${pick(GOOD_FIELDS, BAD_FIELDS)} ${op}${values}`;
  };
  return `when ${expr(0)}${pick(GOOD_ENDS, BAD_ENDS)}`;
}

describe('the one-line condition parser', () => {
  it('answers as the grammar does on well-written conditions', () => {
    for (const condition of [
      'authority = procurement/award-contract and depth >= 4 and limit > USD 1,000,000',
      'authority in [travel/exceptions, procurement/ex-post-facto] and depth > 2',
      'valid-to is missing',
      'not (area = finance or area = travel) and delegate.grade < D-1',
      'not limit > USD 5 or x contains y',
      'a not in [b, "c", 2024-01-01, 3,] and (b is present)',
      'limit > USD 1,000,000 "with text" 2024-01-01',
      'kind = sub-delegation and not delegate.functions contains finance',
      'not delegate.functions contains finance or not contains contains x',
    ]) {
      expect(compare(`when ${condition}\n}`), condition).toBe(true);
      expect(compare(`when ${condition}; severity error`), condition).toBe(true);
    }
  });

  it('gives up where the grammar must speak: several lines, errors, connective words as names', () => {
    for (const condition of ['a = 1\n  and b = 2', 'a = 1 and\n b = 2', 'limit >', 'a is maybe', '(a = 1', 'a in [b', 'not = 1', 'a = not', 'a = 1', 'a = 1 (', 'a in b, c']) {
      const tokens = lex(`when ${condition}`);
      expect(parseConditionFast(tokens, 1), condition).toBeUndefined();
    }
  });

  it('never disagrees with the grammar on generated conditions', () => {
    const r = random(20250630);
    let answered = 0;
    const runs = 4000;
    for (let k = 0; k < runs; k++) if (compare(generate(r))) answered++;
    // The generator must reach both sides: answered conditions and given-up ones.
    expect(answered).toBeGreaterThan(runs / 10);
    expect(answered).toBeLessThan(runs * 0.9);
  });
});
