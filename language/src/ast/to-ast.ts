// Syntax tree → typed AST. The language's vocabulary lives here, as data (`DECLARATIONS`): which
// declarations exist, which statements each accepts, what each statement means and its documentation.
// Completion, hover and the language reference read the same tables, so they cannot drift apart.
import type { AtomValue, Problem, Range, Statement } from '../syntax/syntax-tree.ts';
import type {
  AreaDecl,
  AuthorityDecl,
  CommitteeDecl,
  CommitteeReview,
  Decl,
  DeclKind,
  DocumentAst,
  DutyDecl,
  Eligibility,
  EntityDecl,
  Grant,
  Holding,
  DutyAssignment,
  InterestDeclaration,
  ReportingDuty,
  Revocation,
  InstrumentDecl,
  PersonDecl,
  PostDecl,
  RateDecl,
  RefSite,
  RuleDecl,
  RuleSubject,
  SegregationDecl,
  Severity,
  TrainingDecl,
  VendorDecl,
} from './ast.ts';
import { REVOCATION_REASONS, RULE_SUBJECTS } from './ast.ts';
import { appended, Reader } from './reader.ts';
import { none } from '../util/exact.ts';
import { spanRange } from '../syntax/source-range.ts';
import { GRADES, gradesAtOrAbove, gradesAtOrBelow, isGrade, type Grade } from '../values/grades.ts';
import { isCurrency } from '../values/currencies.ts';
import { closest } from '../util/closest.ts';

interface Ctx {
  uri: string;
  problems: Problem[];
  refs: RefSite[];
  /** Reads the statements of a statement's block as clauses (clauses have no blocks of their own). */
  clauseReader: Reader;
}

export interface StatementSpec<T> {
  /** One line for completion and hover. */
  doc: string;
  /** How it is written, for completion details and the reference. */
  syntax: string;
  multiple?: boolean;
  /** The statement may carry a `{ … }` block. */
  block?: boolean;
  read(r: Reader, decl: T, ctx: Ctx): void;
}

export interface DeclarationSpec<T> {
  doc: string;
  syntax: string;
  /** False for `rates`, which has no name. */
  named: boolean;
  create(name: string, nameRange: Range, title: string | undefined, s: Statement, uri: string): T;
  statements: Record<string, StatementSpec<T>>;
  /** Statements that must be present, with the reason shown when one is missing. */
  required?: Array<[key: string, why: string]>;
}

// What each reference may name. Shared constants: every reference site keeps its `kinds`.
const ENTITY: DeclKind[] = ['entity'];
const POST: DeclKind[] = ['post'];
const TRAINING: DeclKind[] = ['training'];
const DUTY: DeclKind[] = ['duty'];
const VENDOR: DeclKind[] = ['vendor'];
const AREA: DeclKind[] = ['area'];
const COMMITTEE: DeclKind[] = ['committee'];
const AUTHORITY: DeclKind[] = ['authority'];
const POST_OR_PERSON: DeclKind[] = ['post', 'person'];
const ENTITY_OR_POST: DeclKind[] = ['entity', 'post'];
const INSTRUMENT: DeclKind[] = ['delegation', 'sub-delegation'];

const PERIODS: Record<string, number> = { month: 1, quarter: 3, 'half-year': 6, year: 12 };
const SEVERITIES: Severity[] = ['error', 'warning', 'info'];

function severity(r: Reader): { value: Severity; range: Range } | undefined {
  const v = r.ident('error, warning or info');
  if (!v) return undefined;
  if (!SEVERITIES.includes(v.text as Severity)) {
    r.error(v.range, `'${v.text}' is not a severity: use error, warning or info`);
    return undefined;
  }
  return { value: v.text as Severity, range: v.range };
}

/** What a clause does with its values: sets a field of `target`, the object the statement builds. */
type ClauseReader<T> = (c: Reader, target: T) => void;

/** The clauses a statement accepts, by keyword; built once, since statements are read by the thousand. */
interface Clauses<T> {
  byKeyword: Map<string, ClauseReader<T>>;
  keywords: string[];
}

function clauses<T>(table: Record<string, ClauseReader<T>>): Clauses<T> {
  return { byKeyword: new Map(Object.entries(table)), keywords: Object.keys(table) };
}

/**
 * Reads `keyword args…` clauses, written inline (`holds P from 2024-01-01`) or as statements of the
 * statement's own block (`grant X { limit USD 5 }`); both forms mean the same.
 */
