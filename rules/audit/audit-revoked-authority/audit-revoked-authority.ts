import { defineRule, fact } from '../../../language/src/check/rule-module.ts';

/** A step taken under an instrument that was revoked (itself or above it) by that date. Evaluated by `doa audit` on each transaction step (priority 95: one cause per step). */
export default defineRule({
  meta: {
    id: 'audit-revoked-authority',
    category: 'audit',
    defaultSeverity: 'error',
    description: 'A step taken under an instrument that was revoked (itself or above it) by that date.',
    family: 'transaction',
    messages: {
      revoked: '{actorName} performed {step} on {date} under revoked authority: {revokedInstrument} was revoked on {revokedOn}',
    },
    basis: ['A/72/773 §75', 'A/72/773 §81'],
  },
  rules: [
    {
      priority: 95,
      conditions: {
        all: [
          fact('transaction', '$.needsAuthority', 'equal', true),
          fact('transaction', '$.inForce', 'equal', 0),
          fact('transaction', '$.revokedInstrument', 'isPresent', true),
        ],
      },
      event: {
        type: 'audit-revoked-authority',
        params: {
          messageId: 'revoked',
          actorName: { fact: 'transaction', path: '$.actorName' },
          step: { fact: 'transaction', path: '$.step' },
          date: { fact: 'transaction', path: '$.date' },
          revokedInstrument: { fact: 'transaction', path: '$.revokedInstrument' },
          revokedOn: { fact: 'transaction', path: '$.revokedOn' },
        },
      },
    },
  ],
});
