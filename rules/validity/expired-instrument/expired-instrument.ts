import { defineRule, fact } from '../../../language/src/check/rule-module.ts';

/** An expired instrument confers nothing; it is still listed, so it is flagged (shown as deprecated). */
export default defineRule({
  meta: {
    id: 'expired-instrument',
    category: 'validity',
    defaultSeverity: 'warning',
    description: 'An instrument whose validity ended before the check date.',
    family: 'instrument',
    anchor: 'validTo',
    tags: ['deprecated'],
    messages: { expired: '{instrument} expired on {validTo}; it confers no authority on {asOf}' },
    basis: ['ST/SGB/2019/2 §1.2 (delegations issued and managed through the portal)'],
  },
  rules: [
    {
      conditions: {
        all: [{ any: [fact('instrument', '$.revokedOn', 'isPresent', false), fact('instrument', '$.revokedOn', 'dateAfter', { fact: 'asOf' })] }, fact('instrument', '$.validTo', 'dateBefore', { fact: 'asOf' })],
      },
      event: {
        type: 'expired-instrument',
        params: {
          messageId: 'expired',
          instrument: { fact: 'instrument', path: '$.name' },
          validTo: { fact: 'instrument', path: '$.validTo' },
          asOf: { fact: 'asOf' },
        },
      },
    },
  ],
});
