// `doa audit`: checks each step actually carried out against the authority in force on its own
// date. Records arrive one at a time (the input is streamed); each becomes a `transaction` subject
// evaluated by the per-step audit rules in priority order (one cause per step, the most specific);
// steps of one transaction are compared for segregation of duties (`stepPair`), and awards to one
// vendor are added up over a window to find possible split purchases (`vendorWindow`).
import type { WorkspaceModel } from '../model/model.ts';
import type { RuleModule } from '../check/rule-module.ts';
import type { Condition, FactFamily, Finding, RuleDefinition, Subject } from '../check/types.ts';
import { findingFor, prepareRules, type PreparedRule, type SeveritySetting } from '../check/check.ts';
import { formatMoney, isMoney, type Money } from '../values/money.ts';
import { AuditIndex, buildAuditTables, type AuditTables } from './audit-index.ts';
import { emptyWindowStats, VendorWindows, type WindowStats } from './vendor-window.ts';
import { unitsOfDecimal, unitsTestOf, type UnitsTest, type WindowUnits } from './window-units.ts';
import { PairTable } from './pair-table.ts';
import { idHashOf, TransactionIds } from './transaction-ids.ts';
import { dateOfDayNumber, dayNumberOf } from './day-numbers.ts';
import { readsAny } from './condition-paths.ts';
import type { RejectedRecord, TransactionRecord } from './record.ts';
import type { ChainLink } from '../check/types.ts';
import { auditPredicate, StepJudge, type TransactionFacts } from './step-judge.ts';
import { doubled, NONE, ownString } from '../util/exact.ts';

export type { TransactionFacts } from './step-judge.ts';

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
const WINDOW_DETAILS = ['$.lines', '$.from', '$.to'];

/**
 * The day number of 0000-01-01: no record is dated earlier (a year has four digits), so a window
 * reaching further back holds the same awards. A window's first day is kept no earlier than this:
 * `VendorWindows` keeps days as 32-bit integers, and `--split-window` takes any whole number.
 */
const EARLIEST_DAY = dayNumberOf('0000-01-01');

/** A finding with what it was found on (the subject and rule, for explanations). */
export interface AuditHit {
  finding: Finding;
  /** Absent for a per-step finding built on a worker thread (never when findings are explained). */
  subject?: Subject;
  rule: PreparedRule;
}

/**
 * What the order-dependent part of the audit (`Auditor.follow`) needs of a step judged on its own
 * (`StepJudge`, in this thread or a worker): plain data, small.
 */
export interface StepOutcome {
  needsAuthority: boolean;
  reviewRequired: boolean;
  /** A committee review is recorded, dated on or before the step. */
  reviewedInTime: boolean;
  /** The grant the step is judged by (index in the tables), or -1. */
  best: number;
  /** The instrument used or that came closest (index), or -1. */
  closest: number;
  /** The actor (index among the persons), or -1 when not a person of the policy. */
  person: number;
  /** The authority the step exercises (index), or -1. */
  authority: number;
  /** The step's code in the tables (`stepCodes`), or -1: the step is sent as its text. */
  stepCode: number;
  /** The entity's code in the tables (`entityCodes`), NO_ENTITY (none) or UNKNOWN_ENTITY (sent as its text). */
  entityCode: number;
  actorName: string;
  /**
   * The amount in the limit's currency, for the split-purchase window (only with a vendor, under a
   * `cumulative` authority): null for no award; its canonical text, which may be '' when it is in `amountUnits` (a worker's outcome
   * then carries no text).
   */
  inLimitCurrency: string | null;
  /**
   * The same amount as integer units of 10^-`amountScale` (window-units.ts' `unitsOfDecimal`), or
   * `amountScale` -1 when it does not fit them: the window then keeps it as text.
   */
  amountUnits: number;
  amountScale: number;
  /** The day number of the step's date (day-numbers.ts), with `inLimitCurrency` only. */
  awardDay: number;
  /** The vendor's code in the tables, or -1 (not a vendor of the policy); with `inLimitCurrency` only. */
  vendor: number;
  /** The hash of the transaction id (`idHashOf`), made where the step is judged. */
  idHash: number;
  /**
   * The first per-step rule that fired (its index among the per-step rules) and either the facts,
   * with texts, or the finding already built from them (`StepFindings`, on a worker thread).
   */
  hit: { rule: number; facts: TransactionFacts; finding?: undefined } | { rule: number; facts?: undefined; finding: Finding } | undefined;
}

