import { describe, expect, it } from 'vitest';
import { BASE, checkFiles, findingsOf } from '../../../language/src/testing/index.ts';
import rule from './expired-instrument.ts';

const ID = 'expired-instrument';

function delegation(validity: string, extra = ''): Record<string, string> {
  return {
    'base.doa': BASE,
    'x.doa': `delegation DA-MSN-PROC "Procurement" {
  to MSN-HOM
  authority procurement/award-contract limit USD 1,000,000
  ${validity}
  report "Use of procurement authority" to UNHQ every quarter
  ${extra}
}
`,
  };
}

describe(ID, () => {
  it('is in force on its last day and expired the day after, reported at the end date', async () => {
    const f = delegation('valid from 2024-01-01 to 2025-06-30');
    expect(await findingsOf(ID, f)).toEqual([]);
    expect(await findingsOf(ID, f, { asOf: '2025-07-01' })).toEqual([
      'x.doa:4:28 DA-MSN-PROC expired on 2025-06-30; it confers no authority on 2025-07-01',
    ]);
  });

  it('reports an instrument that ended long ago', async () => {
    expect(await findingsOf(ID, delegation('valid from 2019-01-01 to 2020-12-31'))).toEqual([
      'x.doa:4:28 DA-MSN-PROC expired on 2020-12-31; it confers no authority on 2025-06-30',
    ]);
  });

  it('never expires an open-ended instrument', async () => {
    expect(await findingsOf(ID, delegation('valid from 2019-01-01'), { asOf: '2099-12-31' })).toEqual([]);
  });

  it('leaves a revoked instrument alone', async () => {
    expect(await findingsOf(ID, delegation('valid from 2019-01-01 to 2020-12-31', 'revoked 2020-06-30 because lack-of-capacity'))).toEqual([]);
    // A revocation recorded for a date after the check date has not ended it yet: the expiry has.
    expect(await findingsOf(ID, delegation('valid from 2024-01-01 to 2025-01-31', 'revoked 2025-12-01 because lack-of-capacity'))).toHaveLength(1);
  });

  it('reports sub-delegations too, and only the ones that have themselves expired', async () => {
    const files = delegation('valid from 2024-01-01 to 2026-12-31', 'may-sub-delegate');
    files['y.doa'] = `sub-delegation SD-MSN-OIC "Officer-in-charge during the head's leave" {
  under DA-MSN-PROC
  to MSN-DMS
  authority procurement/award-contract limit USD 500,000
  valid from 2025-03-01 to 2025-03-31
  report "Awards made" to MSN-HOM every month
}
`;
    expect(await findingsOf(ID, files)).toEqual(['y.doa:5:28 SD-MSN-OIC expired on 2025-03-31; it confers no authority on 2025-06-30']);
    expect(await findingsOf(ID, files, { asOf: '2025-03-31' })).toEqual([]);
  });

  it('is a deprecated-tagged warning with its chain', async () => {
    expect(rule.meta.tags).toEqual(['deprecated']);
    const f = (await checkFiles(delegation('valid from 2023-01-01 to 2024-12-31'))).find((x) => x.ruleId === ID)!;
    expect(f.messageId).toBe('expired');
    expect(f.severity).toBe('warning');
    expect(f.range.end.character - f.range.start.character).toBe('2024-12-31'.length);
    expect(f.chain.map((c) => c.name)).toEqual(['SG', 'DA-MSN-PROC']);
  });
});
