import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DECLARATION_KEYWORDS } from '../../language/src/syntax/keywords.ts';
import { describe, expect, it } from 'vitest';
import { format, formatRange, type TextEdit } from '../../language/src/syntax/format.ts';
import { parse } from '../../language/src/syntax/parser.ts';
import { Kind, lex } from '../../language/src/syntax/lexer.ts';
import type { Statement } from '../../language/src/syntax/syntax-tree.ts';
import { BASE, brief, checkFiles } from '../../language/src/testing/index.ts';
import { seededRandom as mulberry32 } from '../seeded-random.ts';

// ---- helpers ------------------------------------------------------------------------------------

/** Every input used in this file, for the properties checked at the end (idempotence, comments, tree). */
const ALL_INPUTS: string[] = [];
function input(text: string): string {
  ALL_INPUTS.push(text);
  return text;
}

/** Formats and fails the test on the error variant. */
function fmt(text: string, indent?: number): string {
  const result = format(input(text), indent === undefined ? {} : { indent });
  if ('error' in result) throw new Error(`${result.error}: ${result.problems.map((p) => p.message).join('; ')}`);
  return result.text;
}

/** Formats an input given as lines. */
function fmtLines(...lines: string[]): string {
  return fmt(lines.join('\n'));
}

function lines(...ls: string[]): string {
  return `${ls.join('\n')}\n`;
}

/** The syntax tree without ranges: what must be the same before and after formatting. */
function shape(text: string): unknown {
  const file = parse('memory:///t.doa', text);
  return JSON.parse(JSON.stringify(file.statements, (key, value: unknown) => (key === 'range' ? undefined : value)));
}

function comments(text: string): string[] {
  return parse('memory:///t.doa', text).comments.map((c) => (c.block ? c.text.replace(/\r\n/g, '\n') : c.text.trimEnd()));
}

function syntaxProblems(text: string): string[] {
  return parse('memory:///t.doa', text)
    .problems.filter((p) => p.code === 'syntax')
    .map((p) => p.message);
}

function applyEdits(text: string, edits: TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.range.start.offset - a.range.start.offset);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.range.start.offset) + e.newText + out.slice(e.range.end.offset);
  return out;
}

// ---- canonical layout ---------------------------------------------------------------------------

