// The join between transaction records and the workspace, built once per audit: which authority
// each step exercises, which instruments could cover a person, which steps are incompatible.
//
// The answers that do not depend on a date are worked out once per instrument and per person (the
// window in which a chain is in force, its revocations and inherited trainings, the entity of a
// chain whose root goes to a post, the trainings a person completed and when they lapse): an audit
// asks the same questions of the same few thousand declarations on hundreds of thousands of steps.
// They give the same answers as the model's date-by-date ones (`inForce`, `entityOfInstrument`,
// `trainingsValidOn`, `postsOf`), without the model's per-date memo tables.
import type { AuthorityDecl, EntityDecl, Grant, InstrumentDecl, PersonDecl } from '../ast/ast.ts';
import { chainInForce, type ChainInfo as ModelChainInfo, type WorkspaceModel } from '../model/model.ts';
import { addMonths, withinWindow } from '../values/dates.ts';
import { compareMoney, type Money } from '../values/money.ts';

export interface Candidate {
  instrument: InstrumentDecl;
  grant: Grant;
  /** The instrument's chain facts, once worked out (`AuditIndex.chainOf`). */
  chainInfo?: ChainInfo;
  /** The grant's limit and stated committee-review threshold as plain facts, once made (`AuditIndex.amountsOf`). */
  amounts?: { limit: Money | null; review: Money | null };
}

/** Date-independent facts of one instrument's chain: the model's, and what the audit adds. */
export interface ChainInfo extends ModelChainInfo {
  /** Revocations in the chain, root-most first. */
  revocations: Array<{ instrument: InstrumentDecl; date: string }>;
  /** The entity, when the root instrument goes to a post (it does not depend on the date then). */
  entity: EntityDecl | undefined;
  /** The root instrument goes to a person: the entity depends on the posts the person holds. */
  entityByDate: boolean;
}

/** One way a person holds a candidate instrument: directly (no window), or through a post held from … to. */
export interface Route {
  candidate: Candidate;
  from: string | undefined;
  to: string | undefined;
}

/** A person with what is worked out once about them: date-independent facts and routes by authority. */
export interface PersonEntry {
  decl: PersonDecl;
  info: PersonInfo | undefined;
  routes: Map<string, Route[]> | undefined;
}

/** Date-independent facts of one person. */
export interface PersonInfo {
  /** Posts held (resolved), with their windows. */
  posts: Array<{ name: string; from: string | undefined; to: string | undefined }>;
  /** Trainings completed, with the day after which each lapses ('' = never). */
  trainings: Array<{ name: string; completed: string; lapsesAfter: string }>;
}

export class AuditIndex {
  readonly authorityForStep = new Map<string, AuthorityDecl>();
  /** For each step, the steps one person must not also perform on the same transaction. */
  readonly incompatible = new Map<string, Map<string, string>>();
  /** Instruments by delegate name (post or person) and authority. */
  private readonly byDelegate = new Map<string, Map<string, Candidate[]>>();
  private readonly persons = new Map<string, PersonDecl>();
  private readonly chains = new Map<InstrumentDecl, ChainInfo>();
  private readonly entries = new Map<string, PersonEntry>();
  private readonly entryOf = new Map<PersonDecl, PersonEntry>();

  constructor(readonly model: WorkspaceModel) {
    for (const a of model.authorities) for (const s of a.steps) if (!this.authorityForStep.has(s)) this.authorityForStep.set(s, a);
    for (const p of model.persons) this.persons.set(p.name, p);
    for (const [name, decl] of this.persons) {
      const entry: PersonEntry = { decl, info: undefined, routes: undefined };
      this.entries.set(name, entry);
      this.entryOf.set(decl, entry);
    }
    for (const i of model.instruments) {
      if (!i.delegate) continue;
      let byAuthority = this.byDelegate.get(i.delegate.name);
      if (!byAuthority) this.byDelegate.set(i.delegate.name, (byAuthority = new Map()));
      for (const g of i.grants) {
        let list = byAuthority.get(g.authority.name);
        if (!list) byAuthority.set(g.authority.name, (list = []));
        list.push({ instrument: i, grant: g });
      }
    }
    // Segregated duties make the steps performed in them incompatible.
    for (const s of model.segregations) {
      const duties = s.duties.map((d) => model.symbols.resolve(d, 'duty')).filter((d) => d !== undefined);
      for (let i = 0; i < duties.length; i++) {
        for (let j = 0; j < duties.length; j++) {
          if (i === j) continue;
          for (const a of duties[i]!.steps) {
            for (const b of duties[j]!.steps) {
              if (a === b) continue;
              let m = this.incompatible.get(a);
              if (!m) this.incompatible.set(a, (m = new Map()));
              if (!m.has(b)) m.set(b, s.title ? `${s.name} (${s.title})` : s.name);
            }
          }
        }
      }
    }
  }

