// The shapes shared by fact builders, rules and consumers of findings.
import type { Range } from '../syntax/syntax-tree.ts';
import type { Severity } from '../ast/ast.ts';

export type { Severity };

export interface Location {
  uri: string;
  range: Range;
}

/** One link of a delegation chain, root first. */
export interface ChainLink {
  name: string;
  kind: 'root' | 'delegation' | 'sub-delegation';
  title?: string;
  location?: Location;
}

export interface RelatedLocation extends Location {
  message: string;
}

/**
 * What a rule is evaluated on: plain JSON facts (the only thing rules read) plus where a finding
 * about it should point. One subject per instrument, grant, holding, … (see `facts/`).
 *
 * Only a subject a rule fires on needs its places and message texts, so builders may work them out
 * on first read: `location`, `anchors`, `chain` and `related` may be getters, and `complete` adds
 * the facts that only messages and fixes read (`DETAIL_FACTS` in `facts/build.ts`).
 */
export interface Subject {
  family: FactFamily;
  /** Stable id within its family, e.g. `D-UNMISS-FIN/finance/certify`. */
  id: string;
  facts: Record<string, unknown>;
  location: Location;
  /** Finer places a rule may point at instead (`limit`, `validity`, …). */
  anchors: Record<string, Location | undefined>;
  chain: ChainLink[];
  related: RelatedLocation[];
  /**
   * Fills in the facts no rule condition reads (texts for messages), in place; idempotent. Called
   * before a finding is made of the subject or json-rules-engine runs on it.
   */
  complete?(): void;
}

export type FactFamily =
  | 'instrument'
  | 'grant'
  | 'holding'
  | 'person'
  | 'duties'
  | 'entityAuthority'
  | 'reference'
  | 'declaration'
  // Families of `doa audit`, built from transaction records rather than from the workspace.
  | 'transaction'
  | 'stepPair'
  | 'vendorWindow';

/** json-rules-engine condition JSON (the subset doa uses). */
export type Condition =
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition }
  | { fact: string; path?: string; operator: string; value: unknown };

export interface FactRef {
  fact: string;
  path?: string;
}

export interface RuleEvent {
  /** The rule id. */
  type: string;
  /**
   * `messageId` picks the message; every other param is message data: a literal or a `{ fact, path }`
   * reference, resolved against the subject's facts (json-rules-engine's `replaceFactsInEventParams`).
   */
  params: { messageId: string } & Record<string, unknown>;
}

/** A rule in its stored form: json-rules-engine JSON plus the family it applies to. */
export interface RuleDefinition {
  id: string;
  family: FactFamily;
  conditions: Condition;
  event: RuleEvent;
  /** Overrides of the rule's metadata for rules generated from declarations. */
  severity?: Severity;
  messages?: Record<string, string>;
  basis?: string[];
  title?: string;
  /** The subject anchor findings point at, when it differs from the module's. */
  anchor?: string;
  /** json-rules-engine priority: where one cause is reported per subject, the highest wins. */
  priority?: number;
  /** Where a generated rule is declared (DSL rules and segregations). */
  declaredAt?: Location;
  /** What the message says for a param with no value, by param (default "none"): "no limit" for a limit. */
  absent?: Record<string, string>;
}

export interface FixData {
  title: string;
  edits: Array<{ uri: string; range: Range; newText: string }>;
}

export interface ExplanationStep {
  fact: string;
  path?: string;
  operator: string;
  expected: unknown;
  actual: unknown;
  result: boolean;
}

export interface Finding {
  ruleId: string;
  /** Which of the rule's messages (tests assert ids, so texts can be reworded or translated). */
  messageId: string;
  severity: Severity;
  message: string;
  uri: string;
  range: Range;
  related: RelatedLocation[];
  chain: ChainLink[];
  basis: string[];
  fix?: FixData;
  /** The rule's conditions as json-rules-engine evaluated them (filled by `explain`). */
  explanation?: ExplanationStep[];
  /** The subject the rule fired on. */
  subject: { family: FactFamily; id: string };
  /** The message data, for formatters and quick fixes. */
  data: Record<string, unknown>;
}
