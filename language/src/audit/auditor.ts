// `doa audit`: checks each step actually carried out against the authority in force on its own
// date. Records arrive one at a time (the input is streamed); each becomes a `transaction` subject
// evaluated by the per-step audit rules in priority order (one cause per step, the most specific);
// steps of one transaction are compared for segregation of duties (`stepPair`), and awards to one
// vendor are added up over a window to find possible split purchases (`vendorWindow`).
import type { WorkspaceModel } from '../model/model.ts';
import type { RuleModule } from '../check/rule-module.ts';
import type { FactFamily, Finding, Subject } from '../check/types.ts';
import { findingFor, prepareRules, type PreparedRule, type SeveritySetting } from '../check/check.ts';
import { addDays } from '../values/dates.ts';
import { compareCanonical } from './fast-decimal.ts';
import type { AuthorityDecl, InstrumentDecl } from '../ast/ast.ts';
import { formatMoney, type Money } from '../values/money.ts';
import { AuditIndex, type Candidate } from './audit-index.ts';
import { VendorAwards, type WindowStats } from './vendor-window.ts';
import { readsAny } from './condition-paths.ts';
import type { RejectedRecord, TransactionRecord } from './record.ts';
import type { ChainLink } from '../check/types.ts';
import { chainOf } from '../facts/common.ts';

export const MALFORMED_RECORD = 'audit-malformed-record';

export interface AuditOptions {
  /** Uri of the transactions file (findings point at its lines). */
  uri: string;
  /** Days over which awards to one vendor are added up. */
  splitWindowDays?: number;
  severities?: Record<string, SeveritySetting>;
}

export interface AuditSummary {
  read: number;
  checked: number;
  rejected: number;
  findingsByRule: Record<string, number>;
  findingsByEntity: Record<string, number>;
  stepsNeedingAuthority: number;
  stepsProperlyAuthorised: number;
  awardsNeedingReview: number;
  awardsReviewedInTime: number;
}

/** Fields of the `transaction` facts that only messages read (made when a rule fires, see `lazyTexts`). */
const TRANSACTION_TEXTS = ['$.amountText', '$.entityText', '$.vendorText', '$.limitText', '$.notInForceReason', '$.review.thresholdText'];
/** Fields of the `vendorWindow` facts that only messages and explanations read. */
const WINDOW_DETAILS = ['$.lines', '$.from'];

const NONE: readonly never[] = Object.freeze([]);
const NO_STEPS: number[] = [];

/** What judging a step found beyond its facts: what its texts and subject are made from. */
interface Judgement {
  facts: TransactionFacts;
  best: Candidate | undefined;
  closest: Candidate | undefined;
  described: boolean;
}

export type TransactionFacts = ReturnType<Auditor['judge']>['facts'];

/** A finding with what it was found on (the subject and rule, for explanations). */
export interface AuditHit {
  finding: Finding;
  subject: Subject;
  rule: PreparedRule;
}

/**
 * One step as `Auditor.assess` leaves it for `Auditor.follow`: plain data (it may cross from a
 * worker thread), the per-step finding already made.
 */
export interface AssessedStep {
  record: TransactionRecord;
  /** The first per-step rule that fired (its index among the per-step rules) and its finding. */
  hit?: { finding: Finding; rule: number; subject?: Subject };
  needsAuthority: boolean;
  reviewRequired: boolean;
  limit: Money | null;
  authority: string | null;
  actorName: string;
  chainInstrument: string | null;
}

const lineRange = (line: number) => ({ start: { line: line - 1, character: 0, offset: 0 }, end: { line: line - 1, character: 0, offset: 0 } });

