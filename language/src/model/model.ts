// The linked workspace model: declarations by kind, delegation chains, who holds what on a date.
// Read-only once built; every question takes the date it is asked for, since validity windows,
// post holdings, duties and training completions all depend on it.
import type {
  AuthorityDecl,
  CommitteeDecl,
  Decl,
  DocumentAst,
  DutyDecl,
  EntityDecl,
  InstrumentDecl,
  PersonDecl,
  PostDecl,
  RateDecl,
  RuleDecl,
  SegregationDecl,
  TrainingDecl,
  VendorDecl,
  AreaDecl,
  MoneyValue,
} from '../ast/ast.ts';
import { SymbolTable } from '../link/linker.ts';
import { addMonths, withinWindow } from '../values/dates.ts';
import { gradeRank } from '../values/grades.ts';
import { divideDecimal, multiplyDecimal } from '../values/decimal.ts';
import { convertMoney, rateInForce, type DecimalArithmetic, type RateRow } from '../values/rates.ts';
import type { Money } from '../values/money.ts';
import { exact, none, NONE } from '../util/exact.ts';

const BIG_DECIMALS: DecimalArithmetic = { multiply: multiplyDecimal, divide: divideDecimal };

/** Settings from outside the policy files (the configuration): rates and committee thresholds. */
export interface ModelExtras {
  rates?: RateDecl[];
  /** Committee-review thresholds by authority name, for authorities whose catalogue states none. */
  committeeThresholds?: Record<string, { above: Money; committee?: string }>;
}

/** What does not depend on the date about an instrument's chain of parents (see `chainInfo`). */
export interface ChainInfo {
  /** Never in force: a loop of `under`, or a sub-delegation whose parent is missing. */
  dead: boolean;
  /** Every instrument of the chain is in its window from `from` to `to` (inclusive, '' = open). */
  from: string;
  to: string;
  /** The earliest revocation in the chain: from that day on, the chain confers nothing. */
  revokedAt: string | undefined;
  /** The trainings the chain requires, without repeats, root-most first. */
  requires: string[];
  /**
   * The instrument above this one (itself excluded) revoked earliest, the root-most of equal dates:
   * the one whose revocation reaches this instrument first (a revocation dated after the check date
   * higher up must not hide one before it lower down).
   */
  revokedAncestor: InstrumentDecl | undefined;
}

/** Whether `a` (revoked) was revoked before `than` (revoked, or none): equal dates keep the root-most, met first. */
function revokedEarlier(a: InstrumentDecl, than: InstrumentDecl | undefined): boolean {
  return !than || a.revocation!.date.value < than.revocation!.date.value;
}

/** Whether a chain with these facts is in force on a date (inclusive windows, revoked from its day). */
export function chainInForce(c: ChainInfo, date: string): boolean {
  return !c.dead && (!c.from || c.from <= date) && (!c.to || date <= c.to) && (c.revokedAt === undefined || date < c.revokedAt);
}

export interface Ancestry {
  /** Root-most first, the instrument itself last. Stops before a repeated instrument. */
  chain: InstrumentDecl[];
  /** The chain of `under` links loops back on itself. */
  cycle: boolean;
}

/**
 * What the model keeps of one instrument's chain: its ancestry and, from the first question that
 * needs it, its `ChainInfo`. One entry per instrument in one table: both answers extend the
 * parent's, and the checker asks both of every instrument.
 */
interface ChainEntry extends Ancestry {
  info: ChainInfo | undefined;
}

/** A person holding a post, within an optional window. */
interface Holding {
  person: PersonDecl;
  post: PostDecl;
  from: string | undefined;
  to: string | undefined;
}

/**
 * The holdings of one post or of one person: the holding itself when there is one (most posts
 * and people), else a list.
 */
type Holdings = Holding | Holding[];

const isHoldingList = Array.isArray as (holdings: Holdings) => holdings is Holding[];

