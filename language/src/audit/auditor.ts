// `doa audit`: checks each step actually carried out against the authority in force on its own
// date. Records arrive one at a time (the input is streamed); each becomes a `transaction` subject
// evaluated by the per-step audit rules in priority order (one cause per step, the most specific);
// steps of one transaction are compared for segregation of duties (`stepPair`), and awards to one
// vendor are added up over a window to find possible split purchases (`vendorWindow`).
import type { WorkspaceModel } from '../model/model.ts';
import type { RuleModule } from '../check/rule-module.ts';
import type { FactFamily, Finding, Subject } from '../check/types.ts';
import { findingFor, prepareRules, type PreparedRule, type SeveritySetting } from '../check/check.ts';
import { addDecimal, compareDecimal } from '../values/decimal.ts';
import { addDays } from '../values/dates.ts';
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
  check(record: TransactionRecord): Array<{ finding: Finding; subject: Subject; rule: PreparedRule }> {
    this.summary.read++;
    this.summary.checked++;
    const out: Array<{ finding: Finding; subject: Subject; rule: PreparedRule }> = [];
    const subject = this.transactionSubject(record);
    const facts = subject.facts['transaction'] as ReturnType<Auditor['transactionFacts']>;
    let clean = true;
    for (const rule of this.perStep) {
      if (!rule.predicate(subject.facts)) continue;
      out.push({ finding: this.count(findingFor(rule, subject), facts.entity), subject, rule });
      clean = false;
      break;
    }
    if (facts.needsAuthority) {
      this.summary.stepsNeedingAuthority++;
      if (clean) this.summary.stepsProperlyAuthorised++;
    }
    if (facts.review.required) {
      this.summary.awardsNeedingReview++;
      if (facts.review.ref && facts.review.date && facts.review.date <= record.date) this.summary.awardsReviewedInTime++;
    }
    out.push(...this.stepPairs(record, subject.chain));
    out.push(...this.splitPurchases(record, facts));
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
    const authority = this.index.authorityForStep.get(r.step) ?? null;
    const person = this.index.person(r.actor);
    const candidates = person && authority ? this.index.candidates(person, authority.name, r.date, r.entity) : [];
    const inForce = candidates.filter((c) => model.inForce(c.instrument, r.date));
    const revoked = inForce.length ? undefined : candidates.map((c) => this.index.revocationBy(c.instrument, r.date)).find((x) => x);
    const best = this.index.best(inForce, r.amount, r.date);
    const limit = best?.grant.limit ? { amount: best.grant.limit.amount, currency: best.grant.limit.currency } : null;
    const amountInLimitCurrency = r.amount && limit ? (model.convert(r.amount, limit.currency, r.date) ?? null) : null;
    const requires = best ? [...new Set(model.ancestry(best.instrument).chain.flatMap((a) => a.requires.map((x) => x.name)))] : [];
    const valid = person && best ? model.trainingsValidOn(person, r.date) : [];
    const reservedTo = authority?.reservedTo?.name ?? null;
    const actorPosts = person ? model.postsOf(person, r.date).map((p) => p.name) : [];
    // The root holds every authority: what is not delegated is reserved to it (ST/SGB/2019/2 §1.3).
    const actorIsRoot = !!model.rootPost && actorPosts.includes(model.rootPost.name);
    const catalogue = authority ? model.committeeReviewOf(authority) : undefined;
    const stated = best?.grant.committeeReview ? { amount: best.grant.committeeReview.above.amount, currency: best.grant.committeeReview.above.currency } : undefined;
    const threshold = stated ?? catalogue?.above ?? null;
    const amountInThreshold = r.amount && threshold ? model.convert(r.amount, threshold.currency, r.date) : undefined;
    const reviewRequired = !!threshold && !!amountInThreshold && compareDecimal(amountInThreshold.amount, threshold.amount) > 0;
    const interests = person?.interests ?? [];
    const conflicts = interests.filter((i) => (r.vendor && i.vendor?.name === r.vendor) || (!i.vendor && (!i.area || i.area.name === authority?.area))).map((i) => i.description);
    return {
      line: r.line,
      id: r.id,
      date: r.date,
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
      notInForceReason: candidates.length && !inForce.length && !revoked ? this.index.notInForceReason(candidates[0]!.instrument, r.date) : null,
      instrument: best?.instrument.name ?? null,
      /** The delegation used or, when none covers the step, the one that came closest. */
      chainInstrument: (best ?? candidates[0])?.instrument.name ?? null,
      limit,
      limitText: limit ? formatMoney(limit) : 'no limit',
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

  transactionSubject(r: TransactionRecord): Subject {
    const facts = this.transactionFacts(r);
    const best = facts.chainInstrument ? this.model.symbols.lookup(facts.chainInstrument, 'delegation', 'sub-delegation') : undefined;
    return {
      family: 'transaction',
      id: `${r.id}/${r.step}/line ${r.line}`,
      facts: { transaction: facts },
      location: { uri: this.options.uri, range: lineRange(r.line) },
      anchors: {},
      chain: best ? chainOf(this.model, best) : [],
      related: best ? [{ uri: best.uri, range: best.nameRange, message: facts.instrument ? `authority used: ${best.name}` : `closest delegation: ${best.name}` }] : [],
    };
  }

  private stepPairs(r: TransactionRecord, chain: ChainLink[]) {
    const out: Array<{ finding: Finding; subject: Subject; rule: PreparedRule }> = [];
    let seen = this.transactions.get(r.id);
    if (!seen) this.transactions.set(r.id, (seen = []));
    const rules = this.byFamily.get('stepPair') ?? [];
    for (const earlier of seen) {
      if (earlier.actor !== r.actor) continue;
      const segregation = this.index.incompatible.get(earlier.step)?.get(r.step) ?? null;
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
    seen.push({ step: r.step, actor: r.actor, line: r.line });
    return out;
  }

  private splitPurchases(r: TransactionRecord, facts: ReturnType<Auditor['transactionFacts']>) {
    const rules = this.byFamily.get('vendorWindow') ?? [];
    if (!rules.length || !r.vendor || !r.amount || !facts.limit || facts.authority === null) return [];
    const key = `${r.actor}\u0000${r.vendor}\u0000${facts.authority}`;
    let list = this.awards.get(key);
    if (!list) this.awards.set(key, (list = []));
    const converted = this.model.convert(r.amount, facts.limit.currency, r.date);
    if (!converted) return [];
    list.push({ date: r.date, amount: converted, line: r.line });
    const from = addDays(r.date, -this.windowDays + 1);
    const inWindow = list.filter((a) => a.date >= from && a.date <= r.date);
    const total = inWindow.reduce((sum, a) => addDecimal(sum, a.amount.amount), '0');
    const largest = inWindow.reduce((m, a) => (compareDecimal(a.amount.amount, m) > 0 ? a.amount.amount : m), '0');
    const subject: Subject = {
      family: 'vendorWindow',
      id: `${key}/${r.date}`,
      facts: {
        vendorWindow: {
          actor: r.actor,
          actorName: facts.actorName,
          vendor: r.vendor,
          authority: facts.authority,
          windowDays: this.windowDays,
          count: inWindow.length,
          total: { amount: total, currency: facts.limit.currency },
          largest: { amount: largest, currency: facts.limit.currency },
          limit: facts.limit,
          lines: inWindow.map((a) => a.line),
          from: inWindow[0]?.date ?? r.date,
          to: r.date,
        },
      },
      location: { uri: this.options.uri, range: lineRange(r.line) },
      anchors: {},
      chain: [],
      related: inWindow.filter((a) => a.line !== r.line).map((a) => ({ uri: this.options.uri, range: lineRange(a.line), message: `award of ${formatMoney(a.amount)} on ${a.date}` })),
    };
    const out: Array<{ finding: Finding; subject: Subject; rule: PreparedRule }> = [];
    for (const rule of rules) {
      if (!rule.predicate(subject.facts)) continue;
      // One finding per run of split awards: later awards in an already flagged window are related, not new.
      const flag = `${key}/${inWindow[0]?.line}`;
      if (this.flaggedWindows.has(flag)) continue;
      this.flaggedWindows.add(flag);
      out.push({ finding: this.count(findingFor(rule, subject), r.entity), subject, rule });
    }
    // Forget awards that can no longer fall in a window with later records of the same date order.
    if (list.length > 64) this.awards.set(key, list.filter((a) => a.date >= from));
    return out;
  }
}