describe('format: canonical layout', () => {
  it('splits a one-line statement with `;` separators into one statement per line', () => {
    expect(fmt('post X "t" { entity E; grade P-4 }')).toBe(lines('post X "t" {', '  entity E', '  grade P-4', '}'));
    expect(fmt('post SG "Secretary-General" { entity UNHQ; grade SG; root }\n')).toBe(
      lines('post SG "Secretary-General" {', '  entity UNHQ', '  grade SG', '  root', '}'),
    );
  });

  it('splits top-level statements separated by `;` and drops stray `;`', () => {
    expect(fmt('training t "T" { kind course };;entity A { line 1 } ; ')).toBe(
      lines('training t "T" {', '  kind course', '}', 'entity A {', '  line 1', '}'),
    );
    expect(fmt('x { a;;; b; }')).toBe(lines('x {', '  a', '  b', '}'));
  });

  it('nests blocks by 2 spaces: area > authority { … }', () => {
    expect(fmt('area procurement "Procurement" { authority award-contract "Award a contract" { reserved; limit USD 5 } ; authority approve "Approve" }')).toBe(
      lines(
        'area procurement "Procurement" {',
        '  authority award-contract "Award a contract" {',
        '    reserved',
        '    limit USD 5',
        '  }',
        '  authority approve "Approve"',
        '}',
      ),
    );
  });

  it('re-indents badly indented blocks and collapses spaces and tabs', () => {
    expect(fmtLines('area   finance\t"Budget" {', '        authority certify   "Certify"', 'authority\tapprove "Approve"', '      }')).toBe(
      lines('area finance "Budget" {', '  authority certify "Certify"', '  authority approve "Approve"', '}'),
    );
  });

  it('nests three levels deep', () => {
    expect(fmt('a { b { c { d 1 } } }')).toBe(lines('a {', '  b {', '    c {', '      d 1', '    }', '  }', '}'));
  });

  it('uses the indent option', () => {
    expect(fmt('a { b { c 1 } }', 4)).toBe(lines('a {', '    b {', '        c 1', '    }', '}'));
    expect(fmt('a { b { c 1 } }', 0)).toBe(lines('a {', 'b {', 'c 1', '}', '}'));
  });

  it('prints an empty block as `{ }` on the statement line', () => {
    expect(fmt('area A {}')).toBe(lines('area A { }'));
    expect(fmt('area A {   }')).toBe(lines('area A { }'));
    expect(fmtLines('area A {', '', '', '}')).toBe(lines('area A { }'));
    expect(fmt('x { y {} }')).toBe(lines('x {', '  y { }', '}'));
  });

  it('prints the brace on the statement line and `}` on its own line', () => {
    expect(fmtLines('delegation D "t" {   to MSN-HOM', '  area procurement }')).toBe(lines('delegation D "t" {', '  to MSN-HOM', '  area procurement', '}'));
  });

  it('keeps statements that are only a key', () => {
    expect(fmt('x { root; may-sub-delegate }')).toBe(lines('x {', '  root', '  may-sub-delegate', '}'));
  });

  it('prints values verbatim from their source text', () => {
    const src = 'x { limit USD 1,250,000.00; cap 1_000_000; rate 0.5; n 42; valid from 2024-01-01 to 2026-12-31; note "a \\"quoted\\" word\\t and \\\\ slash" }';
    expect(fmt(src)).toBe(
      lines(
        'x {',
        '  limit USD 1,250,000.00',
        '  cap 1_000_000',
        '  rate 0.5',
        '  n 42',
        '  valid from 2024-01-01 to 2026-12-31',
        '  note "a \\"quoted\\" word\\t and \\\\ slash"',
        '}',
      ),
    );
  });

  it('keeps bracketed lists bracketed and comma lists without brackets', () => {
    expect(fmt('x { functions [finance,procurement ,  oversight]; duties a ,b,c; empty [] ; one [a] }')).toBe(
      lines('x {', '  functions [finance, procurement, oversight]', '  duties a, b, c', '  empty []', '  one [a]', '}'),
    );
  });

  it('joins lists written over several lines', () => {
    expect(fmtLines('x {', '  functions [', '    finance,', '    procurement', '  ]', '  duties a,', '    b,', '      c', '}')).toBe(
      lines('x {', '  functions [finance, procurement]', '  duties a, b, c', '}'),
    );
  });

  it('prints a bracketed list inside a comma list as the one list the parser reads', () => {
    expect(fmt('x a, [b, c], d')).toBe(lines('x a, b, c, d'));
  });

  it('keeps Unicode names and texts (Chinese, Arabic, French accents)', () => {
    const src = [
      'person cpo "李娜" { holds 采购主任 from 2021-01-01 }',
      'entity مكتب "مكتب الشؤون القانونية" { parent UNHQ }',
      'person dms "Jean-François Dubois" { holds Élysée-Crème.brûlée from 2020-01-01; note "où ça ? déjà-vu" }',
    ].join('\n');
    expect(fmt(src)).toBe(
      lines(
        'person cpo "李娜" {',
        '  holds 采购主任 from 2021-01-01',
        '}',
        'entity مكتب "مكتب الشؤون القانونية" {',
        '  parent UNHQ',
        '}',
        'person dms "Jean-François Dubois" {',
        '  holds Élysée-Crème.brûlée from 2020-01-01',
        '  note "où ça ? déjà-vu"',
        '}',
      ),
    );
  });
});

describe('format: blank lines and end of file', () => {
  it('keeps at most one blank line between statements', () => {
    expect(fmt('a 1\n\n\n\nb 2\nc 3\n\nd 4')).toBe(lines('a 1', '', 'b 2', 'c 3', '', 'd 4'));
  });

  it('keeps no blank line at the start or the end of a block', () => {
    expect(fmtLines('x {', '', '', '  a 1', '', '  b 2', '', '', '}')).toBe(lines('x {', '  a 1', '', '  b 2', '}'));
  });

  it('keeps no blank line at the start of the file and ends with exactly one newline', () => {
    expect(fmt('\n\n\na 1\n\n\n\n')).toBe('a 1\n');
    expect(fmt('a 1')).toBe('a 1\n');
    expect(fmt('a 1\n')).toBe('a 1\n');
  });

  it('formats an empty file to the empty text', () => {
    expect(fmt('')).toBe('');
    expect(fmt('\n \n\t\n')).toBe('');
  });

  it('counts a line with only spaces as blank', () => {
    expect(fmt('a 1\n   \t\nb 2')).toBe(lines('a 1', '', 'b 2'));
  });

  it('writes \\n line endings for a CRLF file', () => {
    expect(fmt('x {\r\n  a 1\r\n\r\n  b 2 // two\r\n}\r\n')).toBe(lines('x {', '  a 1', '', '  b 2 // two', '}'));
  });

  it('reports whether the text changed', () => {
    const canonical = lines('x {', '  a 1', '}');
    expect(format(input(canonical))).toEqual({ text: canonical, changed: false });
    expect(format(input('x { a 1 }'))).toEqual({ text: canonical, changed: true });
    expect(format(input(''))).toEqual({ text: '', changed: false });
  });
});

