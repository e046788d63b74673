// The vocabulary of the language (DECLARATIONS in to-ast.ts): one valid example of every
// declaration and statement with the typed AST it produces, and the located messages for what the
// language does not accept.
import { describe, expect, it } from 'vitest';
import { parse } from '../../language/src/syntax/parser.ts';
import { DECLARATIONS, toAst } from '../../language/src/ast/to-ast.ts';
import type { Decl, DocumentAst, InstrumentDecl } from '../../language/src/ast/ast.ts';
import type { Problem, Range, Statement } from '../../language/src/syntax/syntax-tree.ts';

const URI = 'memory:///t.doa';

function build(text: string): { ast: DocumentAst; problems: Problem[] } {
  const syntax = parse(URI, text);
  expect(syntax.problems, 'the examples parse cleanly').toEqual([]);
  const problems: Problem[] = [];
  const ast = toAst(URI, syntax.statements, problems);
  return { ast, problems };
}

/** The AST of a valid text; fails on any problem. */
function valid(text: string): DocumentAst {
  const { ast, problems } = build(text);
  expect(problems.map(brief)).toEqual([]);
  return ast;
}

function only(text: string): Decl {
  const ast = valid(text);
  expect(ast.decls).toHaveLength(1);
  return ast.decls[0]!;
}

/** `line:character-line:character message`, 0-based. */
function brief(p: Problem): string {
  return `${p.range.start.line}:${p.range.start.character}-${p.range.end.line}:${p.range.end.character} ${p.message}`;
}

function problemsOf(text: string): string[] {
  return build(text).problems.map(brief);
}

/** The range of the `nth` occurrence of `needle` in `text` (single-line texts only). */
function at(text: string, needle: string, nth = 0): Range {
  let from = -1;
  for (let i = 0; i <= nth; i++) from = text.indexOf(needle, from + 1);
  if (from < 0) throw new Error(`no '${needle}'`);
  const pos = (o: number) => {
    const before = text.slice(0, o);
    return { line: before.split('\n').length - 1, character: o - before.lastIndexOf('\n') - 1, offset: o };
  };
  return { start: pos(from), end: pos(from + needle.length) };
}

const ref = (name: string) => ({ name, range: expect.anything() });
const date = (value: string) => ({ value, range: expect.anything() });
const money = (amount: string, currency: string, raw: string) => ({ amount, currency, raw, range: expect.anything() });

// One example per declaration, using every statement the declaration accepts.
const EXAMPLES: Record<string, string> = {
  entity: 'entity MSN "Test Mission" { parent UNHQ; line 1; kind mission; service-provider; head MSN-HOM }',
  post: 'post MSN-CPO "Chief Procurement Officer" { entity MSN; grade P-5; functions procurement, finance; root }',
  person: `person cpo "李娜" {
  holds MSN-CPO from 2021-01-01 to 2025-12-31
  training proc-fundamentals completed 2021-02-01
  duty certifying-officer for account "12345" from 2024-01-01 to 2024-12-31
  conflict-of-interest "Spouse works for Acme" vendor acme area procurement declared 2024-03-01
}`,
  training: 'training proc-fundamentals "Procurement Fundamentals" { kind certification; valid-for 2 years }',
  vendor: 'vendor acme "Acme Logistics Ltd."',
  committee: 'committee HCC "Headquarters Committee on Contracts" { entity UNHQ }',
  duty: 'duty certifying-officer "Certifying officer" { area finance; steps certify }',
  area: `area procurement "Procurement" {
  authority award-contract "Award a contract" {
    exclusive
    reserved-to MSN-HOM
    required in MSN, UNHQ
    committee-review above USD 500,000 by HCC
    cumulative
    steps award, amend
  }
}`,
  delegation: `delegation D1 "Procurement, Test Mission" {
  to MSN-HOM
  area procurement
  authority procurement/award-contract limit USD 1,000,000 committee-review above USD 500,000 by HCC
  valid from 2024-01-01 to 2026-12-31
  may-sub-delegate grades P-4 and above posts MSN-CPO, MSN-PO functions procurement
  requires proc-fundamentals, ethics
  report "Use of procurement authority" to UNHQ every quarter
  basis "ST/SGB/2019/2", "ST/AI/2019/4"
  revoked 2025-03-31 because wilful-breach transferred-to UNHQ
}`,
  'sub-delegation': `sub-delegation S1 "CPO" {
  under D1
  to cpo
  area procurement
  authority procurement/award-contract { limit USD 250,000.00 }
  valid from 2024-02-01
  may-sub-delegate { grades P-3 and below }
  requires ethics
  report "Awards" to MSN-HOM every 2 months
  basis "ST/SGB/2019/2"
  revoked 2025-01-15 because lack-of-capacity
}`,
  rule: `rule large-awards "Large awards" {
  applies-to grant
  when limit > USD 500,000
  severity warning
  message "{instrument} grants {limit}"
  basis "A/72/773 §74"
}`,
  segregation: `segregation certify-approve "Certify and approve" {
  duties certifying-officer, approving-officer
  scope entity
  severity error
  message "{person} both certifies and approves"
  basis "ST/SGB/2013/4 rule 105.6"
}`,
  rates: 'rates "Operational rates of exchange" { rate EUR USD 1.08 from 2025-01-01; rate CHF USD 1.12 }',
};

