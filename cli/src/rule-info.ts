// What the CLI reports about rules (SARIF descriptors, `doa explain`): built-in rule metadata, the
// workspace's own rules, and the checks of the core itself (syntax, statements, suppressions).
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { ruleDocsPath } from '../../language/src/node/rule-docs.ts';
import { builtinRules } from '../../language/src/index.ts';
import { auditRules } from '../../rules/index.ts';
import type { Severity } from '../../language/src/index.ts';
import type { RuleDefinition } from '../../language/src/check/types.ts';

export interface RuleInfo {
  id: string;
  description: string;
  defaultSeverity: Severity;
  category: string;
  /** The documentation page, when there is one. */
  docsPath?: string;
  helpUri?: string;
  basis: string[];
}

const CORE_RULES: RuleInfo[] = [
  { id: 'syntax-error', description: 'Text the parser cannot read; the rest of the file is still checked.', defaultSeverity: 'error', category: 'language', basis: [] },
  { id: 'invalid-statement', description: 'A statement the language does not accept (unknown statement, impossible date, unknown grade or currency, a rule condition that does not compile).', defaultSeverity: 'error', category: 'language', basis: [] },
  { id: 'invalid-suppression', description: 'A suppression comment without a reason, with an unknown rule or a malformed date.', defaultSeverity: 'warning', category: 'suppressions', basis: [] },
  { id: 'unused-suppression', description: 'A suppression comment that silences nothing.', defaultSeverity: 'warning', category: 'suppressions', basis: [] },
];

export function builtinRuleInfo(): RuleInfo[] {
  const fromModules = [...builtinRules, ...auditRules].map((r): RuleInfo => {
    const docsPath = ruleDocsPath(r.meta.id);
    const info: RuleInfo = {
      id: r.meta.id,
      description: r.meta.description,
      defaultSeverity: r.meta.defaultSeverity,
      category: r.meta.category,
      basis: r.meta.basis,
    };
    if (docsPath) {
      info.docsPath = docsPath;
      info.helpUri = pathToFileURL(docsPath).href;
    }
    return info;
  });
  return [
    ...fromModules,
    ...CORE_RULES,
    { id: 'audit-malformed-record', description: 'A transaction record that cannot be read; it is counted as rejected.', defaultSeverity: 'error', category: 'audit', basis: [] },
  ];
}

/** Rule information for a run: built-in and core rules plus the workspace's own rules. */
export function ruleInfoFor(definitions: readonly RuleDefinition[]): Map<string, RuleInfo> {
  const map = new Map(builtinRuleInfo().map((r) => [r.id, r]));
  for (const d of definitions) {
    if (map.has(d.id)) continue;
    map.set(d.id, {
      id: d.id,
      description: d.title ?? `Workspace rule ${d.id}`,
      defaultSeverity: d.severity ?? 'warning',
      category: 'workspace',
      basis: d.basis ?? [],
    });
  }
  return map;
}

export function ruleDocs(info: RuleInfo): string | undefined {
  return info.docsPath ? readFileSync(info.docsPath, 'utf8') : undefined;
}
