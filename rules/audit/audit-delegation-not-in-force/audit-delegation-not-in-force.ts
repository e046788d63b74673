import { defineRule, fact } from '../../../language/src/check/rule-module.ts';

/** A step taken under a delegation that was not in force on that date (before its start, after its end or outside its parent's window). Evaluated by `doa audit` on each transaction step (priority 90: one cause per step). */
export default defineRule({
  meta: {
    id: 'audit-delegation-not-in-force',
    category: 'audit',
    defaultSeverity: 'error',
    description: "A step taken under a delegation that was not in force on that date (before its start, after its end or outside its parent's window).",
    family: 'transaction',
    messages: {
      notInForce: '{actorName} performed {step} on {date}, but {reason}',
    },
    basis: ['ST/SGB/2019/2 §1.3', 'A/72/773 §74'],
  },
  rules: [
    {
      priority: 90,
      conditions: {
        all: [
          fact('transaction', '$.needsAuthority', 'equal', true),
          fact('transaction', '$.candidates', 'greaterThan', 0),
          fact('transaction', '$.inForce', 'equal', 0),
          fact('transaction', '$.revokedInstrument', 'isPresent', false),
        ],
      },
      event: {
        type: 'audit-delegation-not-in-force',
        params: {
          messageId: 'notInForce',
          actorName: { fact: 'transaction', path: '$.actorName' },
          step: { fact: 'transaction', path: '$.step' },
          date: { fact: 'transaction', path: '$.date' },
          reason: { fact: 'transaction', path: '$.notInForceReason' },
        },
      },
    },
  ],
});
