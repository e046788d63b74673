import { defineRule, fact } from '../../../language/src/check/rule-module.ts';

/**
 * The Secretary-General delegates to heads of entity, who sub-delegate further (ST/SGB/2019/2 §2.1;
 * A/72/773 §74): a delegation from the root straight to any other official skips the head who is
 * accountable for the entity's use of the authority.
 */
export default defineRule({
  meta: {
    id: 'delegation-to-non-head',
    category: 'structure',
    defaultSeverity: 'error',
    description: 'A delegation from the root goes to a delegate who is not the head of an entity.',
    family: 'instrument',
    anchor: 'delegate',
    messages: {
      notHead:
        '{instrument} delegates from the Secretary-General to {delegate}, who is not the head of an entity: the root delegates to heads of entity, who sub-delegate to their officials',
    },
    basis: ['ST/SGB/2019/2 §2.1', 'A/72/773 §74'],
  },
  rules: [
    {
      conditions: {
        all: [
          fact('instrument', '$.kind', 'equal', 'delegation'),
          fact('instrument', '$.delegate.kind', 'isPresent', true),
          // A delegation to the root itself is a cycle (delegation-cycle reports it).
          fact('instrument', '$.delegate.isRoot', 'equal', false),
          fact('instrument', '$.delegateIsHead', 'equal', false),
        ],
      },
      event: {
        type: 'delegation-to-non-head',
        params: {
          messageId: 'notHead',
          instrument: { fact: 'instrument', path: '$.name' },
          delegate: { fact: 'instrument', path: '$.delegate.name' },
        },
      },
    },
  ],
});