describe('format: when conditions', () => {
  const cases: Array<[string, string]> = [
    ['a = 1 and b = 2', 'a = 1 and b = 2'],
    ['a = 1 or b = 2 or c = 3', 'a = 1 or b = 2 or c = 3'],
    // parentheses that precedence requires are kept
    ['(a = 1 or b = 2) and c = 3', '(a = 1 or b = 2) and c = 3'],
    ['c = 3 and (a = 1 or b = 2)', 'c = 3 and (a = 1 or b = 2)'],
    ['not (a = 1 and b = 2)', 'not (a = 1 and b = 2)'],
    ['not (a = 1 or b = 2)', 'not (a = 1 or b = 2)'],
    // parentheses that precedence does not need are dropped
    ['a = 1 or (b = 2 and c = 3)', 'a = 1 or b = 2 and c = 3'],
    ['(a = 1 and b = 2) or c = 3', 'a = 1 and b = 2 or c = 3'],
    ['((a = 1))', 'a = 1'],
    ['not (a = 1)', 'not a = 1'],
    ['not (not (a is missing))', 'not not a is missing'],
    ['(a = 1) and (b = 2)', 'a = 1 and b = 2'],
    // a group of the same connective stays a group (the tree keeps it nested)
    ['a = 1 and (b = 2 and c = 3)', 'a = 1 and (b = 2 and c = 3)'],
    ['(a = 1 or b = 2) or c = 3', '(a = 1 or b = 2) or c = 3'],
    // operators and values
    ['limit>USD 500,000', 'limit > USD 500,000'],
    ['limit >=  USD 1_000.50', 'limit >= USD 1_000.50'],
    ['area in [finance,procurement]', 'area in [finance, procurement]'],
    ['area not in [finance]', 'area not in [finance]'],
    ['functions contains oversight', 'functions contains oversight'],
    ['expires is present and not title = "Chef de l\'unité"', 'expires is present and not title = "Chef de l\'unité"'],
    ['grade != P-4 and valid < 2025-01-01', 'grade != P-4 and valid < 2025-01-01'],
    ['not a = 1 and b <= 2', 'not a = 1 and b <= 2'],
    ['(a = 1 or (b = 2 and (c = 3 or d = 4))) and e = 5', '(a = 1 or b = 2 and (c = 3 or d = 4)) and e = 5'],
  ];
  for (const [condition, expected] of cases) {
    it(`when ${condition}`, () => {
      const src = `rule R "t" { applies-to grant; when ${condition}; severity error }`;
      expect(fmt(src)).toBe(lines('rule R "t" {', '  applies-to grant', `  when ${expected}`, '  severity error', '}'));
      expect(shape(fmt(src))).toEqual(shape(src));
    });
  }

  it('prints a `when` that has values instead of a condition as a plain statement', () => {
    // `to-ast` reports these; the formatter keeps them as written.
    expect(fmt('rule R { when   "always";when foo }')).toBe(lines('rule R {', '  when "always"', '  when foo', '}'));
  });

  it('joins a condition written over several lines', () => {
    expect(fmtLines('rule R "t" {', '  when authority = procurement/award-contract', '    and (limit > USD 500,000', '      or area in [', '        finance,', '        procurement])', '}')).toBe(
      lines('rule R "t" {', '  when authority = procurement/award-contract and (limit > USD 500,000 or area in [finance, procurement])', '}'),
    );
  });

  it('keeps a condition that reads a connective at the end of the line', () => {
    expect(fmtLines('rule R {', '  when a = 1 and', '    b = 2 or', '    c = 3', '}')).toBe(lines('rule R {', '  when a = 1 and b = 2 or c = 3', '}'));
  });
});

