import { defineRule, fact } from '../../../language/src/check/rule-module.ts';

/** A step that needs authority, taken by someone who holds no delegation of it on that date (the holder of the root post needs none). Evaluated by `doa audit` on each transaction step (priority 100: one cause per step). */
export default defineRule({
  meta: {
    id: 'audit-no-delegation',
    category: 'audit',
    defaultSeverity: 'error',
    description: 'A step that needs authority, taken by someone who holds no delegation of it on that date.',
    family: 'transaction',
    messages: {
      none: '{actorName} performed {step} ({authority}) on {date} without any delegation of it{entityText}: undelegated matters are reserved to the Secretary-General',
      unknownActor: '{actor} performed {step} ({authority}) on {date} but is not a person declared in the policy',
    },
    basis: ['ST/SGB/2019/2 §1.3 (matters not delegated are reserved to the Secretary-General)'],
  },
  rules: [
    {
      priority: 100,
      conditions: {
        all: [
          fact('transaction', '$.needsAuthority', 'equal', true),
          fact('transaction', '$.actorKnown', 'equal', true),
          fact('transaction', '$.actorIsRoot', 'equal', false),
          fact('transaction', '$.candidates', 'equal', 0),
        ],
      },
      event: {
        type: 'audit-no-delegation',
        params: {
          messageId: 'none',
          actorName: { fact: 'transaction', path: '$.actorName' },
          actor: { fact: 'transaction', path: '$.actor' },
          step: { fact: 'transaction', path: '$.step' },
          authority: { fact: 'transaction', path: '$.authority' },
          date: { fact: 'transaction', path: '$.date' },
          entityText: { fact: 'transaction', path: '$.entityText' },
        },
      },
    },
    {
      priority: 100,
      conditions: {
        all: [
          fact('transaction', '$.needsAuthority', 'equal', true),
          fact('transaction', '$.actorKnown', 'equal', false),
        ],
      },
      event: {
        type: 'audit-no-delegation',
        params: {
          messageId: 'unknownActor',
          actorName: { fact: 'transaction', path: '$.actorName' },
          actor: { fact: 'transaction', path: '$.actor' },
          step: { fact: 'transaction', path: '$.step' },
          authority: { fact: 'transaction', path: '$.authority' },
          date: { fact: 'transaction', path: '$.date' },
          entityText: { fact: 'transaction', path: '$.entityText' },
        },
      },
    },
  ],
});