function readClauses<T>(r: Reader, ctx: Ctx, table: Clauses<T>, target: T): void {
  while (!r.atEnd()) {
    const v = r.peek()!;
    const read = v.kind === 'ident' ? table.byKeyword.get(v.text) : undefined;
    if (read) {
      r.next();
      read(r, target);
    } else {
      const hint = v.kind === 'ident' ? closest(v.text, table.keywords) : undefined;
      r.error(
        v.range,
        `Unexpected ${v.kind === 'list' ? 'list' : `'${v.raw}'`} in ${r.label}` +
          (hint ? `; did you mean '${hint}'?` : `; expected ${table.keywords.map((k) => `'${k}'`).join(', ')}`),
      );
      r.next();
    }
  }
  const body = r.statement.body;
  if (!body) return;
  for (const s of body.statements) {
    const read = table.byKeyword.get(s.key.text);
    if (!read) {
      const hint = closest(s.key.text, table.keywords);
      r.error(s.key.range, `Unknown statement '${s.key.text}' in ${r.label}${hint ? `; did you mean '${hint}'?` : ''}`);
      continue;
    }
    const inner = ctx.clauseReader.reset(s);
    read(inner, target);
    inner.finish();
  }
}

/** `P-4 and above`, `P-3 and below`, `P-4, P-5` or `[P-4, P-5]`. */
function readGrades(r: Reader): { grades: Grade[]; text: string } | undefined {
  const v = r.peek();
  if (v?.kind === 'list') {
    r.next();
    const grades: Grade[] = [];
    for (const item of v.items) {
      if (isGrade(item.text)) grades.push(item.text);
      else r.error(item.range, unknownGrade(item.text));
    }
    return { grades, text: v.items.map((i) => i.text).join(', ') };
  }
  const g = r.ident('a grade such as P-4');
  if (!g) return undefined;
  if (!isGrade(g.text)) {
    r.error(g.range, unknownGrade(g.text));
    return undefined;
  }
  if (r.isWord('and') && (r.isWord('above', 1) || r.isWord('below', 1))) {
    r.next();
    const dir = r.ident("'above' or 'below'")!.text;
    return { grades: dir === 'above' ? gradesAtOrAbove(g.text) : gradesAtOrBelow(g.text), text: `${g.text} and ${dir}` };
  }
  return { grades: [g.text], text: g.text };
}

function unknownGrade(text: string): string {
  const hint = closest(text, GRADES);
  return `'${text}' is not a grade${hint ? `; did you mean '${hint}'?` : ''} (grades run from SG, DSG, USG and ASG through D-2…D-1, P-5…P-1 and G-7…G-1)`;
}

function readCommitteeReview(r: Reader): CommitteeReview | undefined {
  const start = r.peek()?.range ?? r.statement.key.range;
  if (!r.expectWord('above')) return undefined;
  const above = r.money();
  if (!above) return undefined;
  const review: CommitteeReview = { above, committee: undefined, range: spanRange(start, above.range) };
  if (r.word('by')) {
    const committee = r.ref('a committee', COMMITTEE);
    if (committee) {
      review.committee = committee;
      review.range = spanRange(start, committee.range);
    }
  }
  return review;
}

// ---------------------------------------------------------------------------------------------
// The vocabulary

const entity: DeclarationSpec<EntityDecl> = {
  doc: 'An organisational entity: a department, office, mission or commission.',
  syntax: 'entity <name> "<title>" { … }',
  named: true,
  create: (name, nameRange, title, s, uri) => ({
    kind: 'entity',
    name,
    nameRange,
    title,
    range: s.range,
    uri,
    parent: undefined,
    line: undefined,
    entityKind: undefined,
    serviceProvider: false,
    head: undefined,
  }),
  statements: {
    parent: { doc: 'The entity this one belongs to.', syntax: 'parent <entity>', read: (r, d) => (d.parent = r.ref('an entity', ENTITY)) },
    line: {
      doc: 'Line of defence: 1 operational management, 2 compliance and risk, 3 independent oversight.',
      syntax: 'line 1|2|3',
      read: (r, d) => {
        const n = r.integer('1, 2 or 3');
        if (!n) return;
        if (n.value < 1 || n.value > 3) r.error(n.range, 'The line of defence is 1, 2 or 3');
        else d.line = { value: n.value as 1 | 2 | 3, range: n.range };
      },
    },
    kind: {
      doc: 'What sort of entity it is (department, office, mission, commission, …).',
      syntax: 'kind <word>',
      read: (r, d) => (d.entityKind = r.ident('a kind such as department or mission')?.text),
    },
    'service-provider': {
      doc: 'The entity may exercise authority for others when it is withdrawn (A/72/773 §75).',
      syntax: 'service-provider',
      read: (_r, d) => (d.serviceProvider = true),
    },
    head: { doc: 'The post that heads the entity.', syntax: 'head <post>', read: (r, d) => (d.head = r.ref('a post', POST)) },
  },
};