// ---- comments -----------------------------------------------------------------------------------

describe('format: comments', () => {
  it('keeps a comment on its own line before the statement that follows, at its indentation', () => {
    expect(fmtLines('// The root', 'post SG "SG" {', '      // the entity', '  entity UNHQ', '}')).toBe(
      lines('// The root', 'post SG "SG" {', '  // the entity', '  entity UNHQ', '}'),
    );
  });

  it('keeps a blank line between a header comment and the first statement', () => {
    expect(fmtLines('// Licence header', '', '', '// About the root', 'post SG "SG" { root }')).toBe(
      lines('// Licence header', '', '// About the root', 'post SG "SG" {', '  root', '}'),
    );
  });

  it('keeps a trailing comment at the end of its line with one space before it', () => {
    expect(fmtLines('x {', '  a 1      // one', '  b 2// two', '}   // after the block')).toBe(
      lines('x {', '  a 1 // one', '  b 2 // two', '} // after the block'),
    );
  });

  it('removes trailing whitespace of a line comment', () => {
    expect(fmt('a 1 // note   \t\n')).toBe(lines('a 1 // note'));
  });

  it('keeps trailing comments of statements written on one line', () => {
    expect(fmt('post X "t" { entity E /* where */; grade P-4 /* how high */ } // the post')).toBe(
      lines('post X "t" {', '  entity E /* where */', '  grade P-4 /* how high */', '} // the post'),
    );
    expect(fmt('post X "t" { entity E; /* after entity */ grade P-4 }')).toBe(lines('post X "t" {', '  entity E /* after entity */', '  grade P-4', '}'));
  });

  it('keeps several trailing comments on one line together', () => {
    expect(fmt('a 1 /* x */   /* y */ // z')).toBe(lines('a 1 /* x */ /* y */ // z'));
  });

  it('keeps a comment on the line of `{` on that line', () => {
    expect(fmtLines('area A { // the catalogue', '  authority a "A"', '}')).toBe(lines('area A { // the catalogue', '  authority a "A"', '}'));
    expect(fmt('post X "t" { /* first */ entity E; grade P-4 }')).toBe(lines('post X "t" { /* first */', '  entity E', '  grade P-4', '}'));
  });

  it('keeps comments at the end of a block inside the block, before `}`', () => {
    expect(fmtLines('x {', '  a 1', '', '  // to do: add b', '      /* and c */', '}')).toBe(lines('x {', '  a 1', '', '  // to do: add b', '  /* and c */', '}'));
    expect(fmt('x { a 1\n/* last */ }')).toBe(lines('x {', '  a 1', '  /* last */', '}'));
  });

  it('keeps a block that holds only comments multi-line', () => {
    expect(fmtLines('x {', '  // nothing yet', '}')).toBe(lines('x {', '  // nothing yet', '}'));
    expect(fmt('x { /* nothing yet */ }')).toBe(lines('x { /* nothing yet */', '}'));
    expect(fmt('x { // nothing yet\n}')).toBe(lines('x { // nothing yet', '}'));
  });

  it('keeps comments at the end of the file at the end', () => {
    expect(fmtLines('a 1', '', '', '// the end', '/* really */', '', '', '')).toBe(lines('a 1', '', '// the end', '/* really */'));
    expect(fmt('a 1\n// no newline at the end')).toBe(lines('a 1', '// no newline at the end'));
  });

  it('formats a file of comments only', () => {
    expect(fmt('\n\n  // one\n\n\n   /* two */  \n')).toBe(lines('// one', '', '/* two */'));
  });

  it('keeps the text of a multi-line block comment verbatim', () => {
    expect(fmtLines('x {', '      /* Delegations:', '         - first', '     - second */', '  a 1', '}')).toBe(
      lines('x {', '  /* Delegations:', '         - first', '     - second */', '  a 1', '}'),
    );
  });

  it('moves a comment between values to just before the statement', () => {
    expect(fmt('x { authority /* which */ procurement/award-contract limit /* how much */ USD 5 }')).toBe(
      lines('x {', '  /* which */', '  /* how much */', '  authority procurement/award-contract limit USD 5', '}'),
    );
    expect(fmt('area /* before the brace */ A { }')).toBe(lines('/* before the brace */', 'area A { }'));
  });

  it('moves comments inside a multi-line list to just before the statement', () => {
    expect(fmtLines('x {', '  // leading', '  functions [ // list', '    finance, // money', '    /* buying */ procurement', '  ]', '}')).toBe(
      lines('x {', '  // leading', '  // list', '  // money', '  /* buying */', '  functions [finance, procurement]', '}'),
    );
    expect(fmtLines('duties approve, // first', '  certify')).toBe(lines('// first', 'duties approve, certify'));
  });

  it('moves comments inside a multi-line condition to just before the `when`', () => {
    expect(fmtLines('rule R {', '  when a = 1 // first', '    and /* second */ (b = 2', '      // third', '      or c = 3)', '}')).toBe(
      lines('rule R {', '  // first', '  /* second */', '  // third', '  when a = 1 and (b = 2 or c = 3)', '}'),
    );
  });

  it('keeps comments in every position at once', () => {
    const src = [
      '// file header',
      '',
      '',
      '/* the mission */',
      'entity MSN "Mission" { // on the brace line',
      '',
      '  parent /* inner */ UNHQ // trailing',
      '  // before line',
      '  line 1; kind mission /* after kind */',
      '',
      '',
      '  // end of block',
      '} // after the block',
      '',
      '// end of file',
    ].join('\n');
    expect(fmt(src)).toBe(
      lines(
        '// file header',
        '',
        '/* the mission */',
        'entity MSN "Mission" { // on the brace line',
        '  /* inner */',
        '  parent UNHQ // trailing',
        '  // before line',
        '  line 1',
        '  kind mission /* after kind */',
        '',
        '  // end of block',
        '} // after the block',
        '',
        '// end of file',
      ),
    );
  });

  it('keeps comments with Unicode text', () => {
    expect(fmt('// 授权说明\nx { a 1 /* تفويض */ } // déléguée à l’unité')).toBe(lines('// 授权说明', 'x {', '  a 1 /* تفويض */', '} // déléguée à l’unité'));
  });
});

