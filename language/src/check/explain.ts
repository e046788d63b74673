// Explanations through json-rules-engine itself: the stored JSON of a rule is run by the engine on
// the subject's facts, and the engine's own condition results become the explanation of a finding.
import { Engine, type RuleProperties } from 'json-rules-engine';
import type { ExplanationStep, RuleDefinition } from './types.ts';
import { DOMAIN_OPERATORS } from './operators.ts';
import { resolvePath } from './path.ts';
import type { Facts } from './compile.ts';

const engines = new Map<RuleDefinition, Engine>();

function engineFor(rule: RuleDefinition): Engine {
  let engine = engines.get(rule);
  if (engine) return engine;
  engine = new Engine([], {
    allowUndefinedFacts: true,
    replaceFactsInEventParams: true,
    pathResolver: (value: unknown, path: string) => resolvePath(value, path),
  });
  for (const [name, fn] of Object.entries(DOMAIN_OPERATORS)) engine.addOperator(name, fn);
  engine.addRule({ name: rule.id, conditions: rule.conditions, event: rule.event, ...(rule.priority ? { priority: rule.priority } : {}) } as RuleProperties);
  engines.set(rule, engine);
  return engine;
}

export interface EngineVerdict {
  fired: boolean;
  data: Record<string, unknown>;
  steps: ExplanationStep[];
}

/**
 * Runs one rule through json-rules-engine on one subject's facts. Runs are awaited one at a time by
 * the callers: concurrent runs over one Engine share its status and can lose events.
 */
export async function runEngine(rule: RuleDefinition, facts: Facts): Promise<EngineVerdict> {
  const engine = engineFor(rule);
  const { results, failureResults } = await engine.run(structuredClone(facts));
  const result = results[0] ?? failureResults[0];
  const steps: ExplanationStep[] = [];
  collectSteps((result as any)?.conditions, steps);
  const { messageId: _id, ...data } = (results[0]?.event?.params ?? {}) as Record<string, unknown>;
  return { fired: results.length > 0, data, steps };
}

function collectSteps(node: any, out: ExplanationStep[]): void {
  if (!node) return;
  for (const key of ['all', 'any'] as const) {
    if (Array.isArray(node[key])) {
      for (const child of node[key]) collectSteps(child, out);
      return;
    }
  }
  if (node.not) {
    collectSteps(node.not, out);
    return;
  }
  if (node.operator === undefined) return;
  out.push({
    fact: node.fact,
    ...(node.path ? { path: node.path } : {}),
    operator: node.operator,
    expected: node.valueResult !== undefined ? node.valueResult : node.value,
    actual: node.factResult,
    result: !!node.result,
  });
}
