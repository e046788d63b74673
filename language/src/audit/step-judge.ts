// Judges one transaction step on its own: the `transaction` facts the per-step audit rules read, and
// the first of those rules (in priority order) whose compiled predicate fires. It reads only the
// audit tables (audit-index.ts), so any thread with a copy of them can run it.
//
// The hot path allocates nothing for a step on which no rule fires: the facts are one object per
// judge, filled in again for each step (lists that are empty are one shared empty list, limits and
// thresholds are the tables' own objects); dates are compared as day numbers, amounts as canonical
// decimal strings (`compareCanonical`, exact, no big.js). A step a rule fires on gets a copy of the
// facts with the texts that only messages read (`describe`), from which its finding is made.
import { compileCondition, type Predicate } from '../check/compile.ts';
import { generatePredicate } from './generated-predicate.ts';
import { OPERATORS, type OperatorFn } from '../check/operators.ts';
import type { Condition } from '../check/types.ts';
import { isMoney, formatMoney, type Money } from '../values/money.ts';
import { dayOf, NO_ENTITY, ROUTE_FIELDS, ROUTE_FROM, ROUTE_GRANT, ROUTE_INSTRUMENT, ROUTE_LIVE_FROM, ROUTE_LIVE_TO, ROUTE_TO, UNKNOWN_ENTITY, type AuditIndex } from './audit-index.ts';
import { compareCanonical } from './fast-decimal.ts';
import type { TransactionRecord } from './record.ts';
import { doubled, NONE } from '../util/exact.ts';

/**
 * The money operators of `OPERATORS` with the same answers, comparing canonical decimal strings
 * without big.js (`compareCanonical` falls back to it for any other text).
 */
function moneyCompare(test: (c: number) => boolean): OperatorFn {
  return (a, b) => isMoney(a) && isMoney(b) && a.currency === b.currency && test(compareCanonical(a.amount, b.amount));
}
export const AUDIT_OPERATORS: Record<string, OperatorFn> = {
  ...OPERATORS,
  moneyGreaterThan: moneyCompare((c) => c > 0),
  moneyAtLeast: moneyCompare((c) => c >= 0),
  moneyLessThan: moneyCompare((c) => c < 0),
  moneyAtMost: moneyCompare((c) => c <= 0),
  moneyEqual: moneyCompare((c) => c === 0),
};

/**
 * A rule's conditions compiled for the audit (the same meaning, the audit's operators): generated,
 * as the audit runs the same few predicates on every step (generated-predicate.ts).
 */
export function auditPredicate(conditions: Condition): Predicate {
  if (!codeGeneration) return compileCondition(conditions, AUDIT_OPERATORS);
  try {
    return generatePredicate(conditions, AUDIT_OPERATORS);
  } catch (e) {
    // A runtime that forbids code from strings (`--disallow-code-generation-from-strings`, a policy
    // of the host) throws an EvalError: the audit then runs the same conditions as closures.
    if (!(e instanceof EvalError)) throw e;
    codeGeneration = false;
    return compileCondition(conditions, AUDIT_OPERATORS);
  }
}
let codeGeneration = true;


/** The `transaction` facts of one step (what the per-step rules read, and their messages). */
export interface TransactionFacts {
  line: number;
  id: string;
  date: string;
  step: string;
  actor: string;
  actorName: string;
  actorKnown: boolean;
  actorIsRoot: boolean;
  amount: Money | null;
  amountText: string | null;
  entity: string | null;
  entityText: string | null;
  vendor: string | null;
  vendorText: string | null;
  authority: string | null;
  needsAuthority: boolean;
  candidates: number;
  inForce: number;
  revokedInstrument: string | null;
  revokedOn: string | null;
  notInForceReason: string | null;
  instrument: string | null;
  /** The delegation used or, when none covers the step, the one that came closest. */
  chainInstrument: string | null;
  limit: Money | null;
  limitText: string | null;
  amountInLimitCurrency: Money | null;
  requires: readonly string[];
  missingTrainings: readonly string[];
  reservedTo: string | null;
  reservedHeld: boolean;
  review: { required: boolean; threshold: Money | null; thresholdText: string | null; ref: string | null; date: string | null };
  conflicts: readonly string[];
}

