// Error recovery: the parser never throws, locates every problem with a message a drafter can act
// on, and keeps the statements after an error, so the rest of the file is still checked.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from '../../language/src/syntax/parser.ts';
import { checkConditionGrammar } from '../../language/src/syntax/condition.ts';
import type { Problem, SyntaxFile } from '../../language/src/syntax/syntax-tree.ts';
import { buildDocument, Workspace } from '../../language/src/workspace/workspace.ts';
import { check } from '../../language/src/index.ts';
import { BASE, TEST_AS_OF } from '../../language/src/testing/index.ts';
import { allStatements, id, rangeMismatches, rng, st, strip } from './helpers.ts';
import { POLICY } from './fixtures.ts';

/** `line:character-line:character message`, 0-based like LSP. */
function located(p: Problem): string {
  return `${p.range.start.line}:${p.range.start.character}-${p.range.end.line}:${p.range.end.character} ${p.message}`;
}

function syntaxProblems(text: string): string[] {
  return parse('memory:///t.doa', text).problems.map(located);
}

/** The top-level `entity Z {}` that every broken input below ends with, parsed and closed. */
function expectZ(file: SyntaxFile): void {
  const z = file.statements.find((s) => s.key.text === 'entity' && s.values[0]?.kind === 'ident' && s.values[0].text === 'Z');
  expect(z, 'entity Z after the error is still a top-level statement').toBeDefined();
  expect(strip(z!)).toEqual(st('entity', [id('Z')], []));
  // ... and it is still a declaration of the typed AST.
  const doc = buildDocument(file.uri, file.text);
  expect(doc.ast.decls.map((d) => d.name)).toContain('Z');
}

const STATEMENT_START = "a statement starts with a keyword such as 'entity' or 'authority'";

