// The one checker: linked model → facts → rules → findings. The CLI and the language server both
// call `check` (or `checkSync` plus `explainFindings`); no rule logic lives anywhere else.
import type { Workspace } from '../workspace/workspace.ts';
import type { WorkspaceModel } from '../model/model.ts';
import { PLACEHOLDER, type RuleModule } from './rule-module.ts';
import type { FactFamily, Finding, RuleDefinition, Severity, Subject } from './types.ts';
import { compileCondition, resolveParams, type Predicate } from './compile.ts';
import { compileDslRules } from './dsl-rules.ts';
import { buildSubjects, familiesReadingDetails, visitSubjects, type SubjectSink } from '../facts/build.ts';
import { formatMoney, isMoney } from '../values/money.ts';
import { today } from '../values/dates.ts';
import { plainItems, plainRange, withPlainLocation, withPlainRange } from '../syntax/source-range.ts';
import { applySuppressions, INVALID_SUPPRESSION, readSuppressions, UNUSED_SUPPRESSION, type Suppression, type SuppressionRecord } from './suppress.ts';

export type SeveritySetting = Severity | 'off';

export interface CheckOptions {
  /** The date the policy is checked on (inclusive windows); today when omitted. */
  asOf?: string;
  /** Severity overrides by rule id (`off` disables a rule). */
  severities?: Record<string, SeveritySetting>;
  /** Per-file severity (configuration overrides by path); wins over `severities`. */
  severityFor?: (ruleId: string, uri: string) => SeveritySetting | undefined;
  /** Only these documents' findings are returned (the whole workspace is still linked). */
  onlyUris?: ReadonlySet<string>;
}

export interface PreparedRule {
  definition: RuleDefinition;
  module?: RuleModule;
  predicate: Predicate;
  severity: Severity;
  messages: Record<string, string>;
  basis: string[];
}

/** Codes of the problems found before any rule runs: they are findings like any other. */
export const SYNTAX_RULE_ID = 'syntax-error';
export const INVALID_RULE_ID = 'invalid-statement';

const compiled = new WeakMap<RuleDefinition, Predicate>();
function predicateOf(definition: RuleDefinition): Predicate {
  let p = compiled.get(definition);
  if (!p) compiled.set(definition, (p = compileCondition(definition.conditions)));
  return p;
}

/** The rules that apply to a model: built-in modules (static and generated) and the DSL's own rules. */
export function prepareRules(model: WorkspaceModel, modules: readonly RuleModule[], options: CheckOptions = {}): { rules: PreparedRule[]; dslProblems: ReturnType<typeof compileDslRules>['problems'] } {
  const rules: PreparedRule[] = [];
  const add = (definition: RuleDefinition, module?: RuleModule) => {
    const setting = options.severities?.[definition.id] ?? (module ? options.severities?.[module.meta.id] : undefined);
    if (setting === 'off') return;
    rules.push({
      definition,
      ...(module ? { module } : {}),
      predicate: predicateOf(definition),
      severity: setting ?? definition.severity ?? module?.meta.defaultSeverity ?? 'warning',
      messages: { ...module?.meta.messages, ...definition.messages },
      basis: definition.basis ?? module?.meta.basis ?? [],
    });
  };
  for (const m of modules) {
    for (const d of staticDefinitions(m)) add(d, m);
    for (const d of m.generate?.(model) ?? []) add(d, m);
  }
  const dsl = compileDslRules(model.rules);
  for (const d of dsl.definitions) add(d);
  return { rules, dslProblems: dsl.problems };
}

const definitionsOf = new WeakMap<RuleModule, RuleDefinition[]>();
/** A module's static rules as definitions, built once per module so their predicates are compiled once. */
export function staticDefinitions(m: RuleModule): RuleDefinition[] {
  let defs = definitionsOf.get(m);
  if (!defs) {
    defs = (m.rules ?? []).map((r) => ({
      id: m.meta.id,
      family: r.family ?? m.meta.family,
      conditions: r.conditions,
      event: r.event,
      ...(r.anchor ? { anchor: r.anchor } : {}),
      ...(r.priority ? { priority: r.priority } : {}),
    }));
    definitionsOf.set(m, defs);
  }
  return defs;
}

