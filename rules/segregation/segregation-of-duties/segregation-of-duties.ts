import { defineRule } from '../../../language/src/check/rule-module.ts';
import type { RuleDefinition } from '../../../language/src/check/types.ts';
import type { WorkspaceModel } from '../../../language/src/model/model.ts';

/**
 * Segregation of duties: no single person controls every stage of a transaction (A/72/773 Annex I
 * §13). The incompatible duties are declared in the workspace (`segregation` blocks); each pair of
 * them becomes one json-rules-engine rule over the `duties` facts of the declared scope.
 */
export default defineRule({
  meta: {
    id: 'segregation-of-duties',
    category: 'segregation',
    defaultSeverity: 'error',
    description: 'One person holds duties declared incompatible, on the same scope, on the check date.',
    family: 'duties',
    messages: {
      conflict: '{person} holds both {first} and {second} {scope}, which {segregation} declares incompatible',
    },
    basis: ['A/72/773 Annex I §13', 'Financial Rules 105.5 and 105.6'],
  },
  generate(model: WorkspaceModel): RuleDefinition[] {
    const out: RuleDefinition[] = [];
    for (const s of model.segregations) {
      const duties = s.duties.map((d) => d.name);
      for (let i = 0; i < duties.length; i++) {
        for (let j = i + 1; j < duties.length; j++) {
          out.push({
            id: 'segregation-of-duties',
            family: 'duties',
            conditions: {
              all: [
                { fact: 'duties', path: '$.scopeKind', operator: 'equal', value: s.scope },
                { fact: 'duties', path: '$.duties', operator: 'contains', value: duties[i] },
                { fact: 'duties', path: '$.duties', operator: 'contains', value: duties[j] },
              ],
            },
            event: {
              type: 'segregation-of-duties',
              params: {
                messageId: s.message ? 'declared' : 'conflict',
                person: { fact: 'duties', path: '$.personTitle' },
                scope: { fact: 'duties', path: '$.scopeText' },
                first: duties[i],
                second: duties[j],
                segregation: s.title ? `${s.name} (${s.title})` : s.name,
              },
            },
            // At the assignment of the second duty of the pair, not at an unrelated duty of the scope.
            anchor: `duty:${duties[j]}`,
            ...(s.severity ? { severity: s.severity.value } : {}),
            ...(s.message ? { messages: { declared: s.message.text } } : {}),
            ...(s.basis.length ? { basis: s.basis.map((b) => b.text) } : {}),
            declaredAt: { uri: s.uri, range: s.nameRange },
          });
        }
      }
    }
    return out;
  },
});
