// The join between transaction records and the policy, built once per audit from the model: which
// authority each step exercises, which grants could cover a person, which steps are incompatible,
// and every answer about an instrument or a person that does not depend on the date (the window in
// which a chain is in force, its revocations and inherited trainings, the entity of a chain whose
// root goes to a post, the posts a person holds and the trainings they completed, with windows).
//
// `AuditTables` is plain data (arrays, maps, strings, numbers): once built nothing in it refers to
// the model or the AST, so the workspace can be collected, and a worker thread gets its own copy by
// one structured clone instead of parsing the policy again. Dates in it are day numbers (yyyymmdd
// as an integer, which orders like the ISO text): the per-step comparisons are integer ones.
// `AuditIndex` answers the per-step questions on the tables, memoising per person and authority
// the routes by which the person may hold it.
import type { InstrumentDecl } from '../ast/ast.ts';
import type { ChainLink, Location } from '../check/types.ts';
import type { WorkspaceModel } from '../model/model.ts';
import { addMonths } from '../values/dates.ts';
import { divideCanonical, multiplyCanonical } from './fast-decimal.ts';
import type { Money } from '../values/money.ts';
import { plainRange } from '../syntax/source-range.ts';
import { convertMoney, rateInForce, type DecimalArithmetic, type RateRow } from '../values/rates.ts';
import { NONE } from '../util/exact.ts';

const FAST_DECIMALS: DecimalArithmetic = { multiply: multiplyCanonical, divide: divideCanonical };

/** Day numbers of open window ends. */
export const OPEN_FROM = 0;
export const OPEN_TO = 99_999_999;
/** Revoked "never". */
export const NEVER = 100_000_000;

/** `2024-03-05` → 20240305 (a valid ISO date: four-digit year). */
export function dayOf(date: string): number {
  return (
    (date.charCodeAt(0) - 48) * 10_000_000 +
    (date.charCodeAt(1) - 48) * 1_000_000 +
    (date.charCodeAt(2) - 48) * 100_000 +
    (date.charCodeAt(3) - 48) * 10_000 +
    (date.charCodeAt(5) - 48) * 1000 +
    (date.charCodeAt(6) - 48) * 100 +
    (date.charCodeAt(8) - 48) * 10 +
    (date.charCodeAt(9) - 48)
  );
}

export interface AuthorityEntry {
  name: string;
  /** The index of the first authority of this name: grants are listed under it (`byDelegate`). */
  key: number;
  area: string;
  /** The post the authority is reserved to (by the name the catalogue gives). */
  reservedTo: string | null;
  /** Its code (`AuditTables.postCodes`), or -1. */
  reservedToCode: number;
  /** The catalogue's (or the configuration's) committee-review threshold. */
  review: Money | null;
  /** Its awards to one vendor add up against the limit (`cumulative`): split purchases are looked for. */
  cumulative: boolean;
}

/**
 * The instruments, one column per fact (struct of arrays: numbers in typed arrays, few objects),
 * in the model's order. Dates are day numbers; `parent` links each to the instrument above it.
 */
export interface InstrumentTable {
  names: string[];
  /** 1 for a sub-delegation. */
  sub: Uint8Array;
  titles: Array<string | null>;
  /** The instrument above (index), or -1. */
  parent: Int32Array;
  /** 1: never in force (a loop of `under`, or a sub-delegation whose parent is missing). */
  dead: Uint8Array;
  /** The chain is in force from `from` to `to` (inclusive) before `revokedAt`. */
  from: Int32Array;
  to: Int32Array;
  revokedAt: Int32Array;
  /** Revocations in the chain, root-most first. */
  revocations: Array<ReadonlyArray<{ instrument: string; date: string; day: number }>>;
  /** The entity, when the root instrument goes to a post (it does not depend on the date then). */
  entity: Array<string | null>;
  /** The root instrument goes to this person (index): the entity is that of their first post on the date. */
  rootPerson: Int32Array;
  /** The trainings the chain requires, without repeats, root-most first. */
  requires: Array<readonly string[]>;
  /** The same trainings by code (`AuditTables.trainingCodes`). */
  requireCodes: Array<readonly number[]>;
  /** Where each is named: its file (index in `uris`) and its name's range (6 numbers: start and end line, character, offset). */
  uri: Int32Array;
  ranges: Int32Array;
  /** Its own window, as written (for messages). */
  validFrom: Array<string | null>;
  validTo: Array<string | null>;
}