export class Auditor {
  readonly index: AuditIndex;
  readonly summary: AuditSummary = {
    read: 0,
    checked: 0,
    rejected: 0,
    findingsByRule: {},
    findingsByEntity: {},
    stepsNeedingAuthority: 0,
    stepsProperlyAuthorised: 0,
    awardsNeedingReview: 0,
    awardsReviewedInTime: 0,
  };
  private readonly perStep: PreparedRule[];
  private readonly byFamily = new Map<FactFamily, PreparedRule[]>();
  /**
   * The steps seen of each transaction, packed as (step code, actor code, line) triples of small
   * integers: one entry per transaction for the whole audit, so it is kept compact.
   */
  private readonly transactions = new Map<string, number[]>();
  private readonly codes = new Map<string, number>();
  private readonly names: string[] = [];
  private readonly awards = new Map<string, VendorAwards>();
  private readonly flaggedWindows = new Set<string>();
  private readonly windowDays: number;
  private readonly windowStarts = new Map<string, string>();
  /**
   * First day of the window of the latest award read. The awards of a person, vendor and authority
   * with none since the window before that one are dropped now and then (`forgetOldAwards`), so that
   * memory does not grow with the file: only an award more than a window out of date order could
   * still have reached them.
   */
  private awardsFrom = '';
  private awardsSinceSweep = 0;
  private sweptFrom = '';
  private readonly reviews = new Map<AuthorityDecl, Money | null>();
  /** Whether conditions read none of the texts: they are then made only for steps a rule fires on. */
  private readonly lazyTexts: boolean;
  private readonly lazyWindowDetails: boolean;
  private readonly texts = new WeakMap<Money, string>();
  private readonly chains = new Map<string, { decl: InstrumentDecl | undefined; chain: ChainLink[] }>();

  constructor(
    readonly model: WorkspaceModel,
    modules: readonly RuleModule[],
    readonly options: AuditOptions,
  ) {
    this.index = new AuditIndex(model);
    this.windowDays = options.splitWindowDays ?? 30;
    const { rules } = prepareRules(model, modules, { ...(options.severities ? { severities: options.severities } : {}) });
    for (const r of rules) {
      let list = this.byFamily.get(r.definition.family);
      if (!list) this.byFamily.set(r.definition.family, (list = []));
      list.push(r);
    }
    this.perStep = (this.byFamily.get('transaction') ?? []).sort((a, b) => (b.definition.priority ?? 0) - (a.definition.priority ?? 0));
    this.lazyTexts = !readsAny(this.perStep, 'transaction', TRANSACTION_TEXTS);
    this.lazyWindowDetails = !readsAny(this.byFamily.get('vendorWindow') ?? [], 'vendorWindow', WINDOW_DETAILS);
  }

  reject(r: RejectedRecord): Finding {
    this.summary.read++;
    this.summary.rejected++;
    return this.count({
      ruleId: MALFORMED_RECORD,
      messageId: 'malformed',
      severity: 'error',
      message: `Record rejected: ${r.reason}`,
      uri: this.options.uri,
      range: lineRange(r.line),
      related: [],
      chain: [],
      basis: [],
      subject: { family: 'transaction', id: `line ${r.line}` },
      data: { reason: r.reason },
    }, null);
  }

  /** Checks one step; returns its findings (at most one per-step cause, plus cross-step ones). */
  check(record: TransactionRecord): AuditHit[] {
    return this.follow(this.assess(record));
  }

  /**
   * The part of `check` that looks at one step alone: its facts, and the first per-step rule that
   * fires. It changes nothing in the auditor, so steps can be assessed in any order, in any thread
   * that has the same policy; `follow` must then see them in file order.
   */
  assess(record: TransactionRecord, options: { subject?: boolean } = {}): AssessedStep {
    const judged = this.judge(record);
    const facts = judged.facts;
    if (!this.lazyTexts) this.describe(judged, record);
    const subjectFacts = { transaction: facts };
    const step: AssessedStep = {
      record,
      needsAuthority: facts.needsAuthority,
      reviewRequired: facts.review.required,
      limit: facts.limit,
      authority: facts.authority,
      actorName: facts.actorName,
      chainInstrument: facts.chainInstrument,
    };
    for (let i = 0; i < this.perStep.length; i++) {
      const rule = this.perStep[i]!;
      if (!rule.predicate(subjectFacts)) continue;
      this.describe(judged, record);
      const subject = this.subjectOf(record, facts);
      step.hit = { finding: findingFor(rule, subject), rule: i, ...(options.subject !== false ? { subject } : {}) };
      break;
    }
    return step;
  }

  /** The part of `check` that compares steps with earlier ones and keeps count; steps in file order. */
  follow(a: AssessedStep): AuditHit[] {
    const record = a.record;
    this.summary.read++;
    this.summary.checked++;
    const out: AuditHit[] = [];
    if (a.hit) {
      const rule = this.perStep[a.hit.rule]!;
      const finding = this.count(a.hit.finding, record.entity);
      if (a.hit.subject) out.push({ finding, subject: a.hit.subject, rule });
      else {
        // Assessed without its subject (in a worker, without explanations): made again if asked for.
        let subject: Subject | undefined;
        const auditor = this;
        out.push({
          finding,
          rule,
          get subject() {
            return (subject ??= auditor.transactionSubject(record));
          },
        });
      }
    }
    if (a.needsAuthority) {
      this.summary.stepsNeedingAuthority++;
      if (!a.hit) this.summary.stepsProperlyAuthorised++;
    }
    if (a.reviewRequired) {
      this.summary.awardsNeedingReview++;
      if (record.reviewRef && record.reviewDate && record.reviewDate <= record.date) this.summary.awardsReviewedInTime++;
    }
    this.stepPairs(record, a, out);
    this.splitPurchases(record, a, out);
    return out;
  }