describe('located messages, and the statements after the error are kept', () => {
  it('a missing } is reported on the statement whose block is not closed', () => {
    const text = 'entity A "x" {\n  line 1\n\nentity Z {}\n';
    const file = parse('u', text);
    expect(file.problems.map(located)).toEqual(["0:0-0:6 The block of 'entity' is not closed: add '}'"]);
    // The parser cannot know where the block should have ended: what follows is kept, inside it.
    const a = file.statements[0]!;
    expect(a.body!.closed).toBe(false);
    expect(allStatements(file.statements).some((s) => s.key.text === 'entity' && s.values[0]?.kind === 'ident' && s.values[0].text === 'Z')).toBe(true);
  });

  it('a missing } in a nested block is reported on the inner statement', () => {
    const text = 'area finance {\n  authority certify "C" {\n    exclusive\n}\nentity Z {}\n';
    expect(syntaxProblems(text)).toEqual(["0:0-0:4 The block of 'area' is not closed: add '}'"]);
  });

  it('an extra } is reported and skipped', () => {
    const text = 'entity A {}\n}\nentity Z {}\n';
    const file = parse('u', text);
    expect(file.problems.map(located)).toEqual(["1:0-1:1 Unexpected '}': there is no open block to close"]);
    expect(strip(file.statements[0]!)).toEqual(st('entity', [id('A')], []));
    expectZ(file);
  });

  it('an extra } after a block is reported and skipped', () => {
    const file = parse('u', 'entity A { line 1 } }\nentity Z {}\n');
    expect(file.problems.map(located)).toEqual(["0:20-0:21 Unexpected '}': there is no open block to close"]);
    expectZ(file);
  });

  for (const [ch, name] of [
    [',', 'comma'],
    [']', 'bracket'],
    [')', 'parenthesis'],
    ['=', 'equals sign'],
    ['[', 'open bracket'],
    ['(', 'open parenthesis'],
    ['>=', 'comparison'],
    ['{', 'open brace'],
  ] as const) {
    it(`a stray ${name} at the start of a statement is skipped with a message`, () => {
      const text = `entity A {}\n${ch}\nentity Z {}\n`;
      const file = parse('u', text);
      expect(file.problems.map(located)).toEqual([`1:0-1:${ch.length} Unexpected '${ch}' here: ${STATEMENT_START}`]);
      expectZ(file);
    });

    it(`a stray ${name} at the start of a statement in a block is skipped with a message`, () => {
      const text = `entity A {\n  ${ch}\n  line 1\n}\nentity Z {}\n`;
      const file = parse('u', text);
      expect(file.problems.map(located)).toEqual([`1:2-1:${2 + ch.length} Unexpected '${ch}' in this block: ${STATEMENT_START}`]);
      expect(strip(file.statements[0]!)).toEqual(st('entity', [id('A')], [st('line', [{ kind: 'number', text: '1', raw: '1' }])]));
      expectZ(file);
    });
  }

  it('each stray token of a line is reported where it is', () => {
    expect(syntaxProblems('= 3 "x" 2025-01-01\nentity Z {}\n')).toEqual([
      `0:0-0:1 Unexpected '=' here: ${STATEMENT_START}`,
      `0:2-0:3 Unexpected '3' here: ${STATEMENT_START}`,
      `0:4-0:7 Unexpected '"x"' here: ${STATEMENT_START}`,
      `0:8-0:18 Unexpected '2025-01-01' here: ${STATEMENT_START}`,
    ]);
  });

  it('a stray comma before a word leaves the word as a statement, which to-ast reports', () => {
    const doc = buildDocument('u', 'entity A {}\n, foo\nentity Z {}\n');
    expect(doc.problems.map(located)).toEqual([
      `1:0-1:1 Unexpected ',' here: ${STATEMENT_START}`,
      '1:2-1:5 Unknown declaration \'foo\'. A file declares entity, post, person, training, vendor, committee, duty, area, delegation, sub-delegation, rule, segregation, rates',
    ]);
    expectZ(doc.syntax);
  });

  for (const ch of ['@', '#', '$', '%', '&', '|', '~', '?', '!', '\\', '`', "'", '^', '+', '*']) {
    it(`an illegal character ${ch} is reported and skipped`, () => {
      const text = `entity A { line ${ch} 1 }\nentity Z {}\n`;
      const file = parse('u', text);
      expect(file.problems.map(located)).toEqual([`0:16-0:17 Unexpected character '${ch}'`]);
      expect(strip(file.statements[0]!)).toEqual(st('entity', [id('A')], [st('line', [{ kind: 'number', text: '1', raw: '1' }])]));
      expectZ(file);
    });
  }

  it('a run of illegal characters is one problem', () => {
    const file = parse('u', 'entity A @@@ {}\nentity Z {}\n');
    expect(file.problems.map(located)).toEqual(["0:9-0:12 Unexpected characters '@@@'"]);
    expectZ(file);
  });

  it('an illegal character inside a name splits it, and both halves are kept', () => {
    const file = parse('u', 'entity A#B {}\nentity Z {}\n');
    expect(file.problems.map(located)).toEqual(["0:8-0:9 Unexpected character '#'"]);
    expect(strip(file.statements[0]!)).toEqual(st('entity', [id('A'), id('B')], []));
    expectZ(file);
  });

  it('an unterminated string is reported at its opening quote', () => {
    const text = 'entity A "United Nations\nentity Z {}\n';
    const file = parse('u', text);
    expect(file.problems.map(located)).toEqual(['0:9-0:10 Unterminated text: a quoted text must end with " on the same line']);
    expectZ(file);
  });

  it('an unterminated string in a block does not swallow the block', () => {
    const file = parse('u', 'entity A "x" {\n  kind "mission\n  line 1\n}\nentity Z {}\n');
    expect(file.problems.map(located)).toEqual(['1:7-1:8 Unterminated text: a quoted text must end with " on the same line']);
    expect(file.statements[0]!.body!.statements.map((s) => s.key.text)).toEqual(['kind', 'line']);
    expectZ(file);
  });

  it('a missing { leaves the statements of the block at top level and reports the lone }', () => {
    const text = 'entity A "x"\n  line 1\n}\nentity Z {}\n';
    const doc = buildDocument('u', text);
    expect(doc.problems.map(located)).toEqual([
      expect.stringMatching(/^1:2-1:6 Unknown declaration 'line'/),
      "2:0-2:1 Unexpected '}': there is no open block to close",
    ]);
    expectZ(doc.syntax);
  });

  it('a brace on the line after the key is not the statement’s block', () => {
    // The block must open on the line of its statement; on the next line '{' starts nothing.
    const file = parse('u', 'entity A\n{\n}\nentity Z {}\n');
    expect(file.problems.map(located)).toEqual([
      `1:0-1:1 Unexpected '{' here: ${STATEMENT_START}`,
      "2:0-2:1 Unexpected '}': there is no open block to close",
    ]);
    expectZ(file);
  });
});

