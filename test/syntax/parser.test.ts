// Golden tests of the generic syntax tree: value kinds, lists, blocks, separators, `when`
// conditions, and exact LSP ranges (0-based line, UTF-16 character, offset).
import { describe, expect, it } from 'vitest';
import { parse } from '../../language/src/syntax/parser.ts';
import type { CompareExpr, Statement } from '../../language/src/syntax/syntax-tree.ts';
import { BASE } from '../../language/src/testing/index.ts';
import {
  and,
  cmp,
  date,
  id,
  list,
  not,
  num,
  or,
  pos,
  rangeMismatches,
  rangeOf,
  st,
  str,
  strip,
  test,
  when,
  type BareExpr,
  type BareStatement,
} from './helpers.ts';

/** Parses and expects no problem; returns the range-less statements. */
function tree(text: string): BareStatement[] {
  const file = parse('memory:///t.doa', text);
  expect(file.problems).toEqual([]);
  expect(rangeMismatches(file)).toEqual([]);
  return strip(file.statements);
}

/** The condition of the first `when` statement found in the first declaration's body. */
function condition(text: string): BareExpr {
  const statements = tree(text);
  const w = statements[0]!.body!.statements.find((s) => s.key.text === 'when');
  expect(w).toBeDefined();
  expect(w!.values).toEqual([]);
  return w!.condition!;
}

const rule = (cond: string) => `rule R {\n  when ${cond}\n}\n`;

describe('values', () => {
  it('reads names with /, - and . as single identifiers', () => {
    expect(tree('authority finance/certify-payment v1.2 MSN-HOM a/b/c _x P-4 résumé\n')).toEqual([
      st('authority', [id('finance/certify-payment'), id('v1.2'), id('MSN-HOM'), id('a/b/c'), id('_x'), id('P-4'), id('résumé')]),
    ]);
  });

  it('keeps the keywords of conditions usable as ordinary names outside `when`', () => {
    expect(tree('grades P-4 and above\nx not in is or\nand-then or-else island order\n')).toEqual([
      st('grades', [id('P-4'), id('and'), id('above')]),
      st('x', [id('not'), id('in'), id('is'), id('or')]),
      st('and-then', [id('or-else'), id('island'), id('order')]),
    ]);
  });

  it('unquotes and unescapes strings, keeping the raw source', () => {
    const [s] = tree(String.raw`basis "ST/SGB/2019/2" "say \"yes\"" "a\\b" "line\nbreak" "tab\there" "" "// not a comment"` + '\n');
    expect(s).toEqual(
      st('basis', [
        str('ST/SGB/2019/2'),
        str('say "yes"', String.raw`"say \"yes\""`),
        str('a\\b', String.raw`"a\\b"`),
        str('line\nbreak', String.raw`"line\nbreak"`),
        str('tab\there', String.raw`"tab\there"`),
        str(''),
        str('// not a comment'),
      ]),
    );
  });

  it('reads dates, and a date glued to letters is not a date', () => {
    expect(tree('valid from 2024-01-01 to 2026-12-31\n')).toEqual([st('valid', [id('from'), date('2024-01-01'), id('to'), date('2026-12-31')])]);
    // A date directly followed by `}` is still a date.
    expect(parse('u', 'x { valid from 2024-01-01 to 2026-12-31}').problems).toEqual([]);
    // `2025-01-01x` is neither a date nor a name: reported, and the statement is kept.
    const glued = parse('u', 'x 2025-01-01x\ny 1\n');
    expect(glued.problems.length).toBeGreaterThan(0);
    expect(glued.statements.map((s) => s.key.text)).toContain('y');
    expect(glued.statements.flatMap((s) => s.values).some((v) => v.kind === 'date')).toBe(false);
  });

  it('reads numbers as drafters write them, verbatim', () => {
    expect(tree('limit USD 1,250,000.50\nx 1_000 12.5 0 007 1,000 999,999,999,999.99 1_000_000.25\n')).toEqual([
      st('limit', [id('USD'), num('1,250,000.50')]),
      st('x', [num('1_000'), num('12.5'), num('0'), num('007'), num('1,000'), num('999,999,999,999.99'), num('1_000_000.25')]),
    ]);
  });

  it('reads `1,25` as a comma list of two numbers, not a decimal comma', () => {
    expect(tree('x 1,25\n')).toEqual([st('x', [list([num('1'), num('25')], false)])]);
  });

  it('reads comma lists `a, b, c` as one unbracketed list, also across a line break after a comma', () => {
    expect(tree('functions finance, procurement,hr\nrequires a,\n  b,\n  c\nbasis "x", "y"\nmix a, "b", 2025-01-01, 3\n')).toEqual([
      st('functions', [list([id('finance'), id('procurement'), id('hr')], false)]),
      st('requires', [list([id('a'), id('b'), id('c')], false)]),
      st('basis', [list([str('x'), str('y')], false)]),
      st('mix', [list([id('a'), str('b'), date('2025-01-01'), num('3')], false)]),
    ]);
  });

  it('flattens a bracketed list inside a comma list', () => {
    expect(tree('x a, [b, c], d\n')).toEqual([st('x', [list([id('a'), id('b'), id('c'), id('d')], false)])]);
  });

  it('reads bracketed lists, with line breaks anywhere inside', () => {
    expect(tree('x [a, b]\ny []\nz [\n]\nw [\n  a,\n  b\n  ,c\n]\nv [ "s" , 2025-01-01 ,\n 1,000 ]\n')).toEqual([
      st('x', [list([id('a'), id('b')])]),
      st('y', [list([])]),
      st('z', [list([])]),
      st('w', [list([id('a'), id('b'), id('c')])]),
      st('v', [list([str('s'), date('2025-01-01'), num('1,000')])]),
    ]);
  });

  it('keeps several values and lists of one statement apart', () => {
    expect(tree('may-sub-delegate grades P-4 and above posts A, B functions [x, y]\n')).toEqual([
      st('may-sub-delegate', [id('grades'), id('P-4'), id('and'), id('above'), id('posts'), list([id('A'), id('B')], false), id('functions'), list([id('x'), id('y')])]),
    ]);
  });
});

