// A deterministic generator of realistic doa workspaces of about N lines, for the benchmarks.
//
// The workspace looks like a real delegation-of-authority register: a catalogue (areas and their
// authorities, trainings, duties, vendors, committees, segregations, DSL rules, exchange rates), the
// root and the headquarters organisation, then one or two files per entity (department, office,
// commission or mission) with its posts, its people (many with names in non-Latin scripts), the
// delegations from the root to the head of the entity and trees of sub-delegations several levels
// deep. It is generated to check CLEAN on `BENCH_AS_OF`: every instrument reports, is in force, sits
// inside its parent's window, grants a subset of its parent's authorities within its parent's
// limits, goes to a delegate whose grade, functions and post fit the parent's `may-sub-delegate`, and
// whose holders completed the required (inherited) trainings; exclusive authorities run down a
// single line per entity; segregated duties never meet in one person; the DSL rules never fire.
//
// Everything is built first as plain declaration objects (`Decl` below); the DSL text and the
// equivalent JSON document are two renderings of those same objects (see `equivalentJson`).

export const BENCH_AS_OF = '2025-06-30';

// ---------------------------------------------------------------------------------------------
// Seeded PRNG (mulberry32): the same seed gives the same workspace on every machine.

export class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  shuffle<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  }
}

// ---------------------------------------------------------------------------------------------
// Dates as day numbers (UTC), rendered as ISO strings.

const DAY = 86_400_000;
const dayOf = (iso: string) => Math.round(Date.parse(`${iso}T00:00:00Z`) / DAY);
const isoOf = (day: number) => new Date(day * DAY).toISOString().slice(0, 10);

// ---------------------------------------------------------------------------------------------
// The declarations, as plain JSON-ready objects. They are the equivalent JSON document's content.

export interface Money {
  currency: string;
  /** Exact decimal, no grouping. */
  amount: string;
}

export interface JsonGrant {
  authority: string;
  limit?: Money;
  committeeReview?: { above: Money; committee?: string };
}

export interface Eligibility {
  grades?: { text: string; grades: string[] };
  posts?: string[];
  functions?: string[];
}

export type Decl =
  | { kind: 'entity'; name: string; title: string; parent?: string; line: 1 | 2 | 3; entityKind?: string; serviceProvider?: boolean; head?: string }
  | { kind: 'post'; name: string; title: string; entity: string; grade: string; functions: string[]; root?: boolean }
  | {
      kind: 'person';
      name: string;
      title: string;
      holds: Array<{ post: string; from: string; to?: string }>;
      trainings: Array<{ training: string; completed: string }>;
      duties: Array<{ duty: string; scope?: { kind: 'account' | 'entity'; value: string }; from?: string; to?: string }>;
      interests: Array<{ description: string; vendor?: string; area?: string; declared?: string }>;
    }
  | { kind: 'training'; name: string; title: string; trainingKind: 'course' | 'certification'; validForMonths?: number }
  | { kind: 'vendor'; name: string; title: string }
  | { kind: 'committee'; name: string; title: string; entity: string }
  | { kind: 'duty'; name: string; title: string; area: string }
  | {
      kind: 'area';
      name: string;
      title: string;
      authorities: Array<{ name: string; title: string; exclusive?: boolean; required?: boolean; reservedTo?: string; committeeReview?: { above: Money; committee?: string } }>;
    }
  | {
      kind: 'delegation' | 'sub-delegation';
      name: string;
      title: string;
      under?: string;
      to: string;
      area: string;
      grants: JsonGrant[];
      valid: { from: string; to?: string };
      maySubDelegate?: Eligibility;
      requires: string[];
      reports: Array<{ what: string; to: string; every: string }>;
      basis: string[];
    }
  | { kind: 'rule'; name: string; title: string; appliesTo: string; when: string; severity: string; message: string; basis: string[] }
  | { kind: 'segregation'; name: string; title: string; duties: string[]; scope: 'account' | 'entity' | 'any'; severity: string; message: string; basis: string[] }
  | { kind: 'rates'; title: string; rates: Array<{ from: string; to: string; rate: string; validFrom: string }> }
  | { kind: 'comment'; text: string };

type DeclOf<K extends Decl['kind']> = Extract<Decl, { kind: K }>;
type InstrumentJson = Extract<Decl, { kind: 'delegation' | 'sub-delegation' }>;

// ---------------------------------------------------------------------------------------------
// Rendering to the DSL. Short declarations are written on one line (`{ a; b }`), as drafters do.