const post: DeclarationSpec<PostDecl> = {
  doc: 'A post: a position in an entity, at a grade, with function tags.',
  syntax: 'post <name> "<title>" { … }',
  named: true,
  create: (name, nameRange, title, s, uri) => ({
    kind: 'post',
    name,
    nameRange,
    title,
    range: s.range,
    uri,
    entity: undefined,
    grade: undefined,
    functions: none(),
    root: false,
  }),
  required: [
    ['entity', 'every post belongs to an entity'],
    ['grade', 'eligibility for sub-delegation depends on the grade'],
  ],
  statements: {
    entity: { doc: 'The entity of the post.', syntax: 'entity <entity>', read: (r, d) => (d.entity = r.ref('an entity', ENTITY)) },
    grade: {
      doc: 'The grade of the post (USG, ASG, D-2 … P-1, G-7 … G-1).',
      syntax: 'grade <grade>',
      read: (r, d) => {
        const g = r.ident('a grade such as P-4');
        if (!g) return;
        if (!isGrade(g.text)) r.error(g.range, unknownGrade(g.text));
        else d.grade = { value: g.text, range: g.range };
      },
    },
    functions: {
      doc: 'Function tags of the post (procurement, finance, hr, property, oversight, …).',
      syntax: 'functions <tag>, <tag>',
      read: (r, d) => (d.functions = r.tagList('a function tag')),
    },
    root: {
      doc: 'This post is the root of all delegated authority (the Secretary-General).',
      syntax: 'root',
      read: (_r, d) => (d.root = true),
    },
  },
};

const HOLDING_CLAUSES = clauses<Holding>({
  from: (c, h) => (h.from = c.date()),
  to: (c, h) => (h.to = c.date()),
});

const DUTY_ASSIGNMENT_CLAUSES = clauses<DutyAssignment>({
  for: (c, a) => {
    const start = c.peek()?.range;
    if (c.word('account')) {
      const t = c.text('an account in quotes');
      if (t && start) a.scope = { kind: 'account', value: t.text, range: spanRange(start, t.range) };
    } else if (c.word('entity')) {
      const e = c.ref('an entity', ENTITY);
      if (e && start) a.scope = { kind: 'entity', value: e.name, range: spanRange(start, e.range) };
    } else c.expectWord('account');
  },
  from: (c, a) => (a.from = c.date()),
  to: (c, a) => (a.to = c.date()),
});

const INTEREST_CLAUSES = clauses<InterestDeclaration>({
  vendor: (c, i) => (i.vendor = c.ref('a vendor', VENDOR)),
  area: (c, i) => (i.area = c.ref('a functional area', AREA)),
  declared: (c, i) => (i.declared = c.date()),
});

const person: DeclarationSpec<PersonDecl> = {
  doc: 'A person: the posts they hold, their trainings, duties and declared interests.',
  syntax: 'person <name> "<full name>" { … }',
  named: true,
  create: (name, nameRange, title, s, uri) => ({
    kind: 'person',
    name,
    nameRange,
    title,
    range: s.range,
    uri,
    holds: none(),
    trainings: none(),
    duties: none(),
    interests: none(),
  }),
  statements: {
    holds: {
      doc: 'A post the person holds, optionally for a period (inclusive dates).',
      syntax: 'holds <post> [from <date>] [to <date>]',
      multiple: true,
      read: (r, d, ctx) => {
        const p = r.ref('a post', POST);
        if (!p) return;
        const h: Holding = { post: p, from: undefined, to: undefined, range: r.statement.range };
        readClauses(r, ctx, HOLDING_CLAUSES, h);
        d.holds = appended(d.holds, h);
      },
    },
    training: {
      doc: 'A training or certification the person completed, with its date.',
      syntax: 'training <training> completed <date>',
      multiple: true,
      read: (r, d) => {
        const t = r.ref('a training', TRAINING);
        if (!t || !r.expectWord('completed')) return;
        const completed = r.date();
        if (completed) d.trainings = appended(d.trainings, { training: t, completed, range: r.statement.range });
      },
    },
    duty: {
      doc: 'A duty assigned to the person (certifying officer, approving officer, …), with its scope and dates.',
      syntax: 'duty <duty> [for account "<account>" | for entity <entity>] [from <date>] [to <date>]',
      multiple: true,
      read: (r, d, ctx) => {
        const duty = r.ref('a duty', DUTY);
        if (!duty) return;
        const a: DutyAssignment = { duty, scope: undefined, from: undefined, to: undefined, range: r.statement.range };
        readClauses(r, ctx, DUTY_ASSIGNMENT_CLAUSES, a);
        d.duties = appended(d.duties, a);
      },
    },
    'conflict-of-interest': {
      doc: 'A declared interest that may conflict with official duties (GA 66/257 §26).',
      syntax: 'conflict-of-interest "<description>" [vendor <vendor>] [area <area>] [declared <date>]',
      multiple: true,
      block: true,
      read: (r, d, ctx) => {
        const text = r.text('a description in quotes');
        const i: InterestDeclaration = { description: text?.text ?? '', vendor: undefined, area: undefined, declared: undefined, range: r.statement.range };
        readClauses(r, ctx, INTEREST_CLAUSES, i);
        d.interests = appended(d.interests, i);
      },
    },
  },
};