// ---- refusal ------------------------------------------------------------------------------------

describe('format: files with syntax errors are not formatted', () => {
  const broken: Array<[string, string]> = [
    ['an unclosed block', 'area A {\n  authority a "A"\n'],
    ['a stray closing brace', 'a 1\n}\nb 2'],
    ['an unterminated text', 'post X "Head of\nentity E'],
    ['a brace on the next line', 'area A\n{\n  authority a "A"\n}'],
    ['an unknown character', 'x { limit USD 5 @ 6 }'],
    ['an unclosed list', 'x { functions [a, b\n}'],
    ['an incomplete condition', 'rule R { when limit > }'],
    ['a bad `is` test', 'rule R { when a is maybe }'],
    ['an unclosed parenthesis', 'rule R { when (a = 1 or b = 2\n}'],
  ];
  for (const [what, text] of broken) {
    it(`refuses ${what}`, () => {
      expect(syntaxProblems(text).length).toBeGreaterThan(0);
      const result = format(text);
      expect(result).toHaveProperty('error');
      if (!('error' in result)) return;
      expect(result.error).toMatch(/syntax error/);
      expect(result.problems.length).toBeGreaterThan(0);
      expect(result.problems.every((p) => p.code === 'syntax')).toBe(true);
      expect(formatRange(text, { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } })).toHaveProperty('error');
    });
  }
});

// ---- formatRange --------------------------------------------------------------------------------

