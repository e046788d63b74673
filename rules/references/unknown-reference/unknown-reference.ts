import { defineRule, fact } from '../../../language/src/check/rule-module.ts';

/** Every name used must be declared somewhere in the workspace, as the right kind of thing. */
export default defineRule({
  meta: {
    id: 'unknown-reference',
    category: 'references',
    defaultSeverity: 'error',
    description: 'A name that no declaration of the expected kind has.',
    family: 'reference',
    messages: {
      unknown: "Unknown {expected} '{name}'{suggestion}",
      wrongKind: "'{name}' is {foundKind}, but '{role}' expects {expected}",
    },
    basis: ['ST/SGB/2019/2 §1.2 (all delegations recorded)'],
  },
  rules: [
    {
      conditions: { all: [fact('reference', '$.resolved', 'equal', false), fact('reference', '$.foundKind', 'isPresent', false)] },
      event: {
        type: 'unknown-reference',
        params: {
          messageId: 'unknown',
          name: { fact: 'reference', path: '$.name' },
          expected: { fact: 'reference', path: '$.expectedText' },
          suggestion: { fact: 'reference', path: '$.suggestionText' },
        },
      },
    },
    {
      conditions: { all: [fact('reference', '$.resolved', 'equal', false), fact('reference', '$.foundKind', 'isPresent', true)] },
      event: {
        type: 'unknown-reference',
        params: {
          messageId: 'wrongKind',
          name: { fact: 'reference', path: '$.name' },
          foundKind: { fact: 'reference', path: '$.foundKindText' },
          role: { fact: 'reference', path: '$.role' },
          expected: { fact: 'reference', path: '$.expectedWithArticle' },
        },
      },
    },
  ],
});