describe('statements and blocks', () => {
  it('parses an empty file, blank lines and comments to no statements', () => {
    for (const text of ['', '\n\n\n', '   \t\n', '// only a comment', '/* a\n block */\n// and a line\n']) {
      const file = parse('u', text);
      expect(file.statements).toEqual([]);
      expect(file.problems).toEqual([]);
    }
  });

  it('nests blocks to any depth', () => {
    expect(tree('area finance "F" {\n  authority certify "C" {\n    committee-review above USD 5 by HCC\n    x { y { z 1 } }\n  }\n}\n')).toEqual([
      st('area', [id('finance'), str('F')], [
        st('authority', [id('certify'), str('C')], [
          st('committee-review', [id('above'), id('USD'), num('5'), id('by'), id('HCC')]),
          st('x', [], [st('y', [], [st('z', [num('1')])])]),
        ]),
      ]),
    ]);
  });

  it('separates statements with `;` or line breaks, at top level and in blocks', () => {
    expect(tree('entity A { parent B; line 1;; kind mission\n head H; }; entity C {}\n;\nvendor V;post P {entity A;grade P-4}')).toEqual([
      st('entity', [id('A')], [st('parent', [id('B')]), st('line', [num('1')]), st('kind', [id('mission')]), st('head', [id('H')])]),
      st('entity', [id('C')], []),
      st('vendor', [id('V')]),
      st('post', [id('P')], [st('entity', [id('A')]), st('grade', [id('P-4')])]),
    ]);
  });

  it('accepts empty blocks and a block right after the key', () => {
    expect(tree('rates {}\nrates "ORE" {\n}\nx {\n\n}\n')).toEqual([st('rates', [], []), st('rates', [str('ORE')], []), st('x', [], [])]);
  });

  it('keeps comments out of the statements but records them with ranges', () => {
    const text = '// head\nentity A { // trailing\n  /* inner */ line 1\n}\n';
    const file = parse('u', text);
    expect(strip(file.statements)).toEqual([st('entity', [id('A')], [st('line', [num('1')])])]);
    expect(file.comments).toEqual([
      { text: '// head', block: false, range: rangeOf(text, '// head') },
      { text: '// trailing', block: false, range: rangeOf(text, '// trailing') },
      { text: '/* inner */', block: true, range: rangeOf(text, '/* inner */') },
    ]);
  });

  it('ends a name before `//` so a comment may follow without a space', () => {
    expect(tree('x a//comment\ny finance/certify//c\n')).toEqual([st('x', [id('a')]), st('y', [id('finance/certify')])]);
  });

  it('parses the BASE fixture with no problem and consistent ranges', () => {
    const file = parse('memory:///base.doa', BASE);
    expect(file.problems).toEqual([]);
    expect(rangeMismatches(file)).toEqual([]);
    expect(file.statements.map((s) => `${s.key.text} ${s.values[0]?.kind === 'ident' ? s.values[0].text : ''}`)).toEqual([
      'post SG',
      'entity UNHQ',
      'entity MSN',
      'entity OVS',
      'post MSN-HOM',
      'post MSN-DMS',
      'post MSN-CPO',
      'post MSN-PO',
      'post MSN-FA',
      'post OVS-AUD',
      'person hom',
      'person dms',
      'person cpo',
      'person po',
      'person fa',
      'person aud',
      'training proc-fundamentals',
      'area procurement',
      'area finance',
    ]);
  });
});

