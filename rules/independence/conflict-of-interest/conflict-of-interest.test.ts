import { describe, expect, it } from 'vitest';
import { BASE, checkFiles, findingsOf } from '../../../language/src/testing/index.ts';

const ID = 'conflict-of-interest';

/** The mission's procurement delegation and one sub-delegation (its `to` on line 11); people follow. */
function files(to: string, people: string, valid = 'from 2025-01-01 to 2025-12-31'): Record<string, string> {
  return {
    'base.doa': BASE,
    'x.doa': `vendor ACME "Acme Logistics Ltd"
delegation DA-MSN-PROC "Procurement authority, Test Mission" {
  to MSN-HOM
  authority procurement/award-contract limit USD 1,000,000
  valid from 2024-01-01 to 2026-12-31
  may-sub-delegate
  report "Use of procurement authority" to UNHQ every quarter
}
sub-delegation SD-MSN-PO "Procurement Officer" {
  under DA-MSN-PROC
  to ${to}
  authority procurement/award-contract limit USD 100,000
  valid ${valid}
  report "Awards made" to MSN-HOM every month
}
${people}`,
  };
}

const MAI = `person po2 "Nguyễn Thị Mai" {
  holds MSN-PO from 2024-06-01
  conflict-of-interest "Brother is a director of Acme Logistics" vendor ACME area procurement declared 2024-11-04
}
`;

describe(ID, () => {
  it('reports a sub-delegate with a declared interest in the area, at the delegate', async () => {
    expect(await findingsOf(ID, files('po2', MAI))).toEqual([
      'x.doa:11:6 Nguyễn Thị Mai exercises SD-MSN-PO (procurement) but has declared a conflict of interest: Brother is a director of Acme Logistics',
    ]);
    const f = (await checkFiles(files('po2', MAI))).find((x) => x.ruleId === ID)!;
    expect(f.messageId).toBe('declared');
    expect(f.severity).toBe('warning');
    expect(f.related[0]).toMatchObject({ uri: 'memory:///x.doa', message: 'Nguyễn Thị Mai exercises SD-MSN-PO' });
    expect(f.related[0]!.range.start.line + 1).toBe(16);
  });

  it('reports each holder of a post named as delegate, only the one with the interest', async () => {
    // MSN-PO is also held by Kwame Mensah (BASE), who has declared nothing.
    expect(await findingsOf(ID, files('MSN-PO', MAI))).toEqual([
      'x.doa:11:6 Nguyễn Thị Mai exercises SD-MSN-PO (procurement) but has declared a conflict of interest: Brother is a director of Acme Logistics',
    ]);
  });

  it('ignores an interest in another area, and lists only the interests that bear on the instrument', async () => {
    const finance = `person po2 "Nguyễn Thị Mai" {
  holds MSN-PO from 2024-06-01
  conflict-of-interest "Holds shares in Banque Sahel" area finance
}
`;
    expect(await findingsOf(ID, files('po2', finance))).toEqual([]);
    const both = `person po2 "Nguyễn Thị Mai" {
  holds MSN-PO from 2024-06-01
  conflict-of-interest "Holds shares in Banque Sahel" area finance
  conflict-of-interest "Brother is a director of Acme Logistics" vendor ACME area procurement
  conflict-of-interest "Spouse consults for several suppliers"
}
`;
    expect(await findingsOf(ID, files('po2', both))).toEqual([
      'x.doa:11:6 Nguyễn Thị Mai exercises SD-MSN-PO (procurement) but has declared a conflict of interest: Brother is a director of Acme Logistics, Spouse consults for several suppliers',
    ]);
  });

  it('reports an interest tied to no area on any instrument', async () => {
    const general = `person po2 "Nguyễn Thị Mai" {
  holds MSN-PO from 2024-06-01
  conflict-of-interest "Partner works for a freight forwarder" declared 2025-02-01
}
`;
    expect(await findingsOf(ID, files('po2', general))).toEqual([
      'x.doa:11:6 Nguyễn Thị Mai exercises SD-MSN-PO (procurement) but has declared a conflict of interest: Partner works for a freight forwarder',
    ]);
  });

  it('counts an interest from the day it is declared (inclusive)', async () => {
    expect(await findingsOf(ID, files('po2', MAI), { asOf: '2025-06-30' })).toHaveLength(1);
    const later = MAI.replace('declared 2024-11-04', 'declared 2025-07-01');
    expect(await findingsOf(ID, files('po2', later), { asOf: '2025-06-30' })).toEqual([]);
    expect(await findingsOf(ID, files('po2', later), { asOf: '2025-07-01' })).toHaveLength(1);
  });

  it('looks only at instruments in force and posts held on the check date (dates inclusive)', async () => {
    expect(await findingsOf(ID, files('po2', MAI, 'from 2025-06-30 to 2025-12-31'))).toHaveLength(1);
    expect(await findingsOf(ID, files('po2', MAI, 'from 2025-01-01 to 2025-06-30'))).toHaveLength(1);
    expect(await findingsOf(ID, files('po2', MAI, 'from 2025-07-01 to 2025-12-31'))).toEqual([]);
    expect(await findingsOf(ID, files('po2', MAI, 'from 2025-01-01 to 2025-06-29'))).toEqual([]);
    const left = `person po3 "Dawit Bekele ዳዊት" {
  holds MSN-PO from 2022-01-01 to 2025-06-29
  conflict-of-interest "Owns a share of a trucking company" area procurement
}
`;
    expect(await findingsOf(ID, files('MSN-PO', left))).toEqual([]);
    expect(await findingsOf(ID, files('MSN-PO', left), { asOf: '2025-06-29' })).toEqual([
      'x.doa:11:6 Dawit Bekele ዳዊት exercises SD-MSN-PO (procurement) but has declared a conflict of interest: Owns a share of a trucking company',
    ]);
  });
});
