// Facts about delegation instruments: one `instrument` subject per instrument, one `grant` subject
// per authority an instrument grants, and one `holding` subject per person exercising an instrument
// in force on the check date. One pass over the instruments builds the families asked for; what
// several subjects share (a parent's facts, an authority's review threshold, a person's facts on
// the date) is built once and shared, and places and message texts wait for a finding.
import type { AuthorityDecl, InstrumentDecl, PersonDecl, PostDecl } from '../ast/ast.ts';
import type { ChainLink, RelatedLocation } from '../check/types.ts';
import type { ChainInfo, WorkspaceModel } from '../model/model.ts';
import { chainInForce } from '../model/model.ts';
import type { PartyFacts } from './common.ts';
import { at, chainOf, locationOf, partyFactsIn, partyFactsTable, refLocation, rootParty } from './common.ts';
import { DeferredSubject, type SubjectPlaces } from './subject.ts';
import type { SubjectSink } from './build.ts';
import { grantSubject, GrantFactsBuilder } from './grant-facts.ts';
import { holdingSubjects, HoldingFactsBuilder } from './holding-facts.ts';
import { findDuplicates } from './duplicates.ts';

/** The families of this module a check needs. */
export interface InstrumentFamilies {
  instrument: boolean;
  grant: boolean;
  holding: boolean;
}

/**
 * What the subjects of one instrument share: the instrument, its parent and, worked out on first
 * read (that is, for a finding), its chain and the related locations every finding about it cites.
 */
export class InstrumentScope {
  private chainLinks: ChainLink[] | undefined = undefined;
  private relatedLocations: RelatedLocation[] | undefined = undefined;

  constructor(
    readonly model: WorkspaceModel,
    readonly instrument: InstrumentDecl,
    readonly parent: InstrumentDecl | undefined,
    private readonly duplicates: () => ReadonlyMap<InstrumentDecl, InstrumentDecl>,
  ) {}

  get chain(): ChainLink[] {
    return (this.chainLinks ??= chainOf(this.model, this.instrument));
  }

  /** The parent, the instrument this one duplicates and a revoked ancestor, as related locations. */
  get related(): RelatedLocation[] {
    if (this.relatedLocations) return this.relatedLocations;
    const related: RelatedLocation[] = [];
    const { parent } = this;
    if (parent) related.push({ ...locationOf(parent), message: `parent instrument ${parent.name}` });
    const duplicate = this.duplicates().get(this.instrument);
    if (duplicate) related.push({ ...locationOf(duplicate), message: `first granted by ${duplicate.name}` });
    const revoked = this.model.chainInfo(this.instrument).revokedAncestor;
    if (revoked) related.push({ ...locationOf(revoked), message: `${revoked.name} revoked on ${revoked.revocation!.date.value}` });
    return (this.relatedLocations = related);
  }
}

/** The facts of an instrument that no rule condition reads: `complete()` adds them for messages. */
export const INSTRUMENT_DETAILS = ['$.parent.eligibilityText'] as const;

class InstrumentSubject extends DeferredSubject {
  get family() {
    return 'instrument' as const;
  }

  constructor(
    facts: Record<string, unknown>,
    private readonly scope: InstrumentScope,
  ) {
    super(facts);
  }

  get id(): string {
    return this.scope.instrument.name;
  }

  protected override addDetails(): void {
    const parent = this.scope.parent;
    const facts = (this.facts['instrument'] as { parent: ParentFacts | null }).parent;
    // Shared by the parent's sub-delegations: the first of them completed fills it in for all.
    if (parent && facts && facts.eligibilityText === undefined) facts.eligibilityText = parent.subDelegation ? describeEligibility(parent) : null;
  }

  protected findPlaces(): SubjectPlaces {
    const i = this.scope.instrument;
    return {
      location: locationOf(i),
      anchors: {
        body: at(i.uri, i.range),
        validity: at(i.uri, i.validity),
        validTo: at(i.uri, i.validTo?.range),
        validFrom: at(i.uri, i.validFrom?.range),
        delegate: refLocation(i.uri, i.delegate),
        parent: refLocation(i.uri, i.parent),
        revocation: at(i.uri, i.revocation?.range),
      },
      chain: this.scope.chain,
      related: this.scope.related,
    };
  }
}

