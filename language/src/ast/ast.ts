// The typed AST: what each statement of a file means, with the exact range of every part.
// References are still names here (`Ref`); `link/` resolves them across the workspace.
import type { Expr, Range } from '../syntax/syntax-tree.ts';
import type { Money } from '../values/money.ts';
import type { Grade } from '../values/grades.ts';

export interface Ref {
  name: string;
  range: Range;
}

export interface DateValue {
  value: string;
  range: Range;
}

export interface MoneyValue extends Money {
  range: Range;
  /** The source text, e.g. `USD 5,000,000`. */
  raw: string;
}

export interface TextValue {
  text: string;
  range: Range;
}

export type DeclKind =
  | 'entity'
  | 'post'
  | 'person'
  | 'training'
  | 'vendor'
  | 'committee'
  | 'area'
  | 'authority'
  | 'duty'
  | 'delegation'
  | 'sub-delegation'
  | 'rule'
  | 'segregation';

interface DeclBase {
  kind: DeclKind;
  name: string;
  nameRange: Range;
  title?: string;
  /** The whole statement, body included. */
  range: Range;
  uri: string;
}

export interface EntityDecl extends DeclBase {
  kind: 'entity';
  parent?: Ref;
  line?: { value: 1 | 2 | 3; range: Range };
  entityKind?: string;
  serviceProvider: boolean;
  head?: Ref;
}

export interface PostDecl extends DeclBase {
  kind: 'post';
  entity?: Ref;
  grade?: { value: Grade; range: Range };
  functions: Ref[];
  root: boolean;
}

export interface Holding {
  post: Ref;
  from?: DateValue;
  to?: DateValue;
  range: Range;
}

export interface TrainingRecord {
  training: Ref;
  completed: DateValue;
  range: Range;
}

export interface DutyAssignment {
  duty: Ref;
  scope?: { kind: 'account' | 'entity'; value: string; range: Range };
  from?: DateValue;
  to?: DateValue;
  range: Range;
}

export interface InterestDeclaration {
  description: string;
  vendor?: Ref;
  area?: Ref;
  declared?: DateValue;
  range: Range;
}

export interface PersonDecl extends DeclBase {
  kind: 'person';
  holds: Holding[];
  trainings: TrainingRecord[];
  duties: DutyAssignment[];
  interests: InterestDeclaration[];
}

export interface TrainingDecl extends DeclBase {
  kind: 'training';
  trainingKind: 'course' | 'certification';
  /** Months a completion stays valid; undefined = for ever. */
  validForMonths?: number;
}

export interface VendorDecl extends DeclBase {
  kind: 'vendor';
}

export interface CommitteeDecl extends DeclBase {
  kind: 'committee';
  entity?: Ref;
}

export interface CommitteeReview {
  above: MoneyValue;
  committee?: Ref;
  range: Range;
}

export interface AuthorityDecl extends DeclBase {
  kind: 'authority';
  /** Qualified name `area/authority`; `name` holds it too. */
  area: string;
  localName: string;
  exclusive: boolean;
  reservedTo?: Ref;
  required: boolean;
  requiredIn: Ref[];
  committeeReview?: CommitteeReview;
  /**
   * The cumulative amount rule applies: amounts of one person to one vendor under this authority add
   * up against the limit, so `doa audit` looks for split purchases (awards, not payments).
   */
  cumulative: boolean;
  /** Transaction steps that exercise this authority (for `doa audit`), e.g. `award`. */
  steps: string[];
}

export interface AreaDecl extends DeclBase {
  kind: 'area';
  authorities: AuthorityDecl[];
}

export interface DutyDecl extends DeclBase {
  kind: 'duty';
  area?: Ref;
  /** Transaction steps performed in this duty (for segregation of duties across steps). */
  steps: string[];
}

export interface Grant {
  authority: Ref;
  limit?: MoneyValue;
  committeeReview?: CommitteeReview;
  range: Range;
}

export interface Eligibility {
  /** Grades the delegate may hold; empty = any grade. */
  grades: Grade[];
  gradesText?: string;
  posts: Ref[];
  functions: Ref[];
  range: Range;
}

export interface ReportingDuty {
  what: string;
  to?: Ref;
  everyMonths?: number;
  everyText?: string;
  range: Range;
}

export const REVOCATION_REASONS = ['wilful-breach', 'ineffective-exercise', 'lack-of-capacity'] as const;
export type RevocationReason = (typeof REVOCATION_REASONS)[number];

export interface Revocation {
  date: DateValue;
  reason?: { value: RevocationReason; range: Range };
  transferTo?: Ref;
  range: Range;
}

export interface InstrumentDecl extends DeclBase {
  kind: 'delegation' | 'sub-delegation';
  parent?: Ref;
  delegate?: Ref;
  area?: Ref;
  grants: Grant[];
  validFrom?: DateValue;
  validTo?: DateValue;
  validity?: Range;
  /** A date of `valid` could not be read (reported where it is): the window is not known. */
  validityBroken?: boolean;
  /** Undefined: further sub-delegation is not allowed. */
  subDelegation?: Eligibility;
  requires: Ref[];
  reports: ReportingDuty[];
  basis: TextValue[];
  revocation?: Revocation;
}

export type Severity = 'error' | 'warning' | 'info';

export const RULE_SUBJECTS = ['grant', 'instrument', 'holding', 'person'] as const;
export type RuleSubject = (typeof RULE_SUBJECTS)[number];

export interface RuleDecl extends DeclBase {
  kind: 'rule';
  subject?: { value: RuleSubject; range: Range };
  when?: Expr;
  severity?: { value: Severity; range: Range };
  message?: TextValue;
  basis: TextValue[];
}

export interface SegregationDecl extends DeclBase {
  kind: 'segregation';
  duties: Ref[];
  scope: 'account' | 'entity' | 'any';
  severity?: { value: Severity; range: Range };
  message?: TextValue;
  basis: TextValue[];
}

export interface RateDecl {
  from: string;
  to: string;
  rate: string;
  validFrom?: DateValue;
  range: Range;
  uri: string;
}

export type Decl =
  | EntityDecl
  | PostDecl
  | PersonDecl
  | TrainingDecl
  | VendorDecl
  | CommitteeDecl
  | AreaDecl
  | AuthorityDecl
  | DutyDecl
  | InstrumentDecl
  | RuleDecl
  | SegregationDecl;

/**
 * Every reference in a file, with the kinds of declaration it may name. Filled by `to-ast`. A site
 * is its own `ref` (one object per reference: a large workspace has tens of thousands).
 */
export interface RefSite extends Ref {
  readonly ref: Ref;
  /**
   * What the symbol table that linked this site last found it names (`link/linker.ts`), so that
   * asking again costs a field read. Only `linkedBy` may trust `target`: an AST outlives the
   * tables of the workspace versions it belongs to.
   */
  linkedBy: object | undefined;
  target: Decl | undefined;
  kinds: DeclKind[];
  /** The statement key it came from, for messages ("the 'parent' of entity X"). */
  role: string;
}

export interface DocumentAst {
  uri: string;
  /** Top-level declarations in source order (authorities are inside their area). */
  decls: Decl[];
  rates: RateDecl[];
  refs: RefSite[];
}
