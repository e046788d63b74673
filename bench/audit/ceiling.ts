// The ceiling of the audit benchmark: the same checks as `doa audit`, hand-written. The records come
// from the same reader (`readTransactions`); the policy is joined through an index of the same shape
// as `AuditIndex` (instruments by delegate and authority), with every date-independent answer
// precomputed once per instrument or person (the window in which a chain is in force, the first
// revocation, the entity, the inherited trainings); the rules are plain if-statements in the order
// of their priorities, amounts are plain numbers. It produces one finding per per-step cause, per
// incompatible pair of steps and per run of split awards, as the Auditor does, with a rendered
// message, so that its work is the same and its counts per rule can be compared with doa's.
//
// The Cedar mode (cedar.ts) reuses this index for the join: `Join.judge` returns what a request
// needs (the person, the authority, the candidate grant judged, the amounts converted by the rates).
import type { WorkspaceModel } from '../../language/src/model/model.ts';
import type { InstrumentDecl, PersonDecl } from '../../language/src/ast/ast.ts';
import type { TransactionRecord } from '../../language/src/audit/record.ts';
import { addDays, addMonths } from '../../language/src/values/dates.ts';

export interface CAuthority {
  name: string;
  area: string;
  reservedTo: string | null;
  /** The catalogue's (or the configuration's) committee-review threshold. */
  threshold: { amount: number; currency: string } | null;
  /** Its awards to one vendor add up (split purchases). */
  cumulative: boolean;
}

export interface CGrant {
  instrument: string;
  /** Never in force: a cycle of `under`, or a sub-delegation without a parent. */
  dead: boolean;
  /** The chain is in force on [from, to] before `revokedAt` ('' = open). */
  from: string;
  to: string;
  revokedAt: string;
  /** Revocations of the chain, root-most first. */
  revocations: Array<{ instrument: string; date: string }>;
  entity: string | null;
  /** Entity of a chain whose root goes to a person: depends on the posts the person holds. */
  rootPerson: CPerson | null;
  limit: { amount: number; currency: string; text: string } | null;
  stated: { amount: number; currency: string } | null;
  requires: string[];
}

export interface CPerson {
  name: string;
  title: string;
  holds: Array<{ ref: string; post: string; postEntity: string | null; from: string; to: string; resolved: boolean }>;
  trainings: Array<{ name: string; completed: string; lapse: string }>;
  interests: Array<{ description: string; vendor: string | null; area: string | null; declared: string | null }>;
}

const within = (date: string, from: string, to: string) => (!from || from <= date) && (!to || date <= to);

/** Rates by pair, latest first: a rate applies from its date (or always). */
class Rates {
  private readonly pairs = new Map<string, Array<{ since: string; rate: number }>>();
  constructor(model: WorkspaceModel) {
    for (const r of model.rates) {
      const key = `${r.from}>${r.to}`;
      let list = this.pairs.get(key);
      if (!list) this.pairs.set(key, (list = []));
      list.push({ since: r.validFrom?.value ?? '', rate: Number(r.rate) });
    }
    // The model takes, among rates in force, the one with the latest date, the later declared on a tie.
    for (const list of this.pairs.values()) list.reverse().sort((a, b) => (a.since < b.since ? 1 : a.since > b.since ? -1 : 0));
  }
  private rateOn(from: string, to: string, date: string): { since: string; rate: number } | undefined {
    const list = this.pairs.get(`${from}>${to}`);
    if (!list) return undefined;
    for (const r of list) if (r.since <= date) return r;
    return undefined;
  }
  // Of a rate each way, the later applies; the direct one on the same date.
  convert(amount: number, from: string, to: string, date: string): number | undefined {
    if (from === to) return amount;
    const direct = this.rateOn(from, to, date);
    const inverse = this.rateOn(to, from, date);
    if (direct && (!inverse || direct.since >= inverse.since)) return amount * direct.rate;
    if (inverse) return amount / inverse.rate;
    return undefined;
  }
}

const formatAmount = (n: number) => {
  const [w, f] = String(Math.round(n * 1e4) / 1e4).split('.');
  const g = w!.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return f ? `${g}.${f.length === 1 ? f + '0' : f}` : g;
};

/** The join: the policy as plain maps, built once. */
export class Join {
  readonly authorityForStep = new Map<string, CAuthority>();
  readonly persons = new Map<string, CPerson>();
  readonly byDelegate = new Map<string, Map<string, CGrant[]>>();
  readonly incompatible = new Map<string, Map<string, string>>();
  readonly rates: Rates;
  readonly rootPost: string | null;

