import { defineRule, fact } from '../../../language/src/check/rule-module.ts';

/** Authority flows down from the root; a chain that loops, or a delegate who is the delegator, grants nothing. */
export default defineRule({
  meta: {
    id: 'delegation-cycle',
    category: 'structure',
    defaultSeverity: 'error',
    description: 'A chain of sub-delegations that loops back on itself, or an instrument delegating to its own delegator.',
    family: 'instrument',
    anchor: 'parent',
    messages: {
      cycle: '{instrument} is part of a delegation cycle: its chain of parents loops back to itself',
      self: '{instrument} delegates to {delegate}, who already holds the authority as its delegator',
    },
    basis: ['ST/SGB/2019/2 §2.1 (authority flows from the Secretary-General)'],
  },
  rules: [
    {
      conditions: { all: [fact('instrument', '$.inCycle', 'equal', true)] },
      event: { type: 'delegation-cycle', params: { messageId: 'cycle', instrument: { fact: 'instrument', path: '$.name' } } },
    },
    {
      anchor: 'delegate',
      conditions: { all: [fact('instrument', '$.selfDelegation', 'equal', true)] },
      event: {
        type: 'delegation-cycle',
        params: { messageId: 'self', instrument: { fact: 'instrument', path: '$.name' }, delegate: { fact: 'instrument', path: '$.delegate.name' } },
      },
    },
  ],
});
