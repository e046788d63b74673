// The outcomes of one chunk of records as a worker thread sends them to the thread that follows them
// in file order (`Auditor.follow`): what `follow` reads of each record, and no more.
//
// Numbers go in one Int32Array per chunk (transferred, not copied: no heap object per record on
// either side), texts in one array of strings read back in the order they were written, and the
// facts of the steps a rule fired on (few) in an array of their own. Each string is sent on its own,
// never joined into one text to be cut again: a slice of a joined text would keep the whole chunk's
// text alive in whatever the audit keeps (ids, vendors, amounts, findings).
import { UNKNOWN_ENTITY, type AuditTables } from './audit-index.ts';
import type { StepOutcome } from './auditor.ts';
import type { RejectedRecord, TransactionRecord } from './record.ts';
import type { TransactionFacts } from './step-judge.ts';
import type { Finding } from '../check/types.ts';
import { doubled } from '../util/exact.ts';

/** One chunk's outcomes, structured-cloneable; `ints` is transferable. */
export interface WireChunk {
  ints: Int32Array;
  /** How many records `ints` holds. */
  count: number;
  texts: string[];
  /** The steps a rule fired on: the facts, or the finding when the worker built it. */
  hits: Array<[rule: number, facts: TransactionFacts | null, finding: Finding | null]>;
}

// Slots of a record in `ints`.
const LINE = 0;
/** The step's code in the tables, or -1: the step is the next text. */
const STEP = 1;
/** The entity's code, or NO_ENTITY (-1), or ENTITY_TEXT (-2): the entity is the next text. */
const ENTITY = 2;
const FLAGS = 3;
const BEST = 4;
const CLOSEST = 5;
/** The person's index, or -1: the actor is the next text. */
const PERSON = 6;
const AUTHORITY = 7;
/** Index of the hit in `hits`, or -1. */
const HIT = 8;
/** The day number of an award's date (with AWARD). */
const DAY = 9;
/** An award's vendor by its code, or -1: the vendor is the next text (with AWARD). */
const VENDOR = 10;
/** The hash of the transaction id (`idHashOf`). */
const ID_HASH = 11;
/**
 * An award's amount in integer units (`StepOutcome.amountUnits`, below 2^53): the low 32 bits and
 * the high bits, and its scale, or -1: the amount follows as a text (with AWARD).
 */
const UNITS_LOW = 12;
const UNITS_HIGH = 13;
const SCALE = 14;
const STRIDE = 15;
const TWO_TO_32 = 2 ** 32;

/** As `StepOutcome.entityCode` gives them (audit-index.ts). */
const ENTITY_TEXT = UNKNOWN_ENTITY;

const NEEDS_AUTHORITY = 1;
const REVIEW_REQUIRED = 2;
const REVIEWED_IN_TIME = 4;
/** The record was rejected: its reason is its only text. */
const REJECTED = 8;
/** An award entering a split-purchase window: its day and vendor are in DAY and VENDOR, its amount in UNITS_LOW, UNITS_HIGH and SCALE or as a text. */
const AWARD = 16;
/**
 * The record's transaction id is that of the step before it in the chunk (no text): the steps of a
 * transaction usually come one after the other, and an id sent once is one string made on the
 * following thread instead of one per step.
 */
const SAME_ID = 32;

/** Writes the outcomes of a chunk, a record at a time. */
export class WireWriter {
  private ints: Int32Array;
  private count = 0;
  private texts: string[] = [];
  private hits: WireChunk['hits'] = [];
  /** The id of the step written last in this chunk. */
  private lastId: string | undefined;

  /** `expected`: how many records to make room for at first. The step and entity come as codes in the outcome (`assess`). */
  constructor(expected = 256) {
    this.ints = new Int32Array(STRIDE * Math.max(1, expected));
  }

  private slot(): number {
    const at = STRIDE * this.count++;
    if (at + STRIDE > this.ints.length) this.ints = doubled(this.ints);
    return at;
  }

