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
import { addCanonical, compareCanonical } from './fast-decimal.ts';
import type { AuthorityDecl, InstrumentDecl } from '../ast/ast.ts';
import { formatMoney, type Money } from '../values/money.ts';
import { AuditIndex } from './audit-index.ts';
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

interface StepSeen {
  step: string;
  actor: string;
  line: number;
}

interface Award {
  date: string;
  amount: Money;
  line: number;
}

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
  private readonly transactions = new Map<string, StepSeen[]>();
  private readonly awards = new Map<string, Award[]>();
  private readonly flaggedWindows = new Set<string>();
  private readonly windowDays: number;
  private readonly windowStarts = new Map<string, string>();
  private readonly steps = new Map<string, string>();
  private readonly reviews = new Map<AuthorityDecl, ReturnType<WorkspaceModel['committeeReviewOf']>>();
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
    const facts = this.transactionFacts(record);
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

  transactionFacts(r: TransactionRecord) {
    const model = this.model;
    const index = this.index;
    const date = r.date;
    const authority = index.authorityForStep.get(r.step) ?? null;
    const entry = index.entry(r.actor);
    const person = entry?.decl;
    const candidates = entry && authority ? index.candidates(entry, authority.name, date, r.entity) : [];
    const inForce = candidates.length ? candidates.filter((c) => index.candidateInForce(c, date)) : [];
    const revoked = inForce.length ? undefined : index.firstRevocation(candidates, date);
    const best = index.best(inForce, r.amount, date);
    const limit = best?.grant.limit ? { amount: best.grant.limit.amount, currency: best.grant.limit.currency } : null;
    const amountInLimitCurrency = r.amount && limit ? (model.convert(r.amount, limit.currency, date) ?? null) : null;
    const requires = best ? index.chainOf(best).requires.slice() : [];
    const valid = entry && best && requires.length ? index.trainingsValidOn(entry, date) : [];
    const reservedTo = authority?.reservedTo?.name ?? null;
    const actorPosts = entry ? index.postNamesOn(entry, date) : [];
    // The root holds every authority: what is not delegated is reserved to it (ST/SGB/2019/2 §1.3).
    const actorIsRoot = !!model.rootPost && actorPosts.includes(model.rootPost.name);
    const catalogue = authority ? this.catalogueReview(authority) : undefined;
    const stated = best?.grant.committeeReview ? { amount: best.grant.committeeReview.above.amount, currency: best.grant.committeeReview.above.currency } : undefined;
    const threshold = stated ?? catalogue?.above ?? null;
    const amountInThreshold = r.amount && threshold ? model.convert(r.amount, threshold.currency, date) : undefined;
    const reviewRequired = !!threshold && !!amountInThreshold && compareCanonical(amountInThreshold.amount, threshold.amount) > 0;
    const interests = person?.interests ?? [];
    const conflicts = interests.length ? interests.filter((i) => (r.vendor && i.vendor?.name === r.vendor) || (!i.vendor && (!i.area || i.area.name === authority?.area))).map((i) => i.description) : [];
    return {
      line: r.line,
      id: r.id,
      date,
      step: r.step,
      actor: r.actor,
      actorName: person?.title ?? r.actor,
      actorKnown: !!person,
      actorIsRoot,
      amount: r.amount,
      amountText: r.amount ? formatMoney(r.amount) : 'no amount',
      entity: r.entity,
      entityText: r.entity ? ` in ${r.entity}` : '',
      vendor: r.vendor,
      vendorText: r.vendor ? ` with vendor ${r.vendor}` : '',
      authority: authority?.name ?? null,
      needsAuthority: !!authority,
      candidates: candidates.length,
      inForce: inForce.length,
      revokedInstrument: revoked?.instrument.name ?? null,
      revokedOn: revoked?.date ?? null,
      notInForceReason: candidates.length && !inForce.length && !revoked ? index.notInForceReason(candidates[0]!.instrument, date) : null,
      instrument: best?.instrument.name ?? null,
      /** The delegation used or, when none covers the step, the one that came closest. */
      chainInstrument: (best ?? candidates[0])?.instrument.name ?? null,
      limit,
      limitText: limit ? this.moneyText(best!.grant.limit!) : 'no limit',
      amountInLimitCurrency,
      requires,
      missingTrainings: requires.filter((t) => !valid.includes(t)),
      reservedTo,
      reservedHeld: !reservedTo || actorIsRoot || actorPosts.includes(reservedTo),
      review: {
        required: reviewRequired,
        threshold,
        thresholdText: threshold ? formatMoney(threshold) : null,
        ref: r.reviewRef,
        date: r.reviewDate,
      },
      conflicts,
    };
  }

  /** The committee-review threshold of an authority, asked of the model once per authority. */
  private catalogueReview(authority: AuthorityDecl): { above: Money } | undefined {
    if (!this.reviews.has(authority)) this.reviews.set(authority, this.model.committeeReviewOf(authority));
    const r = this.reviews.get(authority);
    return r ? { above: { amount: r.above.amount, currency: r.above.currency } } : undefined;
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

  private subjectOf(r: TransactionRecord, facts: ReturnType<Auditor['transactionFacts']>): Subject {
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

  /** Strings kept for the rest of the audit: never a slice that would keep a whole chunk of the file alive. */
  private own(s: string): string {
    return s.length < 13 ? s : (' ' + s).slice(1);
  }

  private stepPairs(r: TransactionRecord, a: AssessedStep, out: AuditHit[]): void {
    let seen = this.transactions.get(r.id);
    if (!seen) this.transactions.set(this.own(r.id), (seen = []));
    let chain: ChainLink[] | undefined;
    for (const earlier of seen) {
      if (earlier.actor !== r.actor) continue;
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
    let step = this.steps.get(r.step);
    if (step === undefined) this.steps.set((step = this.own(r.step)), step);
    seen.push({ step, actor: this.index.person(r.actor)?.name ?? this.own(r.actor), line: r.line });
  }

  private windowStart(date: string): string {
    let from = this.windowStarts.get(date);
    if (from === undefined) this.windowStarts.set(date, (from = addDays(date, -this.windowDays + 1)));
    return from;
  }

  private splitPurchases(r: TransactionRecord, a: AssessedStep, out: AuditHit[]): void {
    const rules = this.byFamily.get('vendorWindow') ?? [];
    const limit = a.limit;
    if (!rules.length || !r.vendor || !r.amount || !limit || a.authority === null) return;
    const key = `${r.actor}\u0000${r.vendor}\u0000${a.authority}`;
    let list = this.awards.get(key);
    if (!list) this.awards.set(key, (list = []));
    const converted = this.model.convert(r.amount, limit.currency, r.date);
    if (!converted) return;
    list.push({ date: r.date, amount: converted, line: r.line });
    const from = this.windowStart(r.date);
    const inWindow = list.filter((x) => x.date >= from && x.date <= r.date);
    let total = '0';
    let largest = '0';
    for (const x of inWindow) {
      total = addCanonical(total, x.amount.amount);
      if (compareCanonical(x.amount.amount, largest) > 0) largest = x.amount.amount;
    }
    const facts = {
      vendorWindow: {
        actor: r.actor,
        actorName: a.actorName,
        vendor: r.vendor,
        authority: a.authority,
        windowDays: this.windowDays,
        count: inWindow.length,
        total: { amount: total, currency: limit.currency },
        largest: { amount: largest, currency: limit.currency },
        limit,
        lines: inWindow.map((x) => x.line),
        from: inWindow[0]?.date ?? r.date,
        to: r.date,
      },
    };
    let subject: Subject | undefined;
    for (const rule of rules) {
      if (!rule.predicate(facts)) continue;
      // One finding per run of split awards: later awards in an already flagged window are related, not new.
      const flag = `${key}/${inWindow[0]?.line}`;
      if (this.flaggedWindows.has(flag)) continue;
      this.flaggedWindows.add(flag);
      subject ??= {
        family: 'vendorWindow',
        id: `${key}/${r.date}`,
        facts,
        location: { uri: this.options.uri, range: lineRange(r.line) },
        anchors: {},
        chain: [],
        related: inWindow.filter((x) => x.line !== r.line).map((x) => ({ uri: this.options.uri, range: lineRange(x.line), message: `award of ${formatMoney(x.amount)} on ${x.date}` })),
      };
      out.push({ finding: this.count(findingFor(rule, subject), r.entity), subject, rule });
    }
    // Forget awards that can no longer fall in a window with later records of the same date order.
    if (list.length > 64) this.awards.set(key, list.filter((x) => x.date >= from));
  }
}