const training: DeclarationSpec<TrainingDecl> = {
  doc: 'A training course or certification that can be a prerequisite.',
  syntax: 'training <name> "<title>" { … }',
  named: true,
  create: (name, nameRange, title, s, uri) => ({
    kind: 'training',
    name,
    nameRange,
    title,
    range: s.range,
    uri,
    trainingKind: 'course',
    validForMonths: undefined,
  }),
  statements: {
    kind: {
      doc: 'course or certification.',
      syntax: 'kind course|certification',
      read: (r, d) => {
        const k = r.ident('course or certification');
        if (!k) return;
        if (k.text !== 'course' && k.text !== 'certification') r.error(k.range, "The kind of a training is 'course' or 'certification'");
        else d.trainingKind = k.text;
      },
    },
    'valid-for': {
      doc: 'How long a completion stays valid; after that the prerequisite is no longer met.',
      syntax: 'valid-for <n> months|years',
      read: (r, d) => {
        const n = r.integer('a number of months or years');
        const unit = r.ident("'months' or 'years'");
        if (!n || !unit) return;
        if (unit.text === 'month' || unit.text === 'months') d.validForMonths = n.value;
        else if (unit.text === 'year' || unit.text === 'years') d.validForMonths = n.value * 12;
        else r.error(unit.range, "Expected 'months' or 'years'");
      },
    },
  },
};

const vendor: DeclarationSpec<VendorDecl> = {
  doc: 'A vendor or supplier, for conflicts of interest.',
  syntax: 'vendor <name> "<legal name>"',
  named: true,
  create: (name, nameRange, title, s, uri) => ({ kind: 'vendor', name, nameRange, title, range: s.range, uri }),
  statements: {},
};

const committee: DeclarationSpec<CommitteeDecl> = {
  doc: 'A review committee, such as a committee on contracts.',
  syntax: 'committee <name> "<title>" { entity <entity> }',
  named: true,
  create: (name, nameRange, title, s, uri) => ({ kind: 'committee', name, nameRange, title, range: s.range, uri, entity: undefined }),
  statements: {
    entity: { doc: 'The entity that runs the committee.', syntax: 'entity <entity>', read: (r, d) => (d.entity = r.ref('an entity', ENTITY)) },
  },
};

const duty: DeclarationSpec<DutyDecl> = {
  doc: 'A duty (role) that can be assigned to people, such as certifying officer.',
  syntax: 'duty <name> "<title>" { area <area> }',
  named: true,
  create: (name, nameRange, title, s, uri) => ({ kind: 'duty', name, nameRange, title, range: s.range, uri, area: undefined, steps: none() }),
  statements: {
    area: { doc: 'The functional area of the duty.', syntax: 'area <area>', read: (r, d) => (d.area = r.ref('a functional area', AREA)) },
    steps: {
      doc: 'Transaction steps performed in this duty; segregated duties make these steps incompatible on one transaction (doa audit).',
      syntax: 'steps <step>, …',
      read: (r, d) => (d.steps = r.wordList('a transaction step such as certify')),
    },
  },
};

const AUTHORITY_CLAUSES = clauses<AuthorityDecl>({
  exclusive: (_c, a) => (a.exclusive = true),
  cumulative: (_c, a) => (a.cumulative = true),
  'reserved-to': (c, a) => (a.reservedTo = c.ref('a post', POST)),
  required: (c, a) => {
    a.required = true;
    if (c.word('in')) a.requiredIn = c.refList('an entity', ENTITY);
  },
  'committee-review': (c, a) => (a.committeeReview = readCommitteeReview(c)),
  steps: (c, a) => (a.steps = c.wordList('a transaction step such as award')),
});

const area: DeclarationSpec<AreaDecl> = {
  doc: 'A functional area (human resources, finance, procurement, property) and its authorities.',
  syntax: 'area <name> "<title>" { authority <name> "<title>" { … } }',
  named: true,
  create: (name, nameRange, title, s, uri) => ({ kind: 'area', name, nameRange, title, range: s.range, uri, authorities: none() }),
  statements: {
    authority: {
      doc: 'An authority in this area, with its controls.',
      syntax: 'authority <name> "<title>" { exclusive | reserved-to <post> | required [in <entity>, …] | committee-review above <amount> by <committee> | cumulative | steps <step>, … }',
      multiple: true,
      block: true,
      read: (r, d, ctx) => {
        const n = r.ident('the name of the authority');
        if (!n) return;
        const title = r.peek()?.kind === 'string' ? r.text('a title')?.text : undefined;
        const a: AuthorityDecl = {
          kind: 'authority',
          name: `${d.name}/${n.text}`,
          localName: n.text,
          area: d.name,
          nameRange: n.range,
          title,
          range: r.statement.range,
          uri: ctx.uri,
          exclusive: false,
          reservedTo: undefined,
          required: false,
          requiredIn: none(),
          committeeReview: undefined,
          cumulative: false,
          steps: none(),
        };
        readClauses(r, ctx, AUTHORITY_CLAUSES, a);
        d.authorities = appended(d.authorities, a);
      },
    },
  },
};