/**
 * What a worker thread needs to build the finding of a per-step rule itself: the rules as
 * `findingFor` reads them (plain data; the anchor of the rule's module is in the definition).
 */
export interface StepFindingsSetup {
  uri: string;
  rules: Array<{ definition: Pick<RuleDefinition, 'id' | 'family' | 'conditions' | 'event' | 'anchor'>; severity: PreparedRule['severity']; messages: Record<string, string>; basis: string[] }>;
}

/** What a worker thread needs to judge steps as this auditor does: the tables and the per-step conditions. */
export interface JudgeSetup {
  tables: AuditTables;
  conditions: Condition[];
  textsFirst: boolean;
  /** With it, the worker builds the findings of the per-step rules itself. */
  findings?: StepFindingsSetup;
}

/**
 * A record's place: its whole line, from its start to the start of the next (LSP's way of saying a
 * line); the reports print it as the line (SARIF and GitHub without columns). The offsets are not
 * known to the audit, which reads the file in chunks, and no report reads them.
 */
const lineRange = (line: number) => ({ start: { line: line - 1, character: 0, offset: 0 }, end: { line, character: 0, offset: 0 } });

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
  private readonly stepPairRules: PreparedRule[];
  private readonly windowRules: PreparedRule[];
  private readonly judge: StepJudge;
  /**
   * The steps seen of each transaction: one map entry per transaction for the whole audit (its
   * number, given in order of first sight), the index of its latest step in a typed array by that
   * number, and every step packed in one growing typed array as (step code, actor code, line, index
   * of the transaction's step before it or -1), so that a step costs four integers and no object,
   * and a step of a transaction seen before costs one lookup in a typed-array table by the id's hash
   * (no write).
   */
  private readonly transactions = new TransactionIds();
  private latestStep = new Int32Array(1 << 12);
  private steps = new Int32Array(4 << 12);
  private stepCount = 0;
  /** The earlier steps of the same actor found for one step (a scratch list, reused: no array per step). */
  private earlier = new Int32Array(16);
  /** The id and transaction number of the step followed last. */
  private previousId: string | undefined;
  private previousTransaction = -1;
  private readonly codes = new Map<string, number>();
  private readonly names: string[] = [];
  /** The code (`code`) of each step of the tables, by its code there (`StepOutcome.stepCode`), or -1 until first seen. */
  private stepNameCodes: Int32Array | undefined;
  /**
   * The awards of each person to each vendor under each authority (a series), found by vendor code
   * (that of the tables, or one given here to a vendor the policy does not name, after those) and
   * slot (person × authorities + authority) in a table on typed arrays: an award costs no string
   * made and no object looked up. The series themselves, their awards and windows, are kept in the
   * typed arrays of `VendorWindows` by series number: an award allocates nothing.
   */
  private readonly seriesByKey = new PairTable(1 << 12);
  private readonly windows = new VendorWindows();
  private readonly otherVendors = new Map<string, number>();
  /** The chain and related location of step findings, by delegation (`placesOfStep`): shared, read only. */
  private readonly stepPlaces = new Map<number, Pick<Subject, 'chain' | 'related'>>();
  /**
   * The windows found already, by the line of their first award (or of the award alone in its
   * window): a line is one record, of one person, vendor and authority, so it tells the window's
   * series too, and no key text is made per award a rule fires on.
   */
  private readonly flaggedWindows = new Set<number>();
  private readonly windowDays: number;
  /**
   * First day (day number) of the window of the latest award read. The awards of a person, vendor
   * and authority with none since the window before that one are dropped now and then
   * (`forgetOldAwards`), so that memory does not grow with the file: only an award more than a
   * window out of date order could still have reached them.
   */
  private awardsFrom = -Infinity;
  private awardsSinceSweep = 0;
  private sweptFrom = -Infinity;
  /**
   * What an award reads of its grant and authority, in flat lists by their indices: the follow of
   * each award then loads no entry of the tables.
   */
  private readonly grantLimits: Array<Money | null>;
  /** Each grant's limit as integer units and scale (window-units.ts), scale -1 when not such a decimal amount. */
  private readonly grantLimitUnits: Float64Array;
  private readonly grantLimitScales: Int8Array;
  /**
   * The window rules answered on units, when every one of them can be (else undefined): a window
   * none of them fires on then costs no string (`splitPurchases`).
   */
  private readonly windowUnitsTests: UnitsTest[] | undefined;
  private readonly windowUnits: WindowUnits = { count: 0, total: 0, largest: 0, scale: 0, limit: 0, limitScale: 0 };
  private readonly authoritySlots: Int32Array;
  private readonly authorityNames: string[];
  /** The stats of the window of the award just added (one object, filled in for each award). */
  private readonly windowStats: WindowStats = emptyWindowStats();
  /**
   * The `vendorWindow` facts the window rules are tried on: one object, filled in for each award;
   * a subject a rule fires on gets a copy of its own.
   */
  private readonly windowFacts = {
    vendorWindow: {
      actor: '',
      actorName: '',
      vendor: '',
      authority: '',
      windowDays: 0,
      count: 0,
      total: { amount: '0', currency: '' },
      largest: { amount: '0', currency: '' },
      limit: null as unknown as Money,
      lines: null as number[] | null,
      from: null as string | null,
      to: null as string | null,
    },
  };
  /**
   * The `stepPair` facts the step-pair rules are tried on: one object, filled in for each pair of
   * steps of one actor in one transaction (about one step in four has such a pair); a subject a
   * rule fires on gets a copy of its own.
   */
  private readonly pairFacts = {
    stepPair: {
      id: '',
      actor: '',
      actorName: '',
      first: '',
      firstLine: 0,
      second: '',
      incompatible: false,
      segregation: null as string | null,
    },
  };
  /** Whether conditions read none of the texts: they are then made only for steps a rule fires on. */
  private readonly lazyTexts: boolean;
  private readonly lazyWindowDetails: boolean;
  /** The outcome of the step judged on this thread (one object, filled in for each step). */
  private readonly outcome: StepOutcome = { needsAuthority: false, reviewRequired: false, reviewedInTime: false, best: -1, closest: -1, person: -1, authority: -1, stepCode: -1, entityCode: -1, actorName: '', inLimitCurrency: null, amountUnits: 0, amountScale: -1, awardDay: 0, vendor: -1, idHash: 0, hit: undefined };

  /**
   * The model is read here only: the rules are prepared (rules generated from the policy, its DSL
   * rules) and the audit tables built; nothing of it is kept.
   */
  constructor(
    model: WorkspaceModel,
    modules: readonly RuleModule[],
    readonly options: AuditOptions,
  ) {
    // A copy of the tables (a structured clone, as each worker gets): their names and titles are
    // otherwise slices of the policy's file texts, which they would keep alive for the whole audit
    // (~94 MB on the 10,053-instrument benchmark policy) after the model is let go.
    this.index = new AuditIndex(structuredClone(buildAuditTables(model)));
    this.windowDays = options.splitWindowDays ?? 30;
    const tables = this.index.tables;
    this.grantLimits = tables.grants.map((g) => g.limit);
    this.grantLimitUnits = new Float64Array(this.grantLimits.length);
    this.grantLimitScales = new Int8Array(this.grantLimits.length).fill(-1);
    this.grantLimits.forEach((limit, g) => {
      const units = limit && isMoney(limit) ? unitsOfDecimal(limit.amount) : undefined;
      if (!units) return;
      this.grantLimitUnits[g] = units.units;
      this.grantLimitScales[g] = units.scale;
    });
    this.authoritySlots = Int32Array.from(tables.authorities, (a) => a.key);
    this.authorityNames = tables.authorities.map((a) => a.name);
    const { rules } = prepareRules(model, modules, { ...(options.severities ? { severities: options.severities } : {}) });
    for (const r of rules) {
      let list = this.byFamily.get(r.definition.family);
      if (!list) this.byFamily.set(r.definition.family, (list = []));
      list.push(r);
    }
    this.perStep = (this.byFamily.get('transaction') ?? []).sort((a, b) => (b.definition.priority ?? 0) - (a.definition.priority ?? 0));
    this.stepPairRules = this.byFamily.get('stepPair') ?? [];
    this.windowRules = (this.byFamily.get('vendorWindow') ?? []).map((r) => ({ ...r, predicate: auditPredicate(r.definition.conditions) }));
    this.lazyTexts = !readsAny(this.perStep, 'transaction', TRANSACTION_TEXTS);
    this.lazyWindowDetails = !readsAny(this.windowRules, 'vendorWindow', WINDOW_DETAILS);
    const unitsTests = this.windowRules.map((r) => unitsTestOf(r.definition.conditions));
    this.windowUnitsTests = unitsTests.every((t) => t !== undefined) ? (unitsTests as UnitsTest[]) : undefined;
    this.judge = new StepJudge(
      this.index,
      this.perStep.map((r) => auditPredicate(r.definition.conditions)),
      !this.lazyTexts,
    );
  }

  /**
   * What a worker needs to judge steps as this auditor does (structured-cloneable); with
   * `buildFindings`, what it needs to build their findings too, unless a rule's module makes fixes
   * (a function, which stays on this thread).
   */
  judgeSetup(buildFindings = false): JudgeSetup {
    const setup: JudgeSetup = { tables: this.index.tables, conditions: this.perStep.map((r) => r.definition.conditions), textsFirst: !this.lazyTexts };
    if (buildFindings && !this.perStep.some((r) => r.module?.fix)) {
      setup.findings = {
        uri: this.options.uri,
        rules: this.perStep.map((r) => {
          const { id, family, conditions, event } = r.definition;
          const anchor = r.definition.anchor ?? r.module?.meta.anchor;
          return { definition: { id, family, conditions, event, ...(anchor !== undefined ? { anchor } : {}) }, severity: r.severity, messages: r.messages, basis: r.basis };
        }),
      };
    }
    return setup;
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
  check(record: TransactionRecord): readonly AuditHit[] {
    return this.follow(record, assess(this.judge, record, this.outcome));
  }

  /**
   * The part of `check` that compares steps with earlier ones and keeps count, given what judging
   * the step alone found (`assess`, in any thread); steps in file order.
   */
  follow(record: TransactionRecord, a: StepOutcome): readonly AuditHit[] {
    this.summary.read++;
    this.summary.checked++;
    let out: AuditHit[] | undefined;
    if (a.hit) {
      const rule = this.perStep[a.hit.rule]!;
      if (a.hit.finding) (out ??= []).push({ finding: this.count(this.withPlaces(a.hit.finding, a, rule), record.entity), rule });
      else {
        const subject = this.subjectOf(record, a.hit.facts, a.closest);
        (out ??= []).push({ finding: this.count(this.withPlaces(findingFor(rule, subject), a, rule), record.entity), subject, rule });
      }
    }
    if (a.needsAuthority) {
      this.summary.stepsNeedingAuthority++;
      if (!a.hit) this.summary.stepsProperlyAuthorised++;
    }
    if (a.reviewRequired) {
      this.summary.awardsNeedingReview++;
      if (a.reviewedInTime) this.summary.awardsReviewedInTime++;
    }
    out = this.stepPairs(record, a, out);
    out = this.splitPurchases(record, a, out);
    return out ?? NONE;
  }

  /**
   * A step's finding with its chain and related location: those of the step's delegation, made once
   * per delegation and shared by all the findings on it (`placesOfStep`). A finding built on a
   * worker (`StepFindings`) arrives without them, so that they cross no thread; one built here has
   * copies, which are let go. A kept finding is read only (by the report), and on an audit of 1M
   * records the copies were most of the memory the findings kept. Its file and basis become the
   * shared ones too (a worker's finding arrives with a copy of its file and no basis).
   */
  private withPlaces(finding: Finding, a: StepOutcome, rule: PreparedRule): Finding {
    const places = this.placesOfStep(a.closest, a.best >= 0);
    finding.chain = places.chain;
    finding.related = places.related;
    if (finding.uri === this.options.uri) finding.uri = this.options.uri;
    finding.basis = rule.basis;
    return finding;
  }

  /** The places of the step findings on a delegation (by its index, and whether the step used it). */
  private placesOfStep(closest: number, used: boolean): Pick<Subject, 'chain' | 'related'> {
    const key = 2 * closest + (used ? 1 : 0);
    let places = this.stepPlaces.get(key);
    if (!places) this.stepPlaces.set(key, (places = transactionPlaces(this.index, closest, used)));
    return places;
  }

  private count(f: Finding, entity: string | null): Finding {
    this.summary.findingsByRule[f.ruleId] = (this.summary.findingsByRule[f.ruleId] ?? 0) + 1;
    const key = entity ?? '(no entity)';
    this.summary.findingsByEntity[key] = (this.summary.findingsByEntity[key] ?? 0) + 1;
    return f;
  }

  /** The `transaction` facts of a step, with their texts. */
  transactionFacts(r: TransactionRecord): TransactionFacts {
    this.judge.judge(r);
    return this.judge.describedFacts();
  }

  transactionSubject(r: TransactionRecord): Subject {
    const facts = this.transactionFacts(r);
    return this.subjectOf(r, facts, this.judge.closest);
  }

  /** The delegation chain of an instrument (a copy: a finding owns its chain). */
  private chainFor(instrument: number): ChainLink[] {
    return instrument < 0 ? [] : this.index.chainOf(instrument);
  }

  private subjectOf(r: TransactionRecord, facts: TransactionFacts, closest: number): Subject {
    return transactionSubject(this.index, this.options.uri, r, facts, closest);
  }

  /** A small integer standing for a step or actor name, so that what the audit keeps is compact. */
  private code(name: string): number {
    let c = this.codes.get(name);
    if (c === undefined) {
      c = this.names.length;
      const own = ownString(name);
      this.codes.set(own, c);
      this.names.push(own);
    }
    return c;
  }

  /** `code(step)`, by the step's code in the tables when it has one (no lookup of the text). */
  private stepNameCode(step: string, stepCode: number): number {
    if (stepCode < 0) return this.code(step);
    const known = (this.stepNameCodes ??= new Int32Array(this.index.tables.steps.length).fill(-1));
    let c = known[stepCode]!;
    if (c < 0) known[stepCode] = c = this.code(step);
    return c;
  }

  private stepPairs(r: TransactionRecord, a: StepOutcome, out: AuditHit[] | undefined): AuditHit[] | undefined {
    // The steps of a transaction usually follow one another: the one before's number is taken again.
    let transaction = r.id === this.previousId ? this.previousTransaction : this.transactions.numberOf(r.id, a.idHash);
    const latest = transaction < 0 ? undefined : this.latestStep[transaction]!;
    // A person of the policy by their index; anyone else by a code of their name (negative).
    const actor = a.person >= 0 ? a.person : -1 - this.code(r.actor);
    const steps = this.steps;
    if (latest !== undefined) {
      // The earlier steps of the same actor, latest first; compared in file order.
      let count = 0;
      for (let k = latest; k >= 0; k = steps[4 * k + 3]!) {
        if (steps[4 * k + 1] !== actor) continue;
        if (count === this.earlier.length) this.earlier = doubled(this.earlier);
        this.earlier[count++] = k;
      }
      const earlier = this.earlier;
      let chain: ChainLink[] | undefined;
      for (let e = count - 1; e >= 0; e--) {
        const k = earlier[e]!;
        const first = this.names[steps[4 * k]!]!;
        const firstLine = steps[4 * k + 2]!;
        const segregation = this.index.tables.incompatible.get(first)?.get(r.step) ?? null;
        const facts = this.pairFacts;
        const sp = facts.stepPair;
        sp.id = r.id;
        sp.actor = r.actor;
        sp.actorName = a.actorName;
        sp.first = first;
        sp.firstLine = firstLine;
        sp.second = r.step;
        sp.incompatible = !!segregation;
        sp.segregation = segregation;
        let subject: Subject | undefined;
        for (const rule of this.stepPairRules) {
          if (!rule.predicate(facts)) continue;
          // The subject (its chain, location and related step) is made only for a pair a rule fires
          // on, with a copy of the facts of its own (the object above is filled in for the next pair).
          subject ??= {
            family: 'stepPair',
            // With both lines: one transaction may pair the same two steps more than once.
            id: `${r.id}/${first} (line ${firstLine})+${r.step} (line ${r.line})`,
            facts: { stepPair: { ...sp } },
            location: { uri: this.options.uri, range: lineRange(r.line) },
            anchors: {},
            chain: (chain ??= this.chainFor(a.closest)),
            related: [{ uri: this.options.uri, range: lineRange(firstLine), message: `${first} by the same person` }],
          };
          (out ??= []).push({ finding: this.count(findingFor(rule, subject), r.entity), subject, rule });
        }
      }
    }
    const k = this.stepCount++;
    if (4 * k + 4 > this.steps.length) this.steps = doubled(this.steps);
    const at = 4 * k;
    this.steps[at] = this.stepNameCode(r.step, a.stepCode);
    this.steps[at + 1] = actor;
    this.steps[at + 2] = r.line;
    this.steps[at + 3] = latest ?? -1;
    if (transaction < 0) {
      transaction = this.transactions.add(r.id, a.idHash);
      if (transaction >= this.latestStep.length) this.latestStep = doubled(this.latestStep);
    }
    this.latestStep[transaction] = k;
    // Kept until the next step only (never a slice kept for long).
    this.previousId = r.id;
    this.previousTransaction = transaction;
    return out;
  }

  /** Drops the series whose latest award is before the window before the latest window. */
  private forgetOldAwards(): void {
    this.awardsSinceSweep = 0;
    if (this.awardsFrom === this.sweptFrom) return;
    this.sweptFrom = this.awardsFrom;
    const before = this.awardsFrom - this.windowDays + 1;
    this.seriesByKey.retain((s) => {
      if (this.windows.latestDay(s) >= before) return true;
      this.windows.close(s);
      return false;
    });
  }

  private splitPurchases(r: TransactionRecord, a: StepOutcome, out: AuditHit[] | undefined): AuditHit[] | undefined {
    const rules = this.windowRules;
    const converted = a.inLimitCurrency;
    if (!rules.length || !r.vendor || converted === null || a.best < 0) return out;
    const day = a.awardDay;
    const from = Math.max(day - this.windowDays + 1, EARLIEST_DAY);
    if (from > this.awardsFrom) this.awardsFrom = from;
    const vendor = a.vendor >= 0 ? a.vendor : this.otherVendor(r.vendor);
    const slot = a.person * this.authoritySlots.length + this.authoritySlots[a.authority]!;
    // Before the series is looked up: a sweep may forget series, never the one an award's window is read from.
    if (++this.awardsSinceSweep >= 50_000) this.forgetOldAwards();
    let s = this.seriesByKey.get(vendor, slot);
    if (s < 0) this.seriesByKey.set(vendor, slot, (s = this.windows.open()));
    const awards = this.windows;
    const w = awards.add(s, day, a.amountUnits, a.amountScale, converted, r.line, from, this.windowStats);
    // A window of one award, when every window rule asks for more (`singleAwardNeverFires`): its facts are not made.
    if (w.count <= 1 && this.singleAwardNeverFires()) return out;
    if (this.noRuleFiresOnUnits(w, a.best)) return out;
    awards.amountsOf(s, w);
    const limit = this.grantLimits[a.best]!;
    const authority = this.authorityNames[a.authority]!;
    const facts = this.windowFacts;
    const vw = facts.vendorWindow;
    vw.actor = r.actor;
    vw.actorName = a.actorName;
    vw.vendor = r.vendor;
    vw.authority = authority;
    vw.windowDays = this.windowDays;
    vw.count = w.count;
    vw.total.amount = w.total;
    vw.total.currency = limit.currency;
    vw.largest.amount = w.largest;
    vw.largest.currency = limit.currency;
    vw.limit = limit;
    vw.lines = null;
    vw.from = null;
    vw.to = null;
    if (!this.lazyWindowDetails) this.windowDetails(s, w, day);
    let subject: Subject | undefined;
    for (const rule of rules) {
      if (!rule.predicate(facts)) continue;
      // One finding per run of split awards: later awards in an already flagged window are related, not new.
      const flag = w.aloneLine >= 0 ? w.aloneLine : awards.lineAt(s, w.start);
      if (this.flaggedWindows.has(flag)) continue;
      this.flaggedWindows.add(flag);
      if (!subject) {
        this.windowDetails(s, w, day);
        const related = [];
        for (let i = w.start; i < w.end; i++) {
          const line = awards.lineAt(s, i);
          if (line === r.line) continue;
          related.push({ uri: this.options.uri, range: lineRange(line), message: `award of ${formatMoney({ amount: awards.amountText(s, i), currency: limit.currency })} on ${dateOfDayNumber(awards.dayAt(s, i))}` });
        }
        // The subject keeps its own copy of the facts (the object above is filled in again for the next award).
        const own = { vendorWindow: { ...vw, total: { ...vw.total }, largest: { ...vw.largest } } };
        subject = { family: 'vendorWindow', id: `${r.actor}/${r.vendor}/${authority}/to ${vw.to}`, facts: own, location: { uri: this.options.uri, range: lineRange(r.line) }, anchors: {}, chain: [], related };
      }
      (out ??= []).push({ finding: this.count(findingFor(rule, subject), r.entity), subject, rule });
    }
    return out;
  }

  /**
   * Whether the window's units show that no window rule fires on it (window-units.ts): its total
   * and largest then need no strings. False when that cannot be told on units; the rules then run
   * on the facts, which alone decide whether a rule fires.
   */
  private noRuleFiresOnUnits(w: WindowStats, grant: number): boolean {
    const tests = this.windowUnitsTests;
    const limitScale = this.grantLimitScales[grant]!;
    if (!tests || !w.pending || !w.inUnits || limitScale < 0) return false;
    const u = this.windowUnits;
    u.count = w.count;
    u.total = w.totalUnits;
    u.largest = w.largestUnits;
    u.scale = w.scale;
    u.limit = this.grantLimitUnits[grant]!;
    u.limitScale = limitScale;
    for (const test of tests) if (test(u) !== false) return false;
    return true;
  }

  /** The code of a vendor the policy does not name (after the tables' codes). */
  private otherVendor(name: string): number {
    let code = this.otherVendors.get(name);
    if (code === undefined) {
      code = this.index.tables.vendors.length + this.otherVendors.size;
      this.otherVendors.set(ownString(name), code);
    }
    return code;
  }

  /** The awards in the window, listed only for a window a rule looks at (it costs a pass over it). */
  private windowDetails(s: number, w: WindowStats, day: number): void {
    const vw = this.windowFacts.vendorWindow;
    if (vw.lines) return;
    const lines: number[] = [];
    if (w.aloneLine >= 0) lines.push(w.aloneLine);
    else for (let i = w.start; i < w.end; i++) lines.push(this.windows.lineAt(s, i));
    vw.lines = lines;
    vw.from = dateOfDayNumber(w.aloneLine >= 0 ? w.aloneDay : this.windows.dayAt(s, w.start));
    // The window ends on the award's day, or on a later award's when the award came out of date order.
    vw.to = dateOfDayNumber(w.aloneLine >= 0 ? w.aloneDay : Math.max(day, this.windows.dayAt(s, w.end - 1)));
  }

  private singleAwardVerdict: boolean | undefined;
  /**
   * Whether every window rule is false on any window of one award, whatever its amounts: true when
   * each has a top-level `all` with `count greaterThan n` (n ≥ 1). Worked out from the rules' JSON once.
   */
  private singleAwardNeverFires(): boolean {
    return (this.singleAwardVerdict ??= this.windowRules.every((r) => {
      const c = r.definition.conditions;
      return 'all' in c && c.all.some((p) => 'fact' in p && p.fact === 'vendorWindow' && p.path === '$.count' && p.operator === 'greaterThan' && typeof p.value === 'number' && p.value >= 1);
    }));
  }
}

