import { defineRule, fact } from '../../../language/src/check/rule-module.ts';

/** A step taken by someone with a declared conflict of interest in the matter (for example the vendor). Evaluated by `doa audit` on each transaction step (priority 55: one cause per step). */
export default defineRule({
  meta: {
    id: 'audit-conflict-of-interest',
    category: 'audit',
    defaultSeverity: 'warning',
    description: 'A step taken by someone with a declared conflict of interest in the matter (for example the vendor).',
    family: 'transaction',
    messages: {
      conflict: '{actorName} performed {step} on {date}{vendorText} despite a declared conflict of interest: {conflicts}',
    },
    basis: ['GA resolution 66/257 §26', 'Staff Rule 101.2(o) (disclose and recuse)'],
  },
  rules: [
    {
      priority: 55,
      conditions: {
        all: [
          fact('transaction', '$.conflicts', 'isEmpty', false),
        ],
      },
      event: {
        type: 'audit-conflict-of-interest',
        params: {
          messageId: 'conflict',
          actorName: { fact: 'transaction', path: '$.actorName' },
          step: { fact: 'transaction', path: '$.step' },
          date: { fact: 'transaction', path: '$.date' },
          vendorText: { fact: 'transaction', path: '$.vendorText' },
          conflicts: { fact: 'transaction', path: '$.conflicts' },
        },
      },
    },
  ],
});
