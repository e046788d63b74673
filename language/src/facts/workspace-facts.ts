// Facts that span the workspace: duties held together (segregation of duties), holders of each
// authority per entity (exclusivity and gaps), people (for workspace rules), unresolved references
// and duplicate names.
import type { EntityDecl, InstrumentDecl, PersonDecl } from '../ast/ast.ts';
import type { RelatedLocation, Subject } from '../check/types.ts';
import type { WorkspaceModel } from '../model/model.ts';
import { withinWindow } from '../values/dates.ts';
import { grantIndex, locationOf, personOnDate, personOnDateTable, personPostsFacts, unique } from './common.ts';
import { DeferredSubject, type SubjectPlaces } from './subject.ts';
import type { SubjectSink } from './build.ts';
import { none } from '../util/exact.ts';

/**
 * One `duties` subject per person and scope: the duties that apply there on the check date.
 * Scope `any` gathers all of a person's duties; `account` one group per account, where duties with
 * no account (entity-wide or unscoped) apply to every account; `entity` one group per entity.
 */
export function dutySubjects(model: WorkspaceModel, asOf: string): Subject[] {
  const out: Subject[] = [];
  const persons = model.persons;
  // An indexed loop, and no list made for a person with fewer than two duties (most people): this
  // runs once per check, cold, over every person.
  for (let n = 0; n < persons.length; n++) {
    const person = persons[n]!;
    if (person.duties.length < 2) continue;
    const active = person.duties.filter((d) => withinWindow(asOf, d.from?.value, d.to?.value));
    if (active.length < 2) continue;
    const homeEntity = personPostsFacts(model, person, asOf).entity;
    const groups = new Map<string, { scopeKind: 'any' | 'account' | 'entity'; scope: string; duties: typeof active }>();
    const add = (scopeKind: 'any' | 'account' | 'entity', scope: string, d: (typeof active)[number]) => {
      const key = `${scopeKind}:${scope}`;
      let g = groups.get(key);
      if (!g) groups.set(key, (g = { scopeKind, scope, duties: [] }));
      g.duties.push(d);
    };
    const accounts = unique(active.flatMap((d) => (d.scope?.kind === 'account' ? [d.scope.value] : [])));
    for (const d of active) {
      add('any', 'anywhere', d);
      const entity = d.scope?.kind === 'entity' ? d.scope.value : (homeEntity ?? 'unknown entity');
      add('entity', entity, d);
      if (d.scope?.kind === 'account') add('account', d.scope.value, d);
      else for (const a of accounts.length ? accounts : ['every account']) add('account', a, d);
    }
    for (const g of groups.values()) {
      if (g.duties.length < 2) continue;
      const last = g.duties.reduce((a, b) => (b.range.start.offset > a.range.start.offset ? b : a));
      out.push({
        family: 'duties',
        id: `${person.name}/${g.scopeKind}:${g.scope}`,
        facts: {
          duties: {
            person: person.name,
            personTitle: person.title ?? person.name,
            scopeKind: g.scopeKind,
            scope: g.scope,
            scopeText: scopeText(g.scopeKind, g.scope),
            duties: unique(g.duties.map((d) => d.duty.name)),
          },
          asOf,
        },
        location: { uri: person.uri, range: last.range },
        anchors: Object.fromEntries(g.duties.map((d) => [`duty:${d.duty.name}`, { uri: person.uri, range: d.range }])),
        chain: [],
        related: g.duties.map((d) => ({ uri: person.uri, range: d.range, message: `${d.duty.name}${d.scope ? ` for ${d.scope.kind} ${d.scope.value}` : ''}` })),
      });
    }
  }
  return out;
}

/** Where duties clash, as a phrase for messages: `on account 10UNA`, `on every account`, `in MSN`. */
function scopeText(kind: 'any' | 'account' | 'entity', scope: string): string {
  if (kind === 'any') return 'at the same time';
  if (kind === 'entity') return `in ${scope}`;
  return scope === 'every account' ? 'on every account' : `on account ${scope}`;
}

/**
 * One `entityAuthority` subject per entity and required or exclusive authority. Holders are the
 * instruments in force that grant it within the entity; a holder whose sub-delegate also holds it is
 * one line of authority (delegating does not divest), so `lines` counts the ends of those lines.
 */