  /** The model while the join is built (let go of after, as doa's audit lets go of it). */
  private model: WorkspaceModel | undefined;

  constructor(model: WorkspaceModel) {
    this.model = model;
    this.rates = new Rates(model);
    this.rootPost = model.rootPost?.name ?? null;
    for (const a of model.authorities) {
      {
        const cr = model.committeeReviewOf(a);
        const auth: CAuthority = { name: a.name, area: a.area, reservedTo: a.reservedTo?.name ?? null, threshold: cr ? { amount: Number(cr.above.amount), currency: cr.above.currency } : null, cumulative: a.cumulative };
        for (const s of a.steps) if (!this.authorityForStep.has(s)) this.authorityForStep.set(s, auth);
      }
    }
    for (const p of model.persons) this.persons.set(p.name, this.person(p));
    for (const i of model.instruments) {
      if (!i.delegate) continue;
      let byAuthority = this.byDelegate.get(i.delegate.name);
      if (!byAuthority) this.byDelegate.set(i.delegate.name, (byAuthority = new Map()));
      for (const g of i.grants) {
        let list = byAuthority.get(g.authority.name);
        if (!list) byAuthority.set(g.authority.name, (list = []));
        list.push(this.grant(i, g));
      }
    }
    for (const s of model.segregations) {
      const duties = s.duties.map((d) => model.symbols.resolve(d, 'duty')).filter((d) => d !== undefined);
      for (let i = 0; i < duties.length; i++)
        for (let j = 0; j < duties.length; j++) {
          if (i === j) continue;
          for (const a of duties[i]!.steps)
            for (const b of duties[j]!.steps) {
              if (a === b) continue;
              let m = this.incompatible.get(a);
              if (!m) this.incompatible.set(a, (m = new Map()));
              if (!m.has(b)) m.set(b, s.title ? `${s.name} (${s.title})` : s.name);
            }
        }
    }
    this.model = undefined;
  }

  private person(p: PersonDecl): CPerson {
    const model = this.model!;
    return {
      name: p.name,
      title: p.title ?? p.name,
      holds: p.holds.map((h) => {
        const post = model.symbols.resolve(h.post, 'post');
        return { ref: h.post.name, post: post?.name ?? h.post.name, postEntity: post ? (model.entityOfPost(post)?.name ?? null) : null, from: h.from?.value ?? '', to: h.to?.value ?? '', resolved: !!post };
      }),
      trainings: p.trainings.map((t) => {
        const decl = model.symbols.resolve(t.training, 'training');
        return { name: t.training.name, completed: t.completed.value, lapse: decl?.validForMonths !== undefined ? addMonths(t.completed.value, decl.validForMonths) : '' };
      }),
      interests: p.interests.map((i) => ({ description: i.description, vendor: i.vendor?.name ?? null, area: i.area?.name ?? null, declared: i.declared?.value ?? null })),
    };
  }

  private grant(i: InstrumentDecl, g: InstrumentDecl['grants'][number]): CGrant {
    const model = this.model!;
    const { chain, cycle } = model.ancestry(i);
    let from = '';
    let to = '';
    let revokedAt = '';
    for (const a of chain) {
      if (a.validFrom && a.validFrom.value > from) from = a.validFrom.value;
      if (a.validTo && (!to || a.validTo.value < to)) to = a.validTo.value;
      if (a.revocation && (!revokedAt || a.revocation.date.value < revokedAt)) revokedAt = a.revocation.date.value;
    }
    const root = chain[0]!;
    const rootDelegate = model.delegateOf(root);
    const entity = rootDelegate?.kind === 'post' ? (model.entityOfPost(rootDelegate)?.name ?? null) : null;
    return {
      instrument: i.name,
      dead: cycle || (i.kind === 'sub-delegation' && chain.length < 2),
      from,
      to,
      revokedAt,
      revocations: chain.filter((a) => a.revocation).map((a) => ({ instrument: a.name, date: a.revocation!.date.value })),
      entity,
      rootPerson: rootDelegate?.kind === 'person' ? this.person(rootDelegate) : null,
      limit: g.limit ? { amount: Number(g.limit.amount), currency: g.limit.currency, text: `${g.limit.currency} ${formatAmount(Number(g.limit.amount))}` } : null,
      stated: g.committeeReview ? { amount: Number(g.committeeReview.above.amount), currency: g.committeeReview.above.currency } : null,
      requires: [...new Set(chain.flatMap((a) => a.requires.map((x) => x.name)))],
    };
  }

