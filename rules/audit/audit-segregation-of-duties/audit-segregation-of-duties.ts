import { defineRule, fact } from '../../../language/src/check/rule-module.ts';

/**
 * Segregation of duties exercised: one person performed two steps of the same transaction that
 * segregated duties keep apart (A/72/773 Annex I §13). The steps of each duty are declared in the
 * workspace (`duty … { steps … }`), the incompatible duties by `segregation` blocks.
 */
export default defineRule({
  meta: {
    id: 'audit-segregation-of-duties',
    category: 'audit',
    defaultSeverity: 'error',
    description: 'One person performed two incompatible steps of the same transaction.',
    family: 'stepPair',
    messages: {
      both: '{actorName} performed both {first} (line {firstLine}) and {second} of transaction {id}, which {segregation} keeps apart',
    },
    basis: ['A/72/773 Annex I §13', 'Financial Rules 105.5 and 105.6 (a certifying officer may not approve)'],
  },
  rules: [
    {
      conditions: { all: [fact('stepPair', '$.incompatible', 'equal', true)] },
      event: {
        type: 'audit-segregation-of-duties',
        params: {
          messageId: 'both',
          actorName: { fact: 'stepPair', path: '$.actorName' },
          first: { fact: 'stepPair', path: '$.first' },
          firstLine: { fact: 'stepPair', path: '$.firstLine' },
          second: { fact: 'stepPair', path: '$.second' },
          id: { fact: 'stepPair', path: '$.id' },
          segregation: { fact: 'stepPair', path: '$.segregation' },
        },
      },
    },
  ],
});