/** The `transaction` subject of a step (any thread): its facts, its line, the chain of the delegation used or closest. */
function transactionSubject(index: AuditIndex, uri: string, r: TransactionRecord, facts: TransactionFacts, closest: number, leavePlacesOut = false): Subject {
  return {
    family: 'transaction',
    id: `${r.id}/${r.step}/line ${r.line}`,
    facts: { transaction: facts },
    location: { uri, range: lineRange(r.line) },
    anchors: {},
    ...(leavePlacesOut ? { chain: [], related: [] } : transactionPlaces(index, closest, facts.instrument !== null)),
  };
}

/**
 * The chain and related location of a step's subject: those of the delegation the step used (`used`)
 * or that came closest.
 */
function transactionPlaces(index: AuditIndex, closest: number, used: boolean): Pick<Subject, 'chain' | 'related'> {
  if (closest < 0) return { chain: [], related: [] };
  const name = index.tables.instruments.names[closest]!;
  // The location's fields one by one (an object spread is a slow generic copy on a path run per finding).
  const { uri, range } = index.locationOf(closest);
  return {
    // A copy: a finding owns its chain.
    chain: index.chainOf(closest),
    related: [{ uri, range, message: used ? `authority used: ${name}` : `closest delegation: ${name}` }],
  };
}

