// Pieces shared by the fact builders: locations, chains and the summary of a party (a delegate or
// a delegator) as plain JSON.
import type { Decl, EntityDecl, InstrumentDecl, PersonDecl, PostDecl, Ref } from '../ast/ast.ts';
import { isGrade } from '../values/grades.ts';
import type { HoldingPersonFacts } from './holding-facts.ts';
import type { ChainLink, Location } from '../check/types.ts';
import type { WorkspaceModel } from '../model/model.ts';
import type { Range } from '../syntax/syntax-tree.ts';
import { exact, NONE } from '../util/exact.ts';

export function locationOf(decl: Decl): Location {
  return { uri: decl.uri, range: decl.nameRange };
}

export function at(uri: string, range: Range | undefined): Location | undefined {
  return range ? { uri, range } : undefined;
}

export function refLocation(uri: string, ref: Ref | undefined): Location | undefined {
  return ref ? { uri, range: ref.range } : undefined;
}

/**
 * Where an instrument first grants an authority (by name) among its first `end` grants, or -1: an
 * instrument grants a few authorities, so a search beats a table per instrument.
 */
export function grantIndex(i: InstrumentDecl, authority: string, end = i.grants.length): number {
  for (let k = 0; k < end; k++) if (i.grants[k]!.authority.name === authority) return k;
  return -1;
}

export function chainOf(model: WorkspaceModel, i: InstrumentDecl): ChainLink[] {
  const root: ChainLink = { name: model.rootPost?.name ?? 'root', kind: 'root', title: model.rootLabel() };
  if (model.rootPost) root.location = locationOf(model.rootPost);
  const links = model.ancestry(i).chain.map(
    (a): ChainLink => ({ name: a.name, kind: a.kind, ...(a.title ? { title: a.title } : {}), location: locationOf(a) }),
  );
  return links[0]?.kind === 'delegation' ? [root, ...links] : links;
}

/** A delegate or delegator as facts: who it is and, on the date, through which posts it acts. */
export interface PartyFacts {
  kind: 'post' | 'person' | 'root' | null;
  name: string | null;
  posts: string[];
  grades: string[];
  /** The most senior grade among its posts. */
  grade: string | null;
  functions: string[];
  entities: string[];
  entity: string | null;
  lines: number[];
  line: number | null;
  persons: string[];
  isRoot: boolean;
}

export function partyFacts(model: WorkspaceModel, party: PostDecl | PersonDecl | undefined, date: string): PartyFacts {
  if (!party) return NO_PARTY;
  return partyFactsIn(partyFactsTable(model, date), model, party, date);
}

/** The memo table of `partyFacts` on a date, for builders that ask it of every instrument or person. */
export function partyFactsTable(model: WorkspaceModel, date: string): Map<object, PartyFacts> {
  return model.memoTable<PartyFacts>('partyFacts', date);
}

/** `partyFacts` with its table looked up once by the caller (`partyFactsTable` of the same model and date). */
export function partyFactsIn(table: Map<object, PartyFacts>, model: WorkspaceModel, party: PostDecl | PersonDecl | undefined, date: string): PartyFacts {
  if (!party) return NO_PARTY;
  let facts = table.get(party);
  if (!facts) table.set(party, (facts = computePartyFacts(model, party, date)));
  return facts;
}


/** What the facts say of an unresolved delegate: nobody. */
const NO_PARTY: PartyFacts = Object.freeze({
  kind: null,
  name: null,
  posts: NONE as never[],
  grades: NONE as never[],
  grade: null,
  functions: NONE as never[],
  entities: NONE as never[],
  entity: null,
  lines: NONE as never[],
  line: null,
  persons: NONE as never[],
  isRoot: false,
});

/** What acting through a set of posts means, whoever acts: the part of `PartyFacts` posts decide. */
export type PostsFacts = Pick<PartyFacts, 'posts' | 'grades' | 'grade' | 'functions' | 'entities' | 'entity' | 'lines' | 'line' | 'isRoot'>;

function computePartyFacts(model: WorkspaceModel, party: PostDecl | PersonDecl, date: string): PartyFacts {
  if (party.kind === 'post') return postPartyFacts(model, party, date);
  const through = personPostsFacts(model, party, date);
  return {
    kind: party.kind,
    name: party.name,
    posts: through.posts,
    grades: through.grades,
    grade: through.grade,
    functions: through.functions,
    entities: through.entities,
    entity: through.entity,
    lines: through.lines,
    line: through.line,
    persons: [party.name],
    isRoot: through.isRoot,
  };
}

/**
 * What the posts a person holds on a date make of them: the part of their `PartyFacts` that the
 * facts of a person and of a holding read, without the party's own object (made only for a person
 * who is a delegate). Most people hold one post: its facts are that post's party facts on the
 * date, shared by the post as a delegate and by everyone holding it alone.
 */
export function personPostsFacts(model: WorkspaceModel, person: PersonDecl, date: string): PostsFacts {
  const only = model.onlyPostOn(person, date);
  if (only) return partyFactsIn(partyFactsTable(model, date), model, only, date);
  return model.memo('personPostsFacts', date, person, () => postsFacts(model, model.postsOf(person, date)));
}

/**
 * What the facts of a person and of their holdings read of them on a date: their posts' facts and
 * the trainings they hold valid, worked out once per person in one table (`personOnDate`), and the
 * person's holding facts once a holding builder has made them.
 */
export interface PersonOnDate {
  through: PostsFacts;
  trainingsValid: string[];
  /** Made by the holding facts' builder (`HoldingFactsBuilder.person`) on first need. */
  holding: HoldingPersonFacts | undefined;
}