describe('formatRange', () => {
  const text = ['a {   x 1 }', '', '', 'b { y 2; z 3 } // bee', '   c {', 'w 4 }', 'd 5'].join('\n');

  it('formats only the top-level statements overlapping the range', () => {
    const result = formatRange(text, { start: { line: 3, character: 2 }, end: { line: 3, character: 3 } });
    if ('error' in result) throw new Error(result.error);
    expect(result.edits).toHaveLength(1);
    expect(applyEdits(text, result.edits)).toBe(['a {   x 1 }', '', '', 'b {', '  y 2', '  z 3', '} // bee', '   c {', 'w 4 }', 'd 5'].join('\n'));
  });

  it('formats several statements, the indentation before the first and the separators between them', () => {
    const result = formatRange(text, { start: { line: 3, character: 0 }, end: { line: 5, character: 1 } });
    if ('error' in result) throw new Error(result.error);
    expect(applyEdits(text, result.edits)).toBe(['a {   x 1 }', '', '', 'b {', '  y 2', '  z 3', '} // bee', 'c {', '  w 4', '}', 'd 5'].join('\n'));
  });

  it('formats the statement a cursor is in', () => {
    const result = formatRange(text, { start: { line: 0, character: 11 }, end: { line: 0, character: 11 } });
    if ('error' in result) throw new Error(result.error);
    expect(applyEdits(text, result.edits)).toBe(['a {', '  x 1', '}', '', '', 'b { y 2; z 3 } // bee', '   c {', 'w 4 }', 'd 5'].join('\n'));
  });

  it('returns no edit outside statements or when they are already canonical', () => {
    expect(formatRange(text, { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } })).toEqual({ edits: [] });
    expect(formatRange(text, { start: { line: 6, character: 0 }, end: { line: 6, character: 3 } })).toEqual({ edits: [] });
  });

  it('leaves a statement that shares its line with an unselected one on that line', () => {
    const src = 'a 1; b {   c 2 }';
    const result = formatRange(src, { start: { line: 0, character: 6 }, end: { line: 0, character: 6 } });
    if ('error' in result) throw new Error(result.error);
    expect(applyEdits(src, result.edits)).toBe('a 1; b {\n  c 2\n}');
  });

  it('includes the comments of a selected statement', () => {
    const src = '// lead\n   x { /* in */ a 1 } // trail\ny 2';
    const result = formatRange(src, { start: { line: 1, character: 5 }, end: { line: 1, character: 6 } });
    if ('error' in result) throw new Error(result.error);
    expect(applyEdits(src, result.edits)).toBe('// lead\nx { /* in */\n  a 1\n} // trail\ny 2');
  });

  it('gives edits with consistent ranges and offsets', () => {
    const result = formatRange(text, { start: { line: 4, character: 0 }, end: { line: 4, character: 1 } });
    if ('error' in result) throw new Error(result.error);
    const [edit] = result.edits;
    expect(edit!.range.start).toEqual({ line: 4, character: 0, offset: text.indexOf('   c {') });
    expect(edit!.range.end).toEqual({ line: 5, character: 5, offset: text.indexOf('\nd 5') });
    expect(edit!.newText).toBe('c {\n  w 4\n}');
  });
});

// ---- properties over every input ----------------------------------------------------------------


