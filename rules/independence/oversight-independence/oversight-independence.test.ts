import { describe, expect, it } from 'vitest';
import { BASE, checkFiles, findingsOf } from '../../../language/src/testing/index.ts';

const ID = 'oversight-independence';

const PARENT = `delegation DA-MSN-FIN "Finance authority, Test Mission" {
  to MSN-HOM
  authority finance/certify limit USD 500,000
  valid from 2024-01-01 to 2026-12-31
  may-sub-delegate
  report "Use of finance authority" to UNHQ every quarter
}
`;

/** A sub-delegation under the mission's finance delegation; its `to` is on line 10. */
function sub(to: string, valid = 'from 2025-01-01 to 2025-12-31', extra = ''): Record<string, string> {
  return {
    'base.doa': BASE,
    'x.doa': `${PARENT}sub-delegation SD-MSN-X "Certifying authority" {
  under DA-MSN-FIN
  to ${to}
  authority finance/certify limit USD 50,000
  valid ${valid}
  report "Certifications made" to MSN-HOM every month
}
${extra}`,
  };
}

describe(ID, () => {
  it('reports an auditor exercising authority over the mission, at the delegate', async () => {
    expect(await findingsOf(ID, sub('OVS-AUD'))).toEqual([
      'x.doa:10:6 María José García, of the oversight entity OVS, exercises SD-MSN-X over MSN: independent oversight must not hold operational authority',
    ]);
    const f = (await checkFiles(sub('OVS-AUD'))).find((x) => x.ruleId === ID)!;
    expect(f.messageId).toBe('operational');
    expect(f.severity).toBe('error');
    expect(f.related.map((r) => `${r.uri.replace('memory:///', '')}:${r.range.start.line + 1} ${r.message}`)).toEqual([
      'base.doa:17 María José García exercises SD-MSN-X',
      'x.doa:1 parent instrument DA-MSN-FIN',
    ]);
    expect(f.chain.map((c) => c.name)).toEqual(['SG', 'DA-MSN-FIN', 'SD-MSN-X']);
  });

  it('reports a person named as delegate as well as a post', async () => {
    expect(await findingsOf(ID, sub('aud'))).toEqual([
      'x.doa:10:6 María José García, of the oversight entity OVS, exercises SD-MSN-X over MSN: independent oversight must not hold operational authority',
    ]);
  });

  it('allows authority over the oversight entity’s own administration', async () => {
    const files = {
      'base.doa': BASE,
      'x.doa': `delegation DA-OVS-FIN "Finance authority, Office of Oversight" {
  to OVS-AUD
  authority finance/certify limit USD 50,000
  valid from 2025-01-01
  report "Use of finance authority" to UNHQ every quarter
}
`,
    };
    expect(await findingsOf(ID, files)).toEqual([]);
  });

  it('does not report first- or second-line staff, nor entities with no line', async () => {
    expect(await findingsOf(ID, sub('MSN-FA'))).toEqual([]);
    const compliance = `entity CMP "Compliance Office" { parent UNHQ; line 2 }
entity LOG "Logistics Base" { parent UNHQ }
post CMP-OFF "Compliance Officer" { entity CMP; grade P-4; functions compliance }
post LOG-OFF "Logistics Officer" { entity LOG; grade P-4; functions property }
person cmp "Nomvula Dlamini" { holds CMP-OFF from 2020-01-01 }
person log "Tanvir Ahmed তানভীর" { holds LOG-OFF from 2020-01-01 }
`;
    expect(await findingsOf(ID, sub('CMP-OFF', undefined, compliance))).toEqual([]);
    expect(await findingsOf(ID, sub('LOG-OFF', undefined, compliance))).toEqual([]);
  });

  it('looks only at instruments in force on the check date (dates inclusive)', async () => {
    expect(await findingsOf(ID, sub('OVS-AUD', 'from 2025-06-30 to 2025-12-31'))).toHaveLength(1);
    expect(await findingsOf(ID, sub('OVS-AUD', 'from 2025-01-01 to 2025-06-30'))).toHaveLength(1);
    expect(await findingsOf(ID, sub('OVS-AUD', 'from 2025-07-01 to 2025-12-31'))).toEqual([]);
    expect(await findingsOf(ID, sub('OVS-AUD', 'from 2025-01-01 to 2025-06-29'))).toEqual([]);
  });

  it('reports a person with a post in a mission and one in oversight, in whichever order the posts are held', async () => {
    for (const holds of ['holds MSN-FA from 2020-01-01\n  holds OVS-AUD from 2020-01-01', 'holds OVS-AUD from 2020-01-01\n  holds MSN-FA from 2020-01-01']) {
      const both = `person aud2 "Second auditor" {\n  ${holds}\n}\n`;
      expect(await findingsOf(ID, sub('aud2', undefined, both)), holds).toEqual([
        'x.doa:10:6 Second auditor, of the oversight entity OVS, exercises SD-MSN-X over MSN: independent oversight must not hold operational authority',
      ]);
    }
  });

  it('follows the posts a person holds on the check date', async () => {
    // She left the Office of Oversight for the mission's procurement section on 2025-06-30.
    const moved = `person fz "فاطمة الزهراء" {
  holds OVS-AUD from 2019-01-01 to 2025-06-29
  holds MSN-PO from 2025-06-30
}
`;
    expect(await findingsOf(ID, sub('fz', undefined, moved))).toEqual([]);
    expect(await findingsOf(ID, sub('fz', undefined, moved), { asOf: '2025-06-29' })).toEqual([
      'x.doa:10:6 فاطمة الزهراء, of the oversight entity OVS, exercises SD-MSN-X over MSN: independent oversight must not hold operational authority',
    ]);
  });
});