/** The memo table of `personOnDate` on a date, looked up once by a builder. */
export function personOnDateTable(model: WorkspaceModel, date: string): Map<object, PersonOnDate> {
  return model.memoTable<PersonOnDate>('personOnDate', date);
}

/** What the facts read of a person on a date (`PersonOnDate`), from its table (`personOnDateTable`). */
export function personOnDate(table: Map<object, PersonOnDate>, model: WorkspaceModel, person: PersonDecl, date: string): PersonOnDate {
  let on = table.get(person);
  if (!on) table.set(person, (on = { through: personPostsFacts(model, person, date), trainingsValid: model.validTrainingsOf(person, date), holding: undefined }));
  return on;
}

/**
 * The facts of a post as a party on a date, with each list made at its size at once: every post
 * of a workspace gets these (thousands, kept for the check), and a list of one needs no search for
 * repeats. One object serves the post as a delegate and as the `PostsFacts` of the people holding
 * it alone. `test/check/party-facts.test.ts` holds them to `postsFacts` of that one post.
 */
export function postPartyFacts(model: WorkspaceModel, post: PostDecl, date: string): PartyFacts {
  // `highestGrade` of one post: its grade, unless empty.
  const grade = post.grade?.value || null;
  const entity = model.entityOfPost(post);
  const place = entity ? entityFacts(model, entity) : NO_ENTITY;
  return {
    kind: 'post',
    name: post.name,
    posts: [post.name],
    grades: grade ? gradeList(grade) : (NONE as never[]),
    grade,
    functions: functionNames(post),
    entities: place.entities,
    entity: place.entity,
    lines: place.lines,
    line: place.line,
    persons: model.holderNamesOn(post, date),
    isRoot: !!post.root,
  };
}

/**
 * What a post's facts say of its entity, the same for every post of the entity: one frozen list of
 * each kind per entity (and per grade of the scale), shared by the thousands of posts' facts that the check
 * keeps, so that each is not a list of its own for the garbage collector to copy.
 */
interface EntityFacts {
  entities: string[];
  entity: string | null;
  lines: number[];
  line: number | null;
}

const NO_ENTITY: EntityFacts = Object.freeze({ entities: NONE as never[], entity: null, lines: NONE as never[], line: null });

function entityFacts(model: WorkspaceModel, entity: EntityDecl): EntityFacts {
  const table = model.memoTable<EntityFacts>('entityFacts', '');
  let facts = table.get(entity);
  if (!facts) {
    const line = model.lineOf(entity) ?? null;
    facts = {
      entities: Object.freeze([entity.name]) as string[],
      entity: entity.name,
      lines: line !== null ? (Object.freeze([line]) as number[]) : (NONE as never[]),
      line,
    };
    table.set(entity, facts);
  }
  return facts;
}

/** The frozen list of one grade, shared: only for the grades of the scale, a set of known size. */
const GRADE_LISTS = new Map<string, string[]>();

function gradeList(grade: string): string[] {
  let grades = GRADE_LISTS.get(grade);
  if (grades) return grades;
  grades = Object.freeze([grade]) as string[];
  if (isGrade(grade)) GRADE_LISTS.set(grade, grades);
  return grades;
}

function functionNames(post: PostDecl): string[] {
  const fs = post.functions;
  if (fs.length === 0) return NONE as never[];
  if (fs.length === 1) return [fs[0]!.name];
  const names: string[] = [];
  for (let k = 0; k < fs.length; k++) if (!names.includes(fs[k]!.name)) names.push(fs[k]!.name);
  return exact(names);
}

/** What acting through these posts means (any number of them); kept for the whole check. */
export function postsFacts(model: WorkspaceModel, posts: readonly PostDecl[]): PostsFacts {
  const postNames: string[] = [];
  const grades: string[] = [];
  const functions: string[] = [];
  const entities: string[] = [];
  const lines: number[] = [];
  let isRoot = false;
  for (const p of posts) {
    postNames.push(p.name);
    const grade = p.grade?.value;
    if (grade && !grades.includes(grade)) grades.push(grade);
    for (const f of p.functions) if (!functions.includes(f.name)) functions.push(f.name);
    const entity = model.entityOfPost(p);
    if (entity && !entities.includes(entity.name)) {
      entities.push(entity.name);
      const line = model.lineOf(entity);
      if (line !== undefined && !lines.includes(line)) lines.push(line);
    }
    if (p.root) isRoot = true;
  }
  // Kept for the whole check (and shared by every party acting through these posts): at their exact sizes.
  return {
    posts: exact(postNames),
    grades: exact(grades),
    grade: model.highestGrade(posts as PostDecl[]),
    functions: exact(functions),
    entities: exact(entities),
    entity: entities[0] ?? null,
    lines: exact(lines),
    // The most independent line among the posts' entities: one post in an oversight entity makes
    // its holder oversight staff, whatever the order of their `holds` lines.
    line: lines.length ? Math.max(...lines) : null,
    isRoot,
  };
}

export function rootParty(model: WorkspaceModel): PartyFacts {
  return model.memo('rootParty', '', model, () => computeRootParty(model));
}

function computeRootParty(model: WorkspaceModel): PartyFacts {
  const root = model.rootPost;
  return {
    kind: 'root',
    name: root?.name ?? null,
    posts: root ? [root.name] : [],
    grades: root?.grade ? [root.grade.value] : [],
    grade: root?.grade?.value ?? null,
    functions: root?.functions.map((f) => f.name) ?? [],
    entities: [],
    entity: null,
    lines: [],
    line: null,
    persons: [],
    isRoot: true,
  };
}

export function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}
