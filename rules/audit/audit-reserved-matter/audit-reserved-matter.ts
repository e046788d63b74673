import { defineRule, fact } from '../../../language/src/check/rule-module.ts';

/**
 * A reserved matter decided by someone who does not hold the post it is reserved to on that date,
 * whether or not a delegation (wrongly) covers them. Evaluated by `doa audit` on each transaction
 * step (priority 105, above audit-no-delegation: the reservation is the more specific cause).
 */
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
      priority: 105,
      conditions: {
        all: [
          fact('transaction', '$.needsAuthority', 'equal', true),
          fact('transaction', '$.actorKnown', 'equal', true),
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