describe('the vocabulary', () => {
  it('has an example for every declaration and every statement', () => {
    const used = new Map<string, Set<string>>();
    for (const [decl, text] of Object.entries(EXAMPLES)) {
      const s = parse(URI, text).statements[0]!;
      expect(s.key.text).toBe(decl);
      const collect = (statements: Statement[]) => statements.map((x) => x.key.text);
      used.set(decl, new Set(collect(s.body?.statements ?? [])));
    }
    expect(Object.keys(EXAMPLES).sort()).toEqual(Object.keys(DECLARATIONS).sort());
    for (const [decl, spec] of Object.entries(DECLARATIONS)) {
      expect([...used.get(decl)!].sort(), decl).toEqual(Object.keys(spec.statements).sort());
    }
  });

  it('documents every declaration and statement', () => {
    for (const [decl, spec] of Object.entries(DECLARATIONS)) {
      expect(spec.doc, decl).toMatch(/\S/);
      expect(spec.syntax.startsWith(decl), decl).toBe(true);
      for (const [key, st] of Object.entries(spec.statements)) {
        expect(st.doc, `${decl}.${key}`).toMatch(/\S/);
        expect(st.syntax.startsWith(key), `${decl}.${key}: ${st.syntax}`).toBe(true);
      }
      for (const [key, why] of spec.required ?? []) {
        expect(Object.keys(spec.statements), `${decl} requires ${key}`).toContain(key);
        expect(why).toMatch(/\S/);
      }
    }
  });
});