  entityOf(g: CGrant, date: string): string | null {
    if (!g.rootPerson) return g.entity;
    for (const h of g.rootPerson.holds) if (h.resolved && within(date, h.from, h.to)) return h.postEntity;
    return null;
  }

  inForce(g: CGrant, date: string): boolean {
    return !g.dead && (!g.from || g.from <= date) && (!g.to || date <= g.to) && (!g.revokedAt || date < g.revokedAt);
  }

  candidates(p: CPerson, authority: string, date: string, entity: string | null): CGrant[] {
    const out: CGrant[] = [];
    const add = (delegate: string) => {
      const list = this.byDelegate.get(delegate)?.get(authority);
      if (!list) return;
      for (const c of list) if (!entity || this.entityOf(c, date) === entity) out.push(c);
    };
    add(p.name);
    for (const h of p.holds) if (within(date, h.from, h.to)) add(h.ref);
    return out;
  }

  /** Everything about one step that the checks read (the facts, hand-computed). */
  judge(r: TransactionRecord) {
    const authority = this.authorityForStep.get(r.step) ?? null;
    const person = this.persons.get(r.actor) ?? null;
    const date = r.date;
    let candidates: CGrant[] = [];
    let best: CGrant | undefined;
    let inForce = 0;
    if (person && authority) {
      candidates = this.candidates(person, authority.name, date, r.entity);
      const live: CGrant[] = [];
      for (const c of candidates) if (this.inForce(c, date)) live.push(c);
      inForce = live.length;
      best = this.best(live, r.amount ? Number(r.amount.amount) : null, r.amount?.currency ?? null, date);
    }
    let revoked: { instrument: string; date: string } | undefined;
    if (!inForce) {
      outer: for (const c of candidates)
        for (const rv of c.revocations)
          if (rv.date <= date) {
            revoked = rv;
            break outer;
          }
    }
    const amount = r.amount ? Number(r.amount.amount) : null;
    const limit = best?.limit ?? null;
    const inLimit = amount !== null && limit ? this.rates.convert(amount, r.amount!.currency, limit.currency, date) : undefined;
    let actorIsRoot = false;
    let reservedHeld = !authority?.reservedTo;
    if (person)
      for (const h of person.holds) {
        if (!h.resolved || !within(date, h.from, h.to)) continue;
        if (h.post === this.rootPost) actorIsRoot = true;
        if (h.post === authority?.reservedTo) reservedHeld = true;
      }
    if (actorIsRoot) reservedHeld = true;
    const threshold = best?.stated ?? authority?.threshold ?? null;
    const inThreshold = amount !== null && threshold ? this.rates.convert(amount, r.amount!.currency, threshold.currency, date) : undefined;
    return { authority, person, candidates, inForce, best, revoked, amount, limit, inLimit, actorIsRoot, reservedHeld, threshold, inThreshold, reviewRequired: !!threshold && inThreshold !== undefined && inThreshold > threshold.amount };
  }

  private best(live: CGrant[], amount: number | null, currency: string | null, date: string): CGrant | undefined {
    if (live.length <= 1) return live[0];
    let best: CGrant | undefined;
    for (const c of live) {
      if (!c.limit) return c;
      const converted = amount !== null ? this.rates.convert(amount, currency!, c.limit.currency, date) : undefined;
      if (converted !== undefined && converted <= c.limit.amount) return c;
      if (!best || (best.limit && best.limit.currency === c.limit.currency && c.limit.amount > best.limit.amount)) best = c;
    }
    return best;
  }

  missingTrainings(p: CPerson, requires: string[], date: string): string[] {
    const out: string[] = [];
    for (const t of requires) {
      let ok = false;
      for (const x of p.trainings) if (x.name === t && x.completed <= date && !(x.lapse && x.lapse < date)) ok = true;
      if (!ok) out.push(t);
    }
    return out;
  }
}

export interface CFinding {
  ruleId: string;
  line: number;
  message: string;
}

/** The hand-written audit: one instance per run, records in file order. */
export class Ceiling {
  readonly byRule: Record<string, number> = {};
  private readonly transactions = new Map<string, Array<{ step: string; actor: string; line: number }>>();
  private readonly awards = new Map<string, { dates: string[]; amounts: number[]; lines: number[]; head: number; from: string; total: number; maxq: number[] }>();
  private readonly flagged = new Set<string>();
  private readonly windowFrom = new Map<string, string>();
  private awardsFrom = '';
  private sweptFrom = '';
  private sinceSweep = 0;

  constructor(
    readonly join: Join,
    readonly windowDays = 30,
  ) {}