/** What the subjects of one build share: authorities by name, areas and parents' facts by instrument. */
export class InstrumentFactsContext {
  private readonly authorities = new Map<string, AuthorityDecl | null>();
  private readonly parents = new Map<InstrumentDecl, ParentFacts>();
  private readonly entities = new Map<InstrumentDecl, string | null>();
  // Looked up once per build, not once per party: a build asks it of every instrument and holder.
  private readonly parties: Map<object, PartyFacts>;

  constructor(
    readonly model: WorkspaceModel,
    readonly asOf: string,
  ) {
    this.parties = partyFactsTable(model, asOf);
  }

  /** A delegate's or a person's facts on the check date (`partyFacts`). */
  party(party: PostDecl | PersonDecl | undefined): PartyFacts {
    return partyFactsIn(this.parties, this.model, party, this.asOf);
  }

  /**
   * The name of an instrument's entity on the check date: that of its chain's root, worked out once
   * per root (most instruments of an entity hang below one delegation).
   */
  entityOf(i: InstrumentDecl, root: InstrumentDecl | undefined): string | null {
    if (!root) return null;
    let entity = this.entities.get(root);
    if (entity === undefined) this.entities.set(root, (entity = this.model.entityOfInstrument(i, this.asOf)?.name ?? null));
    return entity;
  }

  /** The authority a grant names, resolved once per name. */
  authority(name: string): AuthorityDecl | undefined {
    let a = this.authorities.get(name);
    if (a === undefined) this.authorities.set(name, (a = this.model.symbols.lookup(name, 'authority') ?? null));
    return a ?? undefined;
  }

  /**
   * An instrument's functional area: its own, else that of the authority it grants first. Not kept:
   * a build asks it once of each instrument and once of each parent (whose facts are kept).
   */
  areaOf(i: InstrumentDecl): string | null {
    if (i.area) return i.area.name;
    const first = i.grants[0];
    return first ? (this.authority(first.authority.name)?.area ?? null) : null;
  }

  /** The `parent` facts of an instrument's sub-delegations: one object per parent, shared. */
  parentFacts(parent: InstrumentDecl): ParentFacts {
    let facts = this.parents.get(parent);
    if (facts) return facts;
    const e = parent.subDelegation;
    facts = {
      name: parent.name,
      area: this.areaOf(parent),
      validFrom: parent.validFrom?.value ?? null,
      validTo: parent.validTo?.value ?? null,
      validToText: parent.validTo?.value ?? OPEN_ENDED,
      revokedOn: parent.revocation?.date.value ?? null,
      allowsSubDelegation: !!e,
      eligibleGrades: e?.grades ?? [],
      eligiblePosts: e?.posts.map((p) => p.name) ?? [],
      eligibleFunctions: e?.functions.map((f) => f.name) ?? [],
      // Only messages read it: `complete()` of a sub-delegation's subject fills it in (`INSTRUMENT_DETAILS`).
      eligibilityText: undefined,
      authorities: parent.grants.map((g) => g.authority.name),
    };
    this.parents.set(parent, facts);
    return facts;
  }
}

export interface ParentFacts {
  name: string;
  area: string | null;
  validFrom: string | null;
  validTo: string | null;
  /** The end of the window for messages: the date, or "open-ended". */
  validToText: string;
  revokedOn: string | null;
  allowsSubDelegation: boolean;
  eligibleGrades: string[];
  eligiblePosts: string[];
  eligibleFunctions: string[];
  /** `undefined` until a subject of a child is completed: then the eligibility in words, or null. */
  eligibilityText: string | null | undefined;
  authorities: string[];
}

/**
 * The instrument being built and what its grants and holdings share of its facts. One cursor
 * serves a whole build, moved from instrument to instrument: its scope (what places are found
 * from) is made only for an instrument a subject is made of, that is, one a rule fires on.
 */