export function formatValue(v: unknown): string {
  if (v === null || v === undefined) return 'none';
  if (isMoney(v)) return formatMoney(v);
  if (Array.isArray(v)) return v.length ? v.map(formatValue).join(', ') : 'none';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/**
 * A message template's text cut at its placeholders, `{name}`: texts at even indices, names at odd
 * ones. Worked out once per template: an audit renders the same few templates tens of thousands of
 * times. Bounded, as the language server meets a new template at each edit of a rule's message.
 */
const templateParts = new Map<string, readonly string[]>();
const MAX_TEMPLATES = 1024;

function partsOf(template: string): readonly string[] {
  let parts = templateParts.get(template);
  if (parts) return parts;
  const cut: string[] = [];
  let from = 0;
  for (const m of template.matchAll(PLACEHOLDER)) {
    cut.push(template.slice(from, m.index), m[1]!);
    from = m.index + m[0].length;
  }
  cut.push(template.slice(from));
  if (templateParts.size >= MAX_TEMPLATES) templateParts.clear();
  templateParts.set(template, (parts = cut));
  return parts;
}

/**
 * The template with each `{name}` the data has replaced by its value in words (others left as
 * written); a name with no value reads as `absent` says ("no limit"), else "none".
 */
export function renderMessage(template: string, data: Record<string, unknown>, absent?: Readonly<Record<string, string>>): string {
  const parts = partsOf(template);
  let text = parts[0]!;
  for (let i = 1; i < parts.length; i += 2) {
    const key = parts[i]!;
    const value = data[key];
    const words = !Object.hasOwn(data, key) ? `{${key}}` : (value === null || value === undefined) && absent && Object.hasOwn(absent, key) ? absent[key]! : formatValue(value);
    text += words + parts[i + 1]!;
  }
  return text;
}

export function findingFor(rule: PreparedRule, subject: Subject): Finding {
  subject.complete?.();
  const data = resolveParams(subject.facts, rule.definition.event.params);
  const messageId = rule.definition.event.params.messageId;
  const template = rule.messages[messageId] ?? messageId;
  const anchorName = rule.definition.anchor ?? rule.module?.meta.anchor;
  const where = (anchorName && subject.anchors[anchorName]) || subject.location;
  const finding: Finding = {
    ruleId: rule.definition.id,
    messageId,
    severity: rule.severity,
    message: renderMessage(template, data, rule.definition.absent),
    uri: where.uri,
    // A finding is plain data: its places are copied out of the AST's compact ranges.
    range: plainRange(where.range),
    related: plainItems(subject.related, withPlainRange),
    chain: plainItems(subject.chain, withPlainLocation),
    basis: rule.basis,
    subject: { family: subject.family, id: subject.id },
    data,
  };
  const fix = rule.module?.fix?.(subject, data);
  if (fix) finding.fix = { ...fix, edits: plainItems(fix.edits, withPlainRange) };
  return finding;
}

export function compareFindings(a: Finding, b: Finding): number {
  return (
    (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0) ||
    a.range.start.line - b.range.start.line ||
    a.range.start.character - b.range.start.character ||
    (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0) ||
    (a.message < b.message ? -1 : a.message > b.message ? 1 : 0)
  );
}

export interface CheckRun {
  /** Findings that count: not suppressed (suppression problems and unused suppressions included). */
  findings: Finding[];
  /** Findings silenced by a suppression comment, with its justification (an audit record). */
  suppressed: Array<Finding & { suppression: SuppressionRecord }>;
  asOf: string;
  /**
   * The subjects and rules evaluated, for the agreement tests. The subjects are built again on
   * first read, as they were evaluated: the check keeps only those a rule fired on (`subjectOf`).
   */
  readonly subjects: Map<FactFamily, Subject[]>;
  rules: PreparedRule[];
  /** The subject each finding fired on. */
  subjectOf: Map<Finding, { subject: Subject; rule: PreparedRule }>;
}

/** Checks a workspace with the compiled predicates. Synchronous and cheap: the hot path. */
export function checkSync(workspace: Workspace, modules: readonly RuleModule[], options: CheckOptions = {}): CheckRun {
  const asOf = options.asOf ?? today();
  const model = workspace.getModel();
  const findings: Finding[] = [];
  const subjectOf = new Map<Finding, { subject: Subject; rule: PreparedRule }>();
  const wanted = (uri: string) => !options.onlyUris || options.onlyUris.has(uri);
  const problemSetting = (id: string) => options.severities?.[id];

  for (const doc of workspace.documents) {
    if (!wanted(doc.uri)) continue;
    for (const p of doc.problems) {
      const id = p.code === 'syntax' ? SYNTAX_RULE_ID : INVALID_RULE_ID;
      const setting = problemSetting(id);
      if (setting === 'off') continue;
      findings.push({
        ruleId: id,
        messageId: p.code,
        severity: setting ?? p.severity,
        message: p.message,
        uri: doc.uri,
        range: plainRange(p.range),
        related: [],
        chain: [],
        basis: [],
        subject: { family: 'declaration', id: `${doc.uri}:${p.range.start.offset}` },
        data: {},
      });
    }
  }

  const { rules, dslProblems } = prepareRules(model, modules, options);
  const invalidSetting = problemSetting(INVALID_RULE_ID);
  for (const p of dslProblems) {
    if (!wanted(p.uri) || invalidSetting === 'off') continue;
    findings.push({
      ruleId: INVALID_RULE_ID,
      messageId: 'invalid',
      severity: invalidSetting ?? p.severity,
      message: p.message,
      uri: p.uri,
      range: plainRange(p.range),
      related: [],
      chain: [],
      basis: [],
      subject: { family: 'declaration', id: `${p.uri}:${p.range.start.offset}` },
      data: {},
    });
  }

  const definitions = rules.map((r) => r.definition);
  const families = new Set(definitions.map((d) => d.family));
  const buildOptions = { complete: familiesReadingDetails(definitions) };
  // Findings by family, in the order of the families' first rules, then of the subjects.
  const byFamily = new Map<FactFamily, { rules: PreparedRule[]; findings: Finding[] }>();
  for (const r of rules) {
    let entry = byFamily.get(r.definition.family);
    if (!entry) byFamily.set(r.definition.family, (entry = { rules: [], findings: [] }));
    entry.rules.push(r);
  }
  // Each subject's facts are judged as they are built: the subject itself is made, and kept, only
  // if a rule fires on it. `wants` leaves the rules that fired for the `visit` that follows it.
  let entry: { rules: PreparedRule[]; findings: Finding[] } | undefined;
  const fired: PreparedRule[] = [];
  const sink: SubjectSink = {
    wants(family, facts) {
      entry = byFamily.get(family)!;
      const familyRules = entry.rules;
      fired.length = 0;
      for (let k = 0; k < familyRules.length; k++) if (familyRules[k]!.predicate(facts)) fired.push(familyRules[k]!);
      return fired.length > 0;
    },
    visit(subject) {
      for (let k = 0; k < fired.length; k++) {
        const rule = fired[k]!;
        const finding = findingFor(rule, subject);
        if (!wanted(finding.uri)) continue;
        entry!.findings.push(finding);
        subjectOf.set(finding, { subject, rule });
      }
    },
  };
  visitSubjects(model, asOf, families, sink, buildOptions);
  for (const entry of byFamily.values()) for (const f of entry.findings) findings.push(f);
  if (options.severityFor) {
    const adjusted: Finding[] = [];
    for (const f of findings) {
      const setting = options.severityFor(f.ruleId, f.uri);
      if (setting === 'off') continue;
      if (!setting || setting === f.severity) {
        adjusted.push(f);
        continue;
      }
      const changed = { ...f, severity: setting };
      const origin = subjectOf.get(f);
      if (origin) subjectOf.set(changed, origin);
      adjusted.push(changed);
    }
    findings.splice(0, findings.length, ...adjusted);
  }

  // Suppression comments: a finding silenced by one is kept aside with its justification.
  const known = new Set<string>([SYNTAX_RULE_ID, INVALID_RULE_ID, ...modules.map((m) => m.meta.id), ...rules.map((r) => r.definition.id)]);
  const suppressions: Suppression[] = [];
  for (const doc of workspace.documents) {
    if (!wanted(doc.uri)) continue;
    // Where each declaration ends, for next-line suppressions above one: made only for a file that has such a suppression.
    const declarationEnds = () => new Map(doc.ast.decls.map((d) => [d.range.start.line, d.range.end.line]));
    const read = readSuppressions(doc.uri, doc.syntax.comments, known, declarationEnds);
    suppressions.push(...read.suppressions);
    if (problemSetting(INVALID_SUPPRESSION) !== 'off') findings.push(...read.problems.map((f) => withSetting(f, problemSetting(INVALID_SUPPRESSION))));
  }
  const { active, suppressed, unused } = applySuppressions(findings, suppressions, asOf);
  if (problemSetting(UNUSED_SUPPRESSION) !== 'off') active.push(...unused.map((f) => withSetting(f, problemSetting(UNUSED_SUPPRESSION))));
  active.sort(compareFindings);
  suppressed.sort(compareFindings);
  let subjects: Map<FactFamily, Subject[]> | undefined;
  return {
    findings: active,
    suppressed,
    asOf,
    get subjects() {
      return (subjects ??= buildSubjects(model, asOf, families, buildOptions));
    },
    rules,
    subjectOf,
  };
}

function withSetting(f: Finding, setting: SeveritySetting | undefined): Finding {
  return setting && setting !== 'off' ? { ...f, severity: setting } : f;
}

/**
 * Attaches json-rules-engine's own evaluation to each finding. Runs are awaited one after another:
 * concurrent runs over one Engine share its status and lose events. Throws if the engine disagrees
 * with the compiled predicate, which would be a bug in the compiler.
 */
export async function explainFindings(run: Pick<CheckRun, 'findings' | 'subjectOf'>): Promise<void> {
  let engine: typeof import('./explain.ts') | undefined;
  for (const finding of run.findings) {
    const origin = run.subjectOf.get(finding);
    if (!origin) continue;
    // json-rules-engine is loaded on the first finding to explain: `checkSync` (live editing, the
    // CLI without explanations) and clean workspaces never evaluate it.
    engine ??= await import('./explain.ts');
    const { runEngine } = engine;
    origin.subject.complete?.();
    const verdict = await runEngine(origin.rule.definition, origin.subject.facts);
    if (!verdict.fired) {
      throw new Error(`json-rules-engine does not confirm ${finding.ruleId} on ${origin.subject.id}: the compiled rule disagrees with its JSON`);
    }
    finding.explanation = verdict.steps;
  }
}

/** Checks a workspace and explains every finding through json-rules-engine. */
export async function check(workspace: Workspace, modules: readonly RuleModule[], options: CheckOptions = {}): Promise<Finding[]> {
  const run = checkSync(workspace, modules, options);
  await explainFindings(run);
  return run.findings;
}