export interface GrantEntry {
  instrument: number;
  limit: Money | null;
  /** The committee-review threshold the grant states. */
  review: Money | null;
}

export interface PersonEntry {
  name: string;
  title: string | undefined;
  /**
   * Posts held, with day windows: by the name the declaration gives (`ref`: what routes follow), and
   * the post it resolves to with its entity (null: unresolved; what "holds the post" and the entity
   * of a chain read).
   */
  holds: ReadonlyArray<{ ref: string; post: number; entity: string | null; from: number; to: number }>;
  /** Trainings completed (by code), with the last day each is valid (OPEN_TO = never lapses). */
  trainings: ReadonlyArray<{ code: number; completed: number; validTo: number }>;
  /** Declared interests; one counts for the steps dated on or after its `declared` date (null: always). */
  interests: ReadonlyArray<{ description: string; vendor: string | null; area: string | null; declared: string | null }>;
}

/** Everything an audit reads of the policy, as plain data (structured-cloneable). */
export interface AuditTables {
  rootPost: string | null;
  /** The root post's code, or -1. */
  rootPostCode: number;
  /**
   * A small integer for each post name and each training name the tables compare: the per-step
   * questions (does the actor hold this post, that training) compare integers, not strings.
   */
  postCodes: Map<string, number>;
  trainingCodes: Map<string, number>;
  authorities: AuthorityEntry[];
  /** Step → authority index. */
  stepAuthority: Map<string, number>;
  /**
   * Each step, entity and vendor the policy names, by a small integer: a worker thread sends these
   * back for a record instead of the strings (`node/audit-file.ts`).
   */
  steps: string[];
  stepCodes: Map<string, number>;
  entities: string[];
  entityCodes: Map<string, number>;
  vendors: string[];
  vendorCodes: Map<string, number>;
  /** For each step, the steps one person must not also perform on the same transaction (→ the segregation's label). */
  incompatible: Map<string, Map<string, string>>;
  instruments: InstrumentTable;
  uris: string[];
  /** The first link of chains that start at the root (its post, its title). */
  root: ChainLink;
  grants: GrantEntry[];
  /** Grant indices by delegate name (post or person) and authority key. */
  byDelegate: Map<string, Map<number, number[]>>;
  persons: PersonEntry[];
  personIndex: Map<string, number>;
  rates: readonly RateRow[];
}