export class InstrumentCursor {
  instrument!: InstrumentDecl;
  parent: InstrumentDecl | undefined = undefined;
  area: string | null = null;
  entity: string | null = null;
  /** The authorities the instrument grants and the trainings its chain requires (holding facts). */
  authorities: string[] = [];
  requires: string[] = [];
  delegate!: PartyFacts;
  depth = 0;
  inForce = false;
  private current: InstrumentScope | undefined = undefined;

  constructor(
    readonly model: WorkspaceModel,
    private readonly duplicates: () => ReadonlyMap<InstrumentDecl, InstrumentDecl>,
  ) {}

  moveTo(i: InstrumentDecl, parent: InstrumentDecl | undefined): void {
    this.instrument = i;
    this.parent = parent;
    this.current = undefined;
  }

  /** The scope of the current instrument, made on first need and shared by its subjects. */
  scope(): InstrumentScope {
    return (this.current ??= new InstrumentScope(this.model, this.instrument, this.parent, this.duplicates));
  }
}

/** Hands the subjects of the families asked for to a sink, instrument by instrument. */
export function instrumentSubjects(model: WorkspaceModel, asOf: string, families: InstrumentFamilies, sink: SubjectSink): void {
  const context = new InstrumentFactsContext(model, asOf);
  const grantFacts = families.grant ? new GrantFactsBuilder(context) : undefined;
  const holdingFacts = families.holding ? new HoldingFactsBuilder(context) : undefined;
  // Duplicates are a fact of instruments, and a related location of every finding about one.
  let duplicates: Map<InstrumentDecl, InstrumentDecl> | undefined;
  const duplicatesOf = () => (duplicates ??= findDuplicates(model));
  const root = rootParty(model);
  const cursor = new InstrumentCursor(model, duplicatesOf);

  const instruments = model.instruments;
  for (let n = 0; n < instruments.length; n++) {
    const i = instruments[n]!;
    const parent = model.parentOf(i);
    cursor.moveTo(i, parent);
    const delegateDecl = model.delegateOf(i);
    const delegate = context.party(delegateDecl);
    const area = context.areaOf(i);
    const { chain: ancestors, cycle } = model.ancestry(i);
    const entity = context.entityOf(i, ancestors[0]);
    const info = model.chainInfo(i);
    const inForce = chainInForce(info, asOf);
    const depth = ancestors.length;
    const authorities = i.grants.map((g) => g.authority.name);

    if (families.instrument) {
      const delegator = parent ? context.party(model.delegateOf(parent)) : i.kind === 'delegation' ? root : null;
      const eligible = eligibleThroughOnePost(model, parent, delegateDecl, asOf);
      // A delegation goes from the root to a head of entity: through a head post the delegate holds on the date.
      const toHead = i.kind !== 'delegation' || !delegateDecl || model.delegatePosts(delegateDecl, asOf).some((p) => model.isHeadPost(p));
      const facts = instrumentFacts(model, i, parent, info, { delegate, delegator, area, entity, inForce, depth, cycle, authorities, ancestors, eligible, toHead }, context, duplicatesOf().get(i));
      const almanac = { instrument: facts, asOf };
      if (sink.wants('instrument', almanac)) sink.visit(new InstrumentSubject(almanac, cursor.scope()));
    }
    cursor.area = area;
    cursor.entity = entity;
    if (grantFacts) {
      cursor.delegate = delegate;
      cursor.depth = depth;
      cursor.inForce = inForce;
      for (let k = 0; k < i.grants.length; k++) grantSubject(grantFacts, cursor, i.grants[k]!, sink);
    }
    if (holdingFacts && inForce) {
      cursor.authorities = authorities;
      cursor.requires = info.requires;
      holdingSubjects(holdingFacts, cursor, delegateDecl, sink);
    }
  }
}

interface InstrumentShared {
  delegate: PartyFacts;
  delegator: PartyFacts | null;
  area: string | null;
  entity: string | null;
  inForce: boolean;
  depth: number;
  cycle: boolean;
  authorities: string[];
  ancestors: InstrumentDecl[];
  /** The delegate meets the parent's sub-delegation conditions through one post (`eligibleThroughOnePost`). */
  eligible: boolean;
  /** For a delegation: the delegate is, or holds on the date, the post of a head of entity (true for sub-delegations). */
  toHead: boolean;
}