/** What `pick` reads of each of the holdings in force on a date (a new list, which the caller owns). */
function heldOn<T>(holdings: Holdings | undefined, date: string, pick: (h: Holding) => T): T[] {
  const out: T[] = [];
  if (holdings === undefined) return out;
  if (!isHoldingList(holdings)) {
    if (withinWindow(date, holdings.from, holdings.to)) out.push(pick(holdings));
    return out;
  }
  for (let k = 0; k < holdings.length; k++) {
    if (!withinWindow(date, holdings[k]!.from, holdings[k]!.to)) continue;
    // Two holdings of the same post by the same person may overlap (a renewal written before the
    // old one ended): they hold it once, and are reported once.
    const v = pick(holdings[k]!);
    if (!out.includes(v)) out.push(v);
  }
  return out;
}

/** What `pick` gives of the one holding in force on a date, or undefined when none or several are (`heldOn` of length one, without a list). */
function onlyHeldOn<T>(holdings: Holdings | undefined, date: string, pick: (h: Holding) => T): T | undefined {
  if (holdings === undefined) return undefined;
  if (!isHoldingList(holdings)) return withinWindow(date, holdings.from, holdings.to) ? pick(holdings) : undefined;
  let only: Holding | undefined;
  for (let k = 0; k < holdings.length; k++) {
    const h = holdings[k]!;
    if (!withinWindow(date, h.from, h.to)) continue;
    if (only) return undefined;
    only = h;
  }
  return only === undefined ? undefined : pick(only);
}

/** The kinds each reference the model follows may name (constant lists: see `SymbolTable.resolveIn`). */
const PARENT_KINDS = ['delegation', 'sub-delegation'] as const;
const DELEGATE_KINDS = ['post', 'person'] as const;
const ENTITY_KINDS = ['entity'] as const;
const POST_KINDS = ['post'] as const;
const TRAINING_KINDS = ['training'] as const;

/** The trainings `trainingsValidOn` finds for one person, before they are copied out at their size. */
const FOUND: string[] = [];

/**
 * A chain and one more link, at its exact size: copied by hand, since `concat` with a value that is
 * not an array takes the runtime's slow path, and a spread leaves spare room (see `exact`).
 */
function extended(chain: readonly InstrumentDecl[], link: InstrumentDecl): InstrumentDecl[] {
  const n = chain.length;
  const out = new Array<InstrumentDecl>(n + 1);
  for (let k = 0; k < n; k++) out[k] = chain[k]!;
  out[n] = link;
  return out;
}

/** A list of holdings at its size: a list of two is the literal it started as, a longer one grew by pushes. */
function exactHoldings(holdings: Holding[]): Holding[] {
  return holdings.length > 2 ? exact(holdings) : holdings;
}

export class WorkspaceModel {
  readonly symbols: SymbolTable;
  readonly entities: EntityDecl[] = [];
  readonly posts: PostDecl[] = [];
  readonly persons: PersonDecl[] = [];
  readonly trainings: TrainingDecl[] = [];
  readonly vendors: VendorDecl[] = [];
  readonly committees: CommitteeDecl[] = [];
  readonly areas: AreaDecl[] = [];
  readonly authorities: AuthorityDecl[] = [];
  readonly duties: DutyDecl[] = [];
  readonly instruments: InstrumentDecl[] = [];
  readonly rules: RuleDecl[] = [];
  readonly segregations: SegregationDecl[] = [];
  readonly rates: RateDecl[] = [];
  private rateRowsCache: RateRow[] | undefined;
  readonly rootPost: PostDecl | undefined;

  /** Sub-instruments by parent: only the editor's outline asks, so built on its first question. */
  private children: Map<InstrumentDecl, InstrumentDecl[]> | undefined;
  private readonly holdersByPost = new Map<PostDecl, Holdings>();
  private readonly heldPostsByPerson = new Map<PersonDecl, Holdings>();
  // Answers that do not depend on the date, worked out on first question (the checker asks the same
  // ones of every grant and holding of an instrument): never in the constructor. A parent, a
  // delegate or a post's entity is not kept here: the symbol table answers it with a field read.
  private readonly chains = new Map<InstrumentDecl, ChainEntry>();
  private readonly lineCache = new Map<EntityDecl, 1 | 2 | 3 | null>();