/** Builds the tables from a linked model (once per audit; the model can go afterwards). */
export function buildAuditTables(model: WorkspaceModel): AuditTables {
  const postCodes = new Map<string, number>();
  const trainingCodes = new Map<string, number>();
  const codeOf = (codes: Map<string, number>, name: string): number => {
    let c = codes.get(name);
    if (c === undefined) codes.set(name, (c = codes.size));
    return c;
  };
  const authorities: AuthorityEntry[] = [];
  const authorityIndex = new Map<string, number>();
  const stepAuthority = new Map<string, number>();
  for (const a of model.authorities) {
    const review = model.committeeReviewOf(a);
    const k = authorities.length;
    authorities.push({ name: a.name, key: authorityIndex.get(a.name) ?? k, area: a.area, reservedTo: a.reservedTo?.name ?? null, reservedToCode: a.reservedTo ? codeOf(postCodes, a.reservedTo.name) : -1, review: review ? { amount: review.above.amount, currency: review.above.currency } : null, cumulative: a.cumulative });
    if (!authorityIndex.has(a.name)) authorityIndex.set(a.name, k);
    for (const s of a.steps) if (!stepAuthority.has(s)) stepAuthority.set(s, k);
  }
  const persons: PersonEntry[] = [];
  const personIndex = new Map<string, number>();
  for (const p of model.persons) {
    if (personIndex.has(p.name)) continue;
    personIndex.set(p.name, persons.length);
    persons.push({
      name: p.name,
      title: p.title,
      holds: p.holds.length
        ? p.holds.map((h) => {
            const post = model.symbols.resolve(h.post, 'post');
            return { ref: h.post.name, post: post ? codeOf(postCodes, post.name) : -1, entity: (post && model.entityOfPost(post)?.name) ?? null, from: h.from ? dayOf(h.from.value) : OPEN_FROM, to: h.to ? dayOf(h.to.value) : OPEN_TO };
          })
        : NONE,
      trainings: !p.trainings.length ? NONE : p.trainings.map((t) => {
        const decl = model.symbols.resolve(t.training, 'training');
        // Valid through the day it lapses after (model.trainingsValidOn: lapsed only after that day).
        const validTo = decl?.validForMonths !== undefined ? dayOf(addMonths(t.completed.value, decl.validForMonths)) : OPEN_TO;
        return { code: codeOf(trainingCodes, t.training.name), completed: dayOf(t.completed.value), validTo };
      }),
      interests: !p.interests.length ? NONE : p.interests.map((i) => ({ description: i.description, vendor: i.vendor?.name ?? null, area: i.area?.name ?? null, declared: i.declared?.value ?? null })),
    });
  }
  const { instruments, uris, instrumentOf } = instrumentTable(model, personIndex, (name) => codeOf(trainingCodes, name));
  const grants: GrantEntry[] = [];
  // One plain object per distinct amount: limits repeat, and the tables are copied to each worker.
  const amounts = new Map<string, Money>();
  const money = (m: Money): Money => {
    const key = `${m.currency} ${m.amount}`;
    let shared = amounts.get(key);
    if (!shared) amounts.set(key, (shared = { amount: m.amount, currency: m.currency }));
    return shared;
  };
  const byDelegate = new Map<string, Map<number, number[]>>();
  for (const i of model.instruments) {
    if (!i.delegate) continue;
    let byAuthority = byDelegate.get(i.delegate.name);
    if (!byAuthority) byDelegate.set(i.delegate.name, (byAuthority = new Map()));
    for (const g of i.grants) {
      const a = authorityIndex.get(g.authority.name);
      // A grant of an authority no step exercises is never a candidate.
      if (a === undefined) continue;
      let list = byAuthority.get(a);
      if (!list) byAuthority.set(a, (list = []));
      list.push(grants.length);
      // An authority granted with no limit under a limited parent is held up to that limit (as `doa check` says).
      const held = g.limit ?? model.heldLimit(i, g.authority.name);
      grants.push({
        instrument: instrumentOf(i),
        limit: held ? money(held) : null,
        review: g.committeeReview ? money(g.committeeReview.above) : null,
      });
    }
  }
  // Segregated duties make the steps performed in them incompatible.
  const incompatible = new Map<string, Map<string, string>>();
  for (const s of model.segregations) {
    const duties = s.duties.map((d) => model.symbols.resolve(d, 'duty')).filter((d) => d !== undefined);
    for (let i = 0; i < duties.length; i++) {
      for (let j = 0; j < duties.length; j++) {
        if (i === j) continue;
        for (const a of duties[i]!.steps) {
          for (const b of duties[j]!.steps) {
            if (a === b) continue;
            let m = incompatible.get(a);
            if (!m) incompatible.set(a, (m = new Map()));
            if (!m.has(b)) m.set(b, s.title ? `${s.name} (${s.title})` : s.name);
          }
        }
      }
    }
  }
  const stepCodes = new Map<string, number>();
  for (const a of model.authorities) for (const step of a.steps) codeOf(stepCodes, step);
  for (const d of model.duties) for (const step of d.steps) codeOf(stepCodes, step);
  const entityCodes = new Map<string, number>();
  for (const e of model.entities) codeOf(entityCodes, e.name);
  const vendorCodes = new Map<string, number>();
  for (const v of model.vendors) codeOf(vendorCodes, v.name);
  const rates = model.rateRows();
  const root: ChainLink = { name: model.rootPost?.name ?? 'root', kind: 'root', title: model.rootLabel() };
  if (model.rootPost) root.location = { uri: model.rootPost.uri, range: plainRange(model.rootPost.nameRange) };
  const rootPost = model.rootPost?.name ?? null;
  return { rootPost, rootPostCode: rootPost === null ? -1 : codeOf(postCodes, rootPost), postCodes, trainingCodes, authorities, stepAuthority, steps: [...stepCodes.keys()], stepCodes, entities: [...entityCodes.keys()], entityCodes, vendors: [...vendorCodes.keys()], vendorCodes, incompatible, instruments, uris, root, grants, byDelegate, persons, personIndex, rates };
}

