import { describe, expect, it } from 'vitest';
import { BASE, checkFiles, findingsOf } from '../../../language/src/testing/index.ts';

const ID = 'delegation-to-non-head';

/** A delegation from the root to `to`; its `to` is on line 2. */
function delegation(to: string, extra = ''): Record<string, string> {
  return {
    'base.doa': BASE,
    'x.doa': `delegation D "Procurement" {
  to ${to}
  authority procurement/award-contract limit USD 100,000
  valid from 2024-01-01 to 2026-12-31
  report "Use" to UNHQ every quarter
}
${extra}`,
  };
}

describe(ID, () => {
  it('reports a delegation from the root to an official who heads no entity, at the delegate', async () => {
    expect(await findingsOf(ID, delegation('MSN-PO'))).toEqual([
      'x.doa:2:6 D delegates from the Secretary-General to MSN-PO, who is not the head of an entity: the root delegates to heads of entity, who sub-delegate to their officials',
    ]);
    const [f] = (await checkFiles(delegation('MSN-PO'))).filter((x) => x.ruleId === ID);
    expect(f).toMatchObject({ severity: 'error', messageId: 'notHead' });
  });

  it('accepts the head post of an entity, and a person holding one on the check date', async () => {
    expect(await findingsOf(ID, delegation('MSN-HOM'))).toEqual([]);
    expect(await findingsOf(ID, delegation('hom'))).toEqual([]);
    // A person who holds the head post only from the day after the check date is not yet a head.
    const acting = 'person nh "New Head" { holds MSN-HOM from 2025-07-01 }\n';
    expect(await findingsOf(ID, delegation('nh', acting))).toHaveLength(1);
    expect(await findingsOf(ID, delegation('nh', acting), { asOf: '2025-07-01' })).toEqual([]);
  });

  it('leaves sub-delegations, and a delegation to the root itself (a cycle), to other rules', async () => {
    const sub = `delegation DA "Procurement" {
  to MSN-HOM
  authority procurement/award-contract limit USD 1,000,000
  valid from 2024-01-01 to 2026-12-31
  may-sub-delegate
  report "Use" to UNHQ every quarter
}
sub-delegation S "PO" {
  under DA
  to MSN-PO
  authority procurement/award-contract limit USD 100,000
  valid from 2024-01-01 to 2026-12-31
  report "Use" to MSN-HOM every month
}
`;
    expect(await findingsOf(ID, { 'base.doa': BASE, 'x.doa': sub })).toEqual([]);
    expect(await findingsOf(ID, delegation('SG'))).toEqual([]);
  });
});