function instrumentFacts(
  model: WorkspaceModel,
  i: InstrumentDecl,
  parent: InstrumentDecl | undefined,
  info: ChainInfo,
  s: InstrumentShared,
  context: InstrumentFactsContext,
  duplicate: InstrumentDecl | undefined,
) {
  const { delegate, delegator, ancestors, cycle } = s;
  const revokedAncestor = info.revokedAncestor;
  // Between two posts only the posts count: one person acting in both on a date does not make the instrument circular.
  const sharesPerson = !!delegator && (delegate.kind === 'person' || delegator.kind === 'person') && sharesAny(delegate.persons, delegator.persons);
  const samePost = !!delegator && delegate.kind === 'post' && delegator.posts.includes(delegate.name ?? '');
  return {
    name: i.name,
    kind: i.kind,
    title: i.title ?? null,
    area: s.area,
    entity: s.entity,
    validFrom: i.validFrom?.value ?? null,
    validTo: i.validTo?.value ?? null,
    validToText: i.validTo?.value ?? OPEN_ENDED,
    validityBroken: !!i.validityBroken,
    rootDeclared: !!model.rootPost,
    revokedOn: i.revocation?.date.value ?? null,
    revocationReason: i.revocation?.reason?.value ?? null,
    transferredTo: i.revocation?.transferTo?.name ?? null,
    delegate,
    delegator,
    parent: parent ? context.parentFacts(parent) : null,
    depth: s.depth,
    // On the loop itself, not merely hanging below one: the loop closes on this instrument.
    inCycle: cycle && !!ancestors[0] && model.parentOf(ancestors[0]) === i,
    selfDelegation: !cycle && (delegate.isRoot || sharesPerson || samePost),
    reports: i.reports.length,
    allowsSubDelegation: !!i.subDelegation,
    delegateEligible: s.eligible,
    delegateIsHead: s.toHead,
    requires: info.requires,
    ancestorRevocation: revokedAncestor ? { name: revokedAncestor.name, date: revokedAncestor.revocation!.date.value } : null,
    duplicateOf: duplicate?.name ?? null,
    authorities: s.authorities,
    inForce: s.inForce,
  };
}

/**
 * Whether the delegate meets the parent's `may-sub-delegate` conditions through one of the posts it
 * acts through on the date: every condition given (grades, posts, functions) by the same post. A
 * person holding a senior finance post and a junior procurement post does not qualify for
 * "P-4 and above; functions procurement", though their grades and functions, pooled, would.
 * True when the parent sets no condition or allows no sub-delegation (another rule's matter).
 */
function eligibleThroughOnePost(model: WorkspaceModel, parent: InstrumentDecl | undefined, delegate: PostDecl | PersonDecl | undefined, date: string): boolean {
  const e = parent?.subDelegation;
  if (!e || (!e.grades.length && !e.posts.length && !e.functions.length)) return true;
  for (const post of model.delegatePosts(delegate, date)) {
    const grade = post.grade?.value;
    if (e.grades.length && !(grade && (e.grades as string[]).includes(grade))) continue;
    if (e.posts.length && !e.posts.some((r) => r.name === post.name)) continue;
    if (e.functions.length && !post.functions.some((f) => e.functions.some((g) => g.name === f.name))) continue;
    return true;
  }
  return false;
}

/** How messages name the end of a window that has none. */
const OPEN_ENDED = 'open-ended';

function sharesAny(a: readonly string[], b: readonly string[]): boolean {
  for (let k = 0; k < a.length; k++) if (b.includes(a[k]!)) return true;
  return false;
}

function describeEligibility(i: InstrumentDecl): string {
  const e = i.subDelegation!;
  const parts: string[] = [];
  if (e.grades.length) parts.push(`grades ${e.gradesText ?? e.grades.join(', ')}`);
  if (e.posts.length) parts.push(`posts ${e.posts.map((p) => p.name).join(', ')}`);
  if (e.functions.length) parts.push(`functions ${e.functions.map((f) => f.name).join(', ')}`);
  return parts.length ? parts.join('; ') : 'anyone';
}
