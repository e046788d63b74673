import { defineRule, fact } from '../../../language/src/check/rule-module.ts';

/**
 * An exclusive authority has one line of holders per entity. A head and the sub-delegate below them
 * are one line (delegating does not divest); two separate lines blur accountability (OIOS, `004`).
 */
export default defineRule({
  meta: {
    id: 'exclusive-authority-overlap',
    category: 'catalogue',
    defaultSeverity: 'error',
    description: 'Two separate lines of delegation hold an exclusive authority in the same entity.',
    family: 'entityAuthority',
    messages: { overlap: '{authority} is exclusive, but {count} separate lines hold it in {entity}: {lines}' },
    basis: ['OIOS evaluation of the Executive Office of the Secretary-General (overlapping responsibilities)', 'GA resolution 66/257 §12'],
  },
  rules: [
    {
      conditions: { all: [fact('entityAuthority', '$.exclusive', 'equal', true), fact('entityAuthority', '$.lineCount', 'greaterThan', 1)] },
      event: {
        type: 'exclusive-authority-overlap',
        params: {
          messageId: 'overlap',
          authority: { fact: 'entityAuthority', path: '$.authority' },
          count: { fact: 'entityAuthority', path: '$.lineCount' },
          entity: { fact: 'entityAuthority', path: '$.entity' },
          lines: { fact: 'entityAuthority', path: '$.lines' },
        },
      },
    },
  ],
});
