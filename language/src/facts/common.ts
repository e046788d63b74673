// Pieces shared by the fact builders: locations, chains and the summary of a party (a delegate or
// a delegator) as plain JSON.
import type { Decl, InstrumentDecl, PersonDecl, PostDecl, Ref } from '../ast/ast.ts';
import type { ChainLink, Location } from '../check/types.ts';
import type { WorkspaceModel } from '../model/model.ts';
import type { Range } from '../syntax/syntax-tree.ts';

export function locationOf(decl: Decl): Location {
  return { uri: decl.uri, range: decl.nameRange };
}

export function at(uri: string, range: Range | undefined): Location | undefined {
  return range ? { uri, range } : undefined;
}

export function refLocation(uri: string, ref: Ref | undefined): Location | undefined {
  return ref ? { uri, range: ref.range } : undefined;
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
  if (!party) return computePartyFacts(model, party, date);
  return model.memo('partyFacts', date, party, () => computePartyFacts(model, party, date));
}

function computePartyFacts(model: WorkspaceModel, party: PostDecl | PersonDecl | undefined, date: string): PartyFacts {
  const posts = model.delegatePosts(party, date);
  const entities = unique(posts.map((p) => model.entityOfPost(p)).filter((e) => e !== undefined));
  const lines = unique(entities.map((e) => model.lineOf(e)).filter((l): l is 1 | 2 | 3 => l !== undefined));
  return {
    kind: party ? party.kind : null,
    name: party?.name ?? null,
    posts: posts.map((p) => p.name),
    grades: unique(posts.map((p) => p.grade?.value).filter((g): g is NonNullable<typeof g> => !!g)),
    grade: model.highestGrade(posts),
    functions: unique(posts.flatMap((p) => p.functions.map((f) => f.name))),
    entities: entities.map((e) => e.name),
    entity: entities[0]?.name ?? null,
    lines,
    line: lines[0] ?? null,
    persons: model.delegatePersons(party, date).map((p) => p.name),
    isRoot: posts.some((p) => p.root),
  };
}

export function rootParty(model: WorkspaceModel): PartyFacts {
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