const GRANT_CLAUSES = clauses<Grant>({
  limit: (c, g) => (g.limit = c.money()),
  'committee-review': (c, g) => (g.committeeReview = readCommitteeReview(c)),
});

const VALIDITY_CLAUSES = clauses<InstrumentDecl>({
  from: (c, d) => {
    d.validFrom = c.date();
    if (!d.validFrom) d.validityBroken = true;
  },
  // A `to` that cannot be read is not an open end: rules that compare windows leave the instrument alone.
  to: (c, d) => {
    d.validTo = c.date();
    if (!d.validTo) d.validityBroken = true;
  },
});

const ELIGIBILITY_CLAUSES = clauses<Eligibility>({
  grades: (c, e) => {
    const g = readGrades(c);
    if (g) {
      e.grades = g.grades;
      e.gradesText = g.text;
    }
  },
  posts: (c, e) => (e.posts = c.refList('a post', POST)),
  functions: (c, e) => (e.functions = c.tagList('a function tag')),
});

const REPORT_CLAUSES = clauses<ReportingDuty>({
  to: (c, rep) => (rep.to = c.ref('an entity or a post', ENTITY_OR_POST)),
  every: (c, rep) => {
    const n = c.peek()?.kind === 'number' ? c.integer('a number of months') : undefined;
    const unit = c.ident('month, quarter, half-year or year');
    if (!unit) return;
    if (n) {
      if (unit.text !== 'months' && unit.text !== 'month') c.error(unit.range, "Expected 'months' after the number");
      rep.everyMonths = n.value;
      rep.everyText = `${n.value} ${unit.text}`;
    } else if (Object.hasOwn(PERIODS, unit.text)) {
      rep.everyMonths = PERIODS[unit.text];
      rep.everyText = unit.text;
    } else c.error(unit.range, `'${unit.text}' is not a period: use month, quarter, half-year, year or <n> months`);
  },
});

const REVOCATION_CLAUSES = clauses<Revocation>({
  because: (c, rev) => {
    const v = c.ident(REVOCATION_REASONS.join(', '));
    if (!v) return;
    if ((REVOCATION_REASONS as readonly string[]).includes(v.text)) rev.reason = { value: v.text as never, range: v.range };
    else c.error(v.range, `'${v.text}' is not a reason for revocation: use ${REVOCATION_REASONS.join(', ')} (A/72/773 §75)`);
  },
  'transferred-to': (c, rev) => (rev.transferTo = c.ref('an entity', ENTITY)),
});