  person(name: string): PersonDecl | undefined {
    return this.persons.get(name);
  }

  /** The person of that name with their cached answers (one lookup per step). */
  entry(name: string): PersonEntry | undefined {
    return this.entries.get(name);
  }

  private entryFor(p: PersonDecl): PersonEntry {
    let e = this.entryOf.get(p);
    if (!e) this.entryOf.set(p, (e = { decl: p, info: undefined, routes: undefined }));
    return e;
  }

  /**
   * The instruments through which a person holds an authority on a date: granted to the person, or
   * to a post the person holds that day. Restricted to one entity when the record names one.
   */
  candidates(person: PersonDecl | PersonEntry, authority: string, date: string, entity: string | null): Candidate[] {
    const out: Candidate[] = [];
    for (const route of this.routes('decl' in person ? person : this.entryFor(person), authority)) {
      if (route.from !== undefined || route.to !== undefined) if (!withinWindow(date, route.from, route.to)) continue;
      const c = route.candidate;
      if (entity) {
        const info = this.chainOf(c);
        const e = info.entityByDate ? this.model.entityOfInstrument(c.instrument, date) : info.entity;
        if (e?.name !== entity) continue;
      }
      out.push(c);
    }
    return out;
  }

  /**
   * Every way a person may hold an authority, in the order `candidates` lists them: the person's own
   * instruments, then those of each post the person holds (with the window of the holding). Worked
   * out once per person and authority.
   */
  private routes(entry: PersonEntry, authority: string): Route[] {
    const byAuthority = (entry.routes ??= new Map());
    let routes = byAuthority.get(authority);
    if (routes) return routes;
    routes = [];
    const person = entry.decl;
    for (const candidate of this.byDelegate.get(person.name)?.get(authority) ?? []) routes.push({ candidate, from: undefined, to: undefined });
    for (const h of person.holds) {
      for (const candidate of this.byDelegate.get(h.post.name)?.get(authority) ?? []) routes.push({ candidate, from: h.from?.value, to: h.to?.value });
    }
    byAuthority.set(authority, routes);
    return routes;
  }

  /** A candidate's chain facts (kept on the candidate). */
  chainOf(c: Candidate): ChainInfo {
    return (c.chainInfo ??= this.chain(c.instrument));
  }

  /** `inForce` of a candidate's instrument. */
  candidateInForce(c: Candidate, date: string): boolean {
    return chainInForce(this.chainOf(c), date);
  }

  /** What does not depend on the date about an instrument's chain (worked out once). */
  chain(i: InstrumentDecl): ChainInfo {
    let info = this.chains.get(i);
    if (info) return info;
    const model = this.model;
    const { chain } = model.ancestry(i);
    const root = chain[0];
    const rootDelegate = root ? model.delegateOf(root) : undefined;
    info = {
      ...model.chainInfo(i),
      revocations: chain.filter((a) => a.revocation).map((a) => ({ instrument: a, date: a.revocation!.date.value })),
      entity: rootDelegate?.kind === 'post' ? model.entityOfPost(rootDelegate) : undefined,
      entityByDate: rootDelegate?.kind === 'person',
    };
    this.chains.set(i, info);
    return info;
  }

  /** `model.inForce`: the instrument and every ancestor in their windows and unrevoked on the date. */
  inForce(i: InstrumentDecl, date: string): boolean {
    return chainInForce(this.chain(i), date);
  }

  /** `model.entityOfInstrument`: the entity of the head who received the root delegation. */
  entityOf(i: InstrumentDecl, date: string): EntityDecl | undefined {
    const c = this.chain(i);
    return c.entityByDate ? this.model.entityOfInstrument(i, date) : c.entity;
  }