describe('broken `when` conditions', () => {
  const ruleWith = (when: string) => `rule R {\n  applies-to grant\n  when ${when}\n  severity error\n}\nentity Z {}\n`;

  it('`when limit >` asks for a value, at the end of the line', () => {
    const file = parse('u', ruleWith('limit >'));
    expect(file.problems.map(located)).toEqual(['2:14-3:0 Expected a value to compare with, but found the end of the line']);
    // The rest of the block is kept.
    expect(file.statements[0]!.body!.statements.map((s) => s.key.text)).toEqual(['applies-to', 'when', 'severity']);
    expectZ(file);
  });

  it('`when limit` (no operator) is a located problem', () => {
    const doc = buildDocument('u', ruleWith('limit'));
    expect(doc.problems.map(located)).toEqual(["2:7-2:12 Unexpected 'limit' in 'when'"]);
    expectZ(doc.syntax);
  });

  it('`when and` is a located problem', () => {
    const doc = buildDocument('u', ruleWith('and'));
    expect(doc.problems.map(located)).toEqual(["2:7-2:10 Unexpected 'and' in 'when'"]);
    expectZ(doc.syntax);
  });

  it('a bare `when` asks for a condition (it used to be accepted silently)', () => {
    const doc = buildDocument('u', ruleWith(''));
    expect(doc.problems.map(located)).toEqual([
      "2:2-2:6 Expected a condition after 'when', such as 'limit > USD 500,000' or 'area = procurement'",
    ]);
    expectZ(doc.syntax);
  });

  it('a condition ending in `and` asks for a condition', () => {
    const file = parse('u', 'rule R {\n  when limit > USD 5 and\n}\nentity Z {}\n');
    expect(file.problems.map(located)).toEqual([
      "2:0-2:1 Expected a condition such as 'limit > USD 500,000' or 'area = procurement', but found '}'",
    ]);
    expectZ(file);
  });

  it('a condition ending in `or` on the last line of the file asks for a condition', () => {
    const file = parse('u', 'entity Z {}\nrule R {\n  when a = 1 or');
    expect(file.problems.map(located)).toEqual([
      "2:15-2:15 Expected a condition such as 'limit > USD 500,000' or 'area = procurement', but found the end of the file",
    ]);
    expectZ(file);
  });

  it('`is` must be followed by missing or present', () => {
    const file = parse('u', ruleWith('limit is absent'));
    expect(file.problems.map(located)).toEqual(["2:16-2:22 Expected 'missing' or 'present' after 'is', but found 'absent'"]);
    expectZ(file);
  });

  it('an unclosed parenthesis is reported where the ) was expected', () => {
    const file = parse('u', 'rule R { when (a = 1 or b = 2 }\nentity Z {}\n');
    expect(file.problems.map(located)).toEqual(["0:30-0:31 Expected ')' to close the parenthesis, but found '}'"]);
    expectZ(file);
  });

  it('an extra ) after a condition is reported', () => {
    const file = parse('u', 'rule R {\n  when a = 1)\n}\nentity Z {}\n');
    expect(file.problems.map(located)).toEqual([`1:12-1:13 Unexpected ')' in this block: ${STATEMENT_START}`]);
    expectZ(file);
  });

  it('`not` with nothing after it is a located problem', () => {
    const doc = buildDocument('u', ruleWith('not'));
    expect(doc.problems.map(located)).toEqual(["2:7-2:10 Unexpected 'not' in 'when'"]);
    expectZ(doc.syntax);
  });

  it('`in` with nothing after it is a located problem', () => {
    const doc = buildDocument('u', ruleWith('area in'));
    expect(doc.problems.map(located)).toEqual(["2:7-2:11 Unexpected 'area' in 'when'", "2:12-2:14 Unexpected 'in' in 'when'"]);
    expectZ(doc.syntax);
  });

  it('`in` with a value missing before the next connective asks for a value', () => {
    const file = parse('u', 'rule R {\n  when area in and b = 1\n}\nentity Z {}\n');
    // The first problem is the one to fix; the rest of the line is then skipped as stray tokens.
    expect(file.problems[0] && located(file.problems[0])).toBe("1:15-1:18 Expected a value to compare with, but found 'and'");
    expect(file.problems.every((p) => p.range.start.line === 1)).toBe(true);
    expectZ(file);
  });
});