describe('when conditions', () => {
  it('parses every comparison operator', () => {
    expect(condition(rule('a = 1 and b != x and c < 2025-01-01 and d <= 2 and e > USD 500,000 and f >= "s"'))).toEqual(
      and(
        cmp('a', '=', num('1')),
        cmp('b', '!=', id('x')),
        cmp('c', '<', date('2025-01-01')),
        cmp('d', '<=', num('2')),
        cmp('e', '>', id('USD'), num('500,000')),
        cmp('f', '>=', str('s')),
      ),
    );
  });

  it('parses in, not in, contains, is missing and is present', () => {
    expect(condition(rule('area in [finance, procurement] and kind not in [delegation] and delegate.functions contains finance and limit is missing and valid-to is present'))).toEqual(
      and(
        cmp('area', 'in', list([id('finance'), id('procurement')])),
        cmp('kind', 'not in', list([id('delegation')])),
        cmp('delegate.functions', 'contains', id('finance')),
        test('limit', 'missing'),
        test('valid-to', 'present'),
      ),
    );
  });

  it('accepts `in` with a bracketed list spread over lines', () => {
    expect(condition(rule('area in [\n    finance,\n    procurement\n  ]'))).toEqual(cmp('area', 'in', list([id('finance'), id('procurement')])));
  });

  it('gives `and` precedence over `or`', () => {
    expect(condition(rule('a = 1 or b = 2 and c = 3 or d = 4'))).toEqual(
      or(cmp('a', '=', num('1')), and(cmp('b', '=', num('2')), cmp('c', '=', num('3'))), cmp('d', '=', num('4'))),
    );
  });

  it('groups with parentheses, nested and spread over lines', () => {
    expect(condition(rule('(a = 1 or b = 2) and (c = 3 or (d = 4 and e = 5))'))).toEqual(
      and(or(cmp('a', '=', num('1')), cmp('b', '=', num('2'))), or(cmp('c', '=', num('3')), and(cmp('d', '=', num('4')), cmp('e', '=', num('5'))))),
    );
    expect(condition(rule('(\n    a = 1\n    or b = 2\n  )'))).toEqual(or(cmp('a', '=', num('1')), cmp('b', '=', num('2'))));
    expect(condition(rule('((a = 1))'))).toEqual(cmp('a', '=', num('1')));
  });

  it('negates with `not`, binding tighter than and/or', () => {
    expect(condition(rule('not a = 1 and b = 2'))).toEqual(and(not(cmp('a', '=', num('1'))), cmp('b', '=', num('2'))));
    expect(condition(rule('not (a = 1 or b = 2)'))).toEqual(not(or(cmp('a', '=', num('1')), cmp('b', '=', num('2')))));
    expect(condition(rule('not not limit is present'))).toEqual(not(not(test('limit', 'present'))));
    expect(condition(rule('a not in [x] and not b in [y]'))).toEqual(and(cmp('a', 'not in', list([id('x')])), not(cmp('b', 'in', list([id('y')])))));
  });

  it('continues a condition on the next line before or after `and`/`or`', () => {
    const expected = or(and(cmp('a', '=', num('1')), cmp('b', '=', num('2'))), cmp('c', '=', num('3')));
    expect(condition(rule('a = 1\n    and b = 2\n    or c = 3'))).toEqual(expected);
    expect(condition(rule('a = 1 and\n    b = 2 or\n    c = 3'))).toEqual(expected);
    expect(condition(rule('a = 1\n\n    and\n\n    b = 2\n    or\n    c = 3'))).toEqual(expected);
  });

  it('ends the condition at the end of the line when no connective follows', () => {
    expect(tree('rule R {\n  when a = 1\n  severity error\n}\n')).toEqual([
      st('rule', [id('R')], [when(cmp('a', '=', num('1'))), st('severity', [id('error')])]),
    ]);
  });

  it('ends the condition at `;` and at `}`', () => {
    expect(tree('rule R { applies-to grant; when a = 1 and b = 2; severity error }\nrule S { when x is missing }\n')).toEqual([
      st('rule', [id('R')], [st('applies-to', [id('grant')]), when(and(cmp('a', '=', num('1')), cmp('b', '=', num('2')))), st('severity', [id('error')])]),
      st('rule', [id('S')], [when(test('x', 'missing'))]),
    ]);
  });

  it('reads several values on the right of a comparison up to the connective', () => {
    expect(condition(rule('limit > 500,000 USD and a = b c'))).toEqual(and(cmp('limit', '>', num('500,000'), id('USD')), cmp('a', '=', id('b'), id('c'))));
  });

  it('reads `when` outside a rule the same way (meaning is given later by to-ast)', () => {
    expect(tree('when a = 1\n')).toEqual([when(cmp('a', '=', num('1')))]);
  });
});

