import { describe, expect, it } from 'vitest';
import { BASE, checkFiles, findingsOf } from '../../../language/src/testing/index.ts';

const ID = 'prerequisite-not-met';

/** A certifying-officer course valid for two years, and people at the Test Mission who took it (or not). */
const PEOPLE = `training cert-officer "Certifying Officer online course" { kind course; valid-for 2 years }
post MSN-CFO "Chief Finance Officer" { entity MSN; grade P-5; functions finance }
person cfo "Priya Raman" { holds MSN-CFO from 2021-05-01; training cert-officer completed 2023-06-30 }
person fo { holds MSN-FA from 2024-01-01; training cert-officer completed 2025-07-01 }
`;

function files(child: string, parentExtra = ''): Record<string, string> {
  return {
    'base.doa': BASE,
    'people.doa': PEOPLE,
    'x.doa': `delegation DA-MSN-FIN "Budget and finance" {
  to MSN-HOM
  authority finance/certify
  valid from 2024-01-01 to 2026-12-31
  may-sub-delegate
  ${parentExtra}
  report "Use of certifying authority" to UNHQ every quarter
}
sub-delegation SD-MSN-CERT "Certifying officer" {
  under DA-MSN-FIN
  ${child}
  authority finance/certify
  report "Expenditure certified" to MSN-HOM every month
}
`,
  };
}

const VALID = 'valid from 2024-01-01 to 2026-12-31';

describe(ID, () => {
  it('reports each person exercising the instrument without the training, at the delegate', async () => {
    expect(await findingsOf(ID, files(`to MSN-FA\n  ${VALID}\n  requires cert-officer`))).toEqual([
      'x.doa:11:6 Olga Petrova exercises SD-MSN-CERT without a valid cert-officer on 2025-06-30',
      'x.doa:11:6 fo exercises SD-MSN-CERT without a valid cert-officer on 2025-06-30',
    ]);
  });

  it('counts a training from its completion date, inclusive', async () => {
    const f = files(`to fo\n  ${VALID}\n  requires cert-officer`);
    expect(await findingsOf(ID, f)).toEqual(['x.doa:11:6 fo exercises SD-MSN-CERT without a valid cert-officer on 2025-06-30']);
    expect(await findingsOf(ID, f, { asOf: '2025-07-01' })).toEqual([]);
  });

  it('lets a training lapse after its valid-for period, the last day included', async () => {
    const f = files(`to MSN-CFO\n  ${VALID}\n  requires cert-officer`);
    // Completed 2023-06-30, valid for 2 years: still valid on 2025-06-30, lapsed on 2025-07-01.
    expect(await findingsOf(ID, f)).toEqual([]);
    expect(await findingsOf(ID, f, { asOf: '2025-07-01' })).toEqual([
      'x.doa:11:6 Priya Raman exercises SD-MSN-CERT without a valid cert-officer on 2025-07-01',
    ]);
  });

  it('inherits the requirements of the instruments above, and lists every missing one', async () => {
    const f = files(`to MSN-CFO\n  ${VALID}\n  requires proc-fundamentals`, 'requires cert-officer');
    expect(await findingsOf(ID, f, { asOf: '2025-07-01' })).toEqual([
      // The head of mission holds neither course; the chief finance officer's has lapsed.
      'x.doa:2:6 Amina Haddad exercises DA-MSN-FIN without a valid cert-officer on 2025-07-01',
      'x.doa:11:6 Priya Raman exercises SD-MSN-CERT without a valid cert-officer, proc-fundamentals on 2025-07-01',
    ]);
  });

  it('is silent when the training is held', async () => {
    expect(await findingsOf(ID, files(`to MSN-CPO\n  ${VALID}\n  requires proc-fundamentals`))).toEqual([]);
    expect(await findingsOf(ID, files(`to cpo\n  ${VALID}\n  requires proc-fundamentals`))).toEqual([]);
  });

  it('checks only instruments in force: no one exercises an expired or future one', async () => {
    expect(await findingsOf(ID, files('to MSN-FA\n  valid from 2024-01-01 to 2025-06-29\n  requires cert-officer'))).toEqual([]);
    expect(await findingsOf(ID, files('to MSN-FA\n  valid from 2025-07-01 to 2026-12-31\n  requires cert-officer'))).toEqual([]);
  });

  it('names a person without a title by their name, and points to the person', async () => {
    const f = (await checkFiles(files(`to fo\n  ${VALID}\n  requires cert-officer`))).find((x) => x.ruleId === ID)!;
    expect(f.messageId).toBe('missing');
    expect(f.severity).toBe('error');
    expect(f.message).toBe('fo exercises SD-MSN-CERT without a valid cert-officer on 2025-06-30');
    expect(f.related[0]).toMatchObject({ uri: 'memory:///people.doa', message: 'fo exercises SD-MSN-CERT' });
    expect(f.chain.map((c) => c.name)).toEqual(['SG', 'DA-MSN-FIN', 'SD-MSN-CERT']);
  });
});
