import { defineRule, fact } from '../../../language/src/check/rule-module.ts';

/**
 * Third-line (independent oversight) staff must not hold operational authority over the entities
 * they oversee (A/72/773 §61–87; OIOS is internal to the Organization but not to its management).
 * Authority over their own entity's administration is allowed.
 */
export default defineRule({
  meta: {
    id: 'oversight-independence',
    category: 'independence',
    defaultSeverity: 'error',
    description: 'A person of a third-line (oversight) entity exercises operational authority over another entity.',
    family: 'holding',
    anchor: 'delegate',
    messages: {
      operational: '{person}, of the oversight entity {personEntity}, exercises {instrument} over {entity}: independent oversight must not hold operational authority',
    },
    basis: ['A/72/773 §61–87 (three lines of defence)', 'GA resolution 48/218 B', 'IIA Three Lines Model, Principle 5'],
  },
  rules: [
    {
      conditions: {
        all: [
          // Any post in an oversight entity makes its holder oversight staff, whatever else they hold.
          fact('holding', '$.person.oversightEntity', 'isPresent', true),
          fact('holding', '$.entity', 'isPresent', true),
          fact('holding', '$.entity', 'notEqual', { fact: 'holding', path: '$.person.oversightEntity' }),
        ],
      },
      event: {
        type: 'oversight-independence',
        params: {
          messageId: 'operational',
          person: { fact: 'holding', path: '$.person.title' },
          personEntity: { fact: 'holding', path: '$.person.oversightEntity' },
          instrument: { fact: 'holding', path: '$.instrument' },
          entity: { fact: 'holding', path: '$.entity' },
        },
      },
    },
  ],
});