describe('exact ranges', () => {
  it('locates keys, values, bodies and statements with 0-based line, character and offset', () => {
    const text = 'entity MSN "Mission" {\n  line 1\n  parent UNHQ\n}\n';
    const [s] = parse('u', text).statements as [Statement];
    expect(s.key.range).toEqual({ start: { line: 0, character: 0, offset: 0 }, end: { line: 0, character: 6, offset: 6 } });
    expect(s.values.map((v) => v.range)).toEqual([
      { start: { line: 0, character: 7, offset: 7 }, end: { line: 0, character: 10, offset: 10 } },
      { start: { line: 0, character: 11, offset: 11 }, end: { line: 0, character: 20, offset: 20 } },
    ]);
    expect(s.body!.range).toEqual({ start: { line: 0, character: 21, offset: 21 }, end: { line: 3, character: 1, offset: 47 } });
    expect(s.range).toEqual({ start: { line: 0, character: 0, offset: 0 }, end: { line: 3, character: 1, offset: 47 } });
    const [line, parent] = s.body!.statements as [Statement, Statement];
    expect(line.key.range).toEqual({ start: { line: 1, character: 2, offset: 25 }, end: { line: 1, character: 6, offset: 29 } });
    expect(line.range).toEqual({ start: { line: 1, character: 2, offset: 25 }, end: { line: 1, character: 8, offset: 31 } });
    expect(parent.values[0]!.range).toEqual({ start: { line: 2, character: 9, offset: 41 }, end: { line: 2, character: 13, offset: 45 } });
  });

  it('ends a statement without a block at its last value, and a key-only statement at its key', () => {
    const text = 'post P { root; functions a, b }\n';
    const [p] = parse('u', text).statements as [Statement];
    const [root, functions] = p.body!.statements as [Statement, Statement];
    expect(root.range).toEqual(rangeOf(text, 'root'));
    expect(functions.range).toEqual(rangeOf(text, 'functions a, b'));
    expect(functions.values[0]!.range).toEqual(rangeOf(text, 'a, b'));
  });

  it('spans bracketed lists from [ to ], across lines', () => {
    const text = 'x [\n  a,\n  b\n]\n';
    const [x] = parse('u', text).statements as [Statement];
    const v = x.values[0]!;
    expect(v.range).toEqual({ start: { line: 0, character: 2, offset: 2 }, end: { line: 3, character: 1, offset: 14 } });
    expect(v.kind === 'list' && v.items.map((i) => i.range)).toEqual([rangeOf(text, 'a'), rangeOf(text, 'b')]);
    expect(x.range.end).toEqual(v.range.end);
  });

  it('locates string values including their quotes, and escapes count as written', () => {
    const text = 'message "a \\"b\\" c" x\n';
    const [m] = parse('u', text).statements as [Statement];
    expect(m.values[0]!.range).toEqual(rangeOf(text, '"a \\"b\\" c"'));
    expect(m.values[1]!.range).toEqual({ start: { line: 0, character: 20, offset: 20 }, end: { line: 0, character: 21, offset: 21 } });
  });

  it('locates conditions and their parts', () => {
    const text = 'rule R {\n  when limit > USD 500,000\n    and area in [finance]\n}\n';
    const [r] = parse('u', text).statements as [Statement];
    const w = r.body!.statements[0]!;
    expect(w.key.range).toEqual(rangeOf(text, 'when'));
    expect(w.condition!.range).toEqual({ start: pos(text, text.indexOf('limit')), end: pos(text, text.indexOf(']') + 1) });
    expect(w.range).toEqual({ start: pos(text, text.indexOf('when')), end: pos(text, text.indexOf(']') + 1) });
    const [limit, area] = (w.condition as { operands: CompareExpr[] }).operands as [CompareExpr, CompareExpr];
    expect(limit.field.range).toEqual(rangeOf(text, 'limit'));
    expect(limit.range).toEqual(rangeOf(text, 'limit > USD 500,000'));
    expect(limit.value.map((v) => v.range)).toEqual([rangeOf(text, 'USD'), rangeOf(text, '500,000')]);
    expect(area.range).toEqual(rangeOf(text, 'area in [finance]'));
    expect(area.range.start).toEqual({ line: 2, character: 8, offset: 44 });
  });

  it('covers the parentheses of a group in the ranges of the condition and the statement', () => {
    const text = 'rule R {\n  when not (a = 1 or b = 2)\n  when (c = 3)\n}\n';
    const [r] = parse('u', text).statements as [Statement];
    const [w1, w2] = r.body!.statements as [Statement, Statement];
    expect(w1.range).toEqual(rangeOf(text, 'when not (a = 1 or b = 2)'));
    expect(w1.condition!.range).toEqual(rangeOf(text, 'not (a = 1 or b = 2)'));
    expect(w1.condition!.kind === 'not' && w1.condition!.operand.range).toEqual(rangeOf(text, '(a = 1 or b = 2)'));
    expect(w2.range).toEqual(rangeOf(text, 'when (c = 3)'));
    expect(w2.condition!.range).toEqual(rangeOf(text, '(c = 3)'));
    expect((w2.condition as CompareExpr).field.range).toEqual(rangeOf(text, 'c'));
  });

  it('counts UTF-16 code units after accented, CJK, Arabic and astral text', () => {
    const text = 'person 张伟 "Élodie 😀 أمينة" { holds P }\nentity 𠀀 { line 1 }\n';
    const file = parse('u', text);
    expect(file.problems).toEqual([]);
    expect(rangeMismatches(file)).toEqual([]);
    const [person, entity] = file.statements as [Statement, Statement];
    expect(person.values[0]!.range).toEqual({ start: { line: 0, character: 7, offset: 7 }, end: { line: 0, character: 9, offset: 9 } });
    // "Élodie 😀 أمينة" with its quotes is 17 code units: the emoji counts two.
    expect(person.values[1]!.range).toEqual({ start: { line: 0, character: 10, offset: 10 }, end: { line: 0, character: 27, offset: 27 } });
    const holds = person.body!.statements[0]!;
    expect(holds.key.range).toEqual({ start: { line: 0, character: 30, offset: 30 }, end: { line: 0, character: 35, offset: 35 } });
    expect(holds.values[0]!.range).toEqual({ start: { line: 0, character: 36, offset: 36 }, end: { line: 0, character: 37, offset: 37 } });
    // U+20000 is one letter of two code units.
    expect(entity.values[0]).toMatchObject({ kind: 'ident', text: '𠀀' });
    expect(entity.values[0]!.range).toEqual({ start: { line: 1, character: 7, offset: 47 }, end: { line: 1, character: 9, offset: 49 } });
    expect(entity.body!.statements[0]!.key.range.start).toEqual({ line: 1, character: 12, offset: 52 });
  });

  it('counts UTF-16 code units after multi-byte text in comments', () => {
    const text = '/* 日本語 😀\n   ünïcödé */ entity A // ✓\nvendor V\n';
    const file = parse('u', text);
    expect(rangeMismatches(file)).toEqual([]);
    expect(file.comments[0]!.range).toEqual({ start: { line: 0, character: 0, offset: 0 }, end: { line: 1, character: 13, offset: 23 } });
    expect(file.statements[0]!.key.range).toEqual({ start: { line: 1, character: 14, offset: 24 }, end: { line: 1, character: 20, offset: 30 } });
    expect(file.statements[1]!.key.range).toEqual({ start: { line: 2, character: 0, offset: 38 }, end: { line: 2, character: 6, offset: 44 } });
  });

  it('counts a CRLF line break as one line, as editors do', () => {
    const text = 'entity A {\r\n  line 1\r\n}\r\n\r\nvendor V "x"\r\n';
    const file = parse('u', text);
    expect(file.problems).toEqual([]);
    expect(rangeMismatches(file)).toEqual([]);
    const [a, v] = file.statements as [Statement, Statement];
    expect(a.body!.statements[0]!.key.range.start).toEqual({ line: 1, character: 2, offset: 14 });
    expect(a.range.end).toEqual({ line: 2, character: 1, offset: 23 });
    expect(v.key.range.start).toEqual({ line: 4, character: 0, offset: 27 });
    expect(v.values[1]!.range).toEqual({ start: { line: 4, character: 9, offset: 36 }, end: { line: 4, character: 12, offset: 39 } });
  });

  it('treats a byte-order mark and no-break spaces as white space', () => {
    const text = '\ufeffentity\u00a0A\u00a0{ line 1 }\n';
    const file = parse('u', text);
    expect(file.problems).toEqual([]);
    expect(strip(file.statements)).toEqual([st('entity', [id('A')], [st('line', [num('1')])])]);
    expect(file.statements[0]!.key.range.start).toEqual({ line: 0, character: 1, offset: 1 });
  });

  it('keeps every range consistent on a larger policy', () => {
    const text = `${BASE}
delegation D1 "Procurement, Test Mission" {
  to MSN-HOM
  authority procurement/award-contract limit USD 1,000,000 {
    committee-review above USD 500,000 by HCC
  }
  valid from 2024-01-01 to 2026-12-31
  may-sub-delegate grades P-4 and above functions [procurement,
    finance]
  report "Use of procurement authority" to UNHQ every quarter
}
rule big-awards "Large awards" {
  applies-to grant
  when authority = procurement/award-contract
    and (limit > USD 500,000 or limit is missing)
    and not delegate.grade in [USG, ASG]
  severity warning
  message "{instrument} grants {limit}"
}
`;
    const file = parse('u', text);
    expect(file.problems).toEqual([]);
    expect(rangeMismatches(file)).toEqual([]);
  });
});
