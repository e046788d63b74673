import { defineRule, fact } from '../../../language/src/check/rule-module.ts';

/** An award above the committee-review threshold with no committee review recorded, or one recorded without its date. Evaluated by `doa audit` on each transaction step (priority 65: one cause per step). */
export default defineRule({
  meta: {
    id: 'audit-committee-review-missing',
    category: 'audit',
    defaultSeverity: 'error',
    description: 'An award above the committee-review threshold with no committee review recorded.',
    family: 'transaction',
    messages: {
      missing: 'The {step} of {amountText} on {date} is above the {threshold} committee-review threshold, but no committee review is recorded',
      undated: 'The {step} of {amountText} on {date} is above the {threshold} committee-review threshold, and its committee review {reviewRef} is recorded without a date: nothing shows that it preceded the step',
    },
    basis: ['Financial Rule 105.13(c)', 'Budget section 24 §24.16'],
  },
  rules: [
    {
      priority: 65,
      conditions: {
        all: [
          fact('transaction', '$.review.required', 'equal', true),
          fact('transaction', '$.review.ref', 'isPresent', false),
        ],
      },
      event: {
        type: 'audit-committee-review-missing',
        params: {
          messageId: 'missing',
          step: { fact: 'transaction', path: '$.step' },
          amountText: { fact: 'transaction', path: '$.amountText' },
          date: { fact: 'transaction', path: '$.date' },
          threshold: { fact: 'transaction', path: '$.review.thresholdText' },
        },
      },
    },
    {
      // A reference without a date cannot show that the review came before the step, which is what
      // Financial Rule 105.13(c) asks: the review required is not shown to have been obtained.
      priority: 65,
      conditions: {
        all: [
          fact('transaction', '$.review.required', 'equal', true),
          fact('transaction', '$.review.ref', 'isPresent', true),
          fact('transaction', '$.review.date', 'isPresent', false),
        ],
      },
      event: {
        type: 'audit-committee-review-missing',
        params: {
          messageId: 'undated',
          step: { fact: 'transaction', path: '$.step' },
          amountText: { fact: 'transaction', path: '$.amountText' },
          date: { fact: 'transaction', path: '$.date' },
          threshold: { fact: 'transaction', path: '$.review.thresholdText' },
          reviewRef: { fact: 'transaction', path: '$.review.ref' },
        },
      },
    },
  ],
});
