import { describe, expect, it } from 'vitest';
import { BASE, checkFiles, findingsOf } from '../../../language/src/testing/index.ts';

const ID = 'not-yet-in-force';

function delegation(validity: string, extra = ''): Record<string, string> {
  return {
    'base.doa': BASE,
    'x.doa': `delegation DA-MSN-PROC "Procurement" {
  to MSN-HOM
  authority procurement/award-contract limit USD 1,000,000
  ${validity}
  requires proc-fundamentals
  report "Use of procurement authority" to UNHQ every quarter
  ${extra}
}
`,
  };
}

describe(ID, () => {
  it('reports an instrument starting tomorrow, at its start date', async () => {
    expect(await findingsOf(ID, delegation('valid from 2025-07-01 to 2027-06-30'))).toEqual([
      'x.doa:4:14 DA-MSN-PROC is not yet in force: it takes effect on 2025-07-01',
    ]);
  });

  it('counts the start date as in force', async () => {
    expect(await findingsOf(ID, delegation('valid from 2025-06-30 to 2027-06-30'))).toEqual([]);
    expect(await findingsOf(ID, delegation('valid from 2025-07-01 to 2027-06-30'), { asOf: '2025-07-01' })).toEqual([]);
  });

  it('leaves a revoked instrument alone', async () => {
    expect(await findingsOf(ID, delegation('valid from 2025-09-01', 'revoked 2025-06-15 because lack-of-capacity'))).toEqual([]);
  });

  it('is information, and nobody exercises the instrument yet', async () => {
    const findings = await checkFiles(delegation('valid from 2025-09-01'));
    const f = findings.find((x) => x.ruleId === ID)!;
    expect(f.messageId).toBe('future');
    expect(f.severity).toBe('info');
    expect(f.chain.map((c) => c.name)).toEqual(['SG', 'DA-MSN-PROC']);
    // The head of mission lacks the required course, but does not exercise the instrument yet.
    expect(findings.filter((x) => x.ruleId === 'prerequisite-not-met')).toEqual([]);
    expect((await checkFiles(delegation('valid from 2025-06-30'))).map((x) => x.ruleId)).toContain('prerequisite-not-met');
  });

  it('reports a future sub-delegation under a parent in force', async () => {
    const files = delegation('valid from 2024-01-01 to 2026-12-31', 'may-sub-delegate');
    files['y.doa'] = `sub-delegation SD-MSN-CPO "Incoming Chief Procurement Officer" {
  under DA-MSN-PROC
  to MSN-CPO
  authority procurement/award-contract limit USD 500,000
  valid from 2025-08-01 to 2026-12-31
  report "Awards made" to MSN-HOM every month
}
`;
    expect(await findingsOf(ID, files)).toEqual(['y.doa:5:14 SD-MSN-CPO is not yet in force: it takes effect on 2025-08-01']);
  });
});