  /** The memo table of `trainingsValidOn` for the date last asked. */
  private trainingsMemo: { date: string; table: Map<object, string[]> } | undefined = undefined;

  /** Answers that depend on a date, memoised per question, date and declaration. */
  private readonly memos = new Map<string, Map<string, Map<object, unknown>>>();

  /** Memoises `compute` for one declaration on one date (the model is immutable once built). */
  memo<T>(question: string, date: string, key: object, compute: () => T): T {
    const m = this.memoTable<T>(question, date);
    const hit = m.get(key);
    if (hit !== undefined || m.has(key)) return hit as T;
    const value = compute();
    m.set(key, value);
    return value;
  }

  /**
   * The memo table of one question on one date, for callers that ask it of thousands of
   * declarations in a row (the fact builders): one lookup of the table, then one per declaration.
   */
  memoTable<T>(question: string, date: string): Map<object, T> {
    let byDate = this.memos.get(question);
    if (!byDate) this.memos.set(question, (byDate = new Map()));
    let m = byDate.get(date);
    if (!m) byDate.set(date, (m = new Map()));
    return m as Map<object, T>;
  }

  constructor(
    readonly documents: readonly DocumentAst[],
    readonly extras: ModelExtras = {},
  ) {
    this.symbols = new SymbolTable(documents);
    this.rates.push(...(extras.rates ?? []));
    // Indexed loops here and below: this runs once per model, in the interpreter, where `for … of`
    // makes an iterator result per step (a few MB over the declarations of a 100k-line workspace).
    for (let n = 0; n < documents.length; n++) {
      const doc = documents[n]!;
      this.rates.push(...doc.rates);
      const decls = doc.decls;
      for (let k = 0; k < decls.length; k++) this.collect(decls[k]!);
    }
    this.rootPost = this.posts.find((p) => p.root);
    // Holdings are resolved once, here: one object per holding serves both directions, holders of
    // a post and posts of a person, and the facts read these compact, freshly made objects much
    // faster than the person's statements scattered over the AST.
    const persons = this.persons;
    for (let n = 0; n < persons.length; n++) {
      const person = persons[n]!;
      let held: Holdings | undefined;
      const holds = person.holds;
      for (let k = 0; k < holds.length; k++) {
        const h = holds[k]!;
        const post = this.symbols.resolveIn(h.post, POST_KINDS);
        if (!post) continue;
        const holding: Holding = { person, post, from: h.from?.value, to: h.to?.value };
        const holdings = this.holdersByPost.get(post);
        if (holdings === undefined) this.holdersByPost.set(post, holding);
        else if (isHoldingList(holdings)) holdings.push(holding);
        else this.holdersByPost.set(post, [holdings, holding]);
        held = held === undefined ? holding : isHoldingList(held) ? (held.push(holding), held) : [held, holding];
      }
      if (held !== undefined) this.heldPostsByPerson.set(person, isHoldingList(held) ? exactHoldings(held) : held);
    }
    this.holdersByPost.forEach((holdings, post, map) => {
      if (isHoldingList(holdings)) map.set(post, exactHoldings(holdings));
    });
  }

  private collect(d: Decl): void {
    switch (d.kind) {
      case 'entity':
        this.entities.push(d);
        break;
      case 'post':
        this.posts.push(d);
        break;
      case 'person':
        this.persons.push(d);
        break;
      case 'training':
        this.trainings.push(d);
        break;
      case 'vendor':
        this.vendors.push(d);
        break;
      case 'committee':
        this.committees.push(d);
        break;
      case 'area':
        this.areas.push(d);
        this.authorities.push(...d.authorities);
        break;
      case 'duty':
        this.duties.push(d);
        break;
      case 'delegation':
      case 'sub-delegation':
        this.instruments.push(d);
        break;
      case 'rule':
        this.rules.push(d);
        break;
      case 'segregation':
        this.segregations.push(d);
        break;
      case 'authority':
        break;
    }
  }

