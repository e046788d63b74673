import { defineRule, fact } from '../../../language/src/check/rule-module.ts';

/**
 * A sub-delegation must be allowed by its parent (`may-sub-delegate`) and can only pass on
 * authorities the parent itself grants (A/72/773 §74: same functional area, never more).
 */
export default defineRule({
  meta: {
    id: 'sub-delegation-not-permitted',
    category: 'structure',
    defaultSeverity: 'error',
    description: 'A sub-delegation under a parent that does not allow sub-delegation, or of an authority the parent does not hold.',
    family: 'instrument',
    messages: {
      notAllowed: '{parent} does not allow further sub-delegation, yet {instrument} sub-delegates from it',
      notHeld: '{instrument} sub-delegates {authority}, which its parent {parent} does not grant',
    },
    basis: ['A/72/773 §74', 'ST/SGB/2019/2'],
  },
  rules: [
    {
      family: 'instrument',
      anchor: 'parent',
      conditions: {
        all: [
          fact('instrument', '$.kind', 'equal', 'sub-delegation'),
          fact('instrument', '$.parent', 'isPresent', true),
          fact('instrument', '$.parent.allowsSubDelegation', 'equal', false),
        ],
      },
      event: {
        type: 'sub-delegation-not-permitted',
        params: {
          messageId: 'notAllowed',
          instrument: { fact: 'instrument', path: '$.name' },
          parent: { fact: 'instrument', path: '$.parent.name' },
        },
      },
    },
    {
      family: 'grant',
      conditions: {
        all: [
          fact('grant', '$.kind', 'equal', 'sub-delegation'),
          fact('grant', '$.parent', 'isPresent', true),
          fact('grant', '$.authorityKnown', 'equal', true),
          fact('grant', '$.parent.grantsAuthority', 'equal', false),
        ],
      },
      event: {
        type: 'sub-delegation-not-permitted',
        params: {
          messageId: 'notHeld',
          instrument: { fact: 'grant', path: '$.instrument' },
          authority: { fact: 'grant', path: '$.authority' },
          parent: { fact: 'grant', path: '$.parent.instrument' },
        },
      },
    },
  ],
});