function instrumentTable(model: WorkspaceModel, personIndex: Map<string, number>, trainingCode: (name: string) => number): { instruments: InstrumentTable; uris: string[]; instrumentOf: (i: InstrumentDecl) => number } {
  const all = model.instruments;
  const n = all.length;
  const indexOf = new Map<InstrumentDecl, number>();
  for (let k = 0; k < n; k++) if (!indexOf.has(all[k]!)) indexOf.set(all[k]!, k);
  const uris: string[] = [];
  const uriIndex = new Map<string, number>();
  const t: InstrumentTable = {
    names: [],
    sub: new Uint8Array(n),
    titles: [],
    parent: new Int32Array(n),
    dead: new Uint8Array(n),
    from: new Int32Array(n),
    to: new Int32Array(n),
    revokedAt: new Int32Array(n),
    revocations: [],
    entity: [],
    rootPerson: new Int32Array(n),
    requires: [],
    requireCodes: [],
    uri: new Int32Array(n),
    ranges: new Int32Array(6 * n),
    validFrom: [],
    validTo: [],
  };
  for (let k = 0; k < n; k++) {
    const i = all[k]!;
    const info = model.chainInfo(i);
    const { chain } = model.ancestry(i);
    const root = chain[0];
    const rootDelegate = root ? model.delegateOf(root) : undefined;
    t.names.push(i.name);
    t.sub[k] = i.kind === 'sub-delegation' ? 1 : 0;
    t.titles.push(i.title ?? null);
    t.parent[k] = chain.length >= 2 ? (indexOf.get(chain[chain.length - 2]!) ?? -1) : -1;
    t.dead[k] = info.dead ? 1 : 0;
    t.from[k] = info.from ? dayOf(info.from) : OPEN_FROM;
    t.to[k] = info.to ? dayOf(info.to) : OPEN_TO;
    t.revokedAt[k] = info.revokedAt === undefined ? NEVER : dayOf(info.revokedAt);
    const revoked = chain.filter((a) => a.revocation);
    t.revocations.push(revoked.length ? revoked.map((a) => ({ instrument: a.name, date: a.revocation!.date.value, day: dayOf(a.revocation!.date.value) })) : NONE);
    t.entity.push(rootDelegate?.kind === 'post' ? (model.entityOfPost(rootDelegate)?.name ?? null) : null);
    t.rootPerson[k] = rootDelegate?.kind === 'person' ? (personIndex.get(rootDelegate.name) ?? -1) : -1;
    t.requires.push(info.requires.length ? [...info.requires] : NONE);
    t.requireCodes.push(info.requires.length ? info.requires.map(trainingCode) : NONE);
    let u = uriIndex.get(i.uri);
    if (u === undefined) uriIndex.set(i.uri, (u = uris.push(i.uri) - 1));
    t.uri[k] = u;
    const r = i.nameRange;
    t.ranges.set([r.start.line, r.start.character, r.start.offset, r.end.line, r.end.character, r.end.offset], 6 * k);
    t.validFrom.push(i.validFrom?.value ?? null);
    t.validTo.push(i.validTo?.value ?? null);
  }
  return { instruments: t, uris, instrumentOf: (i) => indexOf.get(i)! };
}

/**
 * The ways a person may hold an authority, `ROUTE_FIELDS` numbers a way, in one pool of integers
 * (`routesOf`, `routePool`): the grant, its instrument, the window of the holding (open for the
 * person's own instruments; the days they hold the post for a post's), and the days the
 * instrument's chain is in force (from ≤ day ≤ to; a dead chain never: from after to). Every number
 * a step's candidates read is in one typed array, none behind a grant, a route or a list object.
 */
export const ROUTE_FIELDS = 6;
export const ROUTE_GRANT = 0;
export const ROUTE_INSTRUMENT = 1;
export const ROUTE_FROM = 2;
export const ROUTE_TO = 3;
export const ROUTE_LIVE_FROM = 4;
export const ROUTE_LIVE_TO = 5;

/** A record's entity by code (`AuditTables.entityCodes`): none, or a name the tables do not know. */
export const NO_ENTITY = -1;
export const UNKNOWN_ENTITY = -2;
/** An instrument's entity that is not one code: that of its root person's post on the day, or a name without a code. */
const ENTITY_BY_TEXT = -3;