  parentOf(i: InstrumentDecl): InstrumentDecl | undefined {
    if (i.kind !== 'sub-delegation') return undefined;
    return this.symbols.resolveIn(i.parent, PARENT_KINDS);
  }

  private headPosts: Set<PostDecl> | undefined;

  /** Whether a post is the head of some entity (`entity … { head <post> }`). */
  isHeadPost(post: PostDecl): boolean {
    if (!this.headPosts) {
      this.headPosts = new Set();
      for (const e of this.entities) {
        const head = e.head && this.symbols.resolveIn(e.head, POST_KINDS);
        if (head) this.headPosts.add(head);
      }
    }
    return this.headPosts.has(post);
  }

  /**
   * The limit an instrument holds for an authority it grants: its own, or, granted with none, the
   * limit its parent holds (a sub-delegation never gives more than its parent). Undefined when the
   * authority is granted with no limit all the way up, or not granted; a loop of `under` ends the walk.
   */
  heldLimit(i: InstrumentDecl, authority: string): MoneyValue | undefined {
    const seen = new Set<InstrumentDecl>();
    for (let at: InstrumentDecl | undefined = i; at && !seen.has(at); at = this.parentOf(at)) {
      seen.add(at);
      const grant = at.grants.find((g) => g.authority.name === authority);
      if (!grant) return undefined;
      if (grant.limit) return grant.limit;
    }
    return undefined;
  }

  childrenOf(i: InstrumentDecl): readonly InstrumentDecl[] {
    this.children ??= this.childrenByParent();
    return this.children.get(i) ?? NONE;
  }

  private childrenByParent(): Map<InstrumentDecl, InstrumentDecl[]> {
    const children = new Map<InstrumentDecl, InstrumentDecl[]>();
    for (const i of this.instruments) {
      const parent = this.parentOf(i);
      if (!parent) continue;
      const list = children.get(parent);
      if (list) list.push(i);
      else children.set(parent, [i]);
    }
    return children;
  }

  ancestry(i: InstrumentDecl): Ancestry {
    return this.chains.get(i) ?? this.chainEntry(i);
  }

  /** The entry of an instrument's chain, made (with those of the ancestors it climbs past) if not yet. */
  private chainEntry(i: InstrumentDecl): ChainEntry {
    const cached = this.chains.get(i);
    if (cached) return cached;
    // The usual case, asked in file order: a root, or an instrument whose parent's chain is known
    // and has no loop. Its chain is the parent's and itself, with no list of the links climbed.
    const first = this.parentOf(i);
    const known = first && this.chains.get(first);
    if (!first || (known && !known.cycle)) {
      const entry: ChainEntry = { chain: known ? extended(known.chain, i) : [i], cycle: false, info: undefined };
      this.chains.set(i, entry);
      return entry;
    }
    // Up to a root or to the first instrument whose chain is known: most instruments hang a few
    // links below a delegation, and their parents' chains were asked for first.
    const upward: InstrumentDecl[] = [];
    let base: ChainEntry | undefined;
    for (let cur: InstrumentDecl | undefined = i; cur; ) {
      upward.push(cur);
      const parent = this.parentOf(cur);
      if (!parent) break;
      base = this.chains.get(parent);
      if (base) break;
      // A loop, or a long climb (where a linear search would be slow): walked on its own.
      if (upward.length > 64 || upward.includes(parent)) return this.walkAncestry(i);
      cur = parent;
    }
    // Below a loop, a chain stops wherever the walk from its own instrument meets a repeat.
    if (base?.cycle) return this.walkAncestry(i);
    let chain = base ? base.chain : [];
    let result: ChainEntry | undefined;
    for (let k = upward.length - 1; k >= 0; k--) {
      chain = extended(chain, upward[k]!);
      result = { chain, cycle: false, info: undefined };
      this.chains.set(upward[k]!, result);
    }
    return result!;
  }

