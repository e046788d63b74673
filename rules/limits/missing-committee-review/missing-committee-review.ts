import { defineRule, fact } from '../../../language/src/check/rule-module.ts';

/**
 * Authority above the catalogue's committee-review threshold must require review before the award
 * (Financial Rule 105.13(c)); "above" means in excess of, so a limit equal to the threshold passes.
 */
const params = (messageId: string) => ({
  messageId,
  instrument: { fact: 'grant', path: '$.instrument' },
  authority: { fact: 'grant', path: '$.authority' },
  limit: { fact: 'grant', path: '$.limitText' },
  threshold: { fact: 'grant', path: '$.catalogueReviewText' },
  committee: { fact: 'grant', path: '$.catalogueReview.committee' },
  stated: { fact: 'grant', path: '$.committeeReview.above' },
});

export default defineRule({
  meta: {
    id: 'missing-committee-review',
    category: 'limits',
    defaultSeverity: 'error',
    description: 'An authority with a limit above the committee-review threshold and no (or a weaker) review requirement.',
    family: 'grant',
    messages: {
      missing: '{instrument} grants {authority} ({limit}) with no committee review, although review is required above {threshold}',
      weaker: '{instrument} requires committee review only above {stated}, but {authority} needs review above {threshold}',
    },
    basis: ['Financial Rule 105.13(c)', 'Budget section 24 §24.16 (Headquarters Committee on Contracts)', 'Procurement Manual ch. 9'],
  },
  rules: [
    {
      conditions: {
        all: [
          fact('grant', '$.catalogueReview', 'isPresent', true),
          fact('grant', '$.committeeReview', 'isPresent', false),
          {
            any: [
              fact('grant', '$.limit', 'isPresent', false),
              fact('grant', '$.limitInReviewCurrency', 'moneyGreaterThan', { fact: 'grant', path: '$.catalogueReview.above' }),
            ],
          },
        ],
      },
      event: { type: 'missing-committee-review', params: params('missing') },
    },
    {
      anchor: 'review',
      conditions: {
        all: [
          fact('grant', '$.catalogueReview', 'isPresent', true),
          fact('grant', '$.reviewInCatalogueCurrency', 'moneyGreaterThan', { fact: 'grant', path: '$.catalogueReview.above' }),
          // A weaker review matters only when the limit may exceed the threshold.
          { not: fact('grant', '$.limitInReviewCurrency', 'moneyAtMost', { fact: 'grant', path: '$.catalogueReview.above' }) },
        ],
      },
      event: { type: 'missing-committee-review', params: params('weaker') },
    },
  ],
});