/**
 * Builds the findings of the per-step rules on a worker thread, as `Auditor.follow` would from the
 * facts: the same subject, the same `findingFor`, so that only the finding crosses to the thread
 * that follows the steps in order. Its chain and related location are left out (empty lists, which
 * `findingFor` passes on as they are): they were most of what crossed, and the following thread
 * makes them from the step's delegation (`Auditor.withPlaces`).
 */
export class StepFindings {
  private readonly rules: PreparedRule[];

  constructor(
    private readonly index: AuditIndex,
    private readonly setup: StepFindingsSetup,
  ) {
    // `findingFor` reads no predicate: the judge has the compiled ones. Nor does a finding take its
    // basis across: the following thread gives it the rule's own (`Auditor.withPlaces`).
    this.rules = setup.rules.map((r) => ({ ...r, basis: [], definition: r.definition as RuleDefinition, predicate: () => false }));
  }

  findingOf(rule: number, r: TransactionRecord, facts: TransactionFacts, closest: number): Finding {
    return findingFor(this.rules[rule]!, transactionSubject(this.index, this.setup.uri, r, facts, closest, true));
  }
}

/**
 * Judges a step on its own (any thread): what `Auditor.follow` needs, in `into`; with `findings`,
 * the finding of the rule that fires is built here.
 */