function emptyFacts(): TransactionFacts {
  return {
    line: 0,
    id: '',
    date: '',
    step: '',
    actor: '',
    actorName: '',
    actorKnown: false,
    actorIsRoot: false,
    amount: null,
    amountText: null,
    entity: null,
    entityText: null,
    vendor: null,
    vendorText: null,
    authority: null,
    needsAuthority: false,
    candidates: 0,
    inForce: 0,
    revokedInstrument: null,
    revokedOn: null,
    notInForceReason: null,
    instrument: null,
    chainInstrument: null,
    limit: null,
    limitText: null,
    amountInLimitCurrency: null,
    requires: NONE,
    missingTrainings: NONE,
    reservedTo: null,
    reservedHeld: true,
    review: { required: false, threshold: null, thresholdText: null, ref: null, date: null },
    conflicts: NONE,
  };
}

/** V8 copies a shorter part of a string out; from this length on it makes a slice that refers to the whole. */
const SLICED_LENGTH = 13;

export class StepJudge {
  /** The facts of the step judged last (one object, filled in again for every step). */
  readonly facts: TransactionFacts = emptyFacts();
  /** What the predicates are given: `{ transaction: facts }`. */
  private readonly subjectFacts = { transaction: this.facts };
  /** The grant the step is judged by (index), or -1. */
  best = -1;
  /** The instrument of the delegation used or that came closest (index), or -1. */
  closest = -1;
  /** The authority the step exercises (index), or -1. */
  authority = -1;
  /** That authority is `cumulative`: the step is an award whose amounts to a vendor add up (split purchases). */
  cumulative = false;
  /** The actor (index among the persons), or -1 when not a person of the policy. */
  person = -1;
  /** The step's code (`AuditTables.stepCodes`), or -1: looked up once, for the judge and the outcome. */
  stepCode = -1;
  /** The entity's code (`AuditTables.entityCodes`), NO_ENTITY or UNKNOWN_ENTITY. */
  entityCode = NO_ENTITY;
  /**
   * The entity and vendor looked up last, with their codes: the steps of a transaction follow one
   * another and share them, and comparing a short text with the one before costs less than a
   * lookup. Only a text too short to be a slice of the chunk is kept (a slice would keep the
   * chunk's text alive).
   */
  private lastEntity: string | null = null;
  private lastEntityCode = NO_ENTITY;
  private lastVendor: string | null = null;
  private lastVendorCode = -1;
  /** The grants in force among the candidates (the first `liveCount`), grown when a step has more. */
  private live = new Int32Array(16);
  private liveCount = 0;

  constructor(
    readonly index: AuditIndex,
    /** The per-step rules' predicates, highest priority first. */
    private readonly predicates: readonly Predicate[],
    /** Conditions read texts: make them before the predicates run. */
    private readonly textsFirst = false,
  ) {}

  /** Judges a step: fills in `facts`; returns the index of the first rule that fires, or -1. */
  judge(r: TransactionRecord): number {
    this.fill(r);
    if (this.textsFirst) this.describe(this.facts);
    const p = this.predicates;
    for (let i = 0; i < p.length; i++) if (p[i]!(this.subjectFacts)) return i;
    return -1;
  }

  /** A copy of the facts of the step judged last, with its texts: what a finding is made from. */
  describedFacts(): TransactionFacts {
    const f = this.facts;
    const copy: TransactionFacts = { ...f, review: { ...f.review } };
    this.describe(copy);
    return copy;
  }

  private describe(f: TransactionFacts): void {
    f.amountText = f.amount ? formatMoney(f.amount) : 'no amount';
    f.entityText = f.entity ? ` in ${f.entity}` : '';
    f.vendorText = f.vendor ? ` with vendor ${f.vendor}` : '';
    f.notInForceReason = f.candidates && !f.inForce && !f.revokedInstrument ? this.index.notInForceReason(this.closest, f.date) : null;
    f.limitText = f.limit ? formatMoney(f.limit) : 'no limit';
    f.review.thresholdText = f.review.threshold ? formatMoney(f.review.threshold) : null;
  }

