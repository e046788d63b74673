// Names and texts in any script: identifiers and strings in Chinese, Arabic, accented Latin,
// Cyrillic, scripts with combining marks, and references by such names across files.
import { describe, expect, it } from 'vitest';
import { parse } from '../../language/src/syntax/parser.ts';
import { buildDocument, Workspace } from '../../language/src/workspace/workspace.ts';
import type { PersonDecl } from '../../language/src/ast/ast.ts';
import { BASE, brief, checkFiles, findingsOf } from '../../language/src/testing/index.ts';
import { id, rangeMismatches, rangeOf, st, str, strip } from './helpers.ts';

const NAMES: Array<[script: string, name: string]> = [
  ['Chinese', '张伟'],
  ['Arabic', 'أمينة'],
  ['Arabic with vowel marks', 'أَمِينَة'],
  ['French with a hyphen', 'Jean-François'],
  ['French, precomposed É', 'Élodie'],
  ['French, E + combining acute', 'E\u0301lodie'],
  ['Cyrillic', 'Ольга'],
  ['Greek', 'Ζωή'],
  ['Hebrew', 'יעל'],
  ['Devanagari (virama, vowel signs)', 'प्रिया'],
  ['Thai', 'สมชาย'],
  ['Korean', '김민준'],
  ['Vietnamese (stacked diacritics)', 'Nguyễn'],
  ['Polish', 'Łukasz'],
  ['German', 'Weiß'],
  ['Japanese (kana and kanji)', 'さくら山田'],
  ['astral CJK', '𠀀𠀁'],
];

describe('names in any script', () => {
  for (const [script, name] of NAMES) {
    it(`reads a ${script} name as one identifier and keeps it as written`, () => {
      const text = `person ${name} "${name}" { holds P-${name} }\n`;
      const file = parse('u', text);
      expect(file.problems).toEqual([]);
      expect(rangeMismatches(file)).toEqual([]);
      // A name means its NFC form (the same for every name here but the decomposed one); a title stays as written.
      const named = (n: string) => ({ ...id(n), text: n.normalize('NFC') });
      expect(strip(file.statements)).toEqual([st('person', [named(name), str(name)], [st('holds', [named(`P-${name}`)])])]);
      expect(file.statements[0]!.values[0]!.range).toEqual(rangeOf(text, name));
    });
  }

  it('reads names mixing scripts, digits and separators', () => {
    const text = 'post 张伟-office/بعثة.2 "x"\nentity Миссия_1 "x"\n';
    expect(strip(parse('u', text).statements)).toEqual([st('post', [id('张伟-office/بعثة.2'), str('x')]), st('entity', [id('Миссия_1'), str('x')])]);
  });

  it('does not start a name with a combining mark or a digit', () => {
    const file = parse('u', 'entity \u0301A "x"\nentity Z {}\n');
    expect(file.problems.map((p) => [p.range.start.character, p.message])).toEqual([[7, "Unexpected character '\u0301'"]]);
    expect(file.statements.map((s) => s.key.text)).toEqual(['entity', 'entity']);
  });

  it('takes precomposed and decomposed spellings of a name as one name (NFC), keeping each as written', () => {
    const file = parse('u', 'x Élodie E\u0301lodie\n');
    const [a, b] = file.statements[0]!.values.map((v) => (v.kind === 'list' ? undefined : v));
    expect(a!.text).toBe('Élodie');
    expect(b!.text).toBe('Élodie');
    expect([a!.raw, b!.raw]).toEqual(['Élodie', 'E\u0301lodie']);
  });
});

