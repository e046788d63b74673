import { defineRule, fact } from '../../../language/src/check/rule-module.ts';

/** A child never outlives its parent: its window lies inside the parent's (dates inclusive). */
export default defineRule({
  meta: {
    id: 'validity-outside-parent',
    category: 'validity',
    defaultSeverity: 'error',
    description: "A sub-delegation's validity window starts before or ends after its parent's.",
    family: 'instrument',
    anchor: 'validity',
    messages: {
      outside: "{instrument} is valid {from} to {toText}, outside its parent {parent}'s window {parentFrom} to {parentToText}",
    },
    basis: ['A/72/773 §74', 'ST/SGB/2019/2'],
  },
  rules: [
    {
      conditions: {
        all: [
          fact('instrument', '$.kind', 'equal', 'sub-delegation'),
          fact('instrument', '$.parent', 'isPresent', true),
          // A date of its window that could not be read is reported as such; the window is then not known.
          fact('instrument', '$.validityBroken', 'equal', false),
          {
            any: [
              fact('instrument', '$.validFrom', 'dateBefore', { fact: 'instrument', path: '$.parent.validFrom' }),
              fact('instrument', '$.validTo', 'dateAfter', { fact: 'instrument', path: '$.parent.validTo' }),
              { all: [fact('instrument', '$.parent.validTo', 'isPresent', true), fact('instrument', '$.validTo', 'isPresent', false)] },
            ],
          },
        ],
      },
      event: {
        type: 'validity-outside-parent',
        params: {
          messageId: 'outside',
          instrument: { fact: 'instrument', path: '$.name' },
          from: { fact: 'instrument', path: '$.validFrom' },
          to: { fact: 'instrument', path: '$.validTo' },
          parent: { fact: 'instrument', path: '$.parent.name' },
          parentFrom: { fact: 'instrument', path: '$.parent.validFrom' },
          parentTo: { fact: 'instrument', path: '$.parent.validTo' },
          // For the message: an open end named as such, not "none" (`to` and `parentTo` stay dates, for the fix).
          toText: { fact: 'instrument', path: '$.validToText' },
          parentToText: { fact: 'instrument', path: '$.parent.validToText' },
        },
      },
    },
  ],
  fix(subject, data) {
    const validity = subject.anchors['validity'];
    if (!validity) return undefined;
    const from = [data['from'], data['parentFrom']].filter((d): d is string => typeof d === 'string').sort().at(-1);
    const ends = [data['to'], data['parentTo']].filter((d): d is string => typeof d === 'string').sort();
    const to = ends[0];
    // No overlap with the parent's window at all: there is nothing to align to.
    if (!from || (to && to < from)) return undefined;
    const text = `valid from ${from}${to ? ` to ${to}` : ''}`;
    return { title: `Align the validity with ${String(data['parent'])}: ${text}`, edits: [{ uri: validity.uri, range: validity.range, newText: text }] };
  },
});