export function entityAuthoritySubjects(model: WorkspaceModel, asOf: string): Subject[] {
  const out: Subject[] = [];
  const controlled = model.authorities.filter((a) => a.required || a.exclusive);
  if (!controlled.length) return out;
  const controlledNames = new Set(controlled.map((a) => a.name));
  // Entities headed by a delegation in force, and instruments in force by the controlled
  // authorities they grant: one pass over the instruments, not one per authority.
  const headed: EntityDecl[] = [];
  const grantingByAuthority = new Map<string, InstrumentDecl[]>();
  const instruments = model.instruments;
  for (let n = 0; n < instruments.length; n++) {
    const i = instruments[n]!;
    if (!model.inForce(i, asOf)) continue;
    if (i.kind === 'delegation') {
      const entity = model.entityOfInstrument(i, asOf);
      if (entity !== undefined) headed.push(entity);
    }
    for (let k = 0; k < i.grants.length; k++) {
      const name = i.grants[k]!.authority.name;
      // An authority granted twice by one instrument makes it one holder.
      if (!controlledNames.has(name) || grantIndex(i, name, k) >= 0) continue;
      let list = grantingByAuthority.get(name);
      if (!list) grantingByAuthority.set(name, (list = []));
      list.push(i);
    }
  }
  const headedEntities = unique(headed);
  for (const authority of controlled) {
    const granting = grantingByAuthority.get(authority.name) ?? [];
    const byEntity = new Map<string, typeof granting>();
    for (const i of granting) {
      const e = model.entityOfInstrument(i, asOf)?.name;
      if (!e) continue;
      let list = byEntity.get(e);
      if (!list) byEntity.set(e, (list = []));
      list.push(i);
    }
    const scope = new Set<string>(byEntity.keys());
    if (authority.required) {
      const required = authority.requiredIn.length ? authority.requiredIn.map((r) => r.name) : headedEntities.map((e) => e.name);
      for (const e of required) scope.add(e);
    }
    for (const entityName of scope) {
      const entity = model.symbols.lookup(entityName, 'entity');
      const holders = byEntity.get(entityName) ?? [];
      const lines = endsOfLines(model, holders);
      const related: RelatedLocation[] = lines.map((l) => ({ ...locationOf(l), message: `${l.name} grants ${authority.name}` }));
      related.push({ ...locationOf(authority), message: `${authority.name} is ${[authority.exclusive && 'exclusive', authority.required && 'required'].filter(Boolean).join(' and ')}` });
      const lastLine = lines.at(-1);
      out.push({
        family: 'entityAuthority',
        id: `${entityName}/${authority.name}`,
        facts: {
          entityAuthority: {
            entity: entityName,
            entityTitle: entity?.title ?? entityName,
            authority: authority.name,
            required: authority.required && (authority.requiredIn.length === 0 || authority.requiredIn.some((r) => r.name === entityName)),
            requiredIn: authority.requiredIn.length ? authority.requiredIn.map((r) => r.name).join(', ') : 'every entity with delegated authority',
            exclusive: authority.exclusive,
            holders: holders.map((h) => h.name),
            lines: lines.map((l) => l.name),
            lineCount: lines.length,
          },
          asOf,
        },
        location: lastLine && lines.length > 1 ? locationOf(lastLine) : entity ? locationOf(entity) : locationOf(authority),
        anchors: { authority: locationOf(authority) },
        chain: [],
        related,
      });
    }
  }
  return out;
}

/** How far below a holder another holder still makes them one line (a guard kept from the walk down). */
const LINE_REACH = 66;

/** The holders with no other holder below them: the ends of the lines of authority. */
function endsOfLines(model: WorkspaceModel, holders: InstrumentDecl[]): InstrumentDecl[] {
  if (holders.length < 2) return holders.slice();
  const holderSet = new Set(holders);
  const above = new Set<InstrumentDecl>();
  // Walk up from each holder instead of down from each: chains are short, subtrees are not.
  for (const h of holders) {
    const chain = model.ancestry(h).chain;
    for (let k = chain.length - 2, reach = 1; k >= 0 && reach <= LINE_REACH; k--, reach++) {
      if (holderSet.has(chain[k]!)) above.add(chain[k]!);
    }
  }
  return holders.filter((h) => !above.has(h));
}