  /** The chain of `i` walked up from it, stopping before a repeated instrument. */
  private walkAncestry(i: InstrumentDecl): ChainEntry {
    const seen = new Set<InstrumentDecl>();
    const upward: InstrumentDecl[] = [];
    let cycle = false;
    for (let cur: InstrumentDecl | undefined = i; cur; cur = this.parentOf(cur)) {
      if (seen.has(cur)) {
        cycle = true;
        break;
      }
      seen.add(cur);
      upward.push(cur);
    }
    const result: ChainEntry = { chain: upward.reverse(), cycle, info: undefined };
    this.chains.set(i, result);
    return result;
  }

  /** The date-independent facts of an instrument's chain, worked out once per instrument. */
  chainInfo(i: InstrumentDecl): ChainInfo {
    const entry = this.chainEntry(i);
    if (entry.info) return entry.info;
    const { chain, cycle } = entry;
    if (cycle) return (entry.info = this.extendChainInfo(undefined, chain, 0, chain.length, true));
    // A chain without a loop is its parent's chain and one more link: each prefix is the chain of
    // the instrument it ends with (its entry was made with this one's), so the facts are extended
    // from the last one already known.
    let k = chain.length - 1;
    let prefix: ChainEntry | undefined;
    while (k > 0 && !(prefix = this.chains.get(chain[k - 1]!))?.info) k--;
    let info = k > 0 ? prefix!.info : undefined;
    for (; k < chain.length; k++) {
      info = this.extendChainInfo(info, chain, k, k + 1, false);
      const link = k === chain.length - 1 ? entry : this.chains.get(chain[k]!);
      if (link) link.info = info;
      // A chain climbed past its links in one walk (`walkAncestry`) has no entries for them: each
      // gets the entry its own walk would give, a prefix without a loop.
      else this.chains.set(chain[k]!, { chain: chain.slice(0, k + 1), cycle: false, info });
    }
    return info!;
  }

  /**
   * The facts of the chain `chain[0..end)` (ending with the instrument they are about), from those
   * of `chain[0..from)` (`prefix`, undefined when `from` is 0).
   */
  private extendChainInfo(prefix: ChainInfo | undefined, chain: readonly InstrumentDecl[], from: number, end: number, cycle: boolean): ChainInfo {
    const i = chain[end - 1]!;
    let validFromMax = prefix?.from ?? '';
    let validToMin = prefix?.to ?? '';
    let revokedAt = prefix?.revokedAt;
    let revokedAncestor = prefix?.revokedAncestor;
    // The instrument before `from` is an ancestor of `i`: revoked, it is one.
    const before = from > 0 ? chain[from - 1]! : undefined;
    if (before?.revocation && revokedEarlier(before, revokedAncestor)) revokedAncestor = before;
    let requires = prefix?.requires ?? [];
    for (let k = from; k < end; k++) {
      const a = chain[k]!;
      const validFrom = a.validFrom?.value;
      const validTo = a.validTo?.value;
      if (validFrom && validFrom > validFromMax) validFromMax = validFrom;
      if (validTo && (!validToMin || validTo < validToMin)) validToMin = validTo;
      if (a.revocation) {
        const on = a.revocation.date.value;
        if (revokedAt === undefined || on < revokedAt) revokedAt = on;
        if (a !== i && revokedEarlier(a, revokedAncestor)) revokedAncestor = a;
      }
      const required = a.requires;
      for (let n = 0; n < required.length; n++) {
        const r = required[n]!;
        if (requires.includes(r.name)) continue;
        // Shared with the parent's facts until this link adds a training.
        if (requires === prefix?.requires) requires = [...requires];
        requires.push(r.name);
      }
    }
    if (requires !== prefix?.requires) requires = exact(requires);
    return { dead: cycle || (i.kind === 'sub-delegation' && end < 2), from: validFromMax, to: validToMin, revokedAt, requires, revokedAncestor };
  }

  delegateOf(i: InstrumentDecl): PostDecl | PersonDecl | undefined {
    return this.symbols.resolveIn(i.delegate, DELEGATE_KINDS);
  }

