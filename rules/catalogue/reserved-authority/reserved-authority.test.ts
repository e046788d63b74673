import { describe, expect, it } from 'vitest';
import { BASE, checkFiles, findingsOf } from '../../../language/src/testing/index.ts';

const ID = 'reserved-authority';

const CATALOGUE = `entity DMSPC "Department of Management Strategy, Policy and Compliance" { parent UNHQ; line 2; head DMSPC-USG }
post DMSPC-USG "Under-Secretary-General for Management Strategy, Policy and Compliance" { entity DMSPC; grade USG }
post DMSPC-DIR "Director, Administrative Law Division" { entity DMSPC; grade D-2; functions hr }
area hr "Human resources" {
  authority admin-leave-without-pay "Place a staff member on administrative leave without pay" { reserved-to DMSPC-USG }
  authority special-post-allowance "Grant special post allowance"
}
`;

/** One delegation from the root; its authorities start on line 10. */
function delegation(to: string, extra = ''): Record<string, string> {
  return {
    'base.doa': BASE,
    'x.doa': `${CATALOGUE}delegation DA-HR "Human resources authority" {
  to ${to}
  authority hr/admin-leave-without-pay
  authority hr/special-post-allowance
  valid from 2019-01-01
  may-sub-delegate
  report "Use of human resources authority" to UNHQ every quarter
}
${extra}`,
  };
}

describe(ID, () => {
  it('reports a reserved authority granted to a head of entity, at the authority', async () => {
    expect(await findingsOf(ID, delegation('MSN-HOM'))).toEqual([
      'x.doa:10:13 hr/admin-leave-without-pay is reserved to DMSPC-USG, but DA-HR grants it to MSN-HOM',
    ]);
    const f = (await checkFiles(delegation('MSN-HOM'))).find((x) => x.ruleId === ID)!;
    expect(f.messageId).toBe('reserved');
    expect(f.severity).toBe('error');
    expect(f.basis).toContain('A/75/201 §35');
  });

  it('lets the designated post hold it', async () => {
    expect(await findingsOf(ID, delegation('DMSPC-USG'))).toEqual([]);
  });

  it('lets a person hold it while they hold the designated post (dates inclusive)', async () => {
    const person = (holds: string) => `person usg "Aïcha Traoré" { holds DMSPC-USG ${holds} }\n`;
    expect(await findingsOf(ID, delegation('usg', person('from 2019-05-01')))).toEqual([]);
    expect(await findingsOf(ID, delegation('usg', person('from 2025-06-30')))).toEqual([]);
    expect(await findingsOf(ID, delegation('usg', person('from 2019-05-01 to 2025-06-30')))).toEqual([]);
    expect(await findingsOf(ID, delegation('usg', person('from 2019-05-01 to 2025-06-29')))).toEqual([
      'x.doa:10:13 hr/admin-leave-without-pay is reserved to DMSPC-USG, but DA-HR grants it to usg',
    ]);
    expect(await findingsOf(ID, delegation('usg', person('from 2025-07-01')))).toHaveLength(1);
  });

  it('reports a sub-delegation by the designated holder: reserved authority is not passed on', async () => {
    const sub = `sub-delegation SD-HR "Director, Administrative Law Division" {
  under DA-HR
  to DMSPC-DIR
  authority hr/admin-leave-without-pay
  valid from 2024-01-01
  report "Cases handled" to DMSPC-USG every month
}
`;
    expect(await findingsOf(ID, delegation('DMSPC-USG', sub))).toEqual([
      'x.doa:19:13 hr/admin-leave-without-pay is reserved to DMSPC-USG, but SD-HR grants it to DMSPC-DIR',
    ]);
  });

  it('leaves an unknown delegate to unknown-reference', async () => {
    const findings = await checkFiles(delegation('MSN-HMO'));
    expect(findings.filter((f) => f.ruleId === ID)).toEqual([]);
    expect(findings.map((f) => f.ruleId)).toContain('unknown-reference');
  });
});