/** The per-step questions, answered on the tables (any thread that has a copy of them). */
export class AuditIndex {
  /**
   * Routes by person and authority (`routesOf`), worked out on first use: for each (person,
   * authority) slot 0 while not yet, else 1 + where its routes start in `routePool` (their count,
   * then `ROUTE_FIELDS` numbers a route). Two typed arrays instead of a list per slot: a step reads
   * one slot and one run of the pool, with no list object in between.
   */
  private readonly routeAt: Int32Array;
  /** The routes of every slot worked out (replaced by a larger one when full: read it after `routesOf`). */
  // Small at first (it doubles as it fills: a few times per audit), so that even a small policy grows it.
  routePool = new Int32Array(64);
  /** The pool's first free place; place 0 is the count (0) every slot without a route shares. */
  private routeEnd = 1;
  /** The authority each step exercises, by the step's code (`AuditTables.stepCodes`), or -1. */
  readonly authorityOfStep: Int32Array;
  /** Each grant's instrument, limit and review threshold, by grant (no grant object read per step). */
  readonly grantInstrument: Int32Array;
  readonly grantLimit: Array<Money | null>;
  readonly grantReview: Array<Money | null>;
  /** How many trainings each instrument's chain requires (its list read only when some are). */
  readonly requireCount: Int32Array;
  /** The entity of each instrument's chain by code, NO_ENTITY, or ENTITY_BY_TEXT (found by `entityOf`). */
  private readonly instrumentEntity: Int32Array;
  private readonly rateMemo = new Map<string, Map<string, Map<number, RateRow | null>>>();
  /**
   * 1 for a person who holds the root post at some time: every step asks whether its actor is the
   * root on its day, and for everyone else the answer needs no look at the person's posts.
   */
  private readonly rootHolders: Uint8Array;
  /**
   * What every step reads of its actor, by person, out of the person's entry (one object less to
   * load per step): the title, whether they declared interests, and their trainings: each person's
   * run in `trainingPool` (from `trainingStart[person]` to `trainingStart[person + 1]`), three numbers
   * a training (code, completed, last valid day). The trainings an instrument's chain requires are
   * runs of one pool too (`requireStart`, `requirePool`): typed arrays, no list per person or chain.
   */
  private readonly titles: Array<string | undefined>;
  readonly hasInterests: Uint8Array;
  private readonly trainingStart: Int32Array;
  private readonly trainingPool: Int32Array;
  private readonly requireStart: Int32Array;
  private readonly requirePool: Int32Array;

  constructor(readonly tables: AuditTables) {
    // One slot per person and authority, made dense at once (an array filled in at random places
    // would turn into a dictionary).
    this.routeAt = new Int32Array(tables.persons.length * tables.authorities.length);
    this.authorityOfStep = Int32Array.from(tables.steps, (step) => tables.stepAuthority.get(step) ?? -1);
    this.grantInstrument = Int32Array.from(tables.grants, (g) => g.instrument);
    this.grantLimit = tables.grants.map((g) => g.limit);
    this.grantReview = tables.grants.map((g) => g.review);
    const ins = tables.instruments;
    this.requireCount = Int32Array.from(ins.requires, (r) => r.length);
    this.instrumentEntity = Int32Array.from(ins.entity, (entity, k) => (ins.rootPerson[k]! >= 0 ? ENTITY_BY_TEXT : entity === null ? NO_ENTITY : (tables.entityCodes.get(entity) ?? ENTITY_BY_TEXT)));
    this.rootHolders = Uint8Array.from(tables.persons, (p) => (tables.rootPostCode >= 0 && p.holds.some((h) => h.post === tables.rootPostCode) ? 1 : 0));
    this.titles = tables.persons.map((p) => p.title);
    this.hasInterests = Uint8Array.from(tables.persons, (p) => (p.interests.length ? 1 : 0));
    [this.trainingStart, this.trainingPool] = runs(tables.persons.map((p) => p.trainings.flatMap((t) => [t.code, t.completed, t.validTo])));
    [this.requireStart, this.requirePool] = runs(ins.requireCodes);
  }

  /** The name findings give a step's actor: the person's title (a person of the tables, or -1), else the name in the record. */
  actorName(person: number, actor: string): string {
    return (person < 0 ? undefined : this.titles[person]) ?? actor;
  }

  /** Whether the person holds the root post on the day. */
  isRootOn(person: number, day: number): boolean {
    return this.rootHolders[person] === 1 && this.holdsOn(person, this.tables.rootPostCode, day);
  }

  /** The authority each step exercises (by name), as a map of step → authority entry. */
  get authorityForStep(): Map<string, AuthorityEntry> {
    return new Map([...this.tables.stepAuthority].map(([s, a]) => [s, this.tables.authorities[a]!]));
  }

