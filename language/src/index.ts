// The composition root of the checker core: the public API used by the CLI, the language server,
// the benchmarks and the tests. It binds the core to the built-in rules of `rules/`.
import { builtinRules } from '../../rules/index.ts';
import type { Workspace } from './workspace/workspace.ts';
import * as core from './check/check.ts';

export { Workspace, buildDocument, type DocumentState } from './workspace/workspace.ts';
export { WorkspaceModel } from './model/model.ts';
export { parse } from './syntax/parser.ts';
export { builtinRules, ruleById } from '../../rules/index.ts';
export type { Finding, Severity, Location, ChainLink, RelatedLocation, FixData, ExplanationStep } from './check/types.ts';
export type { CheckOptions, CheckRun, SeveritySetting } from './check/check.ts';
export { SYNTAX_RULE_ID, INVALID_RULE_ID, renderMessage, formatValue } from './check/check.ts';

/** Checks a workspace with every built-in rule and the workspace's own rules; findings are explained. */
export function check(workspace: Workspace, options: core.CheckOptions = {}) {
  return core.check(workspace, builtinRules, options);
}

/** The synchronous fast path, without explanations (live editing). */
export function checkSync(workspace: Workspace, options: core.CheckOptions = {}) {
  return core.checkSync(workspace, builtinRules, options);
}

export { explainFindings } from './check/check.ts';
