import { defineRule, fact } from '../../../language/src/check/rule-module.ts';

/** The same authority granted twice to the same delegate, under the same parent, for overlapping periods. */
export default defineRule({
  meta: {
    id: 'duplicate-delegation',
    category: 'structure',
    defaultSeverity: 'warning',
    description: 'Two instruments grant the same authority to the same delegate under the same parent, overlapping in time.',
    family: 'instrument',
    messages: { duplicate: '{instrument} duplicates {first}: both grant {delegate} the same authority under the same parent, for overlapping periods' },
    basis: ['A/75/201 §13 (one record per delegation in the portal)'],
  },
  rules: [
    {
      conditions: { all: [fact('instrument', '$.duplicateOf', 'isPresent', true)] },
      event: {
        type: 'duplicate-delegation',
        params: {
          messageId: 'duplicate',
          instrument: { fact: 'instrument', path: '$.name' },
          first: { fact: 'instrument', path: '$.duplicateOf' },
          delegate: { fact: 'instrument', path: '$.delegate.name' },
        },
      },
    },
  ],
});