  get incompatible(): Map<string, Map<string, string>> {
    return this.tables.incompatible;
  }

  /**
   * Every way a person may hold an authority, in the order candidates are listed: the person's own
   * instruments, then those of each post the person holds (with the window of the holding). Gives
   * where they start in `routePool` (read the pool after this call: it may have been replaced): their
   * count, then `ROUTE_FIELDS` numbers a way.
   */
  routesOf(person: number, authority: number): number {
    const slot = person * this.tables.authorities.length + authority;
    const at = this.routeAt[slot]!;
    if (at > 0) return at - 1;
    const t = this.tables;
    const p = t.persons[person]!;
    const grants: number[] = [];
    const windows: number[] = [];
    for (const grant of t.byDelegate.get(p.name)?.get(authority) ?? NONE) grants.push(grant), windows.push(OPEN_FROM, OPEN_TO);
    for (const h of p.holds) for (const grant of t.byDelegate.get(h.ref)?.get(authority) ?? NONE) grants.push(grant), windows.push(h.from, h.to);
    if (!grants.length) {
      this.routeAt[slot] = 1;
      return 0;
    }
    const start = this.routeEnd;
    const end = start + 1 + grants.length * ROUTE_FIELDS;
    if (end > this.routePool.length) {
      let size = this.routePool.length * 2;
      while (size < end) size *= 2;
      const pool = new Int32Array(size);
      pool.set(this.routePool.subarray(0, start));
      this.routePool = pool;
    }
    const pool = this.routePool;
    const ins = t.instruments;
    pool[start] = grants.length;
    for (let i = 0, at = start + 1; i < grants.length; i++, at += ROUTE_FIELDS) {
      const grant = grants[i]!;
      const k = t.grants[grant]!.instrument;
      // In force from its start to the day before it is revoked, never when dead.
      const liveTo = Math.min(ins.to[k]!, ins.revokedAt[k]! - 1);
      pool[at + ROUTE_GRANT] = grant;
      pool[at + ROUTE_INSTRUMENT] = k;
      pool[at + ROUTE_FROM] = windows[2 * i]!;
      pool[at + ROUTE_TO] = windows[2 * i + 1]!;
      pool[at + ROUTE_LIVE_FROM] = ins.dead[k] ? liveTo + 1 : ins.from[k]!;
      pool[at + ROUTE_LIVE_TO] = liveTo;
    }
    this.routeEnd = end;
    this.routeAt[slot] = start + 1;
    return start;
  }

  /**
   * Whether an instrument's chain is in an entity on a day: the record's entity by its code
   * (`entityCode`, or UNKNOWN_ENTITY for a name the tables do not know) and its name. Codes are
   * compared where the chain's entity is one; the names where it depends on the day.
   */
  inEntity(instrument: number, day: number, entityCode: number, entity: string): boolean {
    const code = this.instrumentEntity[instrument]!;
    if (code >= 0) return code === entityCode;
    if (code === NO_ENTITY) return false;
    return this.entityOf(instrument, day) === entity;
  }

  /** The entity of a grant's chain on a day: its root post's, or that of the root person's first post that day. */
  entityOf(instrument: number, day: number): string | null {
    const t = this.tables.instruments;
    const person = t.rootPerson[instrument]!;
    if (person < 0) return t.entity[instrument]!;
    for (const h of this.tables.persons[person]!.holds) if (h.post >= 0 && h.from <= day && day <= h.to) return h.entity;
    return null;
  }

  /** The instrument and those above it, itself first (stops before one seen already, as `model.ancestry`). */
  private upward(instrument: number): number[] {
    const out: number[] = [];
    for (let k = instrument; k >= 0 && !out.includes(k); k = this.tables.instruments.parent[k]!) out.push(k);
    return out;
  }

  /** Where an instrument is named. */
  locationOf(instrument: number): Location {
    const t = this.tables.instruments;
    const r = t.ranges.subarray(6 * instrument, 6 * instrument + 6);
    return { uri: this.tables.uris[t.uri[instrument]!]!, range: { start: { line: r[0]!, character: r[1]!, offset: r[2]! }, end: { line: r[3]!, character: r[4]!, offset: r[5]! } } };
  }