describe('strings in any script', () => {
  it('keeps titles and messages in any script exactly, escapes included', () => {
    const titles = ['张伟', 'أمينة الحداد', 'Jean-François Dubois', 'Élodie Côté-Lefèvre', 'Ольга Петрова', 'Nguyễn Thị Minh Khai', 'E\u0301lodie', '😀 «guillemets» “quotes” – dash', 'tab\there'];
    for (const t of titles) {
      const raw = `"${t.replace(/\t/g, '\\t')}"`;
      const file = parse('u', `vendor v ${raw}\n`);
      expect(file.problems).toEqual([]);
      expect(file.statements[0]!.values[1]).toMatchObject({ kind: 'string', text: t, raw });
    }
  });

  it('gives the person’s full name in any script to the AST', () => {
    const doc = buildDocument('u', 'person amina "أمينة الحداد" { holds MSN-HOM }\nperson zw "张伟" {}\nperson ef "Élodie Côté" {}\n');
    expect(doc.problems).toEqual([]);
    expect(doc.ast.decls.map((d) => [d.name, d.title])).toEqual([
      ['amina', 'أمينة الحداد'],
      ['zw', '张伟'],
      ['ef', 'Élodie Côté'],
    ]);
  });

  it('accepts right-to-left text mixed with numbers and punctuation in strings', () => {
    const file = parse('u', 'report "تقرير شهري (2025)، القسم ٣" to UNHQ every month\n');
    expect(file.problems).toEqual([]);
    expect(file.statements[0]!.values[0]).toMatchObject({ kind: 'string', text: 'تقرير شهري (2025)، القسم ٣' });
  });
});

const PEOPLE = `person أمينة "أمينة الحداد" {
  holds MSN-CPO from 2024-01-01
  training proc-fundamentals completed 2024-02-01
}
person 张伟 "张伟" { holds MSN-PO from 2024-01-01 }
person Jean-François "Jean-François Martin" { holds MSN-FA from 2024-01-01 }
person Élodie "Élodie Côté" { holds OVS-AUD from 2024-01-01 }
person Ольга "Ольга Петрова" { holds MSN-DMS from 2024-01-01 }
`;

const INSTRUMENTS = `delegation D1 "Procurement, Test Mission" {
  to MSN-HOM
  area procurement
  authority procurement/award-contract limit USD 1,000,000
  valid from 2024-01-01 to 2026-12-31
  may-sub-delegate
  report "Use of procurement authority" to UNHQ every quarter
}
sub-delegation S1 "To أمينة" {
  under D1
  to أمينة
  area procurement
  authority procurement/award-contract limit USD 500,000
  valid from 2024-01-01 to 2026-12-31
  report "Awards" to MSN-HOM every month
}
`;

describe('references by names in any script, across files', () => {
  it('a person named in Arabic is found from another file, and the workspace checks clean', async () => {
    const findings = await checkFiles({ 'base.doa': BASE, 'people.doa': PEOPLE, 'instruments.doa': INSTRUMENTS });
    expect(findings.map(brief)).toEqual([]);
  });

  it('links the Arabic name to the declaration in the other file', () => {
    const ws = new Workspace([
      ['memory:///base.doa', BASE],
      ['memory:///people.doa', PEOPLE],
      ['memory:///instruments.doa', INSTRUMENTS],
    ]);
    const model = ws.getModel();
    expect(model.symbols.unresolved).toEqual([]);
    const amina = model.symbols.lookup('أمينة', 'person') as PersonDecl | undefined;
    expect(amina).toMatchObject({ kind: 'person', name: 'أمينة', title: 'أمينة الحداد', uri: 'memory:///people.doa' });
    const sites = model.symbols.referencesTo.get(amina!) ?? [];
    expect(sites.map((s) => [s.uri, s.site.role, s.site.ref.range.start.line, s.site.ref.range.start.character])).toEqual([
      ['memory:///instruments.doa', 'to', 10, 5],
    ]);
  });

  it('resolves every other script too', () => {
    const ws = new Workspace([
      ['memory:///base.doa', BASE],
      ['memory:///people.doa', PEOPLE],
    ]);
    const model = ws.getModel();
    for (const name of ['张伟', 'Jean-François', 'Élodie', 'Ольга']) {
      expect(model.symbols.lookup(name, 'person'), name).toMatchObject({ kind: 'person', name });
    }
  });

  it('a misspelt Arabic name is an unknown reference, with a suggestion in the same script', async () => {
    const misspelt = INSTRUMENTS.replace('to أمينة\n', 'to أمينه\n');
    expect(await findingsOf('unknown-reference', { 'base.doa': BASE, 'people.doa': PEOPLE, 'instruments.doa': misspelt })).toEqual([
      "instruments.doa:11:6 Unknown post or person 'أمينه'; did you mean 'أمينة'?",
    ]);
  });

  it('the base fixture’s names in other scripts (李娜, Jean-François Dubois) check clean', async () => {
    expect((await checkFiles({ 'base.doa': BASE })).map(brief)).toEqual([]);
  });
});