describe('valid examples produce the typed AST', () => {
  it('entity', () => {
    const text = EXAMPLES['entity']!;
    expect(only(text)).toEqual({
      kind: 'entity',
      name: 'MSN',
      nameRange: at(text, 'MSN'),
      title: 'Test Mission',
      range: at(text, text),
      uri: URI,
      // A reference is also its site (the kinds it may name, its statement): those are tested below.
      parent: expect.objectContaining({ name: 'UNHQ', range: at(text, 'UNHQ') }),
      line: { value: 1, range: at(text, '1') },
      entityKind: 'mission',
      serviceProvider: true,
      head: expect.objectContaining({ name: 'MSN-HOM', range: at(text, 'MSN-HOM') }),
    });
  });

  it('entity: defaults without statements', () => {
    expect(only('entity UNHQ')).toEqual({
      kind: 'entity',
      name: 'UNHQ',
      nameRange: expect.anything(),
      title: undefined,
      range: expect.anything(),
      uri: URI,
      serviceProvider: false,
    });
  });

  it('post', () => {
    const text = EXAMPLES['post']!;
    expect(only(text)).toMatchObject({
      kind: 'post',
      name: 'MSN-CPO',
      title: 'Chief Procurement Officer',
      // The first 'MSN' is inside the post's name.
      entity: { name: 'MSN', range: at(text, 'MSN', 1) },
      grade: { value: 'P-5', range: at(text, 'P-5') },
      functions: [
        { name: 'procurement', range: at(text, 'procurement') },
        { name: 'finance', range: at(text, 'finance') },
      ],
      root: true,
    });
  });

  it('post: defaults', () => {
    expect(only('post P { entity E; grade G-1 }')).toMatchObject({ functions: [], root: false, grade: { value: 'G-1' } });
  });

  it('person', () => {
    const text = EXAMPLES['person']!;
    const p = only(text);
    expect(p).toMatchObject({
      kind: 'person',
      name: 'cpo',
      title: '李娜',
      holds: [{ post: ref('MSN-CPO'), from: date('2021-01-01'), to: date('2025-12-31') }],
      trainings: [{ training: ref('proc-fundamentals'), completed: date('2021-02-01') }],
      duties: [
        {
          duty: ref('certifying-officer'),
          scope: { kind: 'account', value: '12345', range: at(text, 'account "12345"') },
          from: date('2024-01-01'),
          to: date('2024-12-31'),
        },
      ],
      interests: [{ description: 'Spouse works for Acme', vendor: ref('acme'), area: ref('procurement'), declared: date('2024-03-01') }],
    });
    if (p.kind !== 'person') throw new Error('not a person');
    expect(p.holds[0]!.range).toEqual(at(text, 'holds MSN-CPO from 2021-01-01 to 2025-12-31'));
  });

  it('person: several holdings, duties, trainings and interests, interests in block form', () => {
    const p = only(`person p "P" {
  holds A from 2020-01-01
  holds B
  duty d1 for entity MSN
  duty d2 for account "9" to 2025-01-01
  training t1 completed 2020-01-01
  training t2 completed 2021-01-01
  conflict-of-interest "x" { vendor v; declared 2024-01-01 }
  conflict-of-interest "y"
}`);
    expect(p).toMatchObject({
      holds: [{ post: ref('A'), from: date('2020-01-01') }, { post: ref('B') }],
      duties: [
        { duty: ref('d1'), scope: { kind: 'entity', value: 'MSN' } },
        { duty: ref('d2'), scope: { kind: 'account', value: '9' }, to: date('2025-01-01') },
      ],
      trainings: [{ training: ref('t1') }, { training: ref('t2') }],
      interests: [{ description: 'x', vendor: ref('v'), declared: date('2024-01-01') }, { description: 'y' }],
    });
  });

  it('training', () => {
    expect(only(EXAMPLES['training']!)).toMatchObject({ kind: 'training', name: 'proc-fundamentals', trainingKind: 'certification', validForMonths: 24 });
    expect(only('training t { valid-for 18 months }')).toMatchObject({ trainingKind: 'course', validForMonths: 18 });
    expect(only('training t { valid-for 1 year }')).toMatchObject({ validForMonths: 12 });
    const course = only('training t { kind course }');
    expect(course).toMatchObject({ trainingKind: 'course' });
    expect(course.kind === 'training' && course.validForMonths).toBeUndefined();
  });

  it('vendor', () => {
    const text = EXAMPLES['vendor']!;
    expect(only(text)).toEqual({ kind: 'vendor', name: 'acme', nameRange: at(text, 'acme'), title: 'Acme Logistics Ltd.', range: at(text, text), uri: URI });
  });

  it('committee', () => {
    expect(only(EXAMPLES['committee']!)).toMatchObject({ kind: 'committee', name: 'HCC', title: 'Headquarters Committee on Contracts', entity: ref('UNHQ') });
  });

  it('duty', () => {
    expect(only(EXAMPLES['duty']!)).toMatchObject({ kind: 'duty', name: 'certifying-officer', area: ref('finance'), steps: ['certify'] });
  });

  it('area, with its authorities', () => {
    const text = EXAMPLES['area']!;
    const a = only(text);
    expect(a).toMatchObject({
      kind: 'area',
      name: 'procurement',
      title: 'Procurement',
      authorities: [
        {
          kind: 'authority',
          name: 'procurement/award-contract',
          localName: 'award-contract',
          area: 'procurement',
          title: 'Award a contract',
          uri: URI,
          exclusive: true,
          reservedTo: ref('MSN-HOM'),
          required: true,
          requiredIn: [ref('MSN'), ref('UNHQ')],
          committeeReview: { above: money('500000', 'USD', 'USD 500,000'), committee: ref('HCC') },
          cumulative: true,
          steps: ['award', 'amend'],
        },
      ],
    });
    if (a.kind !== 'area') throw new Error('not an area');
    expect(a.authorities[0]!.nameRange).toEqual(at(text, 'award-contract'));
    expect(a.authorities[0]!.committeeReview!.range).toEqual(at(text, 'above USD 500,000 by HCC'));
  });

  it('area: authorities inline, without controls, and required without entities', () => {
    expect(only('area finance "F" {\n  authority certify "Certify"\n  authority approve required\n}')).toMatchObject({
      authorities: [
        { name: 'finance/certify', title: 'Certify', exclusive: false, required: false, requiredIn: [], cumulative: false },
        { name: 'finance/approve', title: undefined, required: true, requiredIn: [] },
      ],
    });
  });

  it('delegation', () => {
    const text = EXAMPLES['delegation']!;
    const d = only(text);
    expect(d).toMatchObject({
      kind: 'delegation',
      name: 'D1',
      title: 'Procurement, Test Mission',
      delegate: ref('MSN-HOM'),
      area: ref('procurement'),
      grants: [
        {
          authority: ref('procurement/award-contract'),
          limit: money('1000000', 'USD', 'USD 1,000,000'),
          committeeReview: { above: money('500000', 'USD', 'USD 500,000'), committee: ref('HCC') },
        },
      ],
      validFrom: date('2024-01-01'),
      validTo: date('2026-12-31'),
      subDelegation: {
        grades: ['SG', 'DSG', 'USG', 'ASG', 'D-2', 'D-1', 'P-5', 'P-4'],
        gradesText: 'P-4 and above',
        posts: [ref('MSN-CPO'), ref('MSN-PO')],
        functions: [{ name: 'procurement', range: expect.anything() }],
      },
      requires: [ref('proc-fundamentals'), ref('ethics')],
      reports: [{ what: 'Use of procurement authority', to: ref('UNHQ'), everyMonths: 3, everyText: 'quarter' }],
      basis: [
        { text: 'ST/SGB/2019/2', range: expect.anything() },
        { text: 'ST/AI/2019/4', range: expect.anything() },
      ],
      revocation: { date: date('2025-03-31'), reason: { value: 'wilful-breach', range: expect.anything() }, transferTo: ref('UNHQ') },
    });
    if (d.kind !== 'delegation') throw new Error('not a delegation');
    expect(d.parent).toBeUndefined();
    expect(d.validity).toEqual(at(text, 'valid from 2024-01-01 to 2026-12-31'));
    expect(d.grants[0]!.limit!.range).toEqual(at(text, 'USD 1,000,000'));
  });

  it('sub-delegation, with clauses in block form', () => {
    const d = only(EXAMPLES['sub-delegation']!);
    expect(d).toMatchObject({
      kind: 'sub-delegation',
      name: 'S1',
      parent: ref('D1'),
      delegate: ref('cpo'),
      grants: [{ authority: ref('procurement/award-contract'), limit: money('250000', 'USD', 'USD 250,000.00') }],
      validFrom: date('2024-02-01'),
      subDelegation: { grades: ['P-3', 'P-2', 'P-1', 'G-7', 'G-6', 'G-5', 'G-4', 'G-3', 'G-2', 'G-1'], gradesText: 'P-3 and below', posts: [], functions: [] },
      requires: [ref('ethics')],
      reports: [{ what: 'Awards', to: ref('MSN-HOM'), everyMonths: 2, everyText: '2 months' }],
      revocation: { date: date('2025-01-15'), reason: { value: 'lack-of-capacity' } },
    });
    if (d.kind !== 'sub-delegation') throw new Error('not a sub-delegation');
    expect(d.validTo).toBeUndefined();
  });

  it('instruments: may-sub-delegate without conditions, grades as a list, and every reporting period', () => {
    const base = 'delegation D { to P; authority a/b; valid from 2024-01-01;';
    expect(only(`${base} may-sub-delegate }`)).toMatchObject({ subDelegation: { grades: [], posts: [], functions: [] } });
    expect(only(`${base} may-sub-delegate grades [P-4, P-5] }`)).toMatchObject({ subDelegation: { grades: ['P-4', 'P-5'], gradesText: 'P-4, P-5' } });
    expect(only(`${base} may-sub-delegate grades D-1 }`)).toMatchObject({ subDelegation: { grades: ['D-1'], gradesText: 'D-1' } });
    const none = only(`${base} }`);
    expect(none.kind === 'delegation' && none.subDelegation).toBeUndefined();
    for (const [every, months] of [
      ['month', 1],
      ['quarter', 3],
      ['half-year', 6],
      ['year', 12],
      ['1 month', 1],
      ['18 months', 18],
    ] as const) {
      expect(only(`${base} report "r" to UNHQ every ${every} }`), every).toMatchObject({ reports: [{ everyMonths: months }] });
    }
    expect(only(`${base} report "a" to X every month; report "b" to Y every year; basis "x"; basis "y" }`)).toMatchObject({
      reports: [{ what: 'a' }, { what: 'b' }],
      basis: [{ text: 'x' }, { text: 'y' }],
    });
  });

  it('rule', () => {
    const text = EXAMPLES['rule']!;
    const r = only(text);
    expect(r).toMatchObject({
      kind: 'rule',
      name: 'large-awards',
      title: 'Large awards',
      subject: { value: 'grant', range: expect.anything() },
      when: {
        kind: 'compare',
        field: { text: 'limit' },
        op: '>',
        value: [
          { kind: 'ident', text: 'USD' },
          { kind: 'number', text: '500,000' },
        ],
      },
      severity: { value: 'warning' },
      message: { text: '{instrument} grants {limit}' },
      basis: [{ text: 'A/72/773 §74' }],
    });
    if (r.kind !== 'rule') throw new Error('not a rule');
    expect(r.when!.range).toEqual(at(text, 'limit > USD 500,000'));
  });

  it('rule: every subject and severity', () => {
    for (const subject of ['grant', 'instrument', 'holding', 'person']) {
      for (const severity of ['error', 'warning', 'info']) {
        expect(only(`rule r { applies-to ${subject}; when a is present; severity ${severity} }`)).toMatchObject({
          subject: { value: subject },
          severity: { value: severity },
        });
      }
    }
  });

  it('segregation', () => {
    expect(only(EXAMPLES['segregation']!)).toMatchObject({
      kind: 'segregation',
      name: 'certify-approve',
      duties: [ref('certifying-officer'), ref('approving-officer')],
      scope: 'entity',
      severity: { value: 'error' },
      message: { text: '{person} both certifies and approves' },
      basis: [{ text: 'ST/SGB/2013/4 rule 105.6' }],
    });
    expect(only('segregation s { duties [a, b, c] }')).toMatchObject({ duties: [ref('a'), ref('b'), ref('c')], scope: 'account' });
    expect(only('segregation s { duties a, b; scope any }')).toMatchObject({ scope: 'any' });
  });

  it('rates: no name, rates go to the document, not its declarations', () => {
    const text = EXAMPLES['rates']!;
    const ast = valid(text);
    expect(ast.decls).toEqual([]);
    expect(ast.rates).toEqual([
      { from: 'EUR', to: 'USD', rate: '1.08', validFrom: date('2025-01-01'), range: at(text, 'rate EUR USD 1.08 from 2025-01-01'), uri: URI },
      { from: 'CHF', to: 'USD', rate: '1.12', range: at(text, 'rate CHF USD 1.12'), uri: URI },
    ]);
  });

  it('records every reference with the kinds it may name and its role', () => {
    const ast = valid(EXAMPLES['delegation']!);
    expect(ast.refs.map((r) => [r.ref.name, r.kinds, r.role])).toEqual([
      ['MSN-HOM', ['post', 'person'], 'to'],
      ['procurement', ['area'], 'area'],
      ['procurement/award-contract', ['authority'], 'authority'],
      ['HCC', ['committee'], 'authority'],
      ['MSN-CPO', ['post'], 'may-sub-delegate'],
      ['MSN-PO', ['post'], 'may-sub-delegate'],
      ['proc-fundamentals', ['training'], 'requires'],
      ['ethics', ['training'], 'requires'],
      ['UNHQ', ['entity', 'post'], 'report'],
      ['UNHQ', ['entity'], 'revoked'],
    ]);
  });

  it('keeps declarations in source order across a file', () => {
    const ast = valid(Object.values(EXAMPLES).join('\n'));
    expect(ast.decls.map((d) => `${d.kind} ${d.name}`)).toEqual([
      'entity MSN',
      'post MSN-CPO',
      'person cpo',
      'training proc-fundamentals',
      'vendor acme',
      'committee HCC',
      'duty certifying-officer',
      'area procurement',
      'delegation D1',
      'sub-delegation S1',
      'rule large-awards',
      'segregation certify-approve',
    ]);
    expect(ast.rates).toHaveLength(2);
  });
});