  /** What does not depend on the date about a person (worked out once). */
  personInfo(p: PersonDecl | PersonEntry): PersonInfo {
    const entry = 'decl' in p ? p : this.entryFor(p);
    if (entry.info) return entry.info;
    const model = this.model;
    const info: PersonInfo = { posts: [], trainings: [] };
    for (const h of entry.decl.holds) {
      const post = model.symbols.resolve(h.post, 'post');
      if (post) info.posts.push({ name: post.name, from: h.from?.value, to: h.to?.value });
    }
    for (const t of entry.decl.trainings) {
      const decl = model.symbols.resolve(t.training, 'training');
      info.trainings.push({ name: t.training.name, completed: t.completed.value, lapsesAfter: decl?.validForMonths !== undefined ? addMonths(t.completed.value, decl.validForMonths) : '' });
    }
    entry.info = info;
    return info;
  }

  /** The grant's limit and stated committee-review threshold as plain JSON (shared by every step judged by it). */
  amountsOf(c: Candidate): { limit: Money | null; review: Money | null } {
    if (c.amounts) return c.amounts;
    const { limit, committeeReview } = c.grant;
    return (c.amounts = {
      limit: limit ? { amount: limit.amount, currency: limit.currency } : null,
      review: committeeReview ? { amount: committeeReview.above.amount, currency: committeeReview.above.currency } : null,
    });
  }

  /** Whether the person holds the post (by name) on the date: `postNamesOn(p, date).includes(post)` without the list. */
  holdsOn(p: PersonDecl | PersonEntry, post: string, date: string): boolean {
    for (const h of this.personInfo(p).posts) if (h.name === post && withinWindow(date, h.from, h.to)) return true;
    return false;
  }

  /** `model.postsOf(person, date)`, by name. */
  postNamesOn(p: PersonDecl | PersonEntry, date: string): string[] {
    const out: string[] = [];
    for (const h of this.personInfo(p).posts) if (withinWindow(date, h.from, h.to)) out.push(h.name);
    return out;
  }

  /** `model.trainingsValidOn(person, date)`: completed on or before the date and not lapsed. */
  trainingsValidOn(p: PersonDecl | PersonEntry, date: string): string[] {
    const out: string[] = [];
    for (const t of this.personInfo(p).trainings) if (t.completed <= date && !(t.lapsesAfter && t.lapsesAfter < date)) out.push(t.name);
    return out;
  }

  /** The first revocation on or before the date in the chains of the candidates, if any. */
  firstRevocation(candidates: readonly Candidate[], date: string): { instrument: InstrumentDecl; date: string } | undefined {
    for (const c of candidates) for (const r of this.chainOf(c).revocations) if (r.date <= date) return r;
    return undefined;
  }

  /** The latest revocation on or before the date in an instrument's chain, if any. */
  revocationBy(i: InstrumentDecl, date: string): { instrument: InstrumentDecl; date: string } | undefined {
    for (const a of this.model.ancestry(i).chain) if (a.revocation && a.revocation.date.value <= date) return { instrument: a, date: a.revocation.date.value };
    return undefined;
  }

  /** Why an instrument is not in force on a date (it is not revoked). */
  notInForceReason(i: InstrumentDecl, date: string): string {
    const { chain } = this.model.ancestry(i);
    for (const a of [...chain].reverse()) {
      if (a.validFrom && date < a.validFrom.value) return a === i ? `${i.name} takes effect only on ${a.validFrom.value}` : `${i.name} is outside its parent ${a.name}'s window, which starts on ${a.validFrom.value}`;
      if (a.validTo && date > a.validTo.value) return a === i ? `${i.name} ended on ${a.validTo.value}` : `${i.name} is outside its parent ${a.name}'s window, which ended on ${a.validTo.value}`;
    }
    return `${i.name} is not in force`;
  }

  /** Among covering instruments in force, the one to judge the step by: the first whose limit covers the amount, else the largest. */
  best(inForce: Candidate[], amount: Money | null, date: string): Candidate | undefined {
    if (inForce.length <= 1) return inForce[0];
    let best: Candidate | undefined;
    for (const c of inForce) {
      const limit = c.grant.limit;
      if (!limit) return c;
      const converted = amount ? this.model.convert(amount, limit.currency, date) : undefined;
      if (converted && compareMoney(converted, limit)! <= 0) return c;
      if (!best || (best.grant.limit && compareMoney(limit, best.grant.limit) === 1)) best = c;
    }
    return best;
  }
}
