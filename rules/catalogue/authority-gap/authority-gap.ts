import { defineRule, fact } from '../../../language/src/check/rule-module.ts';

/** A required authority that no one in an entity holds is a gap (OIOS evaluation, `004`). */
export default defineRule({
  meta: {
    id: 'authority-gap',
    category: 'catalogue',
    defaultSeverity: 'warning',
    description: 'A required authority that no one holds in an entity on the check date.',
    family: 'entityAuthority',
    messages: { gap: 'No one in {entity} holds {authority} on {asOf}, although it is required in {requiredIn}' },
    basis: ['OIOS evaluation of the Executive Office of the Secretary-General (gaps)', 'ST/SGB/2019/2 §1.3'],
  },
  rules: [
    {
      conditions: { all: [fact('entityAuthority', '$.required', 'equal', true), fact('entityAuthority', '$.lineCount', 'equal', 0)] },
      event: {
        type: 'authority-gap',
        params: {
          messageId: 'gap',
          entity: { fact: 'entityAuthority', path: '$.entity' },
          authority: { fact: 'entityAuthority', path: '$.authority' },
          asOf: { fact: 'asOf' },
          requiredIn: { fact: 'entityAuthority', path: '$.requiredIn' },
        },
      },
    },
  ],
});