  private entityCodeOf(entity: string): number {
    const code = this.index.tables.entityCodes.get(entity) ?? UNKNOWN_ENTITY;
    if (entity.length < SLICED_LENGTH) {
      this.lastEntity = entity;
      this.lastEntityCode = code;
    }
    return code;
  }

  /** A vendor's code in the tables, or -1. */
  vendorCode(vendor: string): number {
    if (vendor === this.lastVendor) return this.lastVendorCode;
    const code = this.index.tables.vendorCodes.get(vendor) ?? -1;
    if (vendor.length < SLICED_LENGTH) {
      this.lastVendor = vendor;
      this.lastVendorCode = code;
    }
    return code;
  }

  private fill(r: TransactionRecord): void {
    const index = this.index;
    const t = index.tables;
    const f = this.facts;
    const date = r.date;
    const day = dayOf(date);
    const step = t.stepCodes.get(r.step) ?? -1;
    const a = step < 0 ? -1 : index.authorityOfStep[step]!;
    const authority = a < 0 ? undefined : t.authorities[a]!;
    const p = t.personIndex.get(r.actor) ?? -1;
    const person = p >= 0;
    const entity = r.entity;
    const entityCode = entity === null ? NO_ENTITY : entity === this.lastEntity ? this.lastEntityCode : this.entityCodeOf(entity);

    // The candidates: grants the person holds the authority by on the day (in the step's entity
    // when it names one); those in force; the one to judge by.
    let candidates = 0;
    let firstCandidate = -1;
    let liveCount = 0;
    if (person && authority) {
      const at = index.routesOf(p, authority.key);
      const routes = index.routePool;
      const end = at + 1 + routes[at]! * ROUTE_FIELDS;
      for (let j = at + 1; j < end; j += ROUTE_FIELDS) {
        if (day < routes[j + ROUTE_FROM]! || day > routes[j + ROUTE_TO]!) continue;
        if (entity && !index.inEntity(routes[j + ROUTE_INSTRUMENT]!, day, entityCode, entity)) continue;
        const g = routes[j + ROUTE_GRANT]!;
        if (candidates++ === 0) firstCandidate = g;
        if (routes[j + ROUTE_LIVE_FROM]! <= day && day <= routes[j + ROUTE_LIVE_TO]!) {
          if (liveCount === this.live.length) this.live = doubled(this.live);
          this.live[liveCount++] = g;
        }
      }
    }
    this.liveCount = liveCount;
    let revoked: { instrument: string; date: string } | undefined;
    if (!liveCount && candidates) revoked = this.firstRevocation(p, authority!.key, day, entity, entityCode);
    const best = this.bestOf(r.amount, date);
    const bestInstrument = best < 0 ? -1 : index.grantInstrument[best]!;
    const limit = best < 0 ? null : index.grantLimit[best]!;
    const requires: readonly string[] = bestInstrument >= 0 && index.requireCount[bestInstrument]! > 0 ? t.instruments.requires[bestInstrument]! : NONE;
    const missingTrainings: readonly string[] = person && requires.length ? index.missingTrainings(p, bestInstrument, day) : NONE;
    const reservedTo = authority?.reservedTo ?? null;
    // The root holds every authority: what is not delegated is reserved to it (ST/SGB/2019/2 §1.3).
    const actorIsRoot = person && index.isRootOn(p, day);
    const threshold = (best < 0 ? null : index.grantReview[best]!) ?? authority?.review ?? null;
    const amountInLimit = r.amount && limit ? index.convert(r.amount, limit.currency, date) : undefined;
    // A threshold in the limit's currency (the usual case) needs no second conversion.
    const amountInThreshold = r.amount && threshold ? (limit && threshold.currency === limit.currency ? amountInLimit : index.convert(r.amount, threshold.currency, date)) : undefined;
    let conflicts: readonly string[] = NONE;
    if (person && index.hasInterests[p]) {
      const list: string[] = [];
      // An interest counts from the day it is declared, as in `doa check` (holding-facts.ts).
      for (const i of t.persons[p]!.interests) {
        if (i.declared !== null && i.declared > date) continue;
        if ((r.vendor && i.vendor === r.vendor) || (!i.vendor && (!i.area || i.area === authority?.area))) list.push(i.description);
      }
      if (list.length) conflicts = list;
    }
    this.best = best;
    this.authority = a;
    this.cumulative = !!authority?.cumulative;
    this.person = p;
    this.stepCode = step;
    this.entityCode = entityCode;
    this.closest = bestInstrument >= 0 ? bestInstrument : firstCandidate >= 0 ? index.grantInstrument[firstCandidate]! : -1;

    f.line = r.line;
    f.id = r.id;
    f.date = date;
    f.step = r.step;
    f.actor = r.actor;
    f.actorName = index.actorName(p, r.actor);
    f.actorKnown = person;
    f.actorIsRoot = actorIsRoot;
    f.amount = r.amount;
    f.amountText = null;
    f.entity = entity;
    f.entityText = null;
    f.vendor = r.vendor;
    f.vendorText = null;
    f.authority = authority?.name ?? null;
    f.needsAuthority = !!authority;
    f.candidates = candidates;
    f.inForce = liveCount;
    f.revokedInstrument = revoked?.instrument ?? null;
    f.revokedOn = revoked?.date ?? null;
    f.notInForceReason = null;
    f.instrument = bestInstrument >= 0 ? t.instruments.names[bestInstrument]! : null;
    f.chainInstrument = this.closest >= 0 ? t.instruments.names[this.closest]! : null;
    f.limit = limit;
    f.limitText = null;
    f.amountInLimitCurrency = amountInLimit ?? null;
    f.requires = requires;
    f.missingTrainings = missingTrainings;
    f.reservedTo = reservedTo;
    f.reservedHeld = !reservedTo || actorIsRoot || (person && index.holdsOn(p, authority!.reservedToCode, day));
    const review = f.review;
    review.required = !!threshold && !!amountInThreshold && compareCanonical(amountInThreshold.amount, threshold.amount) > 0;
    review.threshold = threshold;
    review.thresholdText = null;
    review.ref = r.reviewRef;
    review.date = r.reviewDate;
    f.conflicts = conflicts;
  }

