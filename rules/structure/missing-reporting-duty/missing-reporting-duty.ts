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
      conditions: { all: [fact('instrument', '$.reports', 'equal', 0), { any: [fact('instrument', '$.revokedOn', 'isPresent', false), fact('instrument', '$.revokedOn', 'dateAfter', { fact: 'asOf' })] }] },
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
  fix(subject) {
    const body = subject.anchors['body'];
    if (!body) return undefined;
    const delegator = (subject.facts['instrument'] as { delegator: { kind: string | null; name: string | null; posts: string[] } | null }).delegator;
    // Reports go to an entity or a post: a person delegator is reached through the post they hold.
    const to = (delegator?.kind === 'person' ? delegator.posts[0] : delegator?.name) ?? 'DMSPC';
    const duty = `report "Use of delegated authority" to ${to} every quarter`;
    const validity = subject.anchors['validity'];
    if (validity && (validity.range.start.line === body.range.start.line || validity.range.end.line === body.range.end.line)) {
      // Written on one line with the header or the closing brace: add the duty as a `;` statement after the validity.
      return { title: 'Add a quarterly reporting duty', edits: [{ uri: validity.uri, range: { start: validity.range.end, end: validity.range.end }, newText: `; ${duty}` }] };
    }
    const end = body.range.end;
    // Insert just before the closing brace of the instrument, on its own line.
    const brace = { line: end.line, character: Math.max(0, end.character - 1), offset: end.offset - 1 };
    return { title: 'Add a quarterly reporting duty', edits: [{ uri: body.uri, range: { start: brace, end: brace }, newText: `  ${duty}\n` }] };
  },
});