function generate(seed: number): string {
  const r = mulberry32(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(r() * items.length)]!;
  let n = 0;
  const words = ['note', '注释', 'ملاحظة', 'élément', 'x', 'TODO: check §75'];
  const line = () => `// c${++n} ${pick(words)}`;
  const block = () => (r() < 0.2 ? `/* m${++n} ${pick(words)}\n     second line */` : `/* b${++n} ${pick(words)} */`);
  const idents = ['procurement', 'MSN-HOM', 'finance/certify', 'P-4', '李娜', 'مكتب', 'Élodie', 'crème.brûlée', '_x', 'a'];
  const keys = ['post', 'entity', 'area', 'authority', 'grade', 'functions', 'holds', 'report', 'limit', 'root', 'valid', '采购', 'حد', 'délégation'];
  const atom = () => pick(['procurement', 'MSN-HOM', 'finance/certify', '李娜', 'مكتب', 'Élodie', '"Jean-François"', '"李娜"', '"a \\"q\\" b"', '""', '1,250,000.00', '1_000', '42', '3.5', '2024-01-01']);
  /** Space between tokens where a comment may stand; `nl` allows line breaks (in lists, around connectives). */
  const gap = (nl: boolean) => {
    const x = r();
    if (x < 0.6) return pick([' ', '  ', '\t']);
    if (x < 0.75) return ` ${block()} `;
    if (!nl) return ' ';
    return pick(['\n    ', ` ${line()}\n  `, `\n  ${block()}\n   `, '\n\n ']);
  };
  const list = (): string => {
    const items = Array.from({ length: 1 + Math.floor(r() * 3) }, atom);
    if (r() < 0.5) return `[${gap(true)}${items.map((i) => i + gap(true)).join(`,${gap(true)}`)}]`;
    return items.map((i, k) => (k === 0 ? i : `${pick([' ', ''])},${gap(true)}${i}`)).join('');
  };
  const value = () => (r() < 0.25 ? list() : atom());
  const compare = (): string => {
    const field = pick(idents.filter((i) => !/^\p{N}/u.test(i)));
    const x = r();
    if (x < 0.2) return `${field} is ${pick(['missing', 'present'])}`;
    const op = pick(['=', '!=', '<', '<=', '>', '>=', 'in', 'not in', 'contains']);
    const values = op === 'in' || op === 'not in' ? [`[${pick(idents)}, ${pick(idents)}]`] : r() < 0.5 ? ['USD', atom()] : [atom()];
    return `${field}${/^[<>=!]/.test(op) ? pick([' ', '']) : ' '}${op} ${values.join(' ')}`;
  };
  const expr = (depth: number): string => {
    const x = r();
    if (depth > 2 || x < 0.35) return r() < 0.15 ? `(${compare()})` : compare();
    if (x < 0.5) {
      const inner = expr(depth + 1);
      return `not ${/^(not |\()/.test(inner) || !/ (and|or) /.test(inner) ? inner : `(${inner})`}`;
    }
    const connective = pick(['and', 'or']);
    const operands = Array.from({ length: 2 + Math.floor(r() * 2) }, () => expr(depth + 1));
    const joined = operands.join(pick([` ${connective} `, `${gap(true)}${connective}${gap(true)}`]));
    return depth > 0 && r() < 0.7 ? `(${joined})` : joined;
  };
  const separator = () =>
    pick(['\n', '\n', '\n\n', '\n\n\n', '; ', ';', ';\n', ' ;\n\n', `\n${line()}\n`, ` ${line()}\n`, ` ${block()} ; `, `\n\n${block()}\n\n${line()}\n`, `\n   ${block()}\n`, '\n  \t \n']);
  const statement = (depth: number): string => {
    if (depth > 0 && r() < 0.2) return `when ${expr(0)}`;
    // Nested statements avoid declaration keywords: unindented, with a block, the parser takes those
    // for the next declaration after a missing `}` (recovery).
    let s = pick(depth > 0 ? keys.filter((k) => !DECLARATION_KEYWORDS.has(k)) : keys);
    const count = Math.floor(r() * 4);
    for (let k = 0; k < count; k++) s += gap(false) + value();
    if (depth < 3 && r() < 0.4) {
      const body = Array.from({ length: Math.floor(r() * 4) }, () => statement(depth + 1));
      // (no value directly before `{` or `}`: the lexer does not read `2024-01-01}` as a date)
      const open = pick([' ', '\n', `  ${line()}\n`, ` ${block()} `, '\n\n']);
      const close = pick([' ', '\n', `\n${line()}\n`, ` ${block()} `, '\n\n\n']);
      s += `${pick([' ', ` ${block()} `])}{${open}${body.map((b, k) => (k === 0 ? b : separator() + b)).join('')}${body.length ? close : ' '}}`;
    }
    return s;
  };
  const top = Array.from({ length: 1 + Math.floor(r() * 5) }, () => statement(0));
  const start = pick(['', '\n', `${line()}\n\n`, '\n\n', `${block()}\n`]);
  const end = pick(['', '\n', '\n\n', `\n${line()}`, `\n\n${line()}\n`, `\n${block()}\n\n`]);
  return start + top.map((t, k) => (k === 0 ? t : separator() + t)).join('') + end;
}

const GENERATED = Array.from({ length: 300 }, (_, i) => generate(i + 1));

function sampleFiles(): string[] {
  const dir = fileURLToPath(new URL('../../samples', import.meta.url));
  let names: string[] = [];
  try {
    names = readdirSync(dir, { recursive: true }).map(String);
  } catch {
    return [];
  }
  return names.filter((n) => n.endsWith('.doa')).map((n) => readFileSync(join(dir, n), 'utf8'));
}