  /** The first revocation on or before the day in the chains of the candidates (in their order), if any. */
  private firstRevocation(person: number, authority: number, day: number, entity: string | null, entityCode: number): { instrument: string; date: string } | undefined {
    const index = this.index;
    const at = index.routesOf(person, authority);
    const routes = index.routePool;
    const end = at + 1 + routes[at]! * ROUTE_FIELDS;
    for (let j = at + 1; j < end; j += ROUTE_FIELDS) {
      if (day < routes[j + ROUTE_FROM]! || day > routes[j + ROUTE_TO]!) continue;
      const k = routes[j + ROUTE_INSTRUMENT]!;
      if (entity && !index.inEntity(k, day, entityCode, entity)) continue;
      for (const rv of index.tables.instruments.revocations[k]!) if (rv.day <= day) return rv;
    }
    return undefined;
  }

  /** Among the grants in force (`live`), the one to judge the step by: the first whose limit covers the amount, else the largest. */
  private bestOf(amount: Money | null, date: string): number {
    const live = this.live;
    const count = this.liveCount;
    if (count <= 1) return count ? live[0]! : -1;
    const limits = this.index.grantLimit;
    let best = -1;
    for (let i = 0; i < count; i++) {
      const g = live[i]!;
      const limit = limits[g]!;
      if (!limit) return g;
      const converted = amount ? this.index.convert(amount, limit.currency, date) : undefined;
      if (converted && compareCanonical(converted.amount, limit.amount) <= 0) return g;
      const bestLimit = best < 0 ? null : limits[best]!;
      if (best < 0 || (bestLimit && bestLimit.currency === limit.currency && compareCanonical(limit.amount, bestLimit.amount) > 0)) best = g;
    }
    return best;
  }
}