describe('statements that cannot be finished', () => {
  // Recovery the statement parser keeps from the single Chevrotain grammar it replaced: where no
  // rule inside a statement can recover, the statement is dropped at the failing token and the
  // block goes on from that token.
  it('a comma with no value after it drops the statement, and the block goes on', () => {
    const file = parse('u', 'post A {\n  functions a, }\nentity Z {}\n');
    expect(file.problems.map(located)).toEqual([
      "1:15-1:16 Expected a name, a quoted text, a date (YYYY-MM-DD), a number or '[' but found '}'",
    ]);
    expect(file.statements[0]!.body).toMatchObject({ statements: [], closed: true });
    expectZ(file);
  });

  it('a condition that cannot be finished drops the `when`, and the stray token is reported', () => {
    const file = parse('u', 'rule R {\n  when a = 1 and )\n  severity error\n}\nentity Z {}\n');
    expect(file.problems.map(located)).toEqual([
      "1:17-1:18 Expected a condition such as 'limit > USD 500,000' or 'area = procurement', but found ')'",
      `1:17-1:18 Unexpected ')' in this block: ${STATEMENT_START}`,
    ]);
    expect(file.statements[0]!.body!.statements.map((s) => s.key.text)).toEqual(['severity']);
    expectZ(file);
  });

  it('a missing ) before the next line is inserted, and the condition kept, marked as recovered', () => {
    const file = parse('u', 'rule R {\n  when (a = 1\n  severity error\n}\nentity Z {}\n');
    expect(file.problems.map(located)).toEqual(["2:2-2:10 Expected ')' to close the parenthesis, but found 'severity'"]);
    const when = file.statements[0]!.body!.statements[0]!;
    expect(strip(when.condition)).toEqual({ kind: 'compare', field: { text: 'a' }, op: '=', value: [{ kind: 'number', text: '1', raw: '1' }] });
    expect(when.recovered).toBe(true);
    expect(parse('u', 'rule R {\n  when (a = 1)\n}\n').statements[0]!.body!.statements[0]!.recovered).toBe(false);
    expectZ(file);
  });

  it('a rule whose condition was completed by recovery does not run: only its syntax error is reported', async () => {
    const rule = (when: string) => `rule BIG "Big awards" {\n  applies-to grant\n  when ${when}\n  message "{instrument}"\n}\n`;
    const delegation = 'delegation DA-MSN "Test" {\n  to MSN-HOM\n  area procurement\n  authority procurement/award-contract limit USD 1,000,000\n  valid from 2024-01-01\n  report "Use" to UNHQ every quarter\n}\n';
    const run = async (when: string) => {
      const ws = new Workspace([
        ['memory:///base.doa', BASE],
        ['memory:///delegation.doa', delegation],
        ['memory:///rule.doa', rule(when)],
      ]);
      return (await check(ws, { asOf: TEST_AS_OF })).filter((f) => f.uri === 'memory:///rule.doa' || f.ruleId === 'BIG').map((f) => `${f.ruleId} ${f.range.start.line}`);
    };
    expect(await run('(limit > USD 5)')).toEqual(['BIG 3']);
    expect(await run('(limit > USD 5')).toEqual(['syntax-error 3']);
  });

  it('the condition grammar passes Chevrotain\'s validations (skipped when the product builds it)', () => {
    expect(() => checkConditionGrammar()).not.toThrow();
  });
});