  /**
   * `chainOf(model, instrument)` (facts/common.ts): the delegation chain shown with a finding, root
   * first. Made once per instrument that has findings; each finding gets its own list of the links.
   */
  chainOf(instrument: number): ChainLink[] {
    let links = this.chainMemo.get(instrument);
    if (!links) this.chainMemo.set(instrument, (links = this.makeChain(instrument)));
    return links.slice();
  }

  private readonly chainMemo = new Map<number, ChainLink[]>();

  private makeChain(instrument: number): ChainLink[] {
    const t = this.tables.instruments;
    const links = this.upward(instrument)
      .reverse()
      .map((k): ChainLink => ({ name: t.names[k]!, kind: t.sub[k] ? 'sub-delegation' : 'delegation', ...(t.titles[k] ? { title: t.titles[k]! } : {}), location: this.locationOf(k) }));
    if (links[0]?.kind !== 'delegation') return links;
    // The tables' root link is plain data already (its range copied out of the AST when they were built).
    return [this.tables.root, ...links];
  }

  /** Whether the person holds the post (by code) on the day. */
  holdsOn(person: number, post: number, day: number): boolean {
    if (post < 0) return false;
    for (const h of this.tables.persons[person]!.holds) if (h.post === post && h.from <= day && day <= h.to) return true;
    return false;
  }

  /**
   * The trainings an instrument's chain requires that the person does not hold valid on the day (in
   * the order required); none is one shared empty list.
   */
  missingTrainings(person: number, instrument: number, day: number): readonly string[] {
    const trainings = this.trainingPool;
    const from = this.trainingStart[person]!;
    const to = this.trainingStart[person + 1]!;
    const codes = this.requirePool;
    const first = this.requireStart[instrument]!;
    const end = this.requireStart[instrument + 1]!;
    let out: string[] | undefined;
    for (let k = first; k < end; k++) {
      const code = codes[k]!;
      let valid = false;
      for (let i = from; i < to; i += 3) if (trainings[i] === code && trainings[i + 1]! <= day && day <= trainings[i + 2]!) valid = true;
      if (!valid) (out ??= []).push(this.tables.instruments.requires[instrument]![k - first]!);
    }
    return out ?? NONE;
  }

  /** `model.convert`: the amount in the currency by the rate in force on the date (exact decimals). */
  convert(money: Money, currency: string, date: string): Money | undefined {
    return convertMoney(money, currency, date, this.rateOn, FAST_DECIMALS);
  }

  /**
   * `rateInForce` on the tables, memoised by currency, currency and day: three lookups on the
   * texts as they come, where one key made of the three was a new string to hash on every conversion.
   */
  private readonly rateOn = (from: string, to: string, date: string): RateRow | undefined => {
    let byTo = this.rateMemo.get(from);
    if (!byTo) this.rateMemo.set(from, (byTo = new Map()));
    let byDay = byTo.get(to);
    if (!byDay) byTo.set(to, (byDay = new Map()));
    const day = dayOf(date);
    let rate = byDay.get(day);
    if (rate === undefined) byDay.set(day, (rate = rateInForce(this.tables.rates, from, to, date) ?? null));
    return rate ?? undefined;
  };

  /** Why an instrument is not in force on a date (it is not revoked). */
  notInForceReason(instrument: number, date: string): string {
    const t = this.tables.instruments;
    const name = t.names[instrument]!;
    for (const k of this.upward(instrument)) {
      const from = t.validFrom[k];
      const to = t.validTo[k];
      if (from && date < from) return k === instrument ? `${name} takes effect only on ${from}` : `${name} is outside its parent ${t.names[k]}'s window, which starts on ${from}`;
      if (to && date > to) return k === instrument ? `${name} ended on ${to}` : `${name} is outside its parent ${t.names[k]}'s window, which ended on ${to}`;
    }
    return `${name} is not in force`;
  }
}

/** Lists of integers as runs of one pool: list `i` is `pool` from `start[i]` to `start[i + 1]`. */
function runs(lists: ReadonlyArray<readonly number[]>): [start: Int32Array, pool: Int32Array] {
  const start = new Int32Array(lists.length + 1);
  for (let i = 0; i < lists.length; i++) start[i + 1] = start[i]! + lists[i]!.length;
  const pool = new Int32Array(start[lists.length]!);
  for (let i = 0; i < lists.length; i++) pool.set(lists[i]!, start[i]!);
  return [start, pool];
}
