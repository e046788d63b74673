import { defineRule, fact } from '../../../language/src/check/rule-module.ts';

/** Each instrument covers one functional area (A/72/773 §74: a matrix per area). */
export default defineRule({
  meta: {
    id: 'authority-outside-area',
    category: 'structure',
    defaultSeverity: 'error',
    description: "An instrument grants an authority of another functional area than its own.",
    family: 'grant',
    messages: { outside: '{authority} belongs to the area {authorityArea}, but {instrument} covers {area}' },
    basis: ['A/72/773 §74'],
  },
  rules: [
    {
      conditions: {
        all: [
          fact('grant', '$.area', 'isPresent', true),
          fact('grant', '$.authorityArea', 'isPresent', true),
          fact('grant', '$.authorityArea', 'notEqual', { fact: 'grant', path: '$.area' }),
        ],
      },
      event: {
        type: 'authority-outside-area',
        params: {
          messageId: 'outside',
          authority: { fact: 'grant', path: '$.authority' },
          authorityArea: { fact: 'grant', path: '$.authorityArea' },
          instrument: { fact: 'grant', path: '$.instrument' },
          area: { fact: 'grant', path: '$.area' },
        },
      },
    },
  ],
});