describe('files that end too early', () => {
  it('inside a block: the block is kept and reported as not closed', () => {
    const file = parse('u', 'entity Z {}\nentity A {\n  line 1');
    expect(file.problems.map(located)).toEqual(["1:0-1:6 The block of 'entity' is not closed: add '}'"]);
    expect(file.statements[1]!.body).toMatchObject({ closed: false });
    expect(file.statements[1]!.body!.statements.map((s) => s.key.text)).toEqual(['line']);
    expectZ(file);
  });

  it('inside nested blocks: each unclosed block is reported', () => {
    expect(syntaxProblems('area a {\n  authority b "B" {\n    exclusive')).toEqual([
      "0:0-0:4 The block of 'area' is not closed: add '}'",
      "1:2-1:11 The block of 'authority' is not closed: add '}'",
    ]);
  });

  it('inside a list: the list and its statement are kept, and the open [ is reported', () => {
    const file = parse('u', 'entity Z {}\npost A { functions [a, b');
    expect(file.problems.map(located)).toEqual(["1:0-1:4 The block of 'post' is not closed: add '}'", "1:19-1:20 The list is not closed: add ']'"]);
    expect(strip(file.statements[1]!.body!.statements)).toEqual([st('functions', [{ kind: 'list', items: [id('a'), id('b')], bracketed: true }])]);
    expectZ(file);
  });

  it('a list not closed before the next line is reported at its [, and the block goes on', () => {
    const file = parse('u', 'post A { functions [a, b\n  grade P-4 }\nentity Z {}\n');
    expect(file.problems.map(located)).toEqual(["0:19-0:20 The list is not closed: add ']'"]);
    expect(file.statements[0]!.body!.statements.map((x) => x.key.text)).toEqual(['functions', 'grade']);
    expectZ(file);
  });

  it('a trailing comma in a list is accepted', () => {
    const file = parse('u', 'post A { functions [a, b,] }\nentity Z {}\n');
    expect(file.problems).toEqual([]);
    expect(strip(file.statements[0]!.body!.statements)).toEqual([st('functions', [{ kind: 'list', items: [id('a'), id('b')], bracketed: true }])]);
    expectZ(file);
  });

  it('a list not closed before } is reported at its [', () => {
    const file = parse('u', 'post A { functions [a, b }\nentity Z {}\n');
    expect(file.problems.map(located)).toEqual(["0:19-0:20 The list is not closed: add ']'"]);
    expect(strip(file.statements[0]!.body!.statements)).toEqual([
      st('functions', [{ kind: 'list', items: [id('a'), id('b')], bracketed: true }]),
    ]);
    expectZ(file);
  });

  it('inside a string', () => {
    const file = parse('u', 'entity Z {}\nentity A "Unterminated');
    expect(file.problems.map(located)).toEqual(['1:9-1:10 Unterminated text: a quoted text must end with " on the same line']);
    expectZ(file);
  });

  it('inside a block comment', () => {
    const file = parse('u', 'entity Z {}\n/* not closed\nentity A {}');
    expect(file.problems[0] && located(file.problems[0])).toBe("1:0-1:2 Unexpected characters '/*'");
    expectZ(file);
  });

  it('after a comma', () => {
    const file = parse('u', 'entity Z {}\npost A { functions a,');
    expect(file.problems.map(located)).toEqual([
      "1:21-1:21 Expected a name, a quoted text, a date (YYYY-MM-DD), a number or '[' but found the end of the file",
    ]);
    expectZ(file);
  });
});

describe('degenerate files', () => {
  it('an empty file has no statements and no problems', () => {
    const file = parse('u', '');
    expect(file).toEqual({ uri: 'u', text: '', statements: [], comments: [], problems: [] });
  });

  it('a file of white space and comments only has no statements and no problems', () => {
    const file = parse('u', '\n  \t\r\n// one\n/* two\n   lines */\n\n// three');
    expect(file.statements).toEqual([]);
    expect(file.problems).toEqual([]);
    expect(file.comments.map((c) => c.text)).toEqual(['// one', '/* two\n   lines */', '// three']);
  });

  it('binary-ish garbage is reported, and a statement after it is kept', () => {
    const garbage = '\u0000\u0001\u0002\u0007\u001b[0m\u00ff\ufffd\ud800\udfff\u2028';
    const file = parse('u', `${garbage}\nentity Z {}\n`);
    expect(file.problems.length).toBeGreaterThan(0);
    for (const p of file.problems) {
      expect(p.severity).toBe('error');
      expect(p.code).toBe('syntax');
    }
    expect(file.problems[0]!.range.start).toEqual({ line: 0, character: 0, offset: 0 });
    expect(rangeMismatches(file)).toEqual([]);
    expectZ(file);
  });

  it('a lone high surrogate and other invalid UTF-16 do not break positions', () => {
    const file = parse('u', 'entity A "\ud800" {}\n\udc00\nentity Z {}\n');
    expect(rangeMismatches(file)).toEqual([]);
    expectZ(file);
  });

  it('only separators and braces', () => {
    const file = parse('u', ';;;\n}}}\n{{{\n');
    expect(file.problems.length).toBeGreaterThan(0);
    expect(rangeMismatches(file)).toEqual([]);
  });

  it('a very long line and deep nesting do not throw', () => {
    const long = `entity A "${'x'.repeat(100_000)}" { line 1 }\nentity Z {}\n`;
    expectZ(parse('u', long));
    const deep = `${'x {\n'.repeat(200)}${'}\n'.repeat(200)}entity Z {}\n`;
    const file = parse('u', deep);
    expect(file.problems).toEqual([]);
    expectZ(file);
  });
});

