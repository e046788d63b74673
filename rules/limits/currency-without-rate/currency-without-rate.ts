import { defineRule, fact } from '../../../language/src/check/rule-module.ts';

/** Amounts in different currencies are compared only through an explicit rate table; never guessed. */
const event = (messageId: string, other: string) => ({
  type: 'currency-without-rate',
  params: {
    messageId,
    instrument: { fact: 'grant', path: '$.instrument' },
    authority: { fact: 'grant', path: '$.authority' },
    limit: { fact: 'grant', path: '$.limitText' },
    other: { fact: 'grant', path: other },
    asOf: { fact: 'asOf' },
  },
});

export default defineRule({
  meta: {
    id: 'currency-without-rate',
    category: 'limits',
    defaultSeverity: 'warning',
    description: 'A limit that must be compared with an amount in another currency, with no exchange rate for the check date.',
    family: 'grant',
    anchor: 'limit',
    messages: {
      parent: "{instrument}'s limit for {authority} ({limit}) cannot be compared with its parent's {other}: no exchange rate in force on {asOf}",
      review: "{instrument}'s limit for {authority} ({limit}) cannot be compared with the committee-review threshold {other}: no exchange rate in force on {asOf}",
      ownReview: "{instrument}'s own committee-review threshold for {authority} cannot be compared with the catalogue's {other}: no exchange rate in force on {asOf}",
    },
    basis: ['UN operational rates of exchange', 'A/72/773 §74 (thresholds and limits)'],
  },
  rules: [
    {
      conditions: {
        all: [
          fact('grant', '$.parent.grantsAuthority', 'equal', true),
          fact('grant', '$.limit', 'currencyDiffers', { fact: 'grant', path: '$.parent.limit' }),
          fact('grant', '$.limitInParentCurrency', 'isPresent', false),
        ],
      },
      event: event('parent', '$.parent.limitText'),
    },
    {
      conditions: {
        all: [
          // A grant that states its own committee review needs no comparison of its limit with the threshold.
          fact('grant', '$.committeeReview', 'isPresent', false),
          fact('grant', '$.limit', 'currencyDiffers', { fact: 'grant', path: '$.catalogueReview.above' }),
          fact('grant', '$.limitInReviewCurrency', 'isPresent', false),
        ],
      },
      event: event('review', '$.catalogueReviewText'),
    },
    {
      // A grant's own review threshold is checked against the catalogue's (is it weaker?): in another currency, only through a rate.
      anchor: 'review',
      conditions: {
        all: [
          fact('grant', '$.committeeReview', 'isPresent', true),
          fact('grant', '$.committeeReview.above', 'currencyDiffers', { fact: 'grant', path: '$.catalogueReview.above' }),
          fact('grant', '$.reviewInCatalogueCurrency', 'isPresent', false),
        ],
      },
      event: event('ownReview', '$.catalogueReviewText'),
    },
  ],
});
