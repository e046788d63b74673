import { defineRule, fact } from '../../../language/src/check/rule-module.ts';

/**
 * Possible split purchase: awards by one person to one vendor, each within the person's limit, add
 * up above it within the window (Procurement Manual 2.7.4, cumulative amounts; the UNAIDS manual's
 * "cumulative amount rule").
 */
export default defineRule({
  meta: {
    id: 'audit-split-purchase',
    category: 'audit',
    defaultSeverity: 'warning',
    description: 'Awards to one vendor that each stay within the limit but together exceed it within the window.',
    family: 'vendorWindow',
    messages: {
      split: '{actorName} made {count} awards to {vendor} between {from} and {to} totalling {total}, above the {limit} limit although each is within it: possible split purchase',
    },
    basis: ['Procurement Manual 2.7.4 (cumulative amounts for the required delegation)', 'UNAIDS Procurement Manual (cumulative amount rule)'],
  },
  rules: [
    {
      conditions: {
        all: [
          fact('vendorWindow', '$.count', 'greaterThan', 1),
          fact('vendorWindow', '$.total', 'moneyGreaterThan', { fact: 'vendorWindow', path: '$.limit' }),
          fact('vendorWindow', '$.largest', 'moneyAtMost', { fact: 'vendorWindow', path: '$.limit' }),
        ],
      },
      event: {
        type: 'audit-split-purchase',
        params: {
          messageId: 'split',
          actorName: { fact: 'vendorWindow', path: '$.actorName' },
          count: { fact: 'vendorWindow', path: '$.count' },
          vendor: { fact: 'vendorWindow', path: '$.vendor' },
          from: { fact: 'vendorWindow', path: '$.from' },
          to: { fact: 'vendorWindow', path: '$.to' },
          total: { fact: 'vendorWindow', path: '$.total' },
          limit: { fact: 'vendorWindow', path: '$.limit' },
        },
      },
    },
  ],
});
