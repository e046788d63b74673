import { describe, expect, it } from 'vitest';
import { BASE, checkFiles, findingsOf } from '../../../language/src/testing/index.ts';

const ID = 'duplicate-delegation';

const HEAD = `delegation DA-MSN-PROC "Procurement" {
  to MSN-HOM
  authority procurement/award-contract limit USD 1,000,000
  authority procurement/approve-requisition limit USD 250,000
  valid from 2024-01-01 to 2026-12-31
  may-sub-delegate
  report "Use of procurement authority" to UNHQ every quarter
}
`;

function sub(name: string, body: string, under = 'DA-MSN-PROC', to = 'MSN-CPO', authority = 'procurement/award-contract'): string {
  return `sub-delegation ${name} {
  under ${under}
  to ${to}
  authority ${authority} limit USD 250,000
  ${body}
  report "Awards made" to MSN-HOM every month
}
`;
}

function files(...subs: string[]): Record<string, string> {
  return { 'base.doa': BASE, 'x.doa': HEAD + subs.join('') };
}

const MESSAGE = 'duplicates SD-MSN-CPO-2024: both grant MSN-CPO the same authority under the same parent, for overlapping periods';

describe(ID, () => {
  it('reports the later of two overlapping instruments, at its name', async () => {
    expect(await findingsOf(ID, files(sub('SD-MSN-CPO-2024', 'valid from 2024-01-01 to 2026-12-31'), sub('SD-MSN-CPO-2025', 'valid from 2025-01-01 to 2026-12-31')))).toEqual([
      `x.doa:16:16 SD-MSN-CPO-2025 ${MESSAGE}`,
    ]);
  });

  it('compares days inclusively: touching on one day overlaps, consecutive periods do not', async () => {
    expect(await findingsOf(ID, files(sub('SD-MSN-CPO-2024', 'valid from 2024-01-01 to 2025-01-01'), sub('SD-MSN-CPO-2025', 'valid from 2025-01-01 to 2026-12-31')))).toHaveLength(1);
    expect(await findingsOf(ID, files(sub('SD-MSN-CPO-2024', 'valid from 2024-01-01 to 2024-12-31'), sub('SD-MSN-CPO-2025', 'valid from 2025-01-01 to 2026-12-31')))).toEqual([]);
  });

  it('ends a revoked instrument the day before its revocation', async () => {
    const replaced = (revoked: string) =>
      files(sub('SD-MSN-CPO-2024', `valid from 2024-01-01 to 2026-12-31\n  revoked ${revoked} because ineffective-exercise`), sub('SD-MSN-CPO-2025', 'valid from 2025-01-01 to 2026-12-31'));
    expect(await findingsOf(ID, replaced('2025-01-01'))).toEqual([]);
    expect(await findingsOf(ID, replaced('2025-01-02'))).toEqual([`x.doa:17:16 SD-MSN-CPO-2025 ${MESSAGE}`]);
  });

  it('uses the earlier of the end date and the revocation', async () => {
    const f = files(sub('SD-MSN-CPO-2024', 'valid from 2024-01-01 to 2024-12-31\n  revoked 2025-06-01 because ineffective-exercise'), sub('SD-MSN-CPO-2025', 'valid from 2025-01-01 to 2026-12-31'));
    expect(await findingsOf(ID, f)).toEqual([]);
  });

  it('needs the same parent, the same delegate and the same authority', async () => {
    const first = sub('SD-MSN-CPO-2024', 'valid from 2024-01-01 to 2026-12-31');
    expect(await findingsOf(ID, files(first, sub('SD-MSN-PO', 'valid from 2025-01-01 to 2026-12-31', 'DA-MSN-PROC', 'MSN-PO')))).toEqual([]);
    expect(await findingsOf(ID, files(first, sub('SD-MSN-REQ', 'valid from 2025-01-01 to 2026-12-31', 'DA-MSN-PROC', 'MSN-CPO', 'procurement/approve-requisition')))).toEqual([]);
    // The person holding the post is a different delegate as written.
    expect(await findingsOf(ID, files(first, sub('SD-CPO-PERSONAL', 'valid from 2025-01-01 to 2026-12-31', 'DA-MSN-PROC', 'cpo')))).toEqual([]);
    // Under another parent: a chain through the Director of Mission Support.
    const viaDms = sub('SD-MSN-DMS', 'valid from 2024-01-01 to 2026-12-31\n  may-sub-delegate', 'DA-MSN-PROC', 'MSN-DMS');
    expect(await findingsOf(ID, files(first, viaDms, sub('SD-MSN-CPO-2025', 'valid from 2025-01-01 to 2026-12-31', 'SD-MSN-DMS')))).toEqual([]);
  });

  it('reports two delegations from the Secretary-General to the same head', async () => {
    const second = HEAD.replace('DA-MSN-PROC "Procurement"', 'DA-MSN-PROC-2025 "Procurement, renewed"').replace('valid from 2024-01-01', 'valid from 2025-01-01');
    expect(await findingsOf(ID, { 'base.doa': BASE, 'x.doa': HEAD, 'y.doa': second })).toEqual([
      'y.doa:1:12 DA-MSN-PROC-2025 duplicates DA-MSN-PROC: both grant MSN-HOM the same authority under the same parent, for overlapping periods',
    ]);
  });

  it('reports every later copy against the first, which it shows as related', async () => {
    const findings = (
      await checkFiles(
        files(
          sub('SD-MSN-CPO-2024', 'valid from 2024-01-01 to 2026-12-31'),
          sub('SD-MSN-CPO-2025', 'valid from 2025-01-01 to 2026-12-31'),
          sub('SD-MSN-CPO-OIC', 'valid from 2025-03-01 to 2025-03-31'),
        ),
      )
    ).filter((f) => f.ruleId === ID);
    expect(findings.map((f) => f.message)).toEqual([`SD-MSN-CPO-2025 ${MESSAGE}`, `SD-MSN-CPO-OIC ${MESSAGE}`]);
    const f = findings[0]!;
    expect([f.messageId, f.severity]).toEqual(['duplicate', 'warning']);
    expect(f.related.map((r) => `${r.range.start.line + 1}:${r.range.start.character + 1} ${r.message}`)).toEqual([
      '1:12 parent instrument DA-MSN-PROC',
      '9:16 first granted by SD-MSN-CPO-2024',
    ]);
  });
});
