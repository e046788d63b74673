// What a rule module in `rules/` exports: its metadata, its stored form as json-rules-engine JSON
// (or a generator of such rules from declarations, for segregation of duties), and an optional fix.
import type { WorkspaceModel } from '../model/model.ts';
import type { Condition, FactFamily, FixData, RuleDefinition, RuleEvent, Severity, Subject } from './types.ts';

/** A placeholder of a message template, `{name}` (a param of the rule's event): global, for `matchAll`. */
export const PLACEHOLDER = /\{([\w.-]+)\}/g;

export type RuleCategory = 'limits' | 'validity' | 'eligibility' | 'structure' | 'segregation' | 'independence' | 'catalogue' | 'references' | 'audit';

export interface RuleMeta {
  /** kebab-case, equal to the module's folder name. */
  id: string;
  category: RuleCategory;
  defaultSeverity: Severity;
  /** One line: what the rule finds. */
  description: string;
  family: FactFamily;
  /** Message templates by id; `{name}` inserts the event param `name`. */
  messages: Record<string, string>;
  /** Where the rule comes from in the regulations. */
  basis: string[];
  /** The subject anchor a finding points at (`limit`, `validity`, …), when present. */
  anchor?: string;
  /** LSP diagnostic tags: an expired instrument is shown as deprecated. */
  tags?: Array<'deprecated' | 'unnecessary'>;
}

export interface RuleModule {
  meta: RuleMeta;
  /**
   * The rule as json-rules-engine JSON: its stored form and its meaning. A rule that looks at more
   * than one family (an instrument and its grants) gives several, each with its own family.
   */
  rules?: Array<{ family?: FactFamily; anchor?: string; priority?: number; conditions: Condition; event: RuleEvent }>;
  /** Rules generated from the workspace's declarations (one per declared segregation, …). */
  generate?(model: WorkspaceModel): RuleDefinition[];
  /** Edit that resolves a finding, from the subject and the message data. */
  fix?(subject: Subject, data: Record<string, unknown>): FixData | undefined;
}

export function defineRule(module: RuleModule): RuleModule {
  return module;
}

/** Shorthand for a leaf condition. */
export function fact(fact: string, path: string, operator: string, value: unknown): Condition {
  return { fact, path, operator, value };
}