function q(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** Amounts as a drafter writes them: mostly `1,250,000`, sometimes `1250000` or `1_250_000`. */
function amountText(amount: string, style: number): string {
  const [whole, frac] = amount.split('.');
  let w = whole!;
  if (style % 7 === 3 && w.length > 3) w = w.replace(/\B(?=(\d{3})+(?!\d))/g, '_');
  else if (style % 11 !== 5) w = w.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return frac ? `${w}.${frac}` : w;
}

function moneyText(m: Money, style: number): string {
  return `${m.currency} ${amountText(m.amount, style)}`;
}

function block(head: string, statements: string[], oneLine: boolean): string {
  if (!statements.length) return head;
  if (oneLine) return `${head} { ${statements.join('; ')} }`;
  return `${head} {\n${statements.map((s) => `  ${s}`).join('\n')}\n}`;
}

function eligibilityClauses(e: Eligibility): string[] {
  const parts: string[] = [];
  if (e.grades) parts.push(`grades ${e.grades.text}`);
  if (e.posts) parts.push(`posts ${e.posts.join(', ')}`);
  if (e.functions) parts.push(`functions ${e.functions.join(', ')}`);
  return parts;
}

export function renderDecl(d: Decl, style = 0): string {
  switch (d.kind) {
    case 'comment':
      return d.text
        .split('\n')
        .map((l) => `// ${l}`)
        .join('\n');
    case 'entity': {
      const s: string[] = [];
      if (d.parent) s.push(`parent ${d.parent}`);
      s.push(`line ${d.line}`);
      if (d.entityKind) s.push(`kind ${d.entityKind}`);
      if (d.serviceProvider) s.push('service-provider');
      if (d.head) s.push(`head ${d.head}`);
      return block(`entity ${d.name} ${q(d.title)}`, s, true);
    }
    case 'post': {
      const s = [`entity ${d.entity}`, `grade ${d.grade}`];
      if (d.functions.length) s.push(`functions ${d.functions.join(', ')}`);
      if (d.root) s.push('root');
      return block(`post ${d.name} ${q(d.title)}`, s, true);
    }
    case 'person': {
      const s: string[] = [];
      for (const h of d.holds) s.push(`holds ${h.post} from ${h.from}${h.to ? ` to ${h.to}` : ''}`);
      for (const t of d.trainings) s.push(`training ${t.training} completed ${t.completed}`);
      for (const u of d.duties) {
        let line = `duty ${u.duty}`;
        if (u.scope) line += u.scope.kind === 'account' ? ` for account ${q(u.scope.value)}` : ` for entity ${u.scope.value}`;
        if (u.from) line += ` from ${u.from}`;
        if (u.to) line += ` to ${u.to}`;
        s.push(line);
      }
      for (const i of d.interests) {
        let line = `conflict-of-interest ${q(i.description)}`;
        if (i.vendor) line += ` vendor ${i.vendor}`;
        if (i.area) line += ` area ${i.area}`;
        if (i.declared) line += ` declared ${i.declared}`;
        s.push(line);
      }
      return block(`person ${d.name} ${q(d.title)}`, s, s.length <= 2);
    }
    case 'training': {
      const s = [`kind ${d.trainingKind}`];
      if (d.validForMonths) s.push(d.validForMonths % 12 === 0 ? `valid-for ${d.validForMonths / 12} years` : `valid-for ${d.validForMonths} months`);
      return block(`training ${d.name} ${q(d.title)}`, s, true);
    }
    case 'vendor':
      return `vendor ${d.name} ${q(d.title)}`;
    case 'committee':
      return block(`committee ${d.name} ${q(d.title)}`, [`entity ${d.entity}`], true);
    case 'duty':
      return block(`duty ${d.name} ${q(d.title)}`, [`area ${d.area}`], true);
    case 'area':
      return block(
        `area ${d.name} ${q(d.title)}`,
        d.authorities.map((a) => {
          let line = `authority ${a.name} ${q(a.title)}`;
          if (a.exclusive) line += ' exclusive';
          if (a.required) line += ' required';
          if (a.reservedTo) line += ` reserved-to ${a.reservedTo}`;
          if (a.committeeReview) line += ` committee-review above ${moneyText(a.committeeReview.above, 0)}${a.committeeReview.committee ? ` by ${a.committeeReview.committee}` : ''}`;
          return line;
        }),
        false,
      );
    case 'delegation':
    case 'sub-delegation': {
      const s: string[] = [];
      if (d.under) s.push(`under ${d.under}`);
      s.push(`to ${d.to}`);
      s.push(`area ${d.area}`);
      d.grants.forEach((g, n) => {
        const clauses: string[] = [];
        if (g.limit) clauses.push(`limit ${moneyText(g.limit, style + n)}`);
        if (g.committeeReview) clauses.push(`committee-review above ${moneyText(g.committeeReview.above, 0)}${g.committeeReview.committee ? ` by ${g.committeeReview.committee}` : ''}`);
        // Now and then the clauses are written as the grant's own block, which means the same.
        if (clauses.length && (style + n) % 9 === 4) s.push(`authority ${g.authority} { ${clauses.join('; ')} }`);
        else s.push([`authority ${g.authority}`, ...clauses].join(' '));
      });
      s.push(`valid from ${d.valid.from}${d.valid.to ? ` to ${d.valid.to}` : ''}`);
      if (d.maySubDelegate) {
        const clauses = eligibilityClauses(d.maySubDelegate);
        if (clauses.length > 1 && style % 5 === 2) s.push(`may-sub-delegate {\n    ${clauses.join('\n    ')}\n  }`);
        else s.push(['may-sub-delegate', ...clauses].join(' '));
      }
      if (d.requires.length) s.push(`requires ${d.requires.join(', ')}`);
      for (const r of d.reports) s.push(`report ${q(r.what)} to ${r.to} every ${r.every}`);
      if (d.basis.length) s.push(`basis ${d.basis.map(q).join(', ')}`);
      return block(`${d.kind} ${d.name} ${q(d.title)}`, s, false);
    }
    case 'rule':
      return block(
        `rule ${d.name} ${q(d.title)}`,
        [`applies-to ${d.appliesTo}`, `when ${d.when}`, `severity ${d.severity}`, `message ${q(d.message)}`, ...(d.basis.length ? [`basis ${d.basis.map(q).join(', ')}`] : [])],
        false,
      );
    case 'segregation':
      return block(
        `segregation ${d.name} ${q(d.title)}`,
        [`duties ${d.duties.join(', ')}`, `scope ${d.scope}`, `severity ${d.severity}`, `message ${q(d.message)}`, ...(d.basis.length ? [`basis ${d.basis.map(q).join(', ')}`] : [])],
        false,
      );
    case 'rates':
      return block(
        `rates ${q(d.title)}`,
        d.rates.map((r) => `rate ${r.from} ${r.to} ${r.rate} from ${r.validFrom}`),
        false,
      );
  }
}

function lineCount(text: string): number {
  let n = 1;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}

// ---------------------------------------------------------------------------------------------
// The catalogue: areas, authorities and what the generator needs to know about them.

interface AuthoritySpec {
  area: string;
  local: string;
  title: string;
  /** Typical limit (USD) of a delegation to a head of entity; undefined = not a monetary authority. */
  limit?: number;
  exclusive?: boolean;
  required?: boolean;
  /** Deepest level it may be sub-delegated to (a DSL rule says so). */
  maxDepth?: number;
  reservedTo?: string;
  review?: { above: number; committee: string };
}

interface AreaSpec {
  name: string;
  title: string;
  authorities: AuthoritySpec[];
  /** Trainings every holder of a post in this area completes; the instruments require some of them. */
  trainings: string[];
  /** Trainings a sub-delegation to the chief of the area requires (inherited further down). */
  requires: string[];
  basis: string[];
  /** Titles of the posts receiving sub-delegations, by level: chief, officer, junior officer. */
  titles: [string, string, string];
  staff: string[];
  duties: string[];
  report: string;
}

const AREAS: AreaSpec[] = [
  {
    name: 'finance',
    title: 'Budget and finance',
    authorities: [
      { area: 'finance', local: 'certify', title: 'Certify expenditure', limit: 10_000_000, required: true },
      { area: 'finance', local: 'approve', title: 'Approve payments', limit: 5_000_000 },
      { area: 'finance', local: 'bank-accounts', title: 'Open and close bank accounts', exclusive: true },
      { area: 'finance', local: 'write-off', title: 'Write off losses of cash and receivables', limit: 100_000 },
    ],
    trainings: ['umoja-finance', 'ipsas-fundamentals'],
    requires: ['umoja-finance'],
    basis: ['ST/SGB/2013/4', 'ST/SGB/2019/2'],
    titles: ['Chief Finance and Budget Officer', 'Finance Officer', 'Finance Officer'],
    staff: ['Finance Assistant', 'Senior Finance Assistant', 'Budget Assistant'],
    duties: ['certifying-officer', 'approving-officer', 'bank-signatory'],
    report: 'Certification and approval of expenditure',
  },
  {
    name: 'procurement',
    title: 'Procurement',
    authorities: [
      { area: 'procurement', local: 'award-contract', title: 'Award contracts', limit: 5_000_000, review: { above: 500_000, committee: 'HCC' } },
      { area: 'procurement', local: 'approve-requisition', title: 'Approve requisitions', limit: 2_000_000 },
      { area: 'procurement', local: 'low-value', title: 'Low-value acquisitions', limit: 150_000 },
      { area: 'procurement', local: 'ex-post-facto', title: 'Approve ex post facto cases', limit: 200_000, exclusive: true, maxDepth: 2 },
    ],
    trainings: ['proc-fundamentals', 'cips-level-4'],
    requires: ['proc-fundamentals'],
    basis: ['ST/SGB/2013/4', 'ST/AI/2011/8'],
    titles: ['Chief Procurement Officer', 'Procurement Officer', 'Procurement Officer'],
    staff: ['Procurement Assistant', 'Senior Procurement Assistant'],
    duties: ['requisitioner'],
    report: 'Contracts awarded and ex post facto cases',
  },
  {
    name: 'hr',
    title: 'Human resources',
    authorities: [
      { area: 'hr', local: 'appoint', title: 'Appoint staff' },
      { area: 'hr', local: 'extend', title: 'Extend appointments' },
      { area: 'hr', local: 'classify', title: 'Classify posts', exclusive: true },
      { area: 'hr', local: 'special-post-allowance', title: 'Grant special post allowance' },
      { area: 'hr', local: 'senior-appointments', title: 'Appoint at the D-2 level and above', reservedTo: 'SG' },
    ],
    trainings: ['hr-partnering'],
    requires: ['hr-partnering'],
    basis: ['ST/SGB/2019/2', 'ST/AI/2010/3'],
    titles: ['Chief Human Resources Officer', 'Human Resources Officer', 'Human Resources Officer'],
    staff: ['Human Resources Assistant', 'Senior Human Resources Assistant'],
    duties: [],
    report: 'Appointments, extensions and classifications',
  },
  {
    name: 'property',
    title: 'Property management',
    authorities: [
      { area: 'property', local: 'write-off-assets', title: 'Write off assets', limit: 500_000 },
      { area: 'property', local: 'dispose', title: 'Dispose of assets', limit: 250_000 },
      { area: 'property', local: 'lease', title: 'Lease premises', limit: 1_000_000 },
    ],
    trainings: ['asset-management'],
    requires: ['asset-management'],
    basis: ['ST/SGB/2013/4 rule 105.21', 'ST/AI/2015/4'],
    titles: ['Chief Supply Chain Management', 'Property Management Officer', 'Asset Management Officer'],
    staff: ['Property Control Assistant', 'Supply Assistant'],
    duties: ['receiving-officer'],
    report: 'Write-offs and disposals of property',
  },
  {
    name: 'travel',
    title: 'Official travel',
    authorities: [
      { area: 'travel', local: 'approve-travel', title: 'Approve official travel' },
      { area: 'travel', local: 'exceptions', title: 'Approve exceptions to travel standards', exclusive: true, maxDepth: 2 },
    ],
    trainings: ['travel-policy'],
    requires: [],
    basis: ['ST/AI/2013/3'],
    titles: ['Chief Travel Officer', 'Travel Officer', 'Travel Officer'],
    staff: ['Travel Assistant'],
    duties: [],
    report: 'Travel approved and exceptions granted',
  },
];

const AREA_BY_NAME = new Map(AREAS.map((a) => [a.name, a]));

const TRAININGS: Array<DeclOf<'training'>> = [
  { kind: 'training', name: 'umoja-finance', title: 'Umoja Finance Certification', trainingKind: 'certification', validForMonths: 36 },
  { kind: 'training', name: 'ipsas-fundamentals', title: 'IPSAS Fundamentals', trainingKind: 'course' },
  { kind: 'training', name: 'proc-fundamentals', title: 'Procurement Fundamentals', trainingKind: 'course', validForMonths: 36 },
  { kind: 'training', name: 'cips-level-4', title: 'CIPS Level 4 Diploma in Procurement and Supply', trainingKind: 'certification' },
  { kind: 'training', name: 'hr-partnering', title: 'Human Resources Partnering', trainingKind: 'course' },
  { kind: 'training', name: 'asset-management', title: 'Asset Management and IPSAS 17', trainingKind: 'course', validForMonths: 48 },
  { kind: 'training', name: 'travel-policy', title: 'Official Travel Policy', trainingKind: 'course' },
  { kind: 'training', name: 'ethics-integrity', title: 'Ethics and Integrity at the United Nations', trainingKind: 'course', validForMonths: 24 },
];

const DUTIES: Array<DeclOf<'duty'>> = [
  { kind: 'duty', name: 'certifying-officer', title: 'Certifying officer', area: 'finance' },
  { kind: 'duty', name: 'approving-officer', title: 'Approving officer', area: 'finance' },
  { kind: 'duty', name: 'bank-signatory', title: 'Bank signatory', area: 'finance' },
  { kind: 'duty', name: 'requisitioner', title: 'Requisitioner', area: 'procurement' },
  { kind: 'duty', name: 'receiving-officer', title: 'Receiving and inspection officer', area: 'property' },
];

const SEGREGATIONS: Array<DeclOf<'segregation'>> = [
  {
    kind: 'segregation',
    name: 'sod-certify-approve',
    title: 'Certifying and approving functions',
    duties: ['certifying-officer', 'approving-officer'],
    scope: 'account',
    severity: 'error',
    message: 'The same person certifies and approves on one account',
    basis: ['ST/SGB/2013/4 rule 105.6'],
  },
  {
    kind: 'segregation',
    name: 'sod-signatory-approve',
    title: 'Bank signatories do not approve payments',
    duties: ['bank-signatory', 'approving-officer'],
    scope: 'any',
    severity: 'error',
    message: 'A bank signatory is also an approving officer',
    basis: ['ST/SGB/2013/4 rule 104.4'],
  },
  {
    kind: 'segregation',
    name: 'sod-requisition-receive',
    title: 'Requisitioning and receiving',
    duties: ['requisitioner', 'receiving-officer'],
    scope: 'entity',
    severity: 'warning',
    message: 'The same person requisitions and receives goods in one entity',
    basis: ['UN Procurement Manual §3.3'],
  },
];

/** DSL rules the workspace declares; the generator keeps to them, so they never fire. */
const RULES: Array<DeclOf<'rule'>> = [
  {
    kind: 'rule',
    name: 'deep-large-award',
    title: 'Large awards far from the head of entity',
    appliesTo: 'grant',
    when: 'authority = procurement/award-contract and depth >= 4 and limit > USD 1,000,000',
    severity: 'warning',
    message: '{instrument} lets {delegate} award contracts up to {limit} at depth {depth}',
    basis: ['UN Procurement Manual §2.2'],
  },
  {
    kind: 'rule',
    name: 'travel-exceptions-level',
    title: 'Travel exceptions stay with senior management',
    appliesTo: 'grant',
    when: 'authority in [travel/exceptions, procurement/ex-post-facto] and depth > 2',
    severity: 'error',
    message: '{instrument} sub-delegates {authority} below the director level',
    basis: ['ST/AI/2013/3 §1.4'],
  },
  {
    kind: 'rule',
    name: 'open-ended-instrument',
    title: 'Instruments have an end date',
    appliesTo: 'instrument',
    when: 'valid-to is missing',
    severity: 'warning',
    message: '{name} has no end date',
    basis: ['ST/SGB/2019/2 §3.2'],
  },
  {
    kind: 'rule',
    name: 'junior-delegate',
    title: 'Sub-delegation to junior staff',
    appliesTo: 'instrument',
    when: 'kind = sub-delegation and (delegate.grade < P-3 or delegate.line != 1)',
    severity: 'error',
    message: '{name} sub-delegates to {delegate}, at grade {delegate.grade}',
    basis: ['ST/SGB/2019/2 §4.1'],
  },
  {
    kind: 'rule',
    name: 'oversight-exercises-authority',
    title: 'Oversight staff exercise no operational authority',
    appliesTo: 'holding',
    when: 'person.line = 3 or person.line = 2',
    severity: 'error',
    message: '{person}, in an oversight or compliance entity, exercises {instrument}',
    basis: ['A/72/773 §80'],
  },
  {
    kind: 'rule',
    name: 'certifier-grade',
    title: 'Certifying officers are at G-6 or above',
    appliesTo: 'person',
    when: 'duties contains certifying-officer and grade < G-6',
    severity: 'error',
    message: '{name} is a certifying officer at grade {grade}',
    basis: ['ST/SGB/2013/4 rule 105.5'],
  },
];

const VENDORS: Array<[string, string]> = [
  ['v-acme-logistics', 'Acme Logistics Ltd.'],
  ['v-blue-nile', 'Blue Nile Construction PLC'],
  ['v-sahel-fuel', 'Sahel Fuel Services SARL'],
  ['v-nordic-air', 'Nordic Air Charter AS'],
  ['v-huanyu', '环宇国际贸易有限公司'],
  ['v-al-noor', 'شركة النور للتجارة'],
  ['v-sibtrans', 'ООО «СибТрансСервис»'],
  ['v-andes-it', 'Andes Tecnología S.A.'],
  ['v-kilimanjaro', 'Kilimanjaro Security Services'],
  ['v-hellas-med', 'Ελληνικά Ιατρικά Εφόδια Α.Ε.'],
  ['v-delhi-pharma', 'दिल्ली फार्मा प्राइवेट लिमिटेड'],
  ['v-lumiere', 'Lumière Événements SAS'],
];

const RATES: DeclOf<'rates'> = {
  kind: 'rates',
  title: 'United Nations operational rates of exchange',
  rates: [
    { from: 'EUR', to: 'USD', rate: '1.085', validFrom: '2025-01-01' },
    { from: 'EUR', to: 'USD', rate: '1.142', validFrom: '2025-06-01' },
    { from: 'CHF', to: 'USD', rate: '1.104', validFrom: '2025-01-01' },
    { from: 'CHF', to: 'USD', rate: '1.221', validFrom: '2025-06-01' },
    { from: 'KES', to: 'USD', rate: '0.00774', validFrom: '2025-01-01' },
    { from: 'THB', to: 'USD', rate: '0.0302', validFrom: '2025-01-01' },
  ],
};
/** The most a unit of a currency is ever worth in USD in the table (limits stay below the parent at any rate). */
const MAX_RATE: Record<string, number> = { USD: 1, EUR: 1.142, CHF: 1.221, KES: 0.00774, THB: 0.0302 };

// ---------------------------------------------------------------------------------------------
// People: names in many scripts, with ASCII handles as their identifiers.

const NAMES: Array<{ given: Array<[string, string]>; family: Array<[string, string]>; familyFirst?: boolean; joiner?: string }> = [
  { given: [['Amina', 'amina'], ['Youssef', 'youssef'], ['Fatima', 'fatima'], ['Omar', 'omar']], family: [['Haddad', 'haddad'], ['El Amrani', 'elamrani'], ['Mansour', 'mansour']] },
  { given: [['أمينة', 'amina'], ['خالد', 'khalid'], ['ليلى', 'layla'], ['محمد', 'mohamed']], family: [['حداد', 'haddad'], ['الحسيني', 'alhusseini'], ['منصور', 'mansour']] },
  { given: [['娜', 'na'], ['伟', 'wei'], ['静', 'jing'], ['磊', 'lei']], family: [['李', 'li'], ['王', 'wang'], ['张', 'zhang'], ['陈', 'chen']], familyFirst: true, joiner: '' },
  { given: [['太郎', 'taro'], ['花子', 'hanako'], ['健', 'ken']], family: [['山田', 'yamada'], ['佐藤', 'sato'], ['鈴木', 'suzuki']], familyFirst: true, joiner: '' },
  { given: [['민준', 'minjun'], ['서연', 'seoyeon'], ['지호', 'jiho']], family: [['김', 'kim'], ['이', 'lee'], ['박', 'park']], familyFirst: true, joiner: '' },
  { given: [['Ольга', 'olga'], ['Дмитрий', 'dmitry'], ['Анна', 'anna']], family: [['Петрова', 'petrova'], ['Иванов', 'ivanov'], ['Смирнова', 'smirnova']] },
  { given: [['Γιώργος', 'giorgos'], ['Ελένη', 'eleni']], family: [['Παπαδόπουλος', 'papadopoulos'], ['Οικονόμου', 'oikonomou']] },
  { given: [['प्रिया', 'priya'], ['राहुल', 'rahul'], ['अनीता', 'anita']], family: [['शर्मा', 'sharma'], ['वर्मा', 'verma']] },
  { given: [['María José', 'mariajose'], ['José Luis', 'joseluis'], ['Sofía', 'sofia']], family: [['García', 'garcia'], ['Núñez', 'nunez'], ['Peña', 'pena']] },
  { given: [['Jean-François', 'jeanfrancois'], ['Hélène', 'helene'], ['Zoë', 'zoe']], family: [['Dubois', 'dubois'], ['Lefèvre', 'lefevre'], ['Ødegaard', 'odegaard']] },
  { given: [['Kwame', 'kwame'], ['Chukwuemeka', 'chukwuemeka'], ['Abebe', 'abebe'], ['Wanjiru', 'wanjiru']], family: [['Mensah', 'mensah'], ['Okafor', 'okafor'], ['Bekele', 'bekele'], ['Kamau', 'kamau']] },
  { given: [['Nguyễn Thị', 'nguyenthi'], ['Trần Văn', 'tranvan']], family: [['Lan', 'lan'], ['Minh', 'minh']] },
  { given: [['John', 'john'], ['Sarah', 'sarah'], ['Michael', 'michael'], ['Emily', 'emily']], family: [['Smith', 'smith'], ['Johnson', 'johnson'], ['O’Brien', 'obrien']] },
  { given: [['Siobhán', 'siobhan'], ['Łukasz', 'lukasz'], ['Jürgen', 'jurgen']], family: [['Ní Bhriain', 'nibhriain'], ['Wójcik', 'wojcik'], ['Müller', 'muller']] },
];

// ---------------------------------------------------------------------------------------------
// Entities.

const DEPARTMENTS: Array<[string, string]> = [
  ['DMSPC', 'Department of Management Strategy, Policy and Compliance'],
  ['DOS', 'Department of Operational Support'],
  ['DESA', 'Department of Economic and Social Affairs'],
  ['DGACM', 'Department for General Assembly and Conference Management'],
  ['OCHA', 'Office for the Coordination of Humanitarian Affairs'],
  ['OLA', 'Office of Legal Affairs'],
  ['DGC', 'Department of Global Communications'],
  ['DSS', 'Department of Safety and Security'],
];
const OFFICES: Array<[string, string, string]> = [
  ['UNOG', 'United Nations Office at Geneva', 'CHF'],
  ['UNOV', 'United Nations Office at Vienna', 'EUR'],
  ['UNON', 'United Nations Office at Nairobi', 'KES'],
  ['ESCAP', 'Economic and Social Commission for Asia and the Pacific', 'THB'],
  ['ECA', 'Economic Commission for Africa', 'USD'],
  ['ECLAC', 'Economic Commission for Latin America and the Caribbean', 'USD'],
  ['ESCWA', 'Economic and Social Commission for Western Asia', 'USD'],
  ['ECE', 'Economic Commission for Europe', 'CHF'],
];
const MISSIONS: Array<[string, string]> = [
  ['UNMISS', 'United Nations Mission in South Sudan'],
  ['MINUSCA', 'United Nations Multidimensional Integrated Stabilization Mission in the Central African Republic'],
  ['MONUSCO', 'United Nations Organization Stabilization Mission in the Democratic Republic of the Congo'],
  ['UNIFIL', 'United Nations Interim Force in Lebanon'],
  ['UNFICYP', 'United Nations Peacekeeping Force in Cyprus'],
  ['UNDOF', 'United Nations Disengagement Observer Force'],
  ['UNMIK', 'United Nations Interim Administration Mission in Kosovo'],
  ['UNAMA', 'United Nations Assistance Mission in Afghanistan'],
  ['UNSMIL', 'United Nations Support Mission in Libya'],
  ['MINURSO', 'United Nations Mission for the Referendum in Western Sahara'],
  ['UNISFA', 'United Nations Interim Security Force for Abyei'],
  ['UNMOGIP', 'United Nations Military Observer Group in India and Pakistan'],
  ['UNTSO', 'United Nations Truce Supervision Organization'],
  ['UNSOS', 'United Nations Support Office in Somalia'],
  ['BINUH', 'United Nations Integrated Office in Haiti'],
  ['UNVMC', 'United Nations Verification Mission in Colombia'],
];
const COUNTRIES = [
  'Albania', 'Angola', 'Armenia', 'Bangladesh', 'Benin', 'Bhutan', 'Bolivia', 'Botswana', 'Burkina Faso', 'Burundi', 'Cambodia', 'Cameroon',
  'Chad', 'Comoros', 'Djibouti', 'Ecuador', 'Eritrea', 'Eswatini', 'Ethiopia', 'Fiji', 'Gabon', 'Gambia', 'Georgia', 'Ghana', 'Guatemala', 'Guinea',
  'Guyana', 'Honduras', 'Indonesia', 'Jordan', 'Kazakhstan', 'Kenya', 'Kiribati', 'Kyrgyzstan', 'Lesotho', 'Liberia', 'Madagascar', 'Malawi',
  'Maldives', 'Mali', 'Mauritania', 'Mongolia', 'Mozambique', 'Myanmar', 'Namibia', 'Nepal', 'Nicaragua', 'Niger', 'Nigeria', 'Pakistan',
  'Panama', 'Paraguay', 'Peru', 'Rwanda', 'Samoa', 'Senegal', 'Sierra Leone', 'Sri Lanka', 'Sudan', 'Suriname', 'Tajikistan', 'Tanzania',
  'Timor-Leste', 'Togo', 'Tonga', 'Tunisia', 'Turkmenistan', 'Uganda', 'Uzbekistan', 'Vanuatu', 'Yemen', 'Zambia', 'Zimbabwe',
];

interface EntitySeed {
  code: string;
  title: string;
  kind: 'department' | 'office' | 'commission' | 'mission';
  parent: string;
  currency: string;
}

function entitySeeds(): EntitySeed[] {
  const out: EntitySeed[] = [];
  // Interleaved so that small workspaces still mix kinds of entities.
  const deps = DEPARTMENTS.map(([code, title]): EntitySeed => ({ code, title, kind: 'department', parent: 'UNHQ', currency: 'USD' }));
  const offs = OFFICES.map(([code, title, currency]): EntitySeed => ({ code, title, kind: title.includes('Commission') ? 'commission' : 'office', parent: 'UNHQ', currency }));
  const miss = MISSIONS.map(([code, title]): EntitySeed => ({ code, title, kind: 'mission', parent: 'DPO', currency: 'USD' }));
  const max = Math.max(deps.length, offs.length, miss.length);
  for (let i = 0; i < max; i++) for (const list of [miss, deps, offs]) if (list[i]) out.push(list[i]!);
  for (const c of COUNTRIES) {
    const code = `UNCT-${c.replace(/[^A-Za-z]/g, '').toUpperCase()}`;
    out.push({ code, title: `United Nations Office in ${c}`, kind: 'office', parent: 'DPPA', currency: 'USD' });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The generator.

const LEVEL_GRADES: Record<number, string[]> = {
  // Grades of the delegate of an instrument at each depth (1 = delegation to the head of entity).
  2: ['D-2', 'D-1', 'P-5'],
  3: ['P-5', 'P-4'],
  4: ['P-4', 'P-3'],
};
const GRADE_ORDER = ['SG', 'DSG', 'USG', 'ASG', 'D-2', 'D-1', 'P-5', 'P-4', 'P-3', 'P-2', 'P-1', 'G-7', 'G-6', 'G-5', 'G-4', 'G-3', 'G-2', 'G-1'];
const rank = (g: string) => GRADE_ORDER.length - GRADE_ORDER.indexOf(g);

const AS_OF_DAY = dayOf(BENCH_AS_OF);

interface PostInfo {
  decl: DeclOf<'post'>;
  /** The current holder (exactly one per post) and since when. */
  holder?: DeclOf<'person'>;
  since: number;
}

interface Node {
  decl: InstrumentJson;
  depth: number;
  area: AreaSpec;
  /** The post acting for the delegate (the delegate post, or the post of the delegate person). */
  post: PostInfo;
  from: number;
  to: number;
  children: number;
  maxChildren: number;
  /** Grades a child delegate may hold (intersection of eligibility and the next level's grades). */
  childGrades: string[];
  /** Posts a child must be, when the parent names them; consumed as they are used. */
  reservedPosts?: PostInfo[];
  /** Exclusive authorities already passed to a child: they run down one line only. */
  passed: Set<string>;
}

interface EntityState {
  seed: EntitySeed;
  head: PostInfo;
  dms?: PostInfo;
  areas: AreaSpec[];
  nodes: Node[];
  posts: PostInfo[];
  persons: Array<DeclOf<'person'>>;
  counter: number;
}

export interface GeneratedFile {
  /** Path relative to the workspace root, e.g. `entities/UNMISS.doa`. */
  path: string;
  text: string;
  lines: number;
  declarations: Decl[];
}

export interface GeneratedWorkspace {
  seed: number;
  targetLines: number;
  lines: number;
  files: GeneratedFile[];
  stats: Record<string, number>;
}

class Generator {
  private readonly rng: Rng;
  /** Next free number per handle (`amina.haddad`, `amina.haddad2`, …). */
  private readonly handles = new Map<string, number>();
  /** Posts that already had an earlier holder (one earlier holder per post, so they never overlap). */
  private readonly hadEarlier = new Set<PostInfo>();
  private readonly stats: Record<string, number> = {};

  constructor(private readonly seed: number) {
    this.rng = new Rng(seed);
  }

  private count(what: string, n = 1): void {
    this.stats[what] = (this.stats[what] ?? 0) + n;
  }

  private date(fromIso: string, toIso: string): number {
    return this.rng.int(dayOf(fromIso), dayOf(toIso));
  }

  private personName(): { title: string; handle: string } {
    const culture = this.rng.pick(NAMES);
    const [gn, gl] = this.rng.pick(culture.given);
    const [fn, fl] = this.rng.pick(culture.family);
    const title = culture.familyFirst ? `${fn}${culture.joiner ?? ''}${gn}` : `${gn} ${fn}`;
    const base = `${gl}.${fl}`;
    const n = this.handles.get(base) ?? 1;
    this.handles.set(base, n + 1);
    return { title, handle: n === 1 ? base : `${base}${n}` };
  }

  /** Trainings completed by the holder of a post with these functions, recently enough to be valid. */
  private trainingsFor(functions: string[]): DeclOf<'person'>['trainings'] {
    const names = new Set<string>();
    for (const f of functions) for (const t of AREA_BY_NAME.get(f)?.trainings ?? []) names.add(t);
    if (this.rng.chance(0.3)) names.add('ethics-integrity');
    return [...names].map((training) => {
      const validFor = TRAININGS.find((t) => t.name === training)?.validForMonths;
      // Completed within the validity period before the check date, never after it.
      const earliest = validFor ? Math.max(AS_OF_DAY - Math.floor(validFor * 30.4) + 20, dayOf('2020-01-01')) : dayOf('2016-01-01');
      return { training, completed: isoOf(this.rng.int(earliest, AS_OF_DAY - 30)) };
    });
  }

  private newPost(e: EntityState, suffix: string, title: string, grade: string, functions: string[], sinceFrom = '2015-01-01'): PostInfo {
    const decl: DeclOf<'post'> = { kind: 'post', name: `${e.seed.code}-${suffix}`, title, entity: e.seed.code, grade, functions };
    const info: PostInfo = { decl, since: this.date(sinceFrom, '2023-12-31') };
    e.posts.push(info);
    this.count('posts');
    return info;
  }

  /** A person currently holding the post, sometimes with an earlier post in the same entity. */
  private newHolder(e: EntityState, post: PostInfo, extra: Partial<Pick<DeclOf<'person'>, 'duties' | 'interests'>> = {}): DeclOf<'person'> {
    const { title, handle } = this.personName();
    const holds: DeclOf<'person'>['holds'] = [];
    // An earlier post, given up before its present holder took it over.
    const earlier = e.posts.filter((p) => p !== post && p.holder && !this.hadEarlier.has(p) && p.since - 1600 > dayOf('2010-01-01') && p.since < post.since);
    if (earlier.length && this.rng.chance(0.15)) {
      const p = this.rng.pick(earlier);
      this.hadEarlier.add(p);
      const to = p.since - this.rng.int(1, 60);
      holds.push({ post: p.decl.name, from: isoOf(this.rng.int(to - 1500, to - 300)), to: isoOf(to) });
    }
    holds.push({ post: post.decl.name, from: isoOf(post.since) });
    const person: DeclOf<'person'> = {
      kind: 'person',
      name: handle,
      title,
      holds,
      trainings: this.trainingsFor(post.decl.functions),
      duties: extra.duties ?? [],
      interests: extra.interests ?? [],
    };
    post.holder = person;
    e.persons.push(person);
    this.count('persons');
    return person;
  }

  private limitFor(spec: AuthoritySpec, parent: Money | undefined, depth: number, currency: string): Money | undefined {
    if (spec.limit === undefined) return undefined;
    if (!parent) {
      const usd = spec.limit * this.rng.pick([0.25, 0.5, 1, 1, 2]);
      return { currency: 'USD', amount: String(usd) };
    }
    const parentUsd = Number(parent.amount) * MAX_RATE[parent.currency]!;
    let usd = this.rng.chance(0.15) ? parentUsd : parentUsd * (0.15 + this.rng.next() * 0.85);
    if (spec.local === 'award-contract' && depth >= 4) usd = Math.min(usd, 1_000_000);
    if (currency !== parent.currency) {
      // A limit in another currency stays below the parent's at the highest rate of the table.
      const local = (usd * 0.97) / MAX_RATE[currency]!;
      return { currency, amount: String(niceFloor(local)) };
    }
    return { currency, amount: String(usd === parentUsd ? Number(parent.amount) : Math.min(niceFloor(usd), Number(parent.amount))) };
  }

  private reportFor(area: AreaSpec, to: string, depth: number): InstrumentJson['reports'] {
    const every = depth === 1 ? this.rng.pick(['quarter', 'half-year', 'quarter', 'year']) : this.rng.pick(['month', 'quarter', 'quarter', '2 months']);
    const reports = [{ what: area.report, to, every }];
    if (this.rng.chance(0.2)) reports.push({ what: `Exceptions and waivers in ${area.title.toLowerCase()}`, to, every: 'half-year' });
    return reports;
  }

  /** Eligibility of a new node at `depth`, and the grades its children may then have. */
  private eligibility(depth: number, area: AreaSpec): { e: Eligibility | undefined; childGrades: string[] } {
    const next = LEVEL_GRADES[depth + 1];
    if (!next) return { e: undefined, childGrades: [] };
    const lowest = next.at(-1)!;
    const style = this.rng.int(0, 5);
    const e: Eligibility = {};
    let grades = [...next];
    if (style === 1 || style === 2) {
      // `P-4 and above`, at or below the next level's lowest grade.
      const g = GRADE_ORDER[GRADE_ORDER.indexOf(lowest) + this.rng.int(0, 1)]!;
      e.grades = { text: `${g} and above`, grades: GRADE_ORDER.slice(0, GRADE_ORDER.indexOf(g) + 1) };
    } else if (style === 3) {
      // An explicit list: only the listed grades.
      const list = this.rng.chance(0.5) ? next : next.slice(0, Math.max(1, next.length - 1));
      e.grades = { text: `[${list.join(', ')}]`, grades: list };
      grades = list;
    }
    if (style >= 2 && this.rng.chance(0.7)) e.functions = [area.name];
    return { e, childGrades: grades.filter((g) => next.includes(g)) };
  }

  /**
   * What a new instrument grants: for a delegation, most of the area's catalogue (what is required
   * always); for a sub-delegation, a non-empty subset of its parent's grants, leaving out what may
   * not go that deep and exclusive authorities the parent already passed down another line.
   */
  private grantCandidates(area: AreaSpec, parent: Node | undefined, depth: number): Array<{ spec: AuthoritySpec; grant?: JsonGrant }> {
    const specOf = (key: string) => area.authorities.find((a) => `${a.area}/${a.local}` === key)!;
    if (!parent) {
      const delegable = area.authorities.filter((a) => !a.reservedTo);
      const chosen = delegable.filter((a) => a.required || this.rng.chance(0.85));
      return (chosen.length ? chosen : delegable.slice(0, 1)).map((spec) => ({ spec }));
    }
    const possible = parent.decl.grants
      .map((grant) => ({ spec: specOf(grant.authority), grant }))
      .filter(({ spec, grant }) => !(spec.maxDepth !== undefined && depth > spec.maxDepth) && !(spec.exclusive && parent.passed.has(grant.authority)));
    if (!possible.length) return [];
    const chosen = possible.filter(({ spec }) => this.rng.chance(spec.exclusive ? 0.6 : 0.75));
    return chosen.length ? chosen : [this.rng.pick(possible)];
  }

  /** Whether a node can still receive a sub-delegation. */
  private canTakeChild(x: Node): boolean {
    return (
      !!x.decl.maySubDelegate &&
      x.children < x.maxChildren &&
      x.childGrades.length > 0 &&
      (!x.reservedPosts || x.reservedPosts.length > 0) &&
      x.decl.grants.some((g) => {
        const spec = x.area.authorities.find((a) => `${a.area}/${a.local}` === g.authority)!;
        return !(spec.maxDepth !== undefined && x.depth + 1 > spec.maxDepth) && !(spec.exclusive && x.passed.has(g.authority));
      })
    );
  }

  private instrument(
    e: EntityState,
    area: AreaSpec,
    parent: Node | undefined,
    delegate: { post: PostInfo; person?: DeclOf<'person'> },
    leaf: boolean,
  ): Node {
    const depth = parent ? parent.depth + 1 : 1;
    const n = ++e.counter;
    const name = parent ? `SD-${e.seed.code}-${area.name.slice(0, 3).toUpperCase()}-${String(n).padStart(3, '0')}` : `DA-${e.seed.code}-${area.name.toUpperCase()}`;
    // Grants: a subset of the parent's (or, for a delegation, of the area's catalogue).
    const currency = parent && leaf && depth >= 3 && e.seed.currency !== 'USD' && this.rng.chance(0.4) ? e.seed.currency : 'USD';
    const grants: JsonGrant[] = [];
    for (const { spec, grant } of this.grantCandidates(area, parent, depth)) {
      const key = `${spec.area}/${spec.local}`;
      const limit = this.limitFor(spec, grant?.limit, depth, currency);
      const g: JsonGrant = { authority: key };
      if (limit) g.limit = limit;
      if (spec.review && limit && Number(limit.amount) * MAX_RATE[limit.currency]! > spec.review.above) {
        g.committeeReview = { above: { currency: 'USD', amount: String(spec.review.above) }, committee: spec.review.committee };
      }
      grants.push(g);
    }
    if (parent) for (const g of grants) if (area.authorities.find((a) => `${a.area}/${a.local}` === g.authority)?.exclusive) parent.passed.add(g.authority);
    // Validity: inside the parent's window, in force on the check date, not about to lapse.
    const from = parent ? Math.min(parent.from + this.rng.int(0, 150), dayOf('2025-03-31')) : this.date('2024-01-01', '2024-12-31');
    const to = parent ? Math.max(parent.to - (this.rng.chance(0.4) ? 0 : this.rng.int(0, 400)), dayOf('2026-12-31')) : dayOf(this.rng.pick(['2027-12-31', '2028-06-30', '2028-12-31']));
    const { e: eligibility, childGrades } = leaf ? { e: undefined, childGrades: [] } : this.eligibility(depth, area);
    const requires = depth === 2 && area.requires.length && this.rng.chance(0.8) ? [...area.requires] : depth === 3 && area.name === 'procurement' && this.rng.chance(0.3) ? ['cips-level-4'] : [];
    const reportTo = parent ? parent.post.decl.name : 'UNHQ';
    const decl = {
      kind: parent ? 'sub-delegation' : 'delegation',
      name,
      title: `${area.title}, ${delegate.person ? delegate.person.title : delegate.post.decl.title}${parent ? '' : `, ${e.seed.title}`}`,
      ...(parent ? { under: parent.decl.name } : {}),
      to: delegate.person ? delegate.person.name : delegate.post.decl.name,
      area: area.name,
      grants,
      valid: { from: isoOf(from), to: isoOf(to) },
      ...(eligibility ? { maySubDelegate: eligibility } : {}),
      requires,
      reports: this.reportFor(area, reportTo, depth),
      basis: parent ? (this.rng.chance(0.3) ? [area.basis[0]!] : []) : area.basis,
    } as InstrumentJson;
    const node: Node = {
      decl,
      depth,
      area,
      post: delegate.post,
      from,
      to,
      children: 0,
      // A head sub-delegates to the director of support and the chief of the area, not to the whole office.
      maxChildren: depth === 1 ? 2 : depth === 2 ? 5 : 6,
      childGrades,
      passed: new Set(),
    };
    if (eligibility && depth === 3 && this.rng.chance(0.15)) {
      // `posts …`: the parent names the posts it may sub-delegate to; they are created now.
      const grade = this.rng.pick(childGrades);
      const reserved = [1, 2].slice(0, this.rng.int(1, 2)).map(() => this.officerPost(e, area, depth + 1, grade));
      eligibility.posts = reserved.map((p) => p.decl.name);
      node.reservedPosts = reserved;
    }
    e.nodes.push(node);
    if (parent) parent.children++;
    this.count(parent ? 'sub-delegations' : 'delegations');
    this.count(`depth-${depth}`);
    return node;
  }

  private officerPost(e: EntityState, area: AreaSpec, depth: number, grade: string): PostInfo {
    const chief = area.titles[0];
    const title = depth === 2 && e.posts.some((p) => p.decl.title === chief) ? `Deputy ${chief}` : area.titles[Math.min(depth - 2, 2)]!;
    const others = e.areas.filter((a) => a !== area);
    const functions = others.length && this.rng.chance(0.15) ? [area.name, this.rng.pick(others).name] : [area.name];
    const post = this.newPost(e, `${area.name.slice(0, 3).toUpperCase()}-${String(++e.counter).padStart(3, '0')}`, title, grade, functions, '2016-01-01');
    this.newHolder(e, post, { duties: this.dutiesFor(e, area, grade, post.since) });
    return post;
  }

  /** Duties for a holder of a post in the area: one, or two that no segregation keeps apart. */
  private dutiesFor(e: EntityState, area: AreaSpec, grade: string, since: number): DeclOf<'person'>['duties'] {
    // Certifying officers are at G-6 or above (a DSL rule of the workspace says so).
    const allowed = area.duties.filter((d) => d !== 'certifying-officer' || rank(grade) >= rank('G-6'));
    if (!allowed.length || !this.rng.chance(0.35)) return [];
    const names = [this.rng.pick(allowed)];
    const compatible = allowed.filter((d) => d !== names[0] && !SEGREGATIONS.some((s) => s.duties.includes(d) && s.duties.includes(names[0]!)));
    if (compatible.length && this.rng.chance(0.3)) names.push(this.rng.pick(compatible));
    return names.map((duty) => {
      const scope = area.name === 'finance' && this.rng.chance(0.7) ? ({ kind: 'account', value: `${e.seed.code}-${this.rng.pick(['10UNA', '20RBA', '32PKO', '10TCA'])}` } as const) : this.rng.chance(0.5) ? ({ kind: 'entity', value: e.seed.code } as const) : undefined;
      const from = isoOf(Math.max(since, this.date('2020-01-01', '2024-12-31')));
      return { duty, ...(scope ? { scope } : {}), from, ...(this.rng.chance(0.2) ? { to: isoOf(this.date('2026-01-01', '2027-12-31')) } : {}) };
    });
  }

  /** One entity, with about `budget` lines of declarations. */
  entity(seed: EntitySeed, budget: number): Decl[] {
    const headGrade = seed.kind === 'department' ? 'USG' : seed.kind === 'mission' ? this.rng.pick(['USG', 'ASG', 'D-2']) : this.rng.pick(['USG', 'ASG']);
    const areaCount = Math.min(AREAS.length, Math.max(2, Math.round(budget / 250) + this.rng.int(0, 1)));
    const areas = [AREAS[0]!, ...this.rng.shuffle(AREAS.slice(1)).slice(0, areaCount - 1)];
    const e: EntityState = { seed, head: undefined as unknown as PostInfo, areas, nodes: [], posts: [], persons: [], counter: 0 };
    const headTitle = seed.kind === 'mission' ? 'Head of Mission' : seed.kind === 'department' ? 'Under-Secretary-General' : seed.kind === 'commission' ? 'Executive Secretary' : 'Director-General';
    e.head = this.newPost(e, 'HOE', headTitle, headGrade, ['head-of-entity'], '2018-01-01');
    this.newHolder(e, e.head);
    if (this.rng.chance(0.8)) {
      e.dms = this.newPost(
        e,
        seed.kind === 'mission' ? 'DMS' : 'EO',
        seed.kind === 'mission' ? 'Director of Mission Support' : 'Executive Officer',
        rank(headGrade) > rank('D-2') ? this.rng.pick(['D-2', 'D-1']) : 'D-1',
        areas.map((a) => a.name),
        '2017-01-01',
      );
      this.newHolder(e, e.dms);
    }
    const entityDecl: DeclOf<'entity'> = { kind: 'entity', name: seed.code, title: seed.title, parent: seed.parent, line: 1, entityKind: seed.kind, head: e.head.decl.name };
    if (seed.code === 'UNSOS' || seed.code === 'UNOG') entityDecl.serviceProvider = true;
    this.count('entities');
    for (const area of areas) this.instrument(e, area, undefined, { post: e.head }, false);

    // Grow the trees (and the staff around them) until the entity fills its budget.
    const estimate = () => e.posts.length * 2 + e.persons.reduce((n, p) => n + (p.holds.length + p.trainings.length + p.duties.length + p.interests.length > 2 ? p.holds.length + p.trainings.length + p.duties.length + p.interests.length + 2 : 1), 0) + e.nodes.reduce((n, x) => n + 9 + x.decl.grants.length + x.decl.reports.length, 0) + 8;
    let guard = 0;
    while (estimate() < budget && guard++ < 10_000) {
      if (this.rng.chance(0.2)) {
        this.staff(e);
        continue;
      }
      const open = e.nodes.filter((x) => this.canTakeChild(x));
      if (!open.length) {
        this.staff(e);
        continue;
      }
      // Deeper nodes are preferred a little, so that chains reach four levels.
      const parent = this.rng.chance(0.5) ? this.rng.pick(open) : open.reduce((a, b) => (b.depth > a.depth || (b.depth === a.depth && b.children < a.children) ? b : a));
      const depth = parent.depth + 1;
      const leaf = depth >= 4 || this.rng.chance(depth === 3 ? 0.45 : 0.1);
      let delegate: { post: PostInfo; person?: DeclOf<'person'> };
      if (parent.reservedPosts) {
        delegate = { post: parent.reservedPosts.shift()! };
      } else if (depth === 2 && e.dms && parent.childGrades.includes(e.dms.decl.grade) && !e.nodes.some((x) => x.post === e.dms && x.area === parent.area)) {
        delegate = { post: e.dms };
      } else {
        // Never more senior than the delegator.
        // Chiefs of service are D-1 or P-5 (D-2 is the director of support).
        const fitting = parent.childGrades.filter((g) => rank(g) <= rank(parent.post.decl.grade) && g !== 'D-2');
        const grade = this.rng.pick(fitting.length ? fitting : parent.childGrades.slice(-1));
        const post = this.officerPost(e, parent.area, depth, grade);
        // Leaves sometimes go to the person rather than the post (personal delegations).
        delegate = leaf && depth >= 3 && this.rng.chance(0.25) ? { post, person: post.holder! } : { post };
      }
      if (parent.decl.maySubDelegate?.functions && !parent.decl.maySubDelegate.functions.some((f) => delegate.post.decl.functions.includes(f))) continue;
      this.instrument(e, parent.area, parent, delegate, leaf);
    }

    // Files: the entity, then its posts and people, then its instruments area by area, parents first.
    const decls: Decl[] = [entityDecl, { kind: 'comment', text: 'Posts' }, ...e.posts.map((p) => p.decl), { kind: 'comment', text: 'People' }, ...e.persons];
    for (const area of areas) {
      decls.push({ kind: 'comment', text: `${area.title}: delegation and sub-delegations` });
      const ordered: Node[] = [];
      const visit = (n: Node) => {
        ordered.push(n);
        for (const c of e.nodes) if (c.decl.kind === 'sub-delegation' && c.decl.under === n.decl.name) visit(c);
      };
      for (const root of e.nodes.filter((x) => x.depth === 1 && x.area === area)) visit(root);
      decls.push(...ordered.map((n) => n.decl));
    }
    return decls;
  }

  /** Staff without delegated authority: assistants, some with duties, a few with declared interests. */
  private staff(e: EntityState): void {
    const area = this.rng.pick(e.areas);
    const grade = this.rng.pick(['G-7', 'G-6', 'G-6', 'G-5', 'G-4']);
    const post = this.newPost(e, `${area.name.slice(0, 3).toUpperCase()}-${String(++e.counter).padStart(3, '0')}`, this.rng.pick(area.staff), grade, [area.name], '2012-01-01');
    const duties = this.dutiesFor(e, area, grade, post.since);
    const interests: DeclOf<'person'>['interests'] = [];
    if (!duties.length && this.rng.chance(0.1)) {
      const [vendor, vendorTitle] = this.rng.pick(VENDORS);
      interests.push({ description: `Close relative employed by ${vendorTitle}`, vendor, declared: isoOf(this.date('2022-01-01', '2025-05-31')) });
    }
    this.newHolder(e, post, { duties, interests });
  }

  catalogue(): Decl[] {
    return [
      { kind: 'comment', text: 'The catalogue of delegable authority: areas, authorities and their controls.' },
      ...AREAS.map(
        (a): Decl => ({
          kind: 'area',
          name: a.name,
          title: a.title,
          authorities: a.authorities.map((s) => ({
            name: s.local,
            title: s.title,
            ...(s.exclusive ? { exclusive: true } : {}),
            ...(s.required ? { required: true } : {}),
            ...(s.reservedTo ? { reservedTo: s.reservedTo } : {}),
            ...(s.review ? { committeeReview: { above: { currency: 'USD', amount: String(s.review.above) }, committee: s.review.committee } } : {}),
          })),
        }),
      ),
      { kind: 'comment', text: 'Trainings and certifications' },
      ...TRAININGS,
      { kind: 'comment', text: 'Duties and their segregation' },
      ...DUTIES,
      ...SEGREGATIONS,
      { kind: 'comment', text: 'Review committees and vendors' },
      { kind: 'committee', name: 'HCC', title: 'Headquarters Committee on Contracts', entity: 'DMSPC-HQ' },
      ...VENDORS.map(([name, title]): Decl => ({ kind: 'vendor', name, title })),
      { kind: 'comment', text: 'Control rules of this workspace' },
      ...RULES,
      RATES,
    ];
  }

  /** The root, headquarters and the second and third lines of defence (which hold no authority). */
  headquarters(): Decl[] {
    const decls: Decl[] = [
      { kind: 'post', name: 'SG', title: 'Secretary-General', entity: 'UNHQ', grade: 'SG', functions: [], root: true },
      { kind: 'entity', name: 'UNHQ', title: 'United Nations Headquarters', line: 1, entityKind: 'headquarters' },
      { kind: 'entity', name: 'DMSPC-HQ', title: 'Office of the Controller', parent: 'UNHQ', line: 1, entityKind: 'office' },
      { kind: 'entity', name: 'DPO', title: 'Department of Peace Operations', parent: 'UNHQ', line: 1, entityKind: 'department' },
      { kind: 'entity', name: 'DPPA', title: 'Department of Political and Peacebuilding Affairs', parent: 'UNHQ', line: 1, entityKind: 'department' },
      { kind: 'entity', name: 'BTAD', title: 'Business Transformation and Accountability Division', parent: 'UNHQ', line: 2, entityKind: 'division' },
      { kind: 'entity', name: 'OIOS', title: 'Office of Internal Oversight Services', parent: 'UNHQ', line: 3, entityKind: 'office' },
    ];
    const { title, handle } = this.personName();
    decls.push({ kind: 'person', name: handle, title, holds: [{ post: 'SG', from: '2017-01-01' }], trainings: [], duties: [], interests: [] });
    const staff: Array<[string, string, string, string, string]> = [
      ['BTAD-DIR', 'Director, Business Transformation', 'BTAD', 'D-2', 'compliance'],
      ['BTAD-RMO', 'Risk Management Officer', 'BTAD', 'P-4', 'compliance'],
      ['OIOS-USG', 'Under-Secretary-General for Internal Oversight Services', 'OIOS', 'USG', 'oversight'],
      ['OIOS-AUD1', 'Chief, Internal Audit', 'OIOS', 'D-1', 'oversight'],
      ['OIOS-AUD2', 'Auditor', 'OIOS', 'P-4', 'oversight'],
      ['OIOS-INV', 'Investigator', 'OIOS', 'P-3', 'oversight'],
      ['CTRL', 'Controller', 'DMSPC-HQ', 'ASG', 'finance'],
    ];
    for (const [name, postTitle, entity, grade, fn] of staff) {
      decls.push({ kind: 'post', name, title: postTitle, entity, grade, functions: [fn] });
      const p = this.personName();
      decls.push({ kind: 'person', name: p.handle, title: p.title, holds: [{ post: name, from: isoOf(this.date('2016-01-01', '2023-06-30')) }], trainings: [], duties: [], interests: [] });
    }
    return decls;
  }

  generate(targetLines: number): GeneratedWorkspace {
    const files: GeneratedFile[] = [];
    const add = (path: string, decls: Decl[]) => {
      let style = 0;
      const text = decls.map((d) => (d.kind === 'comment' && style ? '\n' : '') + renderDecl(d, style++)).join('\n') + '\n';
      // Instruments and areas are separated by blank lines.
      const spaced = text.replace(/\n}\n/g, '\n}\n\n');
      files.push({ path, text: spaced, lines: lineCount(spaced) - 1, declarations: decls.filter((d) => d.kind !== 'comment') });
    };
    add('catalogue.doa', this.catalogue());
    add('headquarters.doa', this.headquarters());
    const seeds = entitySeeds();
    let used = files.reduce((n, f) => n + f.lines, 0);
    for (let i = 0; used < targetLines - 20; i++) {
      const base = seeds[i % seeds.length]!;
      const seed = i < seeds.length ? base : { ...base, code: `${base.code}-${Math.floor(i / seeds.length) + 1}`, title: `${base.title} (${Math.floor(i / seeds.length) + 1})` };
      const remaining = targetLines - used;
      let budget = Math.min(remaining, this.rng.int(450, 1800));
      if (remaining - budget < 350) budget = remaining;
      // The generator's estimate runs a little short of the rendered text; aim slightly lower.
      const decls = this.entity(seed, Math.max(60, Math.round(budget * 0.9)));
      const texts = decls.map((d, n) => (d.kind === 'comment' && n ? '\n' : '') + renderDecl(d, n)).join('\n');
      const lines = lineCount(texts.replace(/\n}\n/g, '\n}\n\n'));
      if (lines > 1200) {
        // Large entities keep their staff and their instruments in two files.
        const split = decls.findIndex((d) => d.kind === 'comment' && d.text.includes('delegation and sub-delegations'));
        add(`entities/${seed.code}/staff.doa`, decls.slice(0, split));
        add(`entities/${seed.code}/delegations.doa`, decls.slice(split));
      } else add(`entities/${seed.code}.doa`, decls);
      used = files.reduce((n, f) => n + f.lines, 0);
    }
    return { seed: this.seed, targetLines, lines: used, files, stats: { files: files.length, ...this.stats } };
  }
}

function niceFloor(x: number): number {
  if (x < 1000) return Math.max(100, Math.floor(x / 100) * 100);
  const magnitude = 10 ** (Math.floor(Math.log10(x)) - 1);
  return Math.floor(x / magnitude) * magnitude;
}

/** A workspace of about `targetLines` lines; the same seed always gives the same text. */
export function generateWorkspace(targetLines: number, seed = 20250630): GeneratedWorkspace {
  return new Generator(seed).generate(targetLines);
}

/**
 * The equivalent JSON document: the same declarations as JSON objects, one array per file.
 *
 * How it is equivalent: it is built from the very objects the DSL text is rendered from, so it
 * carries the same information, name for name and value for value: every declaration with its
 * kind, name and title, every reference (as the referenced name), date, amount (exact decimal
 * string plus currency), grade, clause and list; DSL rules keep their condition as the text of the
 * `when` expression. It leaves out only what is presentation in the DSL: comments, layout, the
 * drafter's choice between one-line and block forms and between `1,000,000` and `1000000`.
 * `JSON.parse` of it is therefore the floor for "reading this content into memory": no positions,
 * no validation, no name resolution and no rules, which is everything doa adds.
 */
export function equivalentJson(ws: GeneratedWorkspace): string {
  return JSON.stringify({
    format: 'doa-equivalent/1',
    files: ws.files.map((f) => ({ path: f.path, declarations: f.declarations })),
  });
}