describe('located errors', () => {
  const DECLS = 'entity, post, person, training, vendor, committee, duty, area, delegation, sub-delegation, rule, segregation, rates';

  it('an unknown declaration, with did-you-mean', () => {
    expect(problemsOf('entiy MSN {}\ndelegaton D {}\nfoo B')).toEqual([
      `0:0-0:5 Unknown declaration 'entiy'; did you mean 'entity'? A file declares ${DECLS}`,
      `1:0-1:9 Unknown declaration 'delegaton'; did you mean 'delegation'? A file declares ${DECLS}`,
      `2:0-2:3 Unknown declaration 'foo'. A file declares ${DECLS}`,
    ]);
  });

  it('an unknown declaration is skipped, the next is read', () => {
    const { ast } = build('entiy A {}\nentity B {}');
    expect(ast.decls.map((d) => d.name)).toEqual(['B']);
  });

  it('an unknown statement, with did-you-mean or the list of accepted statements', () => {
    expect(problemsOf('entity A { parnt UNHQ; zzz 1 }\nvendor V { x 1 }\ndelegation D { to X; authority a/b; valid from 2024-01-01; valud 1; sub-delegate; xyz }')).toEqual([
      "0:11-0:16 Unknown statement 'parnt' in an entity; did you mean 'parent'?",
      "0:23-0:26 Unknown statement 'zzz' in an entity. It accepts parent, line, kind, service-provider, head",
      "1:11-1:12 Unknown statement 'x' in a vendor",
      "2:59-2:64 Unknown statement 'valud' in a delegation; did you mean 'valid'?",
      "2:68-2:80 Unknown statement 'sub-delegate' in a delegation; did you mean 'may-sub-delegate'?",
      "2:82-2:85 Unknown statement 'xyz' in a delegation. It accepts to, area, authority, valid, may-sub-delegate, requires, report, basis, revoked",
    ]);
  });

  it('an unknown clause inline and in a block, with did-you-mean', () => {
    expect(problemsOf('person p { holds P fro 2024-01-01 }')).toEqual([
      "0:19-0:22 Unexpected 'fro' in 'holds'; did you mean 'from'?",
      "0:23-0:33 Unexpected '2024-01-01' in 'holds'; expected 'from', 'to'",
    ]);
    expect(problemsOf('person p { conflict-of-interest "c" { vendr v } }')).toEqual([
      "0:38-0:43 Unknown statement 'vendr' in 'conflict-of-interest'; did you mean 'vendor'?",
    ]);
    expect(problemsOf('delegation D { to X; authority a/b limt USD 5; valid from 2024-01-01 }')).toEqual([
      "0:35-0:39 Unexpected 'limt' in 'authority'; did you mean 'limit'?",
      "0:40-0:43 Unexpected 'USD' in 'authority'; expected 'limit', 'committee-review'",
      "0:44-0:45 Unexpected '5' in 'authority'; expected 'limit', 'committee-review'",
    ]);
  });

  it('a statement given twice', () => {
    expect(problemsOf('entity A { line 1; line 2 }\ndelegation D { to X; to Y; authority a/b; valid from 2024-01-01; valid from 2025-01-01 }')).toEqual([
      "0:19-0:23 'line' is given twice in entity A",
      "1:21-1:23 'to' is given twice in delegation D",
      "1:65-1:70 'valid' is given twice in delegation D",
    ]);
    // The first one counts.
    expect(build('entity A { line 1; line 2 }').ast.decls[0]).toMatchObject({ line: { value: 1 } });
  });

  it('statements that may be repeated are not "given twice"', () => {
    valid('person p { holds A; holds B; training t completed 2020-01-01; training u completed 2020-01-01 }');
    valid('area a { authority x; authority y }');
  });

  it('a missing required statement, on the name of the declaration', () => {
    expect(problemsOf('post P "x" { functions a }\nsub-delegation S {}\nrule R { severity error }\nsegregation G {}')).toEqual([
      "0:5-0:6 Post P has no 'entity': every post belongs to an entity",
      "0:5-0:6 Post P has no 'grade': eligibility for sub-delegation depends on the grade",
      "1:15-1:16 Sub-delegation S has no 'under': a sub-delegation names its parent instrument",
      "1:15-1:16 Sub-delegation S has no 'to': an instrument names who receives the authority",
      "1:15-1:16 Sub-delegation S has no 'authority': an instrument grants at least one authority",
      "1:15-1:16 Sub-delegation S has no 'valid': an instrument states when it is in force",
      "2:5-2:6 Rule R has no 'applies-to': a rule says what it applies to (grant, instrument, holding or person)",
      "2:5-2:6 Rule R has no 'when': a rule states the condition that is a finding",
      "3:12-3:13 Segregation G has no 'duties': a segregation names the incompatible duties",
    ]);
  });

  it('a declaration without its name', () => {
    expect(problemsOf('entity { line 1 }\nentity "Title" {}')).toEqual([
      "0:0-0:6 Expected the name of the entity after the entity header",
      "1:7-1:14 Expected the name of the entity in the entity header, but found '\"Title\"'",
    ]);
  });

  it('a string where a date is expected', () => {
    expect(problemsOf('delegation D { to X; authority a/b; valid from "2025-01-01" }')).toEqual([
      "0:47-0:59 Expected a date (YYYY-MM-DD) in 'valid', but found '\"2025-01-01\"'",
    ]);
    expect(problemsOf('person p { training t completed yesterday }')).toEqual([
      "0:32-0:41 Expected a date (YYYY-MM-DD) in 'training', but found 'yesterday'",
    ]);
  });

  it('a date that is not in the calendar', () => {
    expect(problemsOf('delegation D { to X; authority a/b; valid from 2025-02-30 to 2025-13-01 }\nperson p { holds P from 2023-02-29 }\nperson q { holds P from 2024-02-29 }')).toEqual([
      "0:47-0:57 '2025-02-30' is not a calendar date",
      "0:61-0:71 '2025-13-01' is not a calendar date",
      "1:24-1:34 '2023-02-29' is not a calendar date",
    ]);
  });

  it('a grade that does not exist', () => {
    const grades = '(grades run from SG, DSG, USG and ASG through D-2…D-1, P-5…P-1 and G-7…G-1)';
    expect(problemsOf('post P { entity E; grade P-9 }\npost Q { entity E; grade FS-5 }')).toEqual([
      `0:25-0:28 'P-9' is not a grade; did you mean 'P-5'? ${grades}`,
      `1:25-1:29 'FS-5' is not a grade ${grades}`,
    ]);
    expect(problemsOf('delegation D { to X; authority a/b; valid from 2024-01-01; may-sub-delegate grades P-9 and above }')).toEqual([
      `0:83-0:86 'P-9' is not a grade; did you mean 'P-5'? ${grades}`,
      "0:87-0:90 Unexpected 'and' in 'may-sub-delegate'; expected 'grades', 'posts', 'functions'",
      "0:91-0:96 Unexpected 'above' in 'may-sub-delegate'; expected 'grades', 'posts', 'functions'",
    ]);
  });

  it('a currency that does not exist', () => {
    expect(problemsOf('delegation D { to X; authority a/b limit USS 5; valid from 2024-01-01 }')).toEqual([
      "0:41-0:44 'USS' is not an ISO 4217 currency code (such as USD, EUR, CHF)",
    ]);
    expect(problemsOf('rates { rate EUR UDS 1.1 }')).toEqual(["0:17-0:20 'UDS' is not an ISO 4217 currency code"]);
  });

  it('a validity window that ends before it starts', () => {
    expect(problemsOf('delegation D { to X; authority a/b; valid from 2025-12-31 to 2025-01-01 }')).toEqual([
      '0:61-0:71 The window ends on 2025-01-01, before it starts on 2025-12-31: the instrument is never in force',
    ]);
    expect(problemsOf('delegation D { to X; authority a/b; valid from 2025-01-01 to 2025-01-01 }')).toEqual([]);
  });

  it('a rate of exchange of 0: reported, and left out (a limit is divided by the rate)', () => {
    expect(problemsOf('rates { rate EUR USD 0.00 from 2025-01-01 }')).toEqual(['0:21-0:25 A rate of exchange must be above 0']);
    expect(toAst(URI, parse(URI, 'rates { rate EUR USD 0 }').statements, []).rates).toEqual([]);
  });

  it('values of the wrong kind or out of range', () => {
    expect(problemsOf('entity A { line 4; kind "mission" }\ntraining T { kind workshop; valid-for 2 weeks }\nrule R { applies-to grants; when a is missing; severity fatal }\nsegregation G { duties a; scope room }')).toEqual([
      '0:16-0:17 The line of defence is 1, 2 or 3',
      "0:24-0:33 Expected a kind such as department or mission in 'kind', but found '\"mission\"'",
      "1:18-1:26 The kind of a training is 'course' or 'certification'",
      "1:40-1:45 Expected 'months' or 'years'",
      "2:20-2:26 'grants' is not something a rule applies to: use grant, instrument, holding, person",
      "2:56-2:61 'fatal' is not a severity: use error, warning or info",
      '3:16-3:24 A segregation needs at least two duties',
      "3:32-3:36 The scope is 'account', 'entity' or 'any'",
    ]);
  });

  it('numbers that must be whole', () => {
    expect(problemsOf('entity A { line 1.5 }\ntraining T { valid-for 1.5 years }')).toEqual([
      "0:16-0:19 Expected a whole number, but found '1.5'",
      "1:23-1:26 Expected a whole number, but found '1.5'",
    ]);
  });

  it('reporting periods and revocation reasons', () => {
    const base = 'delegation D { to X; authority a/b; valid from 2024-01-01;';
    expect(problemsOf(`${base} report "r" to UNHQ every week }`)).toEqual([
      "0:84-0:88 'week' is not a period: use month, quarter, half-year, year or <n> months",
    ]);
    expect(problemsOf(`${base} report "r" to UNHQ every 2 quarters }`)).toEqual(["0:86-0:94 Expected 'months' after the number"]);
    // Names of Object.prototype are not periods either.
    expect(problemsOf(`${base} report "r" to UNHQ every constructor }`)).toEqual([
      "0:84-0:95 'constructor' is not a period: use month, quarter, half-year, year or <n> months",
    ]);
    expect(problemsOf(`${base} revoked 2025-01-01 because tired }`)).toEqual([
      "0:86-0:91 'tired' is not a reason for revocation: use wilful-breach, ineffective-exercise, lack-of-capacity (A/72/773 §75)",
    ]);
  });

  it('extra values', () => {
    expect(problemsOf('entity A { line 1 2; parent X Y; service-provider now; head H [a, b] }\npost P "t" "u" { entity E; grade P-4 }')).toEqual([
      "0:18-0:19 Unexpected '2' in 'line'",
      "0:30-0:31 Unexpected 'Y' in 'parent'",
      "0:50-0:53 Unexpected 'now' in 'service-provider'",
      "0:62-0:68 Unexpected a list in 'head'",
      "1:11-1:14 Unexpected '\"u\"' in the post header",
    ]);
  });

  it('{ } on a statement that takes no block', () => {
    expect(problemsOf('entity A { line 1 { x } ; parent X {} }\nrule R { applies-to grant {}; when a is missing }')).toEqual([
      "0:18-0:23 'line' does not take a { … } block",
      "0:35-0:37 'parent' does not take a { … } block",
      "1:26-1:28 'applies-to' does not take a { … } block",
    ]);
  });

  it('{ } on holds, whose clauses are otherwise written inline', () => {
    expect(problemsOf('person p { holds P { from 2024-01-01 } }')).toEqual(["0:19-0:38 'holds' does not take a { … } block"]);
  });

  it('{ } is accepted on the statements that take one', () => {
    valid('area a { authority x { exclusive } }');
    valid('person p { conflict-of-interest "c" { vendor v } }');
    valid('delegation D { to X; authority a/b { limit USD 5 }; valid from 2024-01-01; may-sub-delegate { grades P-4 } }');
  });

  it('a block on a declaration that takes none, and statements in it', () => {
    expect(problemsOf('vendor V "Acme" { legal-name "Acme SA" }')).toEqual(["0:18-0:28 Unknown statement 'legal-name' in a vendor"]);
  });

  it('a reference of the wrong kind of value', () => {
    expect(problemsOf('entity A { parent "UNHQ" }\nduty d { area [finance, hr] }')).toEqual([
      "0:18-0:24 Expected an entity in 'parent', but found '\"UNHQ\"'",
      "1:14-1:27 Expected a functional area in 'area', but found a list",
    ]);
  });

  it('a list with a value of the wrong kind', () => {
    expect(problemsOf('post P { entity E; grade P-4; functions finance, "hr", 3 }')).toEqual([
      "0:49-0:53 Expected a function tag, but found '\"hr\"'",
      "0:55-0:56 Expected a function tag, but found '3'",
    ]);
    expect(problemsOf('rule R { applies-to grant; when a is missing; basis "a", b }')).toEqual(["0:57-0:58 Expected a reference in quotes, but found 'b'"]);
  });
});