/** Checks the printed layout from the re-parsed output: one statement per line, indentation by depth. */
function checkLayout(out: string, indent = 2): void {
  const file = parse('memory:///t.doa', out);
  const startLines = new Set<number>();
  const walk = (statements: Statement[], depth: number) => {
    for (const s of statements) {
      expect(s.key.range.start.character).toBe(depth * indent);
      expect(startLines.has(s.key.range.start.line)).toBe(false);
      startLines.add(s.key.range.start.line);
      if (s.body) walk(s.body.statements, depth + 1);
    }
  };
  walk(file.statements, 0);
  const tokens = lex(out);
  expect(tokens.kinds.subarray(0, tokens.count).includes(Kind.Semicolon)).toBe(false);
  if (out !== '') {
    expect(out.endsWith('\n')).toBe(true);
    expect(out.endsWith('\n\n')).toBe(false);
    expect(out.startsWith('\n')).toBe(false);
  }
  expect(out).not.toMatch(/\n[ \t]*\n[ \t]*\n/);
  expect(out).not.toMatch(/\{\n[ \t]*\n/);
  expect(out).not.toMatch(/\n[ \t]*\n[ \t]*\}/);
}

describe('format: properties', () => {
  it('the generator makes valid, comment-rich inputs', () => {
    for (const text of GENERATED) expect(syntaxProblems(text), text).toEqual([]);
    const total = GENERATED.reduce((sum, t) => sum + comments(t).length, 0);
    expect(total).toBeGreaterThan(1000);
  });

  const corpora: Array<[string, () => string[]]> = [
    ['the examples above', () => ALL_INPUTS.filter((t) => syntaxProblems(t).length === 0)],
    ['the BASE fixture and the samples', () => [BASE, ...sampleFiles()]],
    ['generated inputs', () => GENERATED],
  ];

  for (const [name, inputs] of corpora) {
    describe(name, () => {
      it('has inputs', () => {
        expect(inputs().length).toBeGreaterThan(name === 'generated inputs' ? 100 : 1);
      });

      it('is idempotent', () => {
        for (const text of inputs()) {
          const once = format(text);
          if ('error' in once) throw new Error(`${once.error}\n${text}`);
          const twice = format(once.text);
          if ('error' in twice) throw new Error(`${twice.error}\n${once.text}`);
          expect(twice.text, text).toBe(once.text);
          expect(twice.changed).toBe(false);
        }
      });

      it('keeps every comment', () => {
        for (const text of inputs()) {
          const once = format(text);
          if ('error' in once) throw new Error(once.error);
          const before = comments(text);
          for (const c of before) expect(once.text, `comment ${c} of\n${text}`).toContain(c);
          expect(comments(once.text).sort()).toEqual([...before].sort());
        }
      });

      it('keeps the syntax tree (keys, value raws, lists, conditions, blocks)', () => {
        for (const text of inputs()) {
          const once = format(text);
          if ('error' in once) throw new Error(once.error);
          expect(shape(once.text), text).toEqual(shape(text));
        }
      });

      it('prints the canonical layout', () => {
        for (const text of inputs()) {
          const once = format(text);
          if ('error' in once) throw new Error(once.error);
          checkLayout(once.text);
          const four = format(text, { indent: 4 });
          if ('error' in four) throw new Error(four.error);
          checkLayout(four.text, 4);
        }
      });

      it('formatRange over the whole file leads to the same canonical text', () => {
        for (const text of inputs()) {
          const lineCount = text.split('\n').length;
          const result = formatRange(text, { start: { line: 0, character: 0 }, end: { line: lineCount, character: 0 } });
          if ('error' in result) throw new Error(result.error);
          const applied = applyEdits(text, result.edits);
          expect(shape(applied)).toEqual(shape(text));
          expect(comments(applied).sort()).toEqual(comments(text).sort());
          const full = format(text);
          const again = format(applied);
          if ('error' in full || 'error' in again) throw new Error('not formatted');
          expect(again.text).toBe(full.text);
        }
      });
    });
  }

  it('keeps the BASE fixture checking the same after formatting it', async () => {
    const once = format(BASE);
    if ('error' in once) throw new Error(once.error);
    expect(once.text).toContain('post SG "Secretary-General" {\n  entity UNHQ\n  grade SG\n  root\n}\n');
    expect(shape(once.text)).toEqual(shape(BASE));
    const before = (await checkFiles({ 'base.doa': BASE })).map(brief);
    const after = (await checkFiles({ 'base.doa': once.text })).map((f) => f.ruleId);
    expect(after).toEqual((await checkFiles({ 'base.doa': BASE })).map((f) => f.ruleId));
    expect(before).toEqual([]);
  });
});