// ---- randomized robustness -------------------------------------------------------------------


const SMALL_SAMPLES = [
  'rule R {\n  applies-to grant\n  when (a = 1 or b in [x, y]) and not c is missing\n    and d contains e\n}\n',
  'person أمينة "أمينة الحداد" { holds MSN-HOM from 2020-01-01 to 2030-12-31 }\nperson 张伟 "张伟" { holds MSN-PO { from 2022-01-01 } }\n',
  'area a "A" {\n  authority b "B" { exclusive; reserved-to P; required in [E, F]; committee-review above USD 5 by C }\n}\n',
  'person p "P" {\n  duty d for account "1234" from 2024-01-01\n  conflict-of-interest "Brother-in-law" vendor v area a declared 2024-01-01\n}\n',
];

/** The sample workspace and rule samples of the repository, when present. */
function sampleFiles(): string[] {
  const root = fileURLToPath(new URL('../../samples', import.meta.url));
  try {
    return readdirSync(root, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.doa'))
      .sort()
      .map((f) => readFileSync(join(root, f), 'utf8'));
  } catch {
    return [];
  }
}

const CHARS = [...'{}[](),;="<>!/*\\\n\r\t @#$-._0123456789abcXYZ', 'é', '😀', '张', 'أ', '\u0301', '\ufeff'];
const WORDS = ['when', 'and', 'or', 'not', 'in', 'is', 'missing', 'entity', 'post', 'delegation', 'sub-delegation', 'under', 'limit', 'USD', '1,000.50', '2025-02-30', '"x"', '//', '/*', '*/', '{', '}', '[', ']', '(', ')', ',', ';', '\n'];
const TOKEN = /[\p{L}\p{N}_\-./,]+|"[^"\n]*"|\/\/[^\n]*|\S/gu;

function mutate(text: string, random: () => number): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const at = () => Math.floor(random() * (text.length + 1));
  const tokens = () => [...text.matchAll(TOKEN)];
  const n = 1 + Math.floor(random() * 4);
  for (let i = 0; i < n; i++) {
    const op = Math.floor(random() * 9);
    if (op === 0 && text.length) {
      const p = at();
      text = text.slice(0, p) + text.slice(p + 1);
    } else if (op === 1) {
      const p = at();
      text = text.slice(0, p) + pick(CHARS) + text.slice(p);
    } else if (op === 2 && text.length) {
      const p = at();
      const len = 1 + Math.floor(random() * 20);
      text = text.slice(0, p + len) + text.slice(p, p + len) + text.slice(p + len);
    } else if (op === 3 || op === 4) {
      const ts = tokens();
      if (!ts.length) continue;
      const t = pick(ts);
      const end = t.index + t[0].length;
      text = op === 3 ? text.slice(0, t.index) + text.slice(end) : text.slice(0, end) + ' ' + t[0] + text.slice(end);
    } else if (op === 5) {
      const p = at();
      text = `${text.slice(0, p)} ${pick(WORDS)} ${text.slice(p)}`;
    } else if (op === 6) {
      const ts = tokens();
      if (ts.length < 2) continue;
      const k = Math.floor(random() * (ts.length - 1));
      const [a, b] = [ts[k]!, ts[k + 1]!];
      text = text.slice(0, a.index) + b[0] + text.slice(a.index + a[0].length, b.index) + a[0] + text.slice(b.index + b[0].length);
    } else if (op === 7) {
      // Cut the rest of a line after some token: `when limit > USD 5` → `when limit >`.
      const ts = tokens();
      if (!ts.length) continue;
      const t = pick(ts);
      const end = t.index + t[0].length;
      const eol = text.indexOf('\n', end);
      text = text.slice(0, end) + (eol < 0 ? '' : text.slice(eol));
    } else {
      text = text.slice(0, at());
    }
  }
  return text;
}

/** Builds the document and checks its problems and ranges; true when it has problems. */
/** A large file is cut to a window of whole lines, to keep the test fast. */
function window(text: string, random: () => number, max = 2000): string {
  if (text.length <= max) return text;
  const from = text.lastIndexOf('\n', Math.floor(random() * (text.length - max))) + 1;
  const to = text.lastIndexOf('\n', from + max);
  return text.slice(from, to > from ? to + 1 : from + max);
}

