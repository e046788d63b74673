import { defineRule, fact } from '../../../language/src/check/rule-module.ts';

/**
 * The delegate of a sub-delegation must fit the parent's `may-sub-delegate` eligibility (A/72/773 §74)
 * through one of its posts: `delegateEligible` says whether some post the delegate acts through on
 * the date meets every condition the parent sets (grades, posts, functions), as one post.
 */

export default defineRule({
  meta: {
    id: 'ineligible-delegate',
    category: 'eligibility',
    defaultSeverity: 'error',
    description: 'A sub-delegation goes to a delegate whose grade, post or functions its parent does not allow.',
    family: 'instrument',
    anchor: 'delegate',
    messages: {
      ineligible: '{delegate} ({grade}) may not receive {instrument}: {parent} allows sub-delegation only to {eligibility}',
    },
    basis: ['A/72/773 §74 (sub-delegation only to specialised functional posts)', 'A/75/201 §14'],
  },
  rules: [
    {
      conditions: {
        all: [
          fact('instrument', '$.kind', 'equal', 'sub-delegation'),
          fact('instrument', '$.parent.allowsSubDelegation', 'equal', true),
          fact('instrument', '$.delegate.kind', 'isPresent', true),
          fact('instrument', '$.delegateEligible', 'equal', false),
        ],
      },
      event: {
        type: 'ineligible-delegate',
        params: {
          messageId: 'ineligible',
          instrument: { fact: 'instrument', path: '$.name' },
          delegate: { fact: 'instrument', path: '$.delegate.name' },
          grade: { fact: 'instrument', path: '$.delegate.grade' },
          parent: { fact: 'instrument', path: '$.parent.name' },
          eligibility: { fact: 'instrument', path: '$.parent.eligibilityText' },
        },
      },
    },
  ],
});
