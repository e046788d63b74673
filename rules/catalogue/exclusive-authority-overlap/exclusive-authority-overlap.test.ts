import { describe, expect, it } from 'vitest';
import { BASE, checkFiles, findingsOf } from '../../../language/src/testing/index.ts';

const ID = 'exclusive-authority-overlap';

const CATALOGUE = (controls = 'exclusive') => `area property "Property management" {
  authority write-off "Write off property" { ${controls} }
}
`;

const HEAD = `delegation DA-MSN-PROP "Property authority, Test Mission" {
  to MSN-HOM
  authority property/write-off limit USD 25,000
  valid from 2024-01-01 to 2026-12-31
  may-sub-delegate
  report "Write-offs approved" to UNHQ every quarter
}
`;

function sub(name: string, under: string, to: string, valid = 'from 2024-01-01 to 2026-12-31'): string {
  return `sub-delegation ${name} {
  under ${under}
  to ${to}
  authority property/write-off limit USD 10,000
  valid ${valid}
  may-sub-delegate
  report "Write-offs approved" to MSN-HOM every month
}
`;
}

const files = (...parts: string[]) => ({ 'base.doa': BASE, 'x.doa': [CATALOGUE(), HEAD, ...parts].join('') });

describe(ID, () => {
  it('reports two sibling sub-delegations, at the last line, relating each line and the catalogue', async () => {
    // SD-A starts on line 11, SD-B on line 19.
    const two = files(sub('SD-A', 'DA-MSN-PROP', 'MSN-DMS'), sub('SD-B', 'DA-MSN-PROP', 'MSN-CPO'));
    expect(await findingsOf(ID, two)).toEqual(['x.doa:19:16 property/write-off is exclusive, but 2 separate lines hold it in MSN: SD-A, SD-B']);
    const f = (await checkFiles(two)).find((x) => x.ruleId === ID)!;
    expect(f.messageId).toBe('overlap');
    expect(f.severity).toBe('error');
    expect(f.related.map((r) => `${r.range.start.line + 1} ${r.message}`)).toEqual([
      '11 SD-A grants property/write-off',
      '19 SD-B grants property/write-off',
      '2 property/write-off is exclusive',
    ]);
  });

  it('treats a head and the sub-delegates below them as one line: delegating does not divest', async () => {
    expect(await findingsOf(ID, files(sub('SD-A', 'DA-MSN-PROP', 'MSN-DMS')))).toEqual([]);
    expect(await findingsOf(ID, files(sub('SD-A', 'DA-MSN-PROP', 'MSN-DMS'), sub('SD-B', 'SD-A', 'MSN-CPO'), sub('SD-C', 'SD-B', 'MSN-PO')))).toEqual([]);
  });

  it('counts the ends of separate branches', async () => {
    // SD-A → SD-C is one line, SD-B another.
    expect(await findingsOf(ID, files(sub('SD-A', 'DA-MSN-PROP', 'MSN-DMS'), sub('SD-B', 'DA-MSN-PROP', 'MSN-CPO'), sub('SD-C', 'SD-A', 'MSN-PO')))).toEqual([
      'x.doa:27:16 property/write-off is exclusive, but 2 separate lines hold it in MSN: SD-B, SD-C',
    ]);
    expect(await findingsOf(ID, files(sub('SD-A', 'DA-MSN-PROP', 'MSN-DMS'), sub('SD-B', 'DA-MSN-PROP', 'MSN-CPO'), sub('SD-C', 'DA-MSN-PROP', 'MSN-PO')))).toEqual([
      'x.doa:27:16 property/write-off is exclusive, but 3 separate lines hold it in MSN: SD-A, SD-B, SD-C',
    ]);
  });

  it('reports two delegations from the root in the same entity', async () => {
    const second = `delegation DA-MSN-DMS "Property authority, Mission Support" {
  to MSN-DMS
  authority property/write-off limit USD 5,000
  valid from 2025-01-01 to 2025-12-31
  report "Write-offs approved" to UNHQ every quarter
}
`;
    expect(await findingsOf(ID, files(second))).toEqual(['x.doa:11:12 property/write-off is exclusive, but 2 separate lines hold it in MSN: DA-MSN-PROP, DA-MSN-DMS']);
  });

  it('does not compare holders in different entities, nor authorities that are not exclusive', async () => {
    const oversight = `delegation DA-OVS-PROP "Property authority, Office of Oversight" {
  to OVS-AUD
  authority property/write-off limit USD 5,000
  valid from 2025-01-01 to 2025-12-31
  report "Write-offs approved" to UNHQ every quarter
}
`;
    expect(await findingsOf(ID, files(oversight))).toEqual([]);
    const siblings = [HEAD, sub('SD-A', 'DA-MSN-PROP', 'MSN-DMS'), sub('SD-B', 'DA-MSN-PROP', 'MSN-CPO')].join('');
    expect(await findingsOf(ID, { 'base.doa': BASE, 'x.doa': CATALOGUE('required') + siblings })).toEqual([]);
    expect(await findingsOf(ID, { 'base.doa': BASE, 'x.doa': CATALOGUE('exclusive; required') + siblings })).toHaveLength(1);
  });

  it('counts only instruments in force on the check date (dates inclusive)', async () => {
    const withB = (valid: string) => files(sub('SD-A', 'DA-MSN-PROP', 'MSN-DMS'), sub('SD-B', 'DA-MSN-PROP', 'MSN-CPO', valid));
    expect(await findingsOf(ID, withB('from 2024-01-01 to 2025-06-30'))).toHaveLength(1);
    expect(await findingsOf(ID, withB('from 2024-01-01 to 2025-06-29'))).toEqual([]);
    expect(await findingsOf(ID, withB('from 2025-06-30 to 2026-12-31'))).toHaveLength(1);
    expect(await findingsOf(ID, withB('from 2025-07-01 to 2026-12-31'))).toEqual([]);
  });
});