describe('declaration keywords known to the parser', () => {
  it('are exactly the declarations of the vocabulary', async () => {
    const { DECLARATION_KEYWORDS } = await import('../../language/src/syntax/keywords.ts');
    const { DECLARATIONS } = await import('../../language/src/ast/to-ast.ts');
    expect([...DECLARATION_KEYWORDS].sort()).toEqual(Object.keys(DECLARATIONS).sort());
  });
});

describe('amounts', () => {
  // Whole amounts take a shorter path than other decimals; both must give the canonical form.
  it('are canonical whether written whole, grouped, with a leading zero or with decimals', async () => {
    const { canonicalDecimal } = await import('../../language/src/values/decimal.ts');
    for (const written of ['5', '500', '5,000,000', '999,999', '0', '007', '0,500', '1_000', '2_400_000', '1_2_3', '0_500', '1_000.5', '1,000.50', '12345678901234567890']) {
      const grant = (only(`delegation D { to X; authority a/b limit USD ${written}; valid from 2024-01-01 }`) as InstrumentDecl).grants[0]!;
      expect(grant.limit, written).toEqual(money(canonicalDecimal(written)!, 'USD', `USD ${written}`));
    }
  });

  // Amounts are worked out once per text written and kept for the next grant: the second reading
  // of a text must give what the first gave.
  it('read the same the second time a text is written', () => {
    for (let round = 0; round < 2; round++) {
      const grants = (only(`delegation D { to X; authority a/b limit USD 2_400_000; authority a/c limit USD 15,000; valid from 2024-01-01 }`) as InstrumentDecl).grants;
      expect(grants.map((g) => g.limit?.amount)).toEqual(['2400000', '15000']);
    }
  });
});
