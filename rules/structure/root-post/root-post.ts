import { defineRule, fact } from '../../../language/src/check/rule-module.ts';

/**
 * Authority has one root: the Secretary-General, whose post the workspace marks `root` (ST/SGB/2019/2
 * §1.3: matters not delegated are reserved to the Secretary-General). A second root makes two
 * sources of authority; none leaves every delegation, and every chain, without its source.
 */
export default defineRule({
  meta: {
    id: 'root-post',
    category: 'structure',
    defaultSeverity: 'error',
    description: 'The workspace marks more than one post root, or delegates with no post marked root.',
    family: 'declaration',
    messages: {
      second: "'{name}' is marked root, but {firstRoot} already is: authority has one root, the Secretary-General's post",
      none: "{instrument} is a delegation from the root, but no post is marked root: mark the Secretary-General's post with 'root'",
    },
    basis: ['ST/SGB/2019/2 §1.3'],
  },
  rules: [
    {
      conditions: { all: [fact('declaration', '$.secondRoot', 'equal', true)] },
      event: {
        type: 'root-post',
        params: { messageId: 'second', name: { fact: 'declaration', path: '$.name' }, firstRoot: { fact: 'declaration', path: '$.firstRoot' } },
      },
    },
    {
      family: 'instrument',
      conditions: { all: [fact('instrument', '$.kind', 'equal', 'delegation'), fact('instrument', '$.rootDeclared', 'equal', false)] },
      event: { type: 'root-post', params: { messageId: 'none', instrument: { fact: 'instrument', path: '$.name' } } },
    },
  ],
});
