import { describe, expect, it } from 'vitest';
import { BASE, checkFiles, findingsOf } from '../../../language/src/testing/index.ts';

const ID = 'authority-gap';

const catalogue = (controls: string) => `area property "Property management" {
  authority write-off "Write off property" { ${controls} }
}
`;

const PROCUREMENT = `delegation DA-MSN-PROC "Procurement authority, Test Mission" {
  to MSN-HOM
  authority procurement/award-contract limit USD 1,000,000
  valid from 2024-01-01 to 2026-12-31
  report "Use of procurement authority" to UNHQ every quarter
}
`;

const property = (to: string, valid: string, extra = '') => `delegation DA-PROP "Property authority" {
  to ${to}
  authority property/write-off limit USD 25,000
  valid ${valid}${extra}
  report "Write-offs approved" to UNHQ every quarter
}
`;

const files = (controls: string, ...parts: string[]) => ({ 'base.doa': BASE, 'x.doa': catalogue(controls) + PROCUREMENT + parts.join('') });

describe(ID, () => {
  it('reports a required authority no one holds in the entity, at the entity', async () => {
    expect(await findingsOf(ID, files('required in MSN'))).toEqual([
      'base.doa:4:8 No one in MSN holds property/write-off on 2025-06-30, although it is required in MSN',
    ]);
    const f = (await checkFiles(files('required in MSN'))).find((x) => x.ruleId === ID)!;
    expect(f.messageId).toBe('gap');
    expect(f.severity).toBe('warning');
    expect(f.related).toEqual([expect.objectContaining({ uri: 'memory:///x.doa', message: 'property/write-off is required' })]);
    expect(f.related[0]!.range.start).toMatchObject({ line: 1, character: 12 });
  });

  it('names every entity listed, and reports each of them', async () => {
    expect(await findingsOf(ID, files('required in MSN, OVS'))).toEqual([
      'base.doa:4:8 No one in MSN holds property/write-off on 2025-06-30, although it is required in MSN, OVS',
      'base.doa:5:8 No one in OVS holds property/write-off on 2025-06-30, although it is required in MSN, OVS',
    ]);
  });

  it('without a list, requires it in every entity that holds a delegation in force', async () => {
    // OVS holds no delegation, so only MSN is concerned.
    expect(await findingsOf(ID, files('required'))).toEqual([
      'base.doa:4:8 No one in MSN holds property/write-off on 2025-06-30, although it is required in every entity with delegated authority',
    ]);
  });

  it('is filled by an instrument in force on the check date (dates inclusive)', async () => {
    expect(await findingsOf(ID, files('required in MSN', property('MSN-HOM', 'from 2024-01-01 to 2025-06-30')))).toEqual([]);
    expect(await findingsOf(ID, files('required in MSN', property('MSN-HOM', 'from 2025-06-30')))).toEqual([]);
    expect(await findingsOf(ID, files('required in MSN', property('MSN-HOM', 'from 2024-01-01 to 2025-06-29')))).toHaveLength(1);
    expect(await findingsOf(ID, files('required in MSN', property('MSN-HOM', 'from 2025-07-01')))).toHaveLength(1);
  });

  it('is not filled by a revoked instrument, nor by a holder in another entity', async () => {
    const revoked = property('MSN-HOM', 'from 2024-01-01', '\n  revoked 2025-03-31 because lack-of-capacity transferred-to UNHQ');
    expect(await findingsOf(ID, files('required in MSN', revoked))).toHaveLength(1);
    expect(await findingsOf(ID, files('required in MSN', property('OVS-AUD', 'from 2024-01-01')))).toEqual([
      'base.doa:4:8 No one in MSN holds property/write-off on 2025-06-30, although it is required in MSN',
    ]);
  });

  it('is filled by a sub-delegate in the entity', async () => {
    const chain = `${property('MSN-HOM', 'from 2024-01-01', '\n  may-sub-delegate')}sub-delegation SD-PROP "Director of Mission Support" {
  under DA-PROP
  to MSN-DMS
  authority property/write-off limit USD 10,000
  valid from 2024-01-01
  report "Write-offs approved" to MSN-HOM every month
}
`;
    expect(await findingsOf(ID, files('required in MSN', chain))).toEqual([]);
  });

  it('says nothing of authorities that are not required', async () => {
    expect(await findingsOf(ID, files('exclusive'))).toEqual([]);
  });
});
