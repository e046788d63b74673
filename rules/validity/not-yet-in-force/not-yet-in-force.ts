import { defineRule, fact } from '../../../language/src/check/rule-module.ts';

/** An instrument that starts after the check date confers nothing yet. */
export default defineRule({
  meta: {
    id: 'not-yet-in-force',
    category: 'validity',
    defaultSeverity: 'info',
    description: 'An instrument whose validity starts after the check date.',
    family: 'instrument',
    anchor: 'validFrom',
    messages: { future: '{instrument} is not yet in force: it takes effect on {validFrom}' },
    basis: ['ST/SGB/2019/2'],
  },
  rules: [
    {
      conditions: {
        all: [{ any: [fact('instrument', '$.revokedOn', 'isPresent', false), fact('instrument', '$.revokedOn', 'dateAfter', { fact: 'asOf' })] }, fact('instrument', '$.validFrom', 'dateAfter', { fact: 'asOf' })],
      },
      event: {
        type: 'not-yet-in-force',
        params: { messageId: 'future', instrument: { fact: 'instrument', path: '$.name' }, validFrom: { fact: 'instrument', path: '$.validFrom' } },
      },
    },
  ],
});
