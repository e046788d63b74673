import { defineRule, fact } from '../../../language/src/check/rule-module.ts';

/**
 * The second line checks that sub-delegates have no conflict of interest (A/75/201 §14). A declared
 * interest in the instrument's functional area (or in no particular area) is flagged for review.
 */
export default defineRule({
  meta: {
    id: 'conflict-of-interest',
    category: 'independence',
    defaultSeverity: 'warning',
    description: 'A person exercising an instrument has declared an interest that may conflict with it.',
    family: 'holding',
    anchor: 'delegate',
    messages: {
      declared: '{person} exercises {instrument} ({area}) but has declared a conflict of interest: {interests}',
    },
    basis: ['GA resolution 66/257 §26', 'A/75/201 §14', 'Staff Rule 1.2 (disclose and recuse)'],
  },
  rules: [
    {
      conditions: { all: [fact('holding', '$.person.interestAreas', 'containsAny', { fact: 'holding', path: '$.areaKeys' })] },
      event: {
        type: 'conflict-of-interest',
        params: {
          messageId: 'declared',
          person: { fact: 'holding', path: '$.person.title' },
          instrument: { fact: 'holding', path: '$.instrument' },
          area: { fact: 'holding', path: '$.area' },
          interests: { fact: 'holding', path: '$.conflicts' },
        },
      },
    },
  ],
});
