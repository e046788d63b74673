import { defineRule, fact } from '../../../language/src/check/rule-module.ts';

/**
 * Everyone exercising an instrument must hold, on the check date, every training or certification
 * it requires, including those required higher up its chain (A/72/773 §74, A/75/201 §14).
 */
export default defineRule({
  meta: {
    id: 'prerequisite-not-met',
    category: 'eligibility',
    defaultSeverity: 'error',
    description: 'A person exercises an instrument without a valid required training or certification on the check date.',
    family: 'holding',
    anchor: 'delegate',
    messages: {
      missing: '{person} exercises {instrument} without a valid {missing} on {asOf}',
    },
    basis: ['A/72/773 §74 (qualifications or training required)', 'A/75/201 §14', 'A/75/201 §32'],
  },
  rules: [
    {
      conditions: { all: [fact('holding', '$.requires', 'notSubsetOf', { fact: 'holding', path: '$.person.trainingsValid' })] },
      event: {
        type: 'prerequisite-not-met',
        params: {
          messageId: 'missing',
          person: { fact: 'holding', path: '$.person.title' },
          instrument: { fact: 'holding', path: '$.instrument' },
          missing: { fact: 'holding', path: '$.missingTrainings' },
          asOf: { fact: 'asOf' },
        },
      },
    },
  ],
});