/** Offers a sink one `person` subject per person: only a subject it wants is made. */
export function personSubjects(model: WorkspaceModel, asOf: string, sink: SubjectSink): void {
  const persons = model.persons;
  // What the holdings' facts already worked out of each person, or is kept for them.
  const table = personOnDateTable(model, asOf);
  for (let n = 0; n < persons.length; n++) {
    const person = persons[n]!;
    const on = personOnDate(table, model, person, asOf);
    const party = on.through;
    const facts = {
      person: {
        name: person.name,
        title: person.title ?? null,
        posts: party.posts,
        grade: party.grade,
        grades: party.grades,
        functions: party.functions,
        entity: party.entity,
        line: party.line,
        trainings: on.trainingsValid,
        duties: dutiesOn(person, asOf),
        interests: person.interests.length,
      },
      asOf,
    };
    if (sink.wants('person', facts)) sink.visit(new PersonSubject(facts, person));
  }
}


/** The duties a person performs on a date, without repeats. */
function dutiesOn(person: PersonDecl, date: string): string[] {
  const duties = person.duties;
  // A loop rather than filter, map and a set: asked of every person, most of whom perform one duty.
  let names: string[] | undefined;
  for (let k = 0; k < duties.length; k++) {
    const d = duties[k]!;
    if (!withinWindow(date, d.from?.value, d.to?.value)) continue;
    const name = d.duty.name;
    if (!names) names = [name];
    else if (!names.includes(name)) names.push(name);
  }
  return names ?? none<string>();
}

class PersonSubject extends DeferredSubject {
  get family() {
    return 'person' as const;
  }

  constructor(
    facts: Record<string, unknown>,
    private readonly person: PersonDecl,
  ) {
    super(facts);
  }

  get id(): string {
    return this.person.name;
  }

  protected findPlaces(): SubjectPlaces {
    return { location: locationOf(this.person), anchors: {}, chain: [], related: [] };
  }
}

const KIND_WORDS: Record<string, string> = {
  'sub-delegation': 'sub-delegation',
  delegation: 'delegation',
  authority: 'authority',
  entity: 'entity',
  post: 'post',
  person: 'person',
};

function withArticle(word: string): string {
  return /^[aeiou]/.test(word) ? `an ${word}` : `a ${word}`;
}

export function referenceSubjects(model: WorkspaceModel): Subject[] {
  return model.symbols.unresolved.map((u) => ({
    family: 'reference',
    id: `${u.uri}:${u.site.ref.range.start.offset}`,
    facts: {
      reference: {
        name: u.site.ref.name,
        role: u.site.role,
        expected: u.site.kinds,
        expectedText: u.site.kinds.map((k) => KIND_WORDS[k] ?? k).join(' or '),
        expectedWithArticle: u.site.kinds.map((k) => withArticle(KIND_WORDS[k] ?? k)).join(' or '),
        foundKind: u.foundKind ?? null,
        foundKindText: u.foundKind ? withArticle(KIND_WORDS[u.foundKind] ?? u.foundKind) : null,
        suggestion: u.suggestion ?? null,
        suggestionText: u.suggestion ? `; did you mean '${u.suggestion}'?` : '',
        resolved: false,
      },
    },
    location: { uri: u.uri, range: u.site.ref.range },
    anchors: {},
    chain: [],
    related: [],
  }));
}

export function declarationSubjects(model: WorkspaceModel): Subject[] {
  const duplicates = model.symbols.duplicates.map((d): Subject => ({
    family: 'declaration',
    id: `${d.decl.uri}:${d.decl.nameRange.start.offset}`,
    facts: {
      declaration: { name: d.decl.name, kind: d.decl.kind, firstKind: d.first.kind, firstKindText: withArticle(d.first.kind), duplicate: true },
    },
    location: locationOf(d.decl),
    anchors: {},
    chain: [],
    related: [{ ...locationOf(d.first), message: `${d.first.name} is first declared here` }],
  }));
  // Every post marked `root` after the first: there is one root of authority (the Secretary-General).
  const first = model.rootPost;
  const extraRoots = first
    ? model.posts
        .filter((p) => p.root && p !== first)
        .map((p): Subject => ({
          family: 'declaration',
          id: `${p.uri}:${p.nameRange.start.offset}:root`,
          facts: { declaration: { name: p.name, kind: p.kind, secondRoot: true, firstRoot: first.name, duplicate: false } },
          location: locationOf(p),
          anchors: {},
          chain: [],
          related: [{ ...locationOf(first), message: `${first.name} is marked root here` }],
        }))
    : [];
  return extraRoots.length ? [...duplicates, ...extraRoots] : duplicates;
}
