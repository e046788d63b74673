import { defineRule, fact } from '../../../language/src/check/rule-module.ts';

/** An amount above the limit of the actor's delegation. Evaluated by `doa audit` on each transaction step (priority 70: one cause per step). */
export default defineRule({
  meta: {
    id: 'audit-amount-above-limit',
    category: 'audit',
    defaultSeverity: 'error',
    description: "An amount above the limit of the actor's delegation.",
    family: 'transaction',
    messages: {
      above: '{actorName} performed {step} for {amountText} on {date}, above the {limitText} limit of {instrument}',
    },
    basis: ['A/72/773 §74 (thresholds and limits)'],
  },
  rules: [
    {
      priority: 70,
      conditions: {
        all: [
          fact('transaction', '$.inForce', 'greaterThan', 0),
          fact('transaction', '$.amountInLimitCurrency', 'moneyGreaterThan', { fact: 'transaction', path: '$.limit' }),
        ],
      },
      event: {
        type: 'audit-amount-above-limit',
        params: {
          messageId: 'above',
          actorName: { fact: 'transaction', path: '$.actorName' },
          step: { fact: 'transaction', path: '$.step' },
          amountText: { fact: 'transaction', path: '$.amountText' },
          date: { fact: 'transaction', path: '$.date' },
          limitText: { fact: 'transaction', path: '$.limitText' },
          instrument: { fact: 'transaction', path: '$.instrument' },
        },
      },
    },
  ],
});
