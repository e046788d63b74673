// Name resolution across files: what each reference names, unresolved and ill-typed references
// with their suggestions, duplicate names, and find-references.
import { describe, expect, it } from 'vitest';
import { Workspace } from '../../language/src/index.ts';
import type { Decl, RefSite } from '../../language/src/ast/ast.ts';
import { closest } from '../../language/src/util/closest.ts';
import { SymbolTable } from '../../language/src/link/linker.ts';

function link(files: Record<string, string>) {
  const ws = new Workspace(Object.entries(files).map(([name, text]) => [`memory:///${name}`, text]));
  return { ws, model: ws.getModel(), symbols: ws.getModel().symbols };
}

const brief = (d: Decl | undefined) => d && `${d.kind} ${d.name} ${d.uri.replace('memory:///', '')}`;

describe('the symbol table', () => {
  it('resolves references across files, for the kinds each reference may name', () => {
    const { model, symbols } = link({
      'a.doa': 'entity UNHQ "HQ"\npost SG "Secretary-General" { entity UNHQ; grade USG; root }',
      'b.doa': 'person p "P" { holds SG from 2020-01-01 }\ndelegation D { to p; authority x/y; valid from 2024-01-01 }',
    });
    const person = model.persons[0]!;
    expect(brief(symbols.resolve(person.holds[0]!.post, 'post'))).toBe('post SG a.doa');
    expect(symbols.resolve(person.holds[0]!.post, 'entity')).toBeUndefined();
    expect(brief(model.delegateOf(model.instruments[0]!))).toBe('person p b.doa');
    expect(symbols.unresolved.map((u) => [u.site.ref.name, u.site.role])).toEqual([['x/y', 'authority']]);
  });

  it('takes a name typed with a combining mark and the same name typed precomposed as one name (NFC)', () => {
    const composed = 'fran\u00e7ois';
    const decomposed = 'franc\u0327ois';
    const { model, symbols, ws } = link({
      'a.doa': `post ${composed} "Finance officer" { grade P-3 }`,
      'b.doa': `person p "P" { holds ${decomposed} from 2020-01-01 }`,
    });
    expect(symbols.unresolved).toEqual([]);
    expect(brief(symbols.resolve(model.persons[0]!.holds[0]!.post, 'post'))).toBe(`post ${composed} a.doa`);
    // The text as written is kept for the formatter: only what the name means is normalised.
    const [statement] = ws.get('memory:///b.doa')!.syntax.statements;
    const holds = statement!.body!.statements[0]!.values[0]!;
    expect(holds.kind === 'ident' && [holds.text, holds.raw]).toEqual([composed, decomposed]);
  });

  it('keeps the answers of each workspace version when versions share the AST of a file', () => {
    // Editing one file re-links the others' ASTs unchanged: a new table must not change what an
    // older one (still answering a request) says a shared reference names.
    const people = 'person p "P" { holds SG }';
    const v1 = link({ 'a.doa': 'post SG "SG" { grade USG; root }', 'b.doa': people });
    const shared = v1.ws.documents.find((d) => d.uri.endsWith('b.doa'))!;
    const v2 = new SymbolTable([{ uri: 'memory:///c.doa', decls: [], rates: [], refs: [] }, shared.ast]);
    const holding = v1.model.persons[0]!.holds[0]!.post;
    expect(v2.unresolved.map((u) => u.site.ref.name)).toEqual(['SG']);
    expect(brief(v1.symbols.resolve(holding, 'post'))).toBe('post SG a.doa');
    expect(v2.resolve(holding, 'post')).toBeUndefined();
    // The newer table, which found nothing, holds on to no older table through the shared site.
    expect((holding as RefSite).linkedBy).toBeUndefined();
    // And the other way round: the older table links again, the newer one still has no SG.
    const v3 = new SymbolTable(v1.ws.documents.map((d) => d.ast));
    expect(brief(v3.resolve(holding, 'post'))).toBe('post SG a.doa');
    expect(v2.resolve(holding, 'post')).toBeUndefined();
    expect(brief(v1.symbols.resolve(holding, 'post'))).toBe('post SG a.doa');
  });

  it('answers a name declared twice with the first declaration of the kinds asked for', () => {
    const { model, symbols } = link({
      'a.doa': 'entity X "an entity"\npost X "a post" { entity X; grade P-4 }\nperson p "P" { holds X }',
    });
    const holding = model.persons[0]!.holds[0]!.post;
    // The site expects a post: it names the post, though the entity comes first.
    expect(brief(symbols.resolve(holding, 'post'))).toBe('post X a.doa');
    // Asked for other kinds, the same reference names what a lookup by name finds.
    expect(brief(symbols.resolve(holding, 'entity', 'post'))).toBe('entity X a.doa');
    expect(brief(symbols.resolve(holding, 'entity'))).toBe('entity X a.doa');
    expect(symbols.duplicates.map((d) => [brief(d.decl), brief(d.first)])).toEqual([['post X a.doa', 'entity X a.doa']]);
    expect(symbols.unresolved).toEqual([]);
  });

  it('keeps every declaration of a name declared three times, in order', () => {
    const { model, symbols } = link({
      'a.doa': 'entity X "an entity"\npost X "a post" { entity X; grade P-4 }\nperson X "P" { holds X }\nperson q "Q" { holds X }',
    });
    expect(symbols.duplicates.map((d) => [brief(d.decl), brief(d.first)])).toEqual([
      ['post X a.doa', 'entity X a.doa'],
      ['person X a.doa', 'entity X a.doa'],
    ]);
    expect([...symbols.all()].map(([name, decls]) => [name, decls.map(brief)])).toEqual([
      ['X', ['entity X a.doa', 'post X a.doa', 'person X a.doa']],
      ['q', ['person q a.doa']],
    ]);
    expect(brief(symbols.lookup('X', 'person'))).toBe('person X a.doa');
    expect(brief(symbols.resolve(model.persons[1]!.holds[0]!.post, 'post'))).toBe('post X a.doa');
    expect(symbols.lookup('X', 'training')).toBeUndefined();
  });

  it('resolves references that are not reference sites of the workspace by name', () => {
    const { symbols } = link({ 'a.doa': 'entity UNHQ "HQ"' });
    const ref = { name: 'UNHQ', range: { start: { line: 0, character: 0, offset: 0 }, end: { line: 0, character: 4, offset: 4 } } };
    expect(brief(symbols.resolve(ref, 'entity'))).toBe('entity UNHQ a.doa');
    expect(symbols.resolve(ref, 'post')).toBeUndefined();
    expect(symbols.resolve(undefined, 'post')).toBeUndefined();
  });

  it('records the kind found for an ill-typed reference and a suggestion for an unknown one', () => {
    const { symbols } = link({
      'a.doa': [
        'entity UNHQ "HQ"',
        'entity MISSION-ALPHA "A"',
        'post HOM "Head" { entity UNHQQ; grade D-2 }',
        'post CPO "CPO" { entity MISSION-ALPA; grade P-5 }',
        'post PO "PO" { entity HOM; grade P-3 }',
        'person p "P" { holds NOTHING-LIKE-IT }',
      ].join('\n'),
    });
    expect(symbols.unresolved.map((u) => [u.site.ref.name, u.foundKind, u.suggestion])).toEqual([
      ['UNHQQ', undefined, 'UNHQ'],
      ['MISSION-ALPA', undefined, 'MISSION-ALPHA'],
      ['HOM', 'post', undefined],
      ['NOTHING-LIKE-IT', undefined, undefined],
    ]);
  });

  it('suggests what `closest` suggests among the names of the expected kinds', () => {
    const names = ['finance', 'finances', 'fin', 'procurement', 'PROCUREMENT-X', 'hr', 'h', 'property', 'prop'];
    const { symbols } = link({ 'a.doa': names.map((n) => `area ${n} "${n}"`).join('\n') + '\nduty d "D" { area x }' });
    const declared = [...symbols.all()].map(([n]) => n);
    for (const word of ['financ', 'FINANCE', 'fi', 'procurment', 'procurement-x', 'h', 'hh', 'propert', 'zzzzzzzz', 'p']) {
      const { symbols: s } = link({ 'a.doa': names.map((n) => `area ${n} "${n}"`).join('\n') + `\nduty d "D" { area ${word} }` });
      const u = s.unresolved.find((x) => x.site.ref.name === word);
      if (declared.includes(word)) expect(u).toBeUndefined();
      else expect(u?.suggestion, word).toBe(closest(word, declared));
    }
    expect(symbols.unresolved).toHaveLength(1);
  });

  it('lists the references to each declaration, in file order', () => {
    const { ws, symbols, model } = link({
      'a.doa': 'entity UNHQ "HQ"\npost SG "SG" { entity UNHQ; grade USG; root }',
      'b.doa': 'entity M "M" { parent UNHQ; head SG }\ncommittee C "C" { entity UNHQ }',
    });
    const unhq = model.entities.find((e) => e.name === 'UNHQ')!;
    expect(symbols.referencesTo.get(unhq)!.map((r) => `${r.uri.replace('memory:///', '')} ${r.site.role} ${r.site.ref.range.start.line}`)).toEqual([
      'a.doa entity 1',
      'b.doa parent 0',
      'b.doa entity 1',
    ]);
    expect(symbols.referencesTo.get(model.posts[0]!)!.map((r) => r.site.role)).toEqual(['head']);
    expect(symbols.referencesTo).toBe(symbols.referencesTo);
    expect(ws.documents).toHaveLength(2);
  });
});
