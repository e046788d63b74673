import { defineRule, fact } from '../../../language/src/check/rule-module.ts';

/** A committee review recorded after the award it should have preceded (ex post facto). Evaluated by `doa audit` on each transaction step (priority 60: one cause per step). */
export default defineRule({
  meta: {
    id: 'audit-review-after-award',
    category: 'audit',
    defaultSeverity: 'error',
    description: 'A committee review recorded after the award it should have preceded (ex post facto).',
    family: 'transaction',
    messages: {
      late: 'The {step} on {date} was reviewed by the committee only on {reviewDate} ({reviewRef}): an ex post facto case',
    },
    basis: ['Financial Rule 105.13(c)', 'Procurement Manual 9.6 (ex post facto presentations)'],
  },
  rules: [
    {
      priority: 60,
      conditions: {
        all: [
          fact('transaction', '$.review.required', 'equal', true),
          fact('transaction', '$.review.ref', 'isPresent', true),
          fact('transaction', '$.review.date', 'dateAfter', { fact: 'transaction', path: '$.date' }),
        ],
      },
      event: {
        type: 'audit-review-after-award',
        params: {
          messageId: 'late',
          step: { fact: 'transaction', path: '$.step' },
          date: { fact: 'transaction', path: '$.date' },
          reviewDate: { fact: 'transaction', path: '$.review.date' },
          reviewRef: { fact: 'transaction', path: '$.review.ref' },
        },
      },
    },
  ],
});