  step(r: TransactionRecord, o: StepOutcome): void {
    const at = this.slot();
    const out = this.ints;
    const texts = this.texts;
    const sameId = r.id === this.lastId;
    if (!sameId) texts.push((this.lastId = r.id));
    out[at + LINE] = r.line;
    // The step's and entity's codes as the judge found them (no second lookup of the texts).
    out[at + STEP] = o.stepCode;
    if (o.stepCode < 0) texts.push(r.step);
    if (o.person < 0) texts.push(r.actor);
    out[at + ENTITY] = o.entityCode;
    if (o.entityCode === ENTITY_TEXT) texts.push(r.entity!);
    const award = o.inLimitCurrency !== null;
    out[at + FLAGS] = (o.needsAuthority ? NEEDS_AUTHORITY : 0) | (o.reviewRequired ? REVIEW_REQUIRED : 0) | (o.reviewedInTime ? REVIEWED_IN_TIME : 0) | (award ? AWARD : 0) | (sameId ? SAME_ID : 0);
    // `assess` gives an amount in the limit's currency only to a step with a vendor.
    out[at + DAY] = award ? o.awardDay : 0;
    out[at + VENDOR] = award ? o.vendor : -1;
    if (award && o.vendor < 0) texts.push(r.vendor ?? '');
    const units = award && o.amountScale >= 0;
    if (award && !units) texts.push(o.inLimitCurrency!);
    // An Int32Array slot keeps a number modulo 2^32: the low bits are read back unsigned.
    out[at + UNITS_LOW] = units ? o.amountUnits % TWO_TO_32 : 0;
    out[at + UNITS_HIGH] = units ? Math.floor(o.amountUnits / TWO_TO_32) : 0;
    out[at + SCALE] = units ? o.amountScale : -1;
    out[at + BEST] = o.best;
    out[at + CLOSEST] = o.closest;
    out[at + PERSON] = o.person;
    out[at + AUTHORITY] = o.authority;
    out[at + ID_HASH] = o.idHash;
    if (o.hit) {
      out[at + HIT] = this.hits.length;
      this.hits.push([o.hit.rule, o.hit.facts ?? null, o.hit.finding ?? null]);
    } else out[at + HIT] = -1;
  }

  rejected(r: RejectedRecord): void {
    const at = this.slot();
    this.ints.fill(-1, at, at + STRIDE);
    this.ints[at + LINE] = r.line;
    this.ints[at + FLAGS] = REJECTED;
    this.texts.push(r.reason);
  }

  /** The chunk written (the writer is done with it). */
  finish(): WireChunk {
    return { ints: this.ints.slice(0, STRIDE * this.count), count: this.count, texts: this.texts, hits: this.hits };
  }
}

/** Reads a chunk's outcomes back in order into one record and one outcome object, reused. */
export class WireReader {
  private chunk: WireChunk | undefined;
  private at = 0;
  private text = 0;
  readonly record: TransactionRecord = { line: 0, id: '', date: '', step: '', actor: '', amount: null, entity: null, account: null, vendor: null, reviewRef: null, reviewDate: null };
  readonly outcome: StepOutcome = { needsAuthority: false, reviewRequired: false, reviewedInTime: false, best: -1, closest: -1, person: -1, authority: -1, stepCode: -1, entityCode: -1, actorName: '', inLimitCurrency: null, amountUnits: 0, amountScale: -1, awardDay: 0, vendor: -1, idHash: 0, hit: undefined };

  /** `outcome.hit`, filled in for each step a rule fired on (`follow` keeps what it holds, never the object itself). */
  private readonly findingHit: { rule: number; finding: Finding; facts?: undefined } = { rule: -1, finding: null as unknown as Finding };
  private readonly factsHit: { rule: number; facts: TransactionFacts; finding?: undefined } = { rule: -1, facts: null as unknown as TransactionFacts };