  private add(out: CFinding[], ruleId: string, line: number, message: string) {
    this.byRule[ruleId] = (this.byRule[ruleId] ?? 0) + 1;
    out.push({ ruleId, line, message });
  }

  check(r: TransactionRecord): CFinding[] {
    const out: CFinding[] = [];
    const j = this.join.judge(r);
    const { authority, person } = j;
    const name = person?.title ?? r.actor;
    const needs = !!authority;
    const on = ` on ${r.date}`;
    if (needs && person && !j.reservedHeld) this.add(out, 'audit-reserved-matter', r.line, `${name} performed ${r.step}${on}, a matter reserved to ${authority!.reservedTo}`);
    else if (needs && person && !j.actorIsRoot && j.candidates.length === 0) this.add(out, 'audit-no-delegation', r.line, `${name} performed ${r.step} (${authority!.name})${on} without any delegation of it`);
    else if (needs && !person) this.add(out, 'audit-no-delegation', r.line, `${r.actor}, who performed ${r.step} (${authority!.name})${on}, is not a person of the policy`);
    else if (needs && j.inForce === 0 && j.revoked) this.add(out, 'audit-revoked-authority', r.line, `${name} performed ${r.step}${on} under ${j.revoked.instrument}, revoked on ${j.revoked.date}`);
    else if (needs && j.candidates.length > 0 && j.inForce === 0) this.add(out, 'audit-delegation-not-in-force', r.line, `${name} performed ${r.step}${on} under ${j.candidates[0]!.instrument}, not in force`);
    else {
      const missing = j.inForce > 0 && j.best ? this.join.missingTrainings(person!, j.best.requires, r.date) : [];
      if (j.inForce > 0 && missing.length) this.add(out, 'audit-prerequisite-not-met', r.line, `${name} performed ${r.step}${on} without ${missing.join(', ')}`);
      else if (j.inForce > 0 && j.amount !== null && j.limit && r.amount!.currency !== j.limit.currency && j.inLimit === undefined) this.add(out, 'audit-currency-without-rate', r.line, `${name} performed ${r.step}${on} in ${r.amount!.currency}, no rate to ${j.limit.currency}`);
      else if (j.inForce > 0 && j.inLimit !== undefined && j.limit && j.inLimit > j.limit.amount) this.add(out, 'audit-amount-above-limit', r.line, `${name} performed ${r.step} for ${r.amount!.currency} ${formatAmount(j.amount!)}${on}, above the ${j.limit.text} limit of ${j.best!.instrument}`);
      else if (j.reviewRequired && !r.reviewRef) this.add(out, 'audit-committee-review-missing', r.line, `${name} performed ${r.step}${on} above the committee-review threshold without review`);
      else if (j.reviewRequired && r.reviewRef && !r.reviewDate) this.add(out, 'audit-committee-review-missing', r.line, `${name} performed ${r.step}${on} above the committee-review threshold, review ${r.reviewRef} undated`);
      else if (j.reviewRequired && r.reviewRef && r.reviewDate && r.reviewDate > r.date) this.add(out, 'audit-review-after-award', r.line, `${name} performed ${r.step}${on} before the review of ${r.reviewDate}`);
      else if (person) {
        let conflict: string | undefined;
        for (const i of person.interests) if ((i.declared === null || i.declared <= r.date) && ((r.vendor && i.vendor === r.vendor) || (!i.vendor && (!i.area || i.area === authority?.area)))) conflict ??= i.description;
        if (conflict) this.add(out, 'audit-conflict-of-interest', r.line, `${name} performed ${r.step}${on} despite a declared interest: ${conflict}`);
      }
    }
    // Segregation of duties across the steps of one transaction.
    let seen = this.transactions.get(r.id);
    if (!seen) this.transactions.set(r.id, (seen = []));
    for (const e of seen) {
      if (e.actor !== r.actor) continue;
      const seg = this.join.incompatible.get(e.step)?.get(r.step);
      if (seg) this.add(out, 'audit-segregation-of-duties', r.line, `${name} performed both ${e.step} (line ${e.line}) and ${r.step} of transaction ${r.id}, which ${seg} keeps apart`);
    }
    seen.push({ step: r.step, actor: person ? person.name : r.actor, line: r.line });
    // Split purchases: a sliding window per (actor, vendor, authority), as doa keeps it (awards before
    // the window of the latest are forgotten; one out of date order is compared with what remains,
    // in its own window and in those of the later awards that hold it).
    if (r.vendor && j.amount !== null && j.limit && authority?.cumulative) {
      const converted = this.join.rates.convert(j.amount, r.amount!.currency, j.limit.currency, r.date);
      if (converted !== undefined) {
        const key = `${r.actor}\u0000${r.vendor}\u0000${authority.name}`;
        let from = this.windowFrom.get(r.date);
        if (from === undefined) this.windowFrom.set(r.date, (from = addDays(r.date, -this.windowDays + 1)));
        if (from > this.awardsFrom) this.awardsFrom = from;
        if (++this.sinceSweep >= 50_000 && this.awardsFrom !== this.sweptFrom) {
          // Keys with no award since the window before the latest window are dropped (as doa does).
          this.sinceSweep = 0;
          this.sweptFrom = this.awardsFrom;
          const before = addDays(this.awardsFrom, -this.windowDays + 1);
          for (const [k, x] of this.awards) if (x.dates[x.dates.length - 1]! < before) this.awards.delete(k);
        } else if (this.sinceSweep >= 50_000) this.sinceSweep = 0;
        let w = this.awards.get(key);
        if (!w) this.awards.set(key, (w = { dates: [], amounts: [], lines: [], head: 0, from: '', total: 0, maxq: [] }));
        let count = 0;
        let total = 0;
        let largest = 0;
        let first = -1;
        const n = w.dates.length;
        if (n === w.head || w.dates[n - 1]! <= r.date) {
          w.dates.push(r.date);
          w.amounts.push(converted);
          w.lines.push(r.line);
          if (from > w.from) w.from = from;
          while (w.dates[w.head]! < w.from) {
            if (w.maxq[0] === w.head) w.maxq.shift();
            w.total -= w.amounts[w.head++]!;
          }
          w.total += converted;
          while (w.maxq.length && w.amounts[w.maxq[w.maxq.length - 1]!]! <= converted) w.maxq.pop();
          w.maxq.push(n);
          count = w.dates.length - w.head;
          total = w.total;
          first = w.lines[w.head]!;
          largest = w.amounts[w.maxq[0]!]!;
          if (w.head > 64 && w.head * 2 > w.dates.length) {
            w.dates.splice(0, w.head);
            w.amounts.splice(0, w.head);
            w.lines.splice(0, w.head);
            for (let i = 0; i < w.maxq.length; i++) w.maxq[i]! -= w.head;
            w.head = 0;
          }
        } else if (r.date < w.from) {
          count = 1;
          total = largest = converted;
          first = r.line;
        } else {
          let at = n;
          while (at > w.head && w.dates[at - 1]! > r.date) at--;
          w.dates.splice(at, 0, r.date);
          w.amounts.splice(at, 0, converted);
          w.lines.splice(at, 0, r.line);
          let start = at;
          while (start > w.head && w.dates[start - 1]! >= from) start--;
          first = w.lines[start]!;
          for (let i = start; i <= at; i++) {
            count++;
            total += w.amounts[i]!;
            if (w.amounts[i]! > largest) largest = w.amounts[i]!;
          }
          // The windows of the later awards that hold this one: the largest total is its window (as doa).
          const last = addDays(r.date, this.windowDays - 1);
          for (let e = at + 1, s = start; e < w.dates.length && w.dates[e]! <= last; e++) {
            const eFrom = addDays(w.dates[e]!, -this.windowDays + 1);
            while (w.dates[s]! < eFrom) s++;
            let t = 0;
            let big = 0;
            for (let i = s; i <= e; i++) {
              t += w.amounts[i]!;
              if (w.amounts[i]! > big) big = w.amounts[i]!;
            }
            if (t > total) {
              total = t;
              largest = big;
              count = e - s + 1;
              first = w.lines[s]!;
            }
          }
          w.total = 0;
          w.maxq = [];
          for (let i = w.head; i < w.dates.length; i++) {
            w.total += w.amounts[i]!;
            while (w.maxq.length && w.amounts[w.maxq[w.maxq.length - 1]!]! <= w.amounts[i]!) w.maxq.pop();
            w.maxq.push(i);
          }
        }
        const limit = j.limit.amount;
        if (count > 1 && total > limit && largest <= limit) {
          const flag = `${key}/${first}`;
          if (!this.flagged.has(flag)) {
            this.flagged.add(flag);
            this.add(out, 'audit-split-purchase', r.line, `${name} made ${count} awards to ${r.vendor} totalling ${j.limit.currency} ${formatAmount(total)}, above the ${j.limit.text} limit`);
          }
        }
      }
    }
    return out;
  }
}

export { addDays };
