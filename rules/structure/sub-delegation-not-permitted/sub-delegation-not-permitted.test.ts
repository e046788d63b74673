import { describe, expect, it } from 'vitest';
import { BASE, checkFiles, findingsOf } from '../../../language/src/testing/index.ts';

const ID = 'sub-delegation-not-permitted';

/** The head of mission's finance delegation and a sub-delegation to the Director of Mission Support. */
function chain(parentExtra: string, childGrants = 'authority finance/certify'): Record<string, string> {
  return {
    'base.doa': BASE,
    'x.doa': `delegation DA-MSN-FIN "Budget and finance" {
  to MSN-HOM
  authority finance/certify
  valid from 2024-01-01 to 2026-12-31
  ${parentExtra}
  report "Use of certifying authority" to UNHQ every quarter
}
sub-delegation SD-MSN-DMS "Director of Mission Support" {
  under DA-MSN-FIN
  to MSN-DMS
  ${childGrants}
  valid from 2024-01-01 to 2026-12-31
  report "Expenditure certified" to MSN-HOM every month
}
`,
  };
}

describe(ID, () => {
  it('reports a sub-delegation under a parent without may-sub-delegate, at its under reference', async () => {
    expect(await findingsOf(ID, chain(''))).toEqual([
      'x.doa:9:9 DA-MSN-FIN does not allow further sub-delegation, yet SD-MSN-DMS sub-delegates from it',
    ]);
  });

  it('accepts a sub-delegation the parent allows', async () => {
    expect(await findingsOf(ID, chain('may-sub-delegate'))).toEqual([]);
    expect(await findingsOf(ID, chain('may-sub-delegate grades D-1 and above'))).toEqual([]);
  });

  it('reports an authority the parent does not grant, at that authority', async () => {
    const files = chain('may-sub-delegate', 'authority finance/certify\n  authority finance/approve');
    expect(await findingsOf(ID, files)).toEqual(['x.doa:12:13 SD-MSN-DMS sub-delegates finance/approve, which its parent DA-MSN-FIN does not grant']);
    const f = (await checkFiles(files)).find((x) => x.ruleId === ID)!;
    expect(f.messageId).toBe('notHeld');
    expect(f.severity).toBe('error');
    expect(f.chain.map((c) => c.name)).toEqual(['SG', 'DA-MSN-FIN', 'SD-MSN-DMS']);
  });

  it('gives both findings when neither holds, each with its own message id', async () => {
    const findings = (await checkFiles(chain('', 'authority finance/approve'))).filter((f) => f.ruleId === ID);
    expect(findings.map((f) => f.messageId)).toEqual(['notAllowed', 'notHeld']);
    expect(findings[0]!.related).toEqual([expect.objectContaining({ message: 'parent instrument DA-MSN-FIN' })]);
  });

  it('leaves an unknown authority to unknown-reference', async () => {
    const findings = await checkFiles(chain('may-sub-delegate', 'authority finance/certfy'));
    expect(findings.filter((f) => f.ruleId === ID)).toEqual([]);
    expect(findings.map((f) => f.ruleId)).toContain('unknown-reference');
  });

  it('looks at the direct parent only: a grandparent that allows it does not help', async () => {
    const files = chain('may-sub-delegate');
    files['y.doa'] = `sub-delegation SD-MSN-FA "Finance Assistant" {
  under SD-MSN-DMS
  to MSN-FA
  authority finance/certify
  valid from 2024-01-01 to 2026-12-31
  report "Expenditure certified" to MSN-DMS every month
}
`;
    expect(await findingsOf(ID, files)).toEqual(['y.doa:2:9 SD-MSN-DMS does not allow further sub-delegation, yet SD-MSN-FA sub-delegates from it']);
  });

  it('says nothing about a delegation from the Secretary-General', async () => {
    expect(await findingsOf(ID, { 'base.doa': BASE, 'x.doa': chain('')['x.doa']!.split('sub-delegation')[0]! })).toEqual([]);
  });
});