function checkInvariants(uri: string, text: string, label: string): boolean {
  let doc: ReturnType<typeof buildDocument>;
  try {
    doc = buildDocument(uri, text);
  } catch (e) {
    throw new Error(`${label}: buildDocument threw ${(e as Error).stack}\n--- text ---\n${JSON.stringify(text)}`);
  }
  for (const p of doc.problems) {
    const ok =
      p.range.start.offset >= 0 &&
      p.range.start.offset <= p.range.end.offset &&
      p.range.end.offset <= text.length &&
      typeof p.message === 'string' &&
      p.message.length > 0 &&
      !/undefined|NaN|\[object/.test(p.message);
    if (!ok) throw new Error(`${label}: bad problem ${JSON.stringify(p)}\n--- text ---\n${JSON.stringify(text)}`);
  }
  const mismatches = rangeMismatches(doc.syntax);
  if (mismatches.length) throw new Error(`${label}: ${mismatches.join('\n')}\n--- text ---\n${JSON.stringify(text)}`);
  return doc.problems.length > 0;
}

describe('randomized robustness', () => {
  const seeds = [BASE, POLICY, ...SMALL_SAMPLES, ...sampleFiles()];

  it('starts from clean seeds', () => {
    expect(seeds.length).toBeGreaterThanOrEqual(6);
    for (const seed of [BASE, POLICY, ...SMALL_SAMPLES]) expect(parse('u', seed).problems).toEqual([]);
  });

  it('parse() and toAst() never throw and keep ranges consistent on 3000 mutated files', () => {
    const random = rng(20250630);
    let broken = 0;
    for (let i = 0; i < 3000; i++) {
      const text = mutate(window(seeds[i % seeds.length]!, random), random);
      if (checkInvariants(`memory:///m${i}.doa`, text, `mutation #${i}`)) broken++;
    }
    // The mutations must actually break things, or this test proves nothing.
    expect(broken).toBeGreaterThan(1500);
  }, 120_000);

  it('a mutation only in one statement leaves the other declarations in the AST', () => {
    // Mutating the last declaration must not lose the ones before it.
    const random = rng(7);
    const head = `${BASE}\n`;
    const names = buildDocument('u', head).ast.decls.map((d) => d.name);
    for (let i = 0; i < 300; i++) {
      const tail = mutate(SMALL_SAMPLES[i % SMALL_SAMPLES.length]!, random);
      const doc = buildDocument('u', head + tail);
      const got = doc.ast.decls.map((d) => d.name);
      expect(got.slice(0, names.length), JSON.stringify(tail)).toEqual(names);
    }
  }, 60_000);

  it('check() never throws on 150 mutated workspaces', async () => {
    const random = rng(42);
    for (let i = 0; i < 150; i++) {
      const files: Array<[string, string]> = [
        ['memory:///base.doa', i % 3 === 0 ? mutate(BASE, random) : BASE],
        ['memory:///policy.doa', mutate(POLICY, random)],
        ['memory:///extra.doa', mutate(SMALL_SAMPLES[i % SMALL_SAMPLES.length]!, random)],
      ];
      try {
        const findings = await check(new Workspace(files), { asOf: TEST_AS_OF });
        for (const f of findings) {
          expect(typeof f.message).toBe('string');
          expect(f.range.start.offset).toBeLessThanOrEqual(f.range.end.offset);
        }
      } catch (e) {
        throw new Error(`workspace #${i}: check threw ${(e as Error).stack}\n--- files ---\n${JSON.stringify(files, null, 1)}`);
      }
    }
  }, 120_000);
});

describe('a missing } before the next declaration', () => {
  it('closes the block at an unindented declaration that opens a block, and reports it', () => {
    const file = parse('u', 'post A "A" {\n  grade P-4\n\ndelegation D "D" {\n  to A\n}\nentity Z {}\n');
    expect(file.statements.map((s) => s.key.text)).toEqual(['post', 'delegation', 'entity']);
    expect(file.problems.map((p) => p.message)).toEqual(["The block of 'post' is not closed: add '}'"]);
    expect(file.statements[1]!.body!.statements.map((s) => s.key.text)).toEqual(['to']);
  });

  it('leaves indented statements and statements without a block inside', () => {
    const file = parse('u', 'post A {\nentity E\n  area { }\n}\n');
    expect(file.problems).toEqual([]);
    expect(file.statements[0]!.body!.statements.map((s) => s.key.text)).toEqual(['entity', 'area']);
  });
});