function instrumentStatements(kind: 'delegation' | 'sub-delegation'): Record<string, StatementSpec<InstrumentDecl>> {
  const statements: Record<string, StatementSpec<InstrumentDecl>> = {
    to: {
      doc: 'Who receives the authority: a post or a person.',
      syntax: 'to <post or person>',
      read: (r, d) => (d.delegate = r.ref('a post or a person', POST_OR_PERSON)),
    },
    area: {
      doc: 'The functional area of the instrument; every authority it grants belongs to it.',
      syntax: 'area <area>',
      read: (r, d) => (d.area = r.ref('a functional area', AREA)),
    },
    authority: {
      doc: 'An authority granted, with its monetary limit and committee review.',
      syntax: 'authority <area/authority> [limit <amount>] [committee-review above <amount> by <committee>]',
      multiple: true,
      block: true,
      read: (r, d, ctx) => {
        const a = r.ref('an authority such as finance/certify', AUTHORITY);
        if (!a) return;
        const g: Grant = { authority: a, limit: undefined, committeeReview: undefined, range: r.statement.range };
        readClauses(r, ctx, GRANT_CLAUSES, g);
        d.grants = appended(d.grants, g);
      },
    },
    valid: {
      doc: 'The validity window; both dates are inclusive and `to` may be left open.',
      syntax: 'valid from <date> [to <date>]',
      read: (r, d, ctx) => {
        d.validity = r.statement.range;
        readClauses(r, ctx, VALIDITY_CLAUSES, d);
        // Otherwise it is reported both as not yet in force and as expired, and neither says why.
        if (d.validFrom && d.validTo && d.validTo.value < d.validFrom.value) {
          r.error(d.validTo.range, `The window ends on ${d.validTo.value}, before it starts on ${d.validFrom.value}: the instrument is never in force`);
        }
      },
    },
    'may-sub-delegate': {
      doc: 'Further sub-delegation is allowed, optionally only to some grades, posts or functions. Without it, it is not.',
      syntax: 'may-sub-delegate [grades <grade> and above] [posts <post>, …] [functions <tag>, …]',
      block: true,
      read: (r, d, ctx) => {
        const e: Eligibility = { grades: none(), gradesText: undefined, posts: none(), functions: none(), range: r.statement.range };
        readClauses(r, ctx, ELIGIBILITY_CLAUSES, e);
        d.subDelegation = e;
      },
    },
    requires: {
      doc: 'Trainings or certifications the delegate must hold (A/72/773 §74).',
      syntax: 'requires <training>, …',
      multiple: true,
      read: (r, d) => {
        for (const ref of r.refList('a training', TRAINING)) d.requires = appended(d.requires, ref);
      },
    },
    report: {
      doc: 'A monitoring and reporting duty: what, to whom, how often (A/72/773 §74).',
      syntax: 'report "<what>" to <entity or post> every month|quarter|half-year|year|<n> months',
      multiple: true,
      read: (r, d, ctx) => {
        const what = r.text('what is reported, in quotes');
        const rep: ReportingDuty = { what: what?.text ?? '', to: undefined, everyMonths: undefined, everyText: undefined, range: r.statement.range };
        readClauses(r, ctx, REPORT_CLAUSES, rep);
        d.reports = appended(d.reports, rep);
      },
    },
    basis: {
      doc: 'The legal basis: regulations, rules and bulletins the authority rests on.',
      syntax: 'basis "<reference>", …',
      multiple: true,
      read: (r, d) => (d.basis = r.textList('a reference in quotes', d.basis)),
    },
    revoked: {
      doc: 'The instrument was revoked on a date, for one of the reasons of A/72/773 §75.',
      syntax: 'revoked <date> because wilful-breach|ineffective-exercise|lack-of-capacity [transferred-to <entity>]',
      read: (r, d, ctx) => {
        const date = r.date();
        if (!date) return;
        const rev: Revocation = { date, reason: undefined, transferTo: undefined, range: r.statement.range };
        readClauses(r, ctx, REVOCATION_CLAUSES, rev);
        d.revocation = rev;
      },
    },
  };
  if (kind === 'sub-delegation') {
    return {
      under: {
        doc: 'The instrument this one sub-delegates from.',
        syntax: 'under <delegation or sub-delegation>',
        read: (r, d) => (d.parent = r.ref('a delegation or sub-delegation', INSTRUMENT)),
      },
      ...statements,
    };
  }
  return statements;
}

function instrument(kind: 'delegation' | 'sub-delegation'): DeclarationSpec<InstrumentDecl> {
  return {
    doc:
      kind === 'delegation'
        ? 'A delegation of authority from the root (the Secretary-General) to a head of entity.'
        : 'A sub-delegation of authority under a parent instrument.',
    syntax: `${kind} <name> "<title>" { … }`,
    named: true,
    create: (name, nameRange, title, s, uri) => ({
      kind,
      name,
      nameRange,
      title,
      range: s.range,
      uri,
      parent: undefined,
      delegate: undefined,
      area: undefined,
      grants: none(),
      validFrom: undefined,
      validTo: undefined,
      validity: undefined,
      validityBroken: undefined,
      subDelegation: undefined,
      requires: none(),
      reports: none(),
      basis: none(),
      revocation: undefined,
    }),
    required: [
      ...(kind === 'sub-delegation' ? ([['under', 'a sub-delegation names its parent instrument']] as Array<[string, string]>) : []),
      ['to', 'an instrument names who receives the authority'],
      ['authority', 'an instrument grants at least one authority'],
      ['valid', 'an instrument states when it is in force'],
    ],
    statements: instrumentStatements(kind),
  };
}

