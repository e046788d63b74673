import { defineRule, fact } from '../../../language/src/check/rule-module.ts';
import { formatMoney, type Money } from '../../../language/src/values/money.ts';

/** A sub-delegation can never give more than its parent holds (A/72/773 §74). */
export default defineRule({
  meta: {
    id: 'sub-delegation-exceeds-parent-limit',
    category: 'limits',
    defaultSeverity: 'error',
    description: 'A sub-delegation grants an authority with a higher monetary limit than its parent holds.',
    family: 'grant',
    anchor: 'limit',
    messages: {
      exceeds: '{instrument} grants {authority} ({limit}), above the {parentLimit} that its parent {parent} holds',
    },
    basis: ['A/72/773 §74', 'ST/SGB/2019/2'],
  },
  rules: [
    {
      conditions: {
        all: [
          fact('grant', '$.kind', 'equal', 'sub-delegation'),
          fact('grant', '$.parent.grantsAuthority', 'equal', true),
          {
            any: [
              // An amount equal to the parent's limit passes: only "in excess of" is a breach.
              fact('grant', '$.limitInParentCurrency', 'moneyGreaterThan', { fact: 'grant', path: '$.parent.limit' }),
              // No limit at all under a limited parent is unlimited authority.
              { all: [fact('grant', '$.limit', 'isPresent', false), fact('grant', '$.parent.limit', 'isPresent', true)] },
            ],
          },
        ],
      },
      event: {
        type: 'sub-delegation-exceeds-parent-limit',
        params: {
          messageId: 'exceeds',
          instrument: { fact: 'grant', path: '$.instrument' },
          authority: { fact: 'grant', path: '$.authority' },
          limit: { fact: 'grant', path: '$.limitText' },
          parent: { fact: 'grant', path: '$.parent.instrument' },
          parentLimit: { fact: 'grant', path: '$.parent.limitText' },
        },
      },
    },
  ],
  fix(subject) {
    const grant = subject.facts['grant'] as { parent: { limit: Money } };
    const cap = formatMoney(grant.parent.limit);
    const limit = subject.anchors['limit'];
    if (limit) return { title: `Cap the limit at the parent's ${cap}`, edits: [{ uri: limit.uri, range: limit.range, newText: cap }] };
    const authority = subject.location;
    return {
      title: `Add the parent's limit of ${cap}`,
      edits: [{ uri: authority.uri, range: { start: authority.range.end, end: authority.range.end }, newText: ` limit ${cap}` }],
    };
  },
});
