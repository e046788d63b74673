import { defineRule, fact } from '../../../language/src/check/rule-module.ts';

/** A reserved matter decided by someone other than its designated holder. Evaluated by `doa audit` on each transaction step (priority 85: one cause per step). */
export default defineRule({
  meta: {
    id: 'audit-reserved-matter',
    category: 'audit',
    defaultSeverity: 'error',
    description: 'A reserved matter decided by someone other than its designated holder.',
    family: 'transaction',
    messages: {
      reserved: '{authority} is reserved to {reservedTo}, but {actorName} decided it on {date}',
    },
    basis: ['A/75/201 §35'],
  },
  rules: [
    {
      priority: 85,
      conditions: {
        all: [
          fact('transaction', '$.inForce', 'greaterThan', 0),
          fact('transaction', '$.reservedHeld', 'equal', false),
        ],
      },
      event: {
        type: 'audit-reserved-matter',
        params: {
          messageId: 'reserved',
          authority: { fact: 'transaction', path: '$.authority' },
          reservedTo: { fact: 'transaction', path: '$.reservedTo' },
          actorName: { fact: 'transaction', path: '$.actorName' },
          date: { fact: 'transaction', path: '$.date' },
        },
      },
    },
  ],
});
