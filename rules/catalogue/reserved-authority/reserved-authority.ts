import { defineRule, fact } from '../../../language/src/check/rule-module.ts';

/** A reserved authority stays with its designated holder (A/75/201 §35: leave without pay, USG DMSPC). */
export default defineRule({
  meta: {
    id: 'reserved-authority',
    category: 'catalogue',
    defaultSeverity: 'error',
    description: 'A reserved authority delegated to anyone but its designated holder.',
    family: 'grant',
    messages: { reserved: '{authority} is reserved to {holder}, but {instrument} grants it to {delegate}' },
    basis: ['A/75/201 §35', 'ST/SGB/2019/2 §1.3'],
  },
  rules: [
    {
      conditions: {
        all: [
          fact('grant', '$.reservedTo', 'isPresent', true),
          fact('grant', '$.delegate.kind', 'isPresent', true),
          fact('grant', '$.delegate.posts', 'doesNotContain', { fact: 'grant', path: '$.reservedTo' }),
        ],
      },
      event: {
        type: 'reserved-authority',
        params: {
          messageId: 'reserved',
          authority: { fact: 'grant', path: '$.authority' },
          holder: { fact: 'grant', path: '$.reservedTo' },
          instrument: { fact: 'grant', path: '$.instrument' },
          delegate: { fact: 'grant', path: '$.delegate.name' },
        },
      },
    },
  ],
});