const rule: DeclarationSpec<RuleDecl> = {
  doc: 'A control rule: a condition over grants, instruments or holdings that must not hold.',
  syntax: 'rule <name> "<title>" { applies-to grant; when <condition>; severity error; message "…"; basis "…" }',
  named: true,
  create: (name, nameRange, title, s, uri) => ({
    kind: 'rule',
    name,
    nameRange,
    title,
    range: s.range,
    uri,
    subject: undefined,
    when: undefined,
    severity: undefined,
    message: undefined,
    basis: none(),
  }),
  required: [
    ['applies-to', 'a rule says what it applies to (grant, instrument, holding or person)'],
    ['when', 'a rule states the condition that is a finding'],
  ],
  statements: {
    'applies-to': {
      doc: 'What each evaluation looks at: grant (one authority of an instrument), instrument, holding (a person exercising an instrument) or person.',
      syntax: 'applies-to grant|instrument|holding|person',
      read: (r, d) => {
        const v = r.ident('grant, instrument, holding or person');
        if (!v) return;
        if ((RULE_SUBJECTS as readonly string[]).includes(v.text)) d.subject = { value: v.text as RuleSubject, range: v.range };
        else r.error(v.range, `'${v.text}' is not something a rule applies to: use ${RULE_SUBJECTS.join(', ')}`);
      },
    },
    when: {
      doc: 'The condition that makes a finding, e.g. `authority = procurement/award-contract and limit > USD 500,000`.',
      syntax: 'when <condition>',
      // A condition completed by the parser's recovery is not run: its syntax error says what to mend.
      read: (r, d) => (d.when = r.statement.recovered ? undefined : r.statement.condition),
    },
    severity: { doc: 'error, warning or info.', syntax: 'severity error|warning|info', read: (r, d) => (d.severity = severity(r)) },
    message: {
      doc: 'The message of a finding; {field} inserts a field of the subject.',
      syntax: 'message "<text with {fields}>"',
      read: (r, d) => (d.message = r.text('a message in quotes')),
    },
    basis: { doc: 'The legal basis of the rule.', syntax: 'basis "<reference>", …', multiple: true, read: (r, d) => (d.basis = r.textList('a reference in quotes', d.basis)) },
  },
};

const segregation: DeclarationSpec<SegregationDecl> = {
  doc: 'Segregation of duties: duties one person must not hold together on the same scope.',
  syntax: 'segregation <name> "<title>" { duties <duty>, <duty>; scope account|entity|any; severity error; basis "…" }',
  named: true,
  create: (name, nameRange, title, s, uri) => ({
    kind: 'segregation',
    name,
    nameRange,
    title,
    range: s.range,
    uri,
    duties: none(),
    scope: 'account',
    severity: undefined,
    message: undefined,
    basis: none(),
  }),
  required: [['duties', 'a segregation names the incompatible duties']],
  statements: {
    duties: {
      doc: 'The incompatible duties (two or more).',
      syntax: 'duties <duty>, <duty>',
      read: (r, d) => {
        d.duties = r.refList('a duty', DUTY);
        if (d.duties.length < 2) r.error(r.statement.range, 'A segregation needs at least two duties');
      },
    },
    scope: {
      doc: 'Where the duties clash: on the same account, in the same entity, or anywhere.',
      syntax: 'scope account|entity|any',
      read: (r, d) => {
        const v = r.ident('account, entity or any');
        if (!v) return;
        if (v.text === 'account' || v.text === 'entity' || v.text === 'any') d.scope = v.text;
        else r.error(v.range, "The scope is 'account', 'entity' or 'any'");
      },
    },
    severity: { doc: 'error, warning or info.', syntax: 'severity error|warning|info', read: (r, d) => (d.severity = severity(r)) },
    message: { doc: 'The message of a finding.', syntax: 'message "<text>"', read: (r, d) => (d.message = r.text('a message in quotes')) },
    basis: { doc: 'The legal basis.', syntax: 'basis "<reference>", …', multiple: true, read: (r, d) => (d.basis = r.textList('a reference in quotes', d.basis)) },
  },
};

interface RatesBlock {
  rates: RateDecl[];
}

const RATE_CLAUSES = clauses<RateDecl>({ from: (c, rate) => (rate.validFrom = c.date()) });

const rates: DeclarationSpec<RatesBlock> = {
  doc: 'A table of exchange rates (operational rates of exchange), used to compare limits in different currencies.',
  syntax: 'rates "<title>" { rate <CUR> <CUR> <rate> from <date> }',
  named: false,
  create: () => ({ rates: [] }),
  statements: {
    rate: {
      doc: 'One unit of the first currency is worth <rate> of the second, from a date until the next rate.',
      syntax: 'rate <CUR> <CUR> <rate> from <date>',
      multiple: true,
      read: (r, d, ctx) => {
        const from = r.ident('a currency code');
        const to = r.ident('a currency code');
        const rate = r.decimal('the rate');
        if (!from || !to || !rate) return;
        for (const c of [from, to]) if (!isCurrency(c.text)) r.error(c.range, `'${c.text}' is not an ISO 4217 currency code`);
        const decl: RateDecl = { from: from.text, to: to.text, rate: rate.value, validFrom: undefined, range: r.statement.range, uri: ctx.uri };
        readClauses(r, ctx, RATE_CLAUSES, decl);
        // A limit in the second currency is converted into the first by dividing by the rate.
        if (rate.value === '0') r.error(rate.range, 'A rate of exchange must be above 0');
        else d.rates.push(decl);
      },
    },
  },
};

export const DECLARATIONS: Record<string, DeclarationSpec<any>> = {
  entity,
  post,
  person,
  training,
  vendor,
  committee,
  duty,
  area,
  delegation: instrument('delegation'),
  'sub-delegation': instrument('sub-delegation'),
  rule,
  segregation,
  rates,
};