  private count(f: Finding, entity: string | null): Finding {
    this.summary.findingsByRule[f.ruleId] = (this.summary.findingsByRule[f.ruleId] ?? 0) + 1;
    const key = entity ?? '(no entity)';
    this.summary.findingsByEntity[key] = (this.summary.findingsByEntity[key] ?? 0) + 1;
    return f;
  }

  /** The `transaction` facts of a step, with their texts. */
  transactionFacts(r: TransactionRecord): TransactionFacts {
    const judged = this.judge(r);
    this.describe(judged, r);
    return judged.facts;
  }

  /**
   * Judges one step: the facts the conditions read, worked out with as little as possible made per
   * step (the candidates' limits and thresholds are shared plain objects, lists that are empty are
   * one shared empty list). The texts only messages read are left null (`describe` fills them in).
   */
  judge(r: TransactionRecord) {
    const model = this.model;
    const index = this.index;
    const date = r.date;
    const authority = index.authorityForStep.get(r.step) ?? null;
    const entry = index.entry(r.actor);
    const person = entry?.decl;
    const candidates: readonly Candidate[] = entry && authority ? index.candidates(entry, authority.name, date, r.entity) : NONE;
    let inForce: readonly Candidate[] = NONE;
    if (candidates.length === 1) inForce = index.candidateInForce(candidates[0]!, date) ? candidates : NONE;
    else if (candidates.length) inForce = candidates.filter((c) => index.candidateInForce(c, date));
    const revoked = inForce.length ? undefined : index.firstRevocation(candidates, date);
    const best = index.best(inForce as Candidate[], r.amount, date);
    const amounts = best ? index.amountsOf(best) : undefined;
    const limit = amounts?.limit ?? null;
    const amountInLimitCurrency = r.amount && limit ? (model.convert(r.amount, limit.currency, date) ?? null) : null;
    const requires: readonly string[] = best ? index.chainOf(best).requires : NONE;
    let missingTrainings: readonly string[] = NONE;
    if (entry && requires.length) {
      const valid = index.trainingsValidOn(entry, date);
      missingTrainings = requires.filter((t) => !valid.includes(t));
    }
    const reservedTo = authority?.reservedTo?.name ?? null;
    // The root holds every authority: what is not delegated is reserved to it (ST/SGB/2019/2 §1.3).
    const actorIsRoot = !!entry && !!model.rootPost && index.holdsOn(entry, model.rootPost.name, date);
    const threshold = amounts?.review ?? (authority ? this.catalogueReview(authority) : null);
    const amountInThreshold = r.amount && threshold ? model.convert(r.amount, threshold.currency, date) : undefined;
    const reviewRequired = !!threshold && !!amountInThreshold && compareCanonical(amountInThreshold.amount, threshold.amount) > 0;
    const interests = person?.interests ?? NONE;
    const conflicts = interests.length ? interests.filter((i) => (r.vendor && i.vendor?.name === r.vendor) || (!i.vendor && (!i.area || i.area.name === authority?.area))).map((i) => i.description) : NONE;
    const closest = best ?? candidates[0];
    const facts = {
      line: r.line,
      id: r.id,
      date,
      step: r.step,
      actor: r.actor,
      actorName: person?.title ?? r.actor,
      actorKnown: !!person,
      actorIsRoot,
      amount: r.amount,
      amountText: null as string | null,
      entity: r.entity,
      entityText: null as string | null,
      vendor: r.vendor,
      vendorText: null as string | null,
      authority: authority?.name ?? null,
      needsAuthority: !!authority,
      candidates: candidates.length,
      inForce: inForce.length,
      revokedInstrument: revoked?.instrument.name ?? null,
      revokedOn: revoked?.date ?? null,
      notInForceReason: null as string | null,
      instrument: best?.instrument.name ?? null,
      /** The delegation used or, when none covers the step, the one that came closest. */
      chainInstrument: closest?.instrument.name ?? null,
      limit,
      limitText: null as string | null,
      amountInLimitCurrency,
      requires,
      missingTrainings,
      reservedTo,
      reservedHeld: !reservedTo || actorIsRoot || (!!entry && index.holdsOn(entry, reservedTo, date)),
      review: {
        required: reviewRequired,
        threshold,
        thresholdText: null as string | null,
        ref: r.reviewRef,
        date: r.reviewDate,
      },
      conflicts,
    };
    return { facts, best, closest, described: false };
  }

