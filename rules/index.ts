// The built-in rules. `test/rules/catalog.test.ts` checks that every folder under rules/ is listed
// here and has its documentation, tests and sample.
import type { RuleModule } from '../language/src/check/rule-module.ts';
import subDelegationExceedsParentLimit from './limits/sub-delegation-exceeds-parent-limit/sub-delegation-exceeds-parent-limit.ts';
import subDelegationNotPermitted from './structure/sub-delegation-not-permitted/sub-delegation-not-permitted.ts';

export const builtinRules: readonly RuleModule[] = [subDelegationExceedsParentLimit, subDelegationNotPermitted];

export function ruleById(id: string): RuleModule | undefined {
  return builtinRules.find((r) => r.meta.id === id);
}