  entityOfPost(post: PostDecl | undefined): EntityDecl | undefined {
    return post && this.symbols.resolveIn(post.entity, ENTITY_KINDS);
  }

  /** An entity's line of defence: its own, else that of the nearest parent that states one. */
  lineOf(entity: EntityDecl): 1 | 2 | 3 | undefined {
    let line = this.lineCache.get(entity);
    if (line === undefined) this.lineCache.set(entity, (line = this.computeLineOf(entity) ?? null));
    return line ?? undefined;
  }

  private computeLineOf(entity: EntityDecl): 1 | 2 | 3 | undefined {
    const seen = new Set<EntityDecl>();
    for (let e: EntityDecl | undefined = entity; e && !seen.has(e); e = this.symbols.resolveIn(e.parent, ENTITY_KINDS)) {
      seen.add(e);
      if (e.line) return e.line.value;
    }
    return undefined;
  }

  /** People holding a post on a date. */
  holdersOf(post: PostDecl, date: string): PersonDecl[] {
    return heldOn(this.holdersByPost.get(post), date, (h) => h.person);
  }

  /**
   * The names of the people holding a post on a date (`holdersOf`, named): a list the facts keep
   * for every post, so made at its size, and none made for a post nobody holds.
   */
  holderNamesOn(post: PostDecl, date: string): string[] {
    const holdings = this.holdersByPost.get(post);
    if (holdings === undefined) return none<string>();
    if (!isHoldingList(holdings)) return withinWindow(date, holdings.from, holdings.to) ? [holdings.person.name] : none<string>();
    let names: string[] | undefined;
    for (let k = 0; k < holdings.length; k++) {
      const h = holdings[k]!;
      // A person counted once (as `holdersOf` does), though two of their holdings overlap.
      if (withinWindow(date, h.from, h.to) && !holdings.some((o, j) => j < k && o.person === h.person && withinWindow(date, o.from, o.to))) (names ??= []).push(h.person.name);
    }
    return names ? exact(names) : none<string>();
  }

  /** The person holding a post on a date if they are the only one (`holdersOf` of length one), without a list. */
  onlyHolderOn(post: PostDecl, date: string): PersonDecl | undefined {
    return onlyHeldOn(this.holdersByPost.get(post), date, (h) => h.person);
  }

  /** Posts a person holds on a date. */
  postsOf(person: PersonDecl, date: string): PostDecl[] {
    return heldOn(this.heldPostsByPerson.get(person), date, (h) => h.post);
  }

  /** The post a person holds on a date if it is the only one (`postsOf` of length one), without a list. */
  onlyPostOn(person: PersonDecl, date: string): PostDecl | undefined {
    return onlyHeldOn(this.heldPostsByPerson.get(person), date, (h) => h.post);
  }

  /** The posts through which a delegate acts on a date: the post itself, or the posts a person holds. */
  delegatePosts(delegate: PostDecl | PersonDecl | undefined, date: string): PostDecl[] {
    if (!delegate) return [];
    return delegate.kind === 'post' ? [delegate] : this.postsOf(delegate, date);
  }

  /** The people who exercise a delegate's authority on a date. */
  delegatePersons(delegate: PostDecl | PersonDecl | undefined, date: string): PersonDecl[] {
    if (!delegate) return [];
    return delegate.kind === 'person' ? [delegate] : this.holdersOf(delegate, date);
  }

  /** The entity an instrument belongs to: that of the head who received the root delegation. */
  entityOfInstrument(i: InstrumentDecl, date: string): EntityDecl | undefined {
    const root = this.ancestry(i).chain[0];
    if (!root) return undefined;
    const head = this.delegateOf(root);
    // A post's entity is the same on every date; a person's is that of the first post they hold.
    if (head?.kind !== 'person') return this.entityOfPost(head);
    return this.entityOfPost(this.postsOf(head, date)[0]);
  }