  /** Fills in the texts of a step's facts (what messages read). */
  private describe(j: Judgement, r: TransactionRecord): void {
    if (j.described) return;
    j.described = true;
    const f = j.facts;
    f.amountText = r.amount ? formatMoney(r.amount) : 'no amount';
    f.entityText = r.entity ? ` in ${r.entity}` : '';
    f.vendorText = r.vendor ? ` with vendor ${r.vendor}` : '';
    f.notInForceReason = f.candidates && !f.inForce && !f.revokedInstrument ? this.index.notInForceReason(j.closest!.instrument, r.date) : null;
    f.limitText = f.limit ? this.moneyText(j.best!.grant.limit!) : 'no limit';
    f.review.thresholdText = f.review.threshold ? formatMoney(f.review.threshold) : null;
  }

  /** The committee-review threshold of an authority, asked of the model once per authority. */
  private catalogueReview(authority: AuthorityDecl): Money | null {
    let above = this.reviews.get(authority);
    if (above === undefined) {
      const r = this.model.committeeReviewOf(authority);
      this.reviews.set(authority, (above = r ? { amount: r.above.amount, currency: r.above.currency } : null));
    }
    return above;
  }

  /** `formatMoney` of a declared amount (a limit), once per declaration. */
  private moneyText(m: Money): string {
    let text = this.texts.get(m);
    if (text === undefined) this.texts.set(m, (text = formatMoney(m)));
    return text;
  }

  /** The delegation chain of the instrument a step is judged by (built once per instrument, copied). */
  private chainFor(instrument: string | null): { decl: InstrumentDecl | undefined; chain: ChainLink[] } {
    if (!instrument) return { decl: undefined, chain: [] };
    let c = this.chains.get(instrument);
    if (!c) {
      const decl = this.model.symbols.lookup(instrument, 'delegation', 'sub-delegation') as InstrumentDecl | undefined;
      this.chains.set(instrument, (c = { decl, chain: decl ? chainOf(this.model, decl) : [] }));
    }
    return { decl: c.decl, chain: c.chain.slice() };
  }

  transactionSubject(r: TransactionRecord): Subject {
    return this.subjectOf(r, this.transactionFacts(r));
  }

  private subjectOf(r: TransactionRecord, facts: TransactionFacts): Subject {
    const { decl: best, chain } = this.chainFor(facts.chainInstrument);
    return {
      family: 'transaction',
      id: `${r.id}/${r.step}/line ${r.line}`,
      facts: { transaction: facts },
      location: { uri: this.options.uri, range: lineRange(r.line) },
      anchors: {},
      chain,
      related: best ? [{ uri: best.uri, range: best.nameRange, message: facts.instrument ? `authority used: ${best.name}` : `closest delegation: ${best.name}` }] : [],
    };
  }

  /** A small integer standing for a step or actor name, so that what the audit keeps is compact. */
  private code(name: string): number {
    let c = this.codes.get(name);
    if (c === undefined) {
      c = this.names.length;
      // A copy, never a slice that would keep a whole chunk of the file alive.
      const own = name.length < 13 ? name : (' ' + name).slice(1);
      this.codes.set(own, c);
      this.names.push(own);
    }
    return c;
  }

