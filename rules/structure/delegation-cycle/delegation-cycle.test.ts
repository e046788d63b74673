import { describe, expect, it } from 'vitest';
import { BASE, checkFiles, findingsOf } from '../../../language/src/testing/index.ts';

const ID = 'delegation-cycle';

const HEAD = `delegation DA-MSN-PROC "Procurement" {
  to MSN-HOM
  authority procurement/award-contract limit USD 1,000,000
  valid from 2024-01-01 to 2026-12-31
  may-sub-delegate
  report "Use of procurement authority" to UNHQ every quarter
}
`;

function sub(name: string, under: string, to: string): string {
  return `sub-delegation ${name} {
  under ${under}
  to ${to}
  authority procurement/award-contract limit USD 500,000
  valid from 2024-01-01 to 2026-12-31
  may-sub-delegate
  report "Awards made" to MSN-HOM every month
}
`;
}

function files(...subs: string[]): Record<string, string> {
  return { 'base.doa': BASE, 'x.doa': HEAD + subs.join('') };
}

const CYCLE = 'is part of a delegation cycle: its chain of parents loops back to itself';

describe(ID, () => {
  it('reports every instrument on a loop, at its under reference', async () => {
    expect(await findingsOf(ID, files(sub('SD-MSN-DMS', 'SD-MSN-CPO', 'MSN-DMS'), sub('SD-MSN-CPO', 'SD-MSN-DMS', 'MSN-CPO')))).toEqual([
      `x.doa:9:9 SD-MSN-DMS ${CYCLE}`,
      `x.doa:17:9 SD-MSN-CPO ${CYCLE}`,
    ]);
  });

  it('reports an instrument under itself', async () => {
    expect(await findingsOf(ID, files(sub('SD-MSN-CPO', 'SD-MSN-CPO', 'MSN-CPO')))).toEqual([`x.doa:9:9 SD-MSN-CPO ${CYCLE}`]);
  });

  it('does not call an instrument hanging below a loop part of it', async () => {
    const findings = await findingsOf(ID, files(sub('SD-MSN-DMS', 'SD-MSN-CPO', 'MSN-DMS'), sub('SD-MSN-CPO', 'SD-MSN-DMS', 'MSN-CPO'), sub('SD-MSN-PO', 'SD-MSN-CPO', 'MSN-PO')));
    expect(findings).toEqual([`x.doa:9:9 SD-MSN-DMS ${CYCLE}`, `x.doa:17:9 SD-MSN-CPO ${CYCLE}`]);
  });

  it('accepts a chain that reaches the root', async () => {
    expect(await findingsOf(ID, files(sub('SD-MSN-DMS', 'DA-MSN-PROC', 'MSN-DMS'), sub('SD-MSN-CPO', 'SD-MSN-DMS', 'MSN-CPO')))).toEqual([]);
  });

  it('reports a sub-delegation to the delegator’s own post, at the delegate', async () => {
    expect(await findingsOf(ID, files(sub('SD-MSN-HOM', 'DA-MSN-PROC', 'MSN-HOM')))).toEqual([
      'x.doa:10:6 SD-MSN-HOM delegates to MSN-HOM, who already holds the authority as its delegator',
    ]);
  });

  it('reports a sub-delegation naming the person who holds the delegator’s post, and the reverse', async () => {
    expect(await findingsOf(ID, files(sub('SD-MSN-HOM', 'DA-MSN-PROC', 'hom')))).toEqual([
      'x.doa:10:6 SD-MSN-HOM delegates to hom, who already holds the authority as its delegator',
    ]);
    const personal = files(sub('SD-MSN-HOM', 'DA-MSN-PROC', 'hom'), sub('SD-BACK', 'SD-MSN-HOM', 'MSN-HOM'));
    expect(await findingsOf(ID, personal)).toContain('x.doa:18:6 SD-BACK delegates to MSN-HOM, who already holds the authority as its delegator');
  });

  it('reports a delegation to the root itself', async () => {
    const f = { 'base.doa': BASE, 'x.doa': HEAD.replace('to MSN-HOM', 'to SG') };
    expect(await findingsOf(ID, f)).toEqual(['x.doa:2:6 DA-MSN-PROC delegates to SG, who already holds the authority as its delegator']);
  });

  it('does not treat one person acting in two posts as a cycle between the posts', async () => {
    const f = files(sub('SD-MSN-DMS', 'DA-MSN-PROC', 'MSN-DMS'));
    f['acting.doa'] = 'person oic "Samuel Okafor" { holds MSN-DMS from 2024-01-01; holds MSN-HOM from 2025-06-01 to 2025-06-30 }\n';
    expect(await findingsOf(ID, f)).toEqual([]);
  });

  it('gives each finding its message id and severity, with the chain', async () => {
    const cycle = (await checkFiles(files(sub('SD-MSN-CPO', 'SD-MSN-CPO', 'MSN-CPO')))).find((x) => x.ruleId === ID)!;
    expect([cycle.messageId, cycle.severity]).toEqual(['cycle', 'error']);
    expect(cycle.chain.map((c) => c.name)).toEqual(['SD-MSN-CPO']);
    const self = (await checkFiles(files(sub('SD-MSN-HOM', 'DA-MSN-PROC', 'MSN-HOM')))).find((x) => x.ruleId === ID)!;
    expect([self.messageId, self.severity]).toEqual(['self', 'error']);
    expect(self.chain.map((c) => c.name)).toEqual(['SG', 'DA-MSN-PROC', 'SD-MSN-HOM']);
  });
});
