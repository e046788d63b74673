import { defineRule, fact } from '../../../language/src/check/rule-module.ts';

/** A step taken by someone who did not hold a required training or certification on that date. Evaluated by `doa audit` on each transaction step (priority 80: one cause per step). */
export default defineRule({
  meta: {
    id: 'audit-prerequisite-not-met',
    category: 'audit',
    defaultSeverity: 'error',
    description: 'A step taken by someone who did not hold a required training or certification on that date.',
    family: 'transaction',
    messages: {
      missing: '{actorName} performed {step} on {date} under {instrument} without a valid {missing}',
    },
    basis: ['A/75/201 §14', 'A/72/773 §74'],
  },
  rules: [
    {
      priority: 80,
      conditions: {
        all: [
          fact('transaction', '$.inForce', 'greaterThan', 0),
          fact('transaction', '$.missingTrainings', 'isEmpty', false),
        ],
      },
      event: {
        type: 'audit-prerequisite-not-met',
        params: {
          messageId: 'missing',
          actorName: { fact: 'transaction', path: '$.actorName' },
          step: { fact: 'transaction', path: '$.step' },
          date: { fact: 'transaction', path: '$.date' },
          instrument: { fact: 'transaction', path: '$.instrument' },
          missing: { fact: 'transaction', path: '$.missingTrainings' },
        },
      },
    },
  ],
});
