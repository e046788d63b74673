import { defineRule, fact } from '../../../language/src/check/rule-module.ts';

/** Every instrument states its monitoring and reporting obligations (A/72/773 §74, part 3 of the matrix). */
export default defineRule({
  meta: {
    id: 'missing-reporting-duty',
    category: 'structure',
    defaultSeverity: 'warning',
    description: 'An instrument with no monitoring and reporting duty.',
    family: 'instrument',
    messages: { missing: '{instrument} states no reporting duty: say what is reported, to whom and how often' },
    basis: ['A/72/773 §74', 'GA resolution 66/257 §12'],
  },
  rules: [
    {
      conditions: { all: [fact('instrument', '$.reports', 'equal', 0), fact('instrument', '$.revokedOn', 'isPresent', false)] },
      event: {
        type: 'missing-reporting-duty',
        params: {
          messageId: 'missing',
          instrument: { fact: 'instrument', path: '$.name' },
          delegator: { fact: 'instrument', path: '$.delegator.name' },
        },
      },
    },
  ],
  fix(subject, data) {
    const body = subject.anchors['body'];
    if (!body) return undefined;
    const to = typeof data['delegator'] === 'string' ? data['delegator'] : 'DMSPC';
    const end = body.range.end;
    // Insert just before the closing brace of the instrument.
    const brace = { line: end.line, character: Math.max(0, end.character - 1), offset: end.offset - 1 };
    return {
      title: 'Add a quarterly reporting duty',
      edits: [{ uri: body.uri, range: { start: brace, end: brace }, newText: `  report "Use of delegated authority" to ${to} every quarter\n` }],
    };
  },
});
