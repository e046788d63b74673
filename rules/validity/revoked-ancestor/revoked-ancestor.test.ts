import { describe, expect, it } from 'vitest';
import { BASE, checkFiles, findingsOf } from '../../../language/src/testing/index.ts';

const ID = 'revoked-ancestor';

/** Head of mission → chief procurement officer → procurement officer; `revocation` goes on the head's delegation. */
function chain(revocation: string, cpoExtra = '', poValidity = 'valid from 2024-01-01 to 2026-12-31'): Record<string, string> {
  return {
    'base.doa': BASE,
    'x.doa': `delegation DA-MSN-PROC "Procurement" {
  to MSN-HOM
  authority procurement/award-contract limit USD 1,000,000
  valid from 2024-01-01 to 2026-12-31
  may-sub-delegate
  report "Use of procurement authority" to UNHQ every quarter
  ${revocation}
}
sub-delegation SD-MSN-CPO "Chief Procurement Officer" {
  under DA-MSN-PROC
  to MSN-CPO
  authority procurement/award-contract limit USD 500,000
  valid from 2024-01-01 to 2026-12-31
  may-sub-delegate
  report "Awards made" to MSN-HOM every month
  ${cpoExtra}
}
sub-delegation SD-MSN-PO "Procurement Officer" {
  under SD-MSN-CPO
  to MSN-PO
  authority procurement/award-contract limit USD 40,000
  ${poValidity}
  report "Awards made" to MSN-CPO every month
}
`,
  };
}

const REVOKED = 'revoked 2025-03-31 because wilful-breach transferred-to UNHQ';

describe(ID, () => {
  it('reports every instrument below a revoked one, at its name', async () => {
    expect(await findingsOf(ID, chain(REVOKED))).toEqual([
      'x.doa:9:16 SD-MSN-CPO is still listed as active, but DA-MSN-PROC above it was revoked on 2025-03-31; revocation cascades to every sub-delegation under it',
      'x.doa:18:16 SD-MSN-PO is still listed as active, but DA-MSN-PROC above it was revoked on 2025-03-31; revocation cascades to every sub-delegation under it',
    ]);
  });

  it('counts the revocation from its date, inclusive', async () => {
    const files = chain('revoked 2025-06-30 because ineffective-exercise');
    expect(await findingsOf(ID, files)).toHaveLength(2);
    expect(await findingsOf(ID, files, { asOf: '2025-06-29' })).toEqual([]);
  });

  it('names the instrument revoked earliest: a later revocation higher up does not hide one in effect lower down', async () => {
    const files = chain('revoked 2026-01-01 because lack-of-capacity transferred-to UNHQ', 'revoked 2025-01-01 because ineffective-exercise');
    expect(await findingsOf(ID, files)).toEqual([
      'x.doa:18:16 SD-MSN-PO is still listed as active, but SD-MSN-CPO above it was revoked on 2025-01-01; revocation cascades to every sub-delegation under it',
    ]);
  });

  it('reports an instrument whose own revocation is still to come', async () => {
    const files = chain(REVOKED, '', 'valid from 2024-01-01 to 2026-12-31\n  revoked 2025-12-31 because lack-of-capacity');
    expect(await findingsOf(ID, files)).toContain(
      'x.doa:18:16 SD-MSN-PO is still listed as active, but DA-MSN-PROC above it was revoked on 2025-03-31; revocation cascades to every sub-delegation under it',
    );
  });

  it('names the revoked instrument nearest the root', async () => {
    const files = chain(REVOKED, 'revoked 2025-05-15 because lack-of-capacity');
    expect(await findingsOf(ID, files)).toEqual([
      'x.doa:18:16 SD-MSN-PO is still listed as active, but DA-MSN-PROC above it was revoked on 2025-03-31; revocation cascades to every sub-delegation under it',
    ]);
  });

  it('reports below a revoked sub-delegation too', async () => {
    expect(await findingsOf(ID, chain('', 'revoked 2025-05-15 because lack-of-capacity'))).toEqual([
      'x.doa:18:16 SD-MSN-PO is still listed as active, but SD-MSN-CPO above it was revoked on 2025-05-15; revocation cascades to every sub-delegation under it',
    ]);
  });

  it('leaves instruments whose own window has ended to expired-instrument', async () => {
    // Ended before the revocation, and ended after it but before the check date.
    for (const end of ['2025-03-30', '2025-04-30']) {
      const findings = await checkFiles(chain(REVOKED, '', `valid from 2024-01-01 to ${end}`));
      expect(findings.filter((f) => f.ruleId === ID).map((f) => f.message)).toEqual([
        'SD-MSN-CPO is still listed as active, but DA-MSN-PROC above it was revoked on 2025-03-31; revocation cascades to every sub-delegation under it',
      ]);
      expect(findings.filter((f) => f.ruleId === 'expired-instrument').map((f) => f.message)).toEqual([
        `SD-MSN-PO expired on ${end}; it confers no authority on 2025-06-30`,
      ]);
    }
    // Still within its own window on the check date: reported.
    expect(await findingsOf(ID, chain(REVOKED, '', 'valid from 2024-01-01 to 2025-06-30'))).toHaveLength(2);
  });

  it('says nothing when nothing above is revoked, and nothing about the revoked instrument itself', async () => {
    expect(await findingsOf(ID, chain(''))).toEqual([]);
    const files = chain(REVOKED, 'revoked 2025-03-31 because wilful-breach');
    files['x.doa'] = files['x.doa']!.replace('valid from 2024-01-01 to 2026-12-31\n  report "Awards made" to MSN-CPO', 'valid from 2024-01-01 to 2026-12-31\n  revoked 2025-03-31 because wilful-breach\n  report "Awards made" to MSN-CPO');
    expect(await findingsOf(ID, files)).toEqual([]);
  });

  it('points to the revoked instrument and shows the chain', async () => {
    const f = (await checkFiles(chain(REVOKED))).find((x) => x.ruleId === ID && x.message.startsWith('SD-MSN-PO'))!;
    expect(f.messageId).toBe('cascade');
    expect(f.severity).toBe('error');
    expect(f.chain.map((c) => c.name)).toEqual(['SG', 'DA-MSN-PROC', 'SD-MSN-CPO', 'SD-MSN-PO']);
    expect(f.related.map((r) => `${r.range.start.line + 1}:${r.range.start.character + 1} ${r.message}`)).toEqual([
      '9:16 parent instrument SD-MSN-CPO',
      '1:12 DA-MSN-PROC revoked on 2025-03-31',
    ]);
  });
});
