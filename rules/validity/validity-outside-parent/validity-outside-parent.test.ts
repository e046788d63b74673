import { describe, expect, it } from 'vitest';
import { BASE, checkFiles, findingsOf } from '../../../language/src/testing/index.ts';

const ID = 'validity-outside-parent';

function chain(parentValidity: string, childValidity: string): Record<string, string> {
  return {
    'base.doa': BASE,
    'x.doa': `delegation DA-MSN-PROC "Procurement" {
  to MSN-HOM
  authority procurement/award-contract limit USD 1,000,000
  ${parentValidity}
  may-sub-delegate
  report "Use of procurement authority" to UNHQ every quarter
}
sub-delegation SD-MSN-CPO "Chief Procurement Officer" {
  under DA-MSN-PROC
  to MSN-CPO
  authority procurement/award-contract limit USD 500,000
  ${childValidity}
  report "Awards made" to MSN-HOM every month
}
`,
  };
}

const PARENT = 'valid from 2024-01-01 to 2025-12-31';

describe(ID, () => {
  it('accepts a window equal to the parent’s, or inside it', async () => {
    expect(await findingsOf(ID, chain(PARENT, 'valid from 2024-01-01 to 2025-12-31'))).toEqual([]);
    expect(await findingsOf(ID, chain(PARENT, 'valid from 2024-07-01 to 2025-06-30'))).toEqual([]);
  });

  it('reports a child ending one day after its parent, at its validity', async () => {
    expect(await findingsOf(ID, chain(PARENT, 'valid from 2024-01-01 to 2026-01-01'))).toEqual([
      "x.doa:12:3 SD-MSN-CPO is valid 2024-01-01 to 2026-01-01, outside its parent DA-MSN-PROC's window 2024-01-01 to 2025-12-31",
    ]);
  });

  it('reports a child starting one day before its parent', async () => {
    expect(await findingsOf(ID, chain(PARENT, 'valid from 2023-12-31 to 2025-12-31'))).toEqual([
      "x.doa:12:3 SD-MSN-CPO is valid 2023-12-31 to 2025-12-31, outside its parent DA-MSN-PROC's window 2024-01-01 to 2025-12-31",
    ]);
  });

  it('reports an open-ended child under a parent that ends, not under an open-ended one', async () => {
    expect(await findingsOf(ID, chain(PARENT, 'valid from 2024-01-01'))).toEqual([
      "x.doa:12:3 SD-MSN-CPO is valid 2024-01-01 to open-ended, outside its parent DA-MSN-PROC's window 2024-01-01 to 2025-12-31",
    ]);
    expect(await findingsOf(ID, chain('valid from 2024-01-01', 'valid from 2024-01-01'))).toEqual([]);
    expect(await findingsOf(ID, chain('valid from 2024-01-01', 'valid from 2024-01-01 to 2030-12-31'))).toEqual([]);
  });

  it('leaves alone a child whose end date cannot be read: the error says so, the window is not open-ended', async () => {
    const files = chain(PARENT, 'valid from 2024-01-01 to 2024-02-30');
    expect(await findingsOf(ID, files)).toEqual([]);
    expect((await checkFiles(files)).map((f) => `${f.ruleId}: ${f.message}`)).toContain("invalid-statement: '2024-02-30' is not a calendar date");
  });

  it('offers a fix narrowing the window to the parent’s, which then checks clean', async () => {
    const files = chain(PARENT, 'valid from 2023-07-01');
    const f = (await checkFiles(files)).find((x) => x.ruleId === ID)!;
    expect(f.messageId).toBe('outside');
    expect(f.severity).toBe('error');
    expect(f.fix?.title).toBe('Align the validity with DA-MSN-PROC: valid from 2024-01-01 to 2025-12-31');
    expect(f.fix?.edits).toEqual([{ uri: 'memory:///x.doa', range: f.range, newText: 'valid from 2024-01-01 to 2025-12-31' }]);
    const text = files['x.doa']!;
    const edit = f.fix!.edits[0]!;
    const fixed = text.slice(0, edit.range.start.offset) + edit.newText + text.slice(edit.range.end.offset);
    expect(await checkFiles({ ...files, 'x.doa': fixed })).toEqual([]);
  });

  it('keeps the child’s own narrower end when aligning only its start', async () => {
    const f = (await checkFiles(chain(PARENT, 'valid from 2023-12-01 to 2024-06-30'))).find((x) => x.ruleId === ID)!;
    expect(f.fix?.edits[0]?.newText).toBe('valid from 2024-01-01 to 2024-06-30');
  });

  it('offers no fix when the windows do not overlap', async () => {
    const f = (await checkFiles(chain(PARENT, 'valid from 2026-01-01 to 2026-12-31'))).find((x) => x.ruleId === ID)!;
    expect(f.fix).toBeUndefined();
  });

  it('points to the parent and shows the chain', async () => {
    const f = (await checkFiles(chain(PARENT, 'valid from 2024-01-01 to 2026-12-31'))).find((x) => x.ruleId === ID)!;
    expect(f.related).toEqual([expect.objectContaining({ message: 'parent instrument DA-MSN-PROC' })]);
    expect(f.related[0]!.range.start.line).toBe(0);
    expect(f.chain.map((c) => c.name)).toEqual(['SG', 'DA-MSN-PROC', 'SD-MSN-CPO']);
  });
});
