import { defineRule, fact } from '../../../language/src/check/rule-module.ts';

/** An amount in another currency than the limit, with no exchange rate for that date. Evaluated by `doa audit` on each transaction step (priority 75: one cause per step). */
export default defineRule({
  meta: {
    id: 'audit-currency-without-rate',
    category: 'audit',
    defaultSeverity: 'warning',
    description: 'An amount in another currency than the limit, with no exchange rate for that date.',
    family: 'transaction',
    messages: {
      noRate: '{amountText} on {date} cannot be compared with the {limitText} limit of {instrument}: no exchange rate for that date',
    },
    basis: ['UN operational rates of exchange'],
  },
  rules: [
    {
      priority: 75,
      conditions: {
        all: [
          fact('transaction', '$.inForce', 'greaterThan', 0),
          fact('transaction', '$.amount', 'currencyDiffers', { fact: 'transaction', path: '$.limit' }),
          fact('transaction', '$.amountInLimitCurrency', 'isPresent', false),
        ],
      },
      event: {
        type: 'audit-currency-without-rate',
        params: {
          messageId: 'noRate',
          amountText: { fact: 'transaction', path: '$.amountText' },
          date: { fact: 'transaction', path: '$.date' },
          limitText: { fact: 'transaction', path: '$.limitText' },
          instrument: { fact: 'transaction', path: '$.instrument' },
        },
      },
    },
  ],
});
