import { defineRule, fact } from '../../../language/src/check/rule-module.ts';

/** Revocation cascades: an instrument under a revoked one confers nothing, so listing it as active misleads. */
export default defineRule({
  meta: {
    id: 'revoked-ancestor',
    category: 'validity',
    defaultSeverity: 'error',
    description: 'An instrument still listed as active although an instrument above it was revoked.',
    family: 'instrument',
    messages: {
      cascade: '{instrument} is still listed as active, but {ancestor} above it was revoked on {date}; revocation cascades to every sub-delegation under it',
    },
    basis: ['A/72/773 §75', 'A/72/773 §81'],
  },
  rules: [
    {
      conditions: {
        all: [
          { any: [fact('instrument', '$.revokedOn', 'isPresent', false), fact('instrument', '$.revokedOn', 'dateAfter', { fact: 'asOf' })] },
          fact('instrument', '$.ancestorRevocation', 'isPresent', true),
          fact('instrument', '$.ancestorRevocation.date', 'dateOnOrBefore', { fact: 'asOf' }),
          // Its own window still runs on the check date; once it has ended, expired-instrument reports it.
          {
            any: [fact('instrument', '$.validTo', 'isPresent', false), fact('instrument', '$.validTo', 'dateOnOrAfter', { fact: 'asOf' })],
          },
        ],
      },
      event: {
        type: 'revoked-ancestor',
        params: {
          messageId: 'cascade',
          instrument: { fact: 'instrument', path: '$.name' },
          ancestor: { fact: 'instrument', path: '$.ancestorRevocation.name' },
          date: { fact: 'instrument', path: '$.ancestorRevocation.date' },
        },
      },
    },
  ],
});