  /**
   * Each person's name and the name findings give them (their title, else the name:
   * `AuditIndex.actorName`) side by side in one flat list: a record's actor and actor name cost no
   * load of its person's entry, and one place in memory for both.
   */
  private readonly personNames: string[];

  constructor(private readonly tables: AuditTables) {
    this.personNames = tables.persons.flatMap((p) => [p.name, p.title ?? p.name]);
  }

  start(chunk: WireChunk): void {
    this.chunk = chunk;
    this.at = 0;
    this.text = 0;
  }

  /**
   * The next record: a rejection, or 'step' when `record` and `outcome` hold it; undefined at the
   * end of the chunk.
   */
  next(): RejectedRecord | 'step' | undefined {
    const c = this.chunk!;
    if (this.at >= STRIDE * c.count) return undefined;
    const ints = c.ints;
    const texts = c.texts;
    const at = this.at;
    this.at += STRIDE;
    const flags = ints[at + FLAGS]!;
    if (flags & REJECTED) return { line: ints[at + LINE]!, reason: texts[this.text++]! };
    const r = this.record;
    const o = this.outcome;
    const tables = this.tables;
    r.line = ints[at + LINE]!;
    // With SAME_ID, `record` holds the id of the step before it in the chunk already (a rejection
    // between them is returned apart and leaves it as it is).
    if (!(flags & SAME_ID)) r.id = texts[this.text++]!;
    const step = ints[at + STEP]!;
    o.stepCode = step;
    r.step = step >= 0 ? tables.steps[step]! : texts[this.text++]!;
    o.person = ints[at + PERSON]!;
    if (o.person >= 0) {
      r.actor = this.personNames[2 * o.person]!;
      o.actorName = this.personNames[2 * o.person + 1]!;
    } else o.actorName = r.actor = texts[this.text++]!;
    const entity = ints[at + ENTITY]!;
    o.entityCode = entity;
    r.entity = entity >= 0 ? tables.entities[entity]! : entity === ENTITY_TEXT ? texts[this.text++]! : null;
    o.needsAuthority = (flags & NEEDS_AUTHORITY) !== 0;
    o.reviewRequired = (flags & REVIEW_REQUIRED) !== 0;
    o.reviewedInTime = (flags & REVIEWED_IN_TIME) !== 0;
    // `follow` reads the day and vendor of an award only (and the date of no step).
    r.date = '';
    if (flags & AWARD) {
      o.vendor = ints[at + VENDOR]!;
      r.vendor = o.vendor >= 0 ? tables.vendors[o.vendor]! : texts[this.text++]!;
      const scale = ints[at + SCALE]!;
      o.amountScale = scale;
      if (scale >= 0) {
        o.amountUnits = ints[at + UNITS_HIGH]! * TWO_TO_32 + (ints[at + UNITS_LOW]! >>> 0);
        o.inLimitCurrency = '';
      } else {
        o.amountUnits = 0;
        o.inLimitCurrency = texts[this.text++]!;
      }
      o.awardDay = ints[at + DAY]!;
    } else {
      r.vendor = null;
      o.inLimitCurrency = null;
      o.amountUnits = 0;
      o.amountScale = -1;
      o.awardDay = 0;
      o.vendor = -1;
    }
    o.best = ints[at + BEST]!;
    o.closest = ints[at + CLOSEST]!;
    o.authority = ints[at + AUTHORITY]!;
    o.idHash = ints[at + ID_HASH]!;
    const hit = ints[at + HIT]!;
    if (hit < 0) o.hit = undefined;
    else {
      const [rule, facts, finding] = c.hits[hit]!;
      if (finding) {
        this.findingHit.rule = rule;
        this.findingHit.finding = finding;
        o.hit = this.findingHit;
      } else {
        this.factsHit.rule = rule;
        this.factsHit.facts = facts!;
        o.hit = this.factsHit;
      }
    }
    return 'step';
  }
}
