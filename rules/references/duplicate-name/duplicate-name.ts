import { defineRule, fact } from '../../../language/src/check/rule-module.ts';

/** Names are unique across the workspace: every file shares one namespace. */
export default defineRule({
  meta: {
    id: 'duplicate-name',
    category: 'references',
    defaultSeverity: 'error',
    description: 'A name declared more than once in the workspace.',
    family: 'declaration',
    messages: { duplicate: "'{name}' is already declared as {firstKind}; names are shared by every file of the workspace" },
    basis: [],
  },
  rules: [
    {
      conditions: { all: [fact('declaration', '$.duplicate', 'equal', true)] },
      event: {
        type: 'duplicate-name',
        params: { messageId: 'duplicate', name: { fact: 'declaration', path: '$.name' }, firstKind: { fact: 'declaration', path: '$.firstKindText' } },
      },
    },
  ],
});