export function assess(judge: StepJudge, r: TransactionRecord, into: StepOutcome, findings?: StepFindings): StepOutcome {
  const k = judge.judge(r);
  const f = judge.facts;
  into.needsAuthority = f.needsAuthority;
  into.reviewRequired = f.review.required;
  into.reviewedInTime = !!(r.reviewRef && r.reviewDate && r.reviewDate <= r.date);
  into.best = judge.best;
  into.closest = judge.closest;
  into.person = judge.person;
  into.authority = judge.authority;
  into.stepCode = judge.stepCode;
  into.entityCode = judge.entityCode;
  into.actorName = f.actorName;
  // Only an award under a cumulative authority adds up: payments of one contract in instalments are no split.
  const inLimit = r.vendor && f.limit && judge.cumulative ? f.amountInLimitCurrency : null;
  into.inLimitCurrency = inLimit ? inLimit.amount : null;
  // Parsed here, where the step is judged (on a worker with --jobs): the thread that follows the
  // steps in order then reads no amount text.
  const units = inLimit ? unitsOfDecimal(inLimit.amount) : undefined;
  into.amountUnits = units ? units.units : 0;
  into.amountScale = units ? units.scale : -1;
  into.awardDay = inLimit ? dayNumberOf(r.date) : 0;
  into.idHash = idHashOf(r.id);
  into.vendor = inLimit ? judge.vendorCode(r.vendor!) : -1;
  if (k < 0) into.hit = undefined;
  else if (findings) into.hit = { rule: k, finding: findings.findingOf(k, r, judge.describedFacts(), judge.closest) };
  else into.hit = { rule: k, facts: judge.describedFacts() };
  return into;
}