  /**
   * Trainings a person holds valid on a date (completed on or before it and not lapsed). Worked out
   * from the person's statements for each date asked (a check asks one): a training's lapse day is
   * found only for a completion on or before the date.
   */
  trainingsValidOn(person: PersonDecl, date: string): string[] {
    // Asked of one person at a time (the editor, tests): the table of that date is kept at hand
    // rather than looked up by question and date on each question.
    let memo = this.trainingsMemo;
    if (memo?.date !== date) this.trainingsMemo = memo = { date, table: this.memoTable<string[]>('trainingsValidOn', date) };
    const table = memo.table;
    let valid = table.get(person);
    if (!valid) table.set(person, (valid = this.validTrainingsOf(person, date)));
    return valid;
  }

  /**
   * `trainingsValidOn` worked out each time asked, for callers that keep the answer themselves (the
   * fact builders keep it with the rest of what they read of a person on the date).
   */
  validTrainingsOf(person: PersonDecl, date: string): string[] {
    const completions = person.trainings;
    // Gathered in one reused list, then copied at its size: no list grown per person. Counted
    // from 0 rather than emptied (setting its length to 0 gives the list's store back, and the
    // next push makes a new one), so nothing an interrupted call left behind is counted.
    const found = FOUND;
    let count = 0;
    for (let k = 0; k < completions.length; k++) {
      const t = completions[k]!;
      const completed = t.completed.value;
      if (completed > date) continue;
      const months = this.symbols.resolveIn(t.training, TRAINING_KINDS)?.validForMonths;
      // Valid through the day it lapses: lapsed only after that day.
      if (months !== undefined && addMonths(completed, months) < date) continue;
      found[count++] = t.training.name;
    }
    return count ? found.slice(0, count) : none<string>();
  }

  /** Whether an instrument's own window contains the date and it is not revoked by then. */
  ownInForce(i: InstrumentDecl, date: string): boolean {
    if (!withinWindow(date, i.validFrom?.value, i.validTo?.value)) return false;
    return !(i.revocation && i.revocation.date.value <= date);
  }

  /**
   * In force on a date: the instrument and every ancestor are in their windows and unrevoked. The
   * latest start, earliest end and earliest revocation of the chain decide it (`chainInfo`).
   */
  inForce(i: InstrumentDecl, date: string): boolean {
    return chainInForce(this.chainInfo(i), date);
  }

  /** The highest grade among posts, for eligibility checks of people holding several posts. */
  highestGrade(posts: PostDecl[]): string | null {
    let best: string | null = null;
    for (const p of posts) {
      const g = p.grade?.value;
      if (g && (best === null || gradeRank(g)! > gradeRank(best)!)) best = g;
    }
    return best;
  }

  /**
   * Converts an amount to another currency with the rate in force on a date (the latest rate whose
   * `from` is on or before it; a rate without a date applies always). Undefined without a rate.
   */
  convert(money: Money, currency: string, date: string): Money | undefined {
    return convertMoney(money, currency, date, (from, to, on) => rateInForce(this.rateRows(), from, to, on), BIG_DECIMALS);
  }

  /** The rates of the policy and the configuration as plain rows (what the audit's tables copy). */
  rateRows(): readonly RateRow[] {
    return (this.rateRowsCache ??= this.rates.map((r) => ({ from: r.from, to: r.to, since: r.validFrom?.value ?? '', rate: r.rate })));
  }

  /** The committee-review threshold of an authority: its catalogue entry's, else the configuration's. */
  committeeReviewOf(authority: AuthorityDecl): { above: Money; committee: string | null } | undefined {
    if (authority.committeeReview) {
      const { amount, currency } = authority.committeeReview.above;
      return { above: { amount, currency }, committee: authority.committeeReview.committee?.name ?? null };
    }
    const configured = this.extras.committeeThresholds?.[authority.name];
    return configured ? { above: configured.above, committee: configured.committee ?? null } : undefined;
  }

  /** The root post's label for chains: "Secretary-General" unless the workspace names its root. */
  rootLabel(): string {
    return this.rootPost?.title ?? this.rootPost?.name ?? 'Secretary-General';
  }
}