  private stepPairs(r: TransactionRecord, a: AssessedStep, out: AuditHit[]): void {
    const seen = this.transactions.get(r.id) ?? NO_STEPS;
    const actor = this.code(r.actor);
    let chain: ChainLink[] | undefined;
    for (let k = 0; k < seen.length; k += 3) {
      if (seen[k + 1] !== actor) continue;
      const earlier = { step: this.names[seen[k]!]!, line: seen[k + 2]! };
      const rules = this.byFamily.get('stepPair') ?? [];
      const segregation = this.index.incompatible.get(earlier.step)?.get(r.step) ?? null;
      chain ??= this.chainFor(a.chainInstrument).chain;
      const subject: Subject = {
        family: 'stepPair',
        id: `${r.id}/${earlier.step}+${r.step}`,
        facts: { stepPair: { id: r.id, actor: r.actor, actorName: this.index.person(r.actor)?.title ?? r.actor, first: earlier.step, firstLine: earlier.line, second: r.step, incompatible: !!segregation, segregation } },
        location: { uri: this.options.uri, range: lineRange(r.line) },
        anchors: {},
        chain,
        related: [{ uri: this.options.uri, range: lineRange(earlier.line), message: `${earlier.step} by the same person` }],
      };
      for (const rule of rules) if (rule.predicate(subject.facts)) out.push({ finding: this.count(findingFor(rule, subject), r.entity), subject, rule });
    }
    // A new array of the exact size: pushing would leave room for a dozen steps in every transaction.
    this.transactions.set(r.id.length < 13 ? r.id : (' ' + r.id).slice(1), seen.length ? seen.concat(this.code(r.step), actor, r.line) : [this.code(r.step), actor, r.line]);
  }

  private windowStart(date: string): string {
    let from = this.windowStarts.get(date);
    if (from === undefined) this.windowStarts.set(date, (from = addDays(date, -this.windowDays + 1)));
    return from;
  }

  /** Drops the awards of every key whose latest award is before the window before the latest window. */
  private forgetOldAwards(): void {
    this.awardsSinceSweep = 0;
    if (this.awardsFrom === this.sweptFrom) return;
    this.sweptFrom = this.awardsFrom;
    const before = this.windowStart(this.awardsFrom);
    for (const [key, awards] of this.awards) if (awards.latest < before) this.awards.delete(key);
  }

  private splitPurchases(r: TransactionRecord, a: AssessedStep, out: AuditHit[]): void {
    const rules = this.byFamily.get('vendorWindow') ?? [];
    const limit = a.limit;
    if (!rules.length || !r.vendor || !r.amount || !limit || a.authority === null) return;
    const converted = this.model.convert(r.amount, limit.currency, r.date);
    if (!converted) return;
    const key = `${r.actor}\u0000${r.vendor}\u0000${a.authority}`;
    const from = this.windowStart(r.date);
    if (from > this.awardsFrom) this.awardsFrom = from;
    let awards = this.awards.get(key);
    // The key is copied flat: made of slices of the record's line, it would keep a chunk of the file alive.
    if (!awards) this.awards.set((' ' + key).slice(1), (awards = new VendorAwards()));
    const w: WindowStats = awards.add(r.date, converted.amount, r.line, from);
    if (++this.awardsSinceSweep >= 50_000) this.forgetOldAwards();
    const facts = {
      vendorWindow: {
        actor: r.actor,
        actorName: a.actorName,
        vendor: r.vendor,
        authority: a.authority,
        windowDays: this.windowDays,
        count: w.count,
        total: { amount: w.total, currency: limit.currency },
        largest: { amount: w.largest, currency: limit.currency },
        limit,
        lines: null as number[] | null,
        from: null as string | null,
        to: r.date,
      },
    };
    // The awards in the window, listed only for a window a rule looks at (it costs a pass over it).
    const detail = () => {
      if (facts.vendorWindow.lines) return;
      facts.vendorWindow.lines = w.alone ? [w.alone.line] : awards.lines.slice(w.start, w.end);
      facts.vendorWindow.from = w.alone ? w.alone.date : awards.dates[w.start]!;
    };
    if (!this.lazyWindowDetails) detail();
    let subject: Subject | undefined;
    for (const rule of rules) {
      if (!rule.predicate(facts)) continue;
      // One finding per run of split awards: later awards in an already flagged window are related, not new.
      const flag = `${key}/${w.alone ? w.alone.line : awards.lines[w.start]}`;
      if (this.flaggedWindows.has(flag)) continue;
      this.flaggedWindows.add(flag);
      detail();
      const related = [];
      for (let i = w.start; i < w.end; i++) {
        if (awards.lines[i] === r.line) continue;
        related.push({ uri: this.options.uri, range: lineRange(awards.lines[i]!), message: `award of ${formatMoney({ amount: awards.amounts[i]!, currency: limit.currency })} on ${awards.dates[i]}` });
      }
      subject ??= { family: 'vendorWindow', id: `${key}/${r.date}`, facts, location: { uri: this.options.uri, range: lineRange(r.line) }, anchors: {}, chain: [], related };
      out.push({ finding: this.count(findingFor(rule, subject), r.entity), subject, rule });
    }
  }
}