/** A declaration's statements by key, each with a bit that marks it as seen; built once from DECLARATIONS. */
interface StatementTable {
  spec: DeclarationSpec<any>;
  byKey: Map<string, { statement: StatementSpec<any>; bit: number }>;
  keys: string[];
  requiredMask: number;
}

const TABLES = new Map<string, StatementTable>();
for (const [kind, spec] of Object.entries(DECLARATIONS)) {
  const keys = Object.keys(spec.statements);
  // A declaration accepts at most a dozen statements, so one 32-bit mask records which were given.
  if (keys.length > 31) throw new Error(`${kind} accepts too many statements for a bit mask`);
  const byKey = new Map(keys.map((key, i) => [key, { statement: spec.statements[key]!, bit: 1 << i }]));
  let requiredMask = 0;
  for (const [key] of spec.required ?? []) requiredMask |= byKey.get(key)?.bit ?? 0;
  TABLES.set(kind, { spec, byKey, keys, requiredMask });
}
const DECLARATION_KINDS = Object.keys(DECLARATIONS);

/** Converts a parsed file to its typed AST; problems are appended to `problems`. */
export function toAst(uri: string, statements: Statement[], problems: Problem[]): DocumentAst {
  const refs: RefSite[] = [];
  const ast: DocumentAst = { uri, decls: [], rates: [], refs };
  if (!statements.length) return ast;
  // Two cursors for the whole file, reset for each statement: one for declarations and their
  // statements, one for the clauses written in a statement's block.
  const reader = new Reader(statements[0]!, problems, refs);
  const ctx: Ctx = { uri, problems, refs, clauseReader: new Reader(statements[0]!, problems, refs) };
  for (const s of statements) {
    const table = TABLES.get(s.key.text);
    if (!table) {
      const hint = closest(s.key.text, DECLARATION_KINDS);
      problems.push({
        code: 'invalid',
        severity: 'error',
        message: `Unknown declaration '${s.key.text}'${hint ? `; did you mean '${hint}'? A` : '. A'} file declares ${DECLARATION_KINDS.join(', ')}`,
        range: s.key.range,
      });
      continue;
    }
    const header = reader.resetToHeader(s);
    let name = '';
    let nameRange = s.key.range;
    if (table.spec.named) {
      // The message is built only when the name is missing.
      const n = header.peek()?.kind === 'ident' ? (header.next() as AtomValue) : header.ident(`the name of the ${s.key.text}`);
      if (!n) continue;
      name = n.text;
      nameRange = n.range;
    }
    const title = header.peek()?.kind === 'string' ? (header.next() as AtomValue).text : undefined;
    header.finish();
    const decl = table.spec.create(name, nameRange, title, s, uri);
    const seen = s.body ? readStatements(s, table, name, decl, reader, ctx) : 0;
    if ((seen & table.requiredMask) !== table.requiredMask) {
      for (const [key, why] of table.spec.required!) {
        if (!(seen & table.byKey.get(key)!.bit)) {
          problems.push({ code: 'invalid', severity: 'error', message: `${capitalise(s.key.text)} ${name} has no '${key}': ${why}`, range: nameRange });
        }
      }
    }
    if (s.key.text === 'rates') for (const rate of (decl as RatesBlock).rates) ast.rates.push(rate);
    else ast.decls.push(decl as Decl);
  }
  return ast;
}

/** Reads the statements of a declaration's block into `decl`; returns the mask of the statements seen. */
function readStatements(s: Statement, table: StatementTable, name: string, decl: unknown, r: Reader, ctx: Ctx): number {
  const problems = ctx.problems;
  let seen = 0;
  for (const inner of s.body!.statements) {
    const entry = table.byKey.get(inner.key.text);
    if (!entry) {
      const hint = closest(inner.key.text, table.keys);
      problems.push({
        code: 'invalid',
        severity: 'error',
        message:
          `Unknown statement '${inner.key.text}' in ${article(s.key.text)}` +
          (hint ? `; did you mean '${hint}'?` : table.keys.length ? `. It accepts ${table.keys.join(', ')}` : ''),
        range: inner.key.range,
      });
      continue;
    }
    const st = entry.statement;
    if (!st.multiple && seen & entry.bit) {
      problems.push({ code: 'invalid', severity: 'error', message: `'${inner.key.text}' is given twice in ${s.key.text} ${name}`, range: inner.key.range });
      continue;
    }
    seen |= entry.bit;
    if (inner.body && !st.block) {
      problems.push({ code: 'invalid', severity: 'error', message: `'${inner.key.text}' does not take a { … } block`, range: inner.body.range });
    }
    r.reset(inner);
    st.read(r, decl, ctx);
    r.finish();
  }
  return seen;
}

function article(word: string): string {
  return /^[aeiou]/.test(word) ? `an ${word}` : `a ${word}`;
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

export type { DeclKind };
