import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../language/src/index.ts';
import { BASE, checkFiles, findingsOf } from '../../../language/src/testing/index.ts';

const ID = 'missing-reporting-duty';

const HEAD = `delegation DA-MSN-PROC "Procurement" {
  to MSN-HOM
  authority procurement/award-contract limit USD 1,000,000
  valid from 2024-01-01 to 2026-12-31
  may-sub-delegate
  report "Use of procurement authority" to UNHQ every quarter
}
`;

function applyFix(text: string, f: Finding): string {
  const edits = [...f.fix!.edits].sort((a, b) => b.range.start.offset - a.range.start.offset);
  return edits.reduce((t, e) => t.slice(0, e.range.start.offset) + e.newText + t.slice(e.range.end.offset), text);
}

async function fixedCleanly(files: Record<string, string>, file: string): Promise<string> {
  const f = (await checkFiles(files)).find((x) => x.ruleId === ID)!;
  const fixed = applyFix(files[file]!, f);
  expect((await checkFiles({ ...files, [file]: fixed })).map((x) => `${x.ruleId}: ${x.message}`)).toEqual([]);
  return fixed;
}

describe(ID, () => {
  it('reports an instrument without a report, at its name', async () => {
    const files = { 'base.doa': BASE, 'x.doa': HEAD.replace('  report "Use of procurement authority" to UNHQ every quarter\n', '') };
    expect(await findingsOf(ID, files)).toEqual(['x.doa:1:12 DA-MSN-PROC states no reporting duty: say what is reported, to whom and how often']);
    const f = (await checkFiles(files)).find((x) => x.ruleId === ID)!;
    expect([f.messageId, f.severity]).toEqual(['missing', 'warning']);
  });

  it('is satisfied by one report', async () => {
    expect(await findingsOf(ID, { 'base.doa': BASE, 'x.doa': HEAD })).toEqual([]);
  });

  it('leaves a revoked instrument alone', async () => {
    const x = HEAD.replace('  report "Use of procurement authority" to UNHQ every quarter\n', '  revoked 2025-03-31 because lack-of-capacity\n');
    expect(await findingsOf(ID, { 'base.doa': BASE, 'x.doa': x })).toEqual([]);
  });

  it('reports an instrument whose revocation is recorded for a date after the check date', async () => {
    const x = HEAD.replace('  report "Use of procurement authority" to UNHQ every quarter\n', '  revoked 2026-01-01 because lack-of-capacity\n');
    expect(await findingsOf(ID, { 'base.doa': BASE, 'x.doa': x })).toHaveLength(1);
  });

  it('fixes a delegation by reporting to the Secretary-General, before the closing brace', async () => {
    const files = { 'base.doa': BASE, 'x.doa': HEAD.replace('  report "Use of procurement authority" to UNHQ every quarter\n', '') };
    const f = (await checkFiles(files)).find((x) => x.ruleId === ID)!;
    expect(f.fix?.title).toBe('Add a quarterly reporting duty');
    const brace = { line: 5, character: 0, offset: files['x.doa'].indexOf('}') };
    expect(f.fix?.edits).toEqual([
      {
        uri: 'memory:///x.doa',
        range: { start: brace, end: brace },
        newText: '  report "Use of delegated authority" to SG every quarter\n',
      },
    ]);
    expect(await fixedCleanly(files, 'x.doa')).toContain('  may-sub-delegate\n  report "Use of delegated authority" to SG every quarter\n}\n');
  });

  it('fixes a sub-delegation by reporting to the post of its delegator', async () => {
    const files = {
      'base.doa': BASE,
      'x.doa': `${HEAD}sub-delegation SD-MSN-CPO "Chief Procurement Officer" {
  under DA-MSN-PROC
  to MSN-CPO
  authority procurement/award-contract limit USD 500,000
  valid from 2024-01-01 to 2026-12-31
}
`,
    };
    expect(await findingsOf(ID, files)).toEqual(['x.doa:8:16 SD-MSN-CPO states no reporting duty: say what is reported, to whom and how often']);
    expect(await fixedCleanly(files, 'x.doa')).toContain('report "Use of delegated authority" to MSN-HOM every quarter');
  });

  it('reports to the post of a delegator named in person, never to the person', async () => {
    const files = {
      'base.doa': BASE,
      'x.doa': `${HEAD.replace('to MSN-HOM', 'to hom')}sub-delegation SD-MSN-CPO "Chief Procurement Officer" {
  under DA-MSN-PROC
  to MSN-CPO
  authority procurement/award-contract limit USD 500,000
  valid from 2024-01-01 to 2026-12-31
}
`,
    };
    expect(await fixedCleanly(files, 'x.doa')).toContain('report "Use of delegated authority" to MSN-HOM every quarter');
  });

  it('fixes an instrument written on one line with a `;` statement after its validity', async () => {
    const files = {
      'base.doa': BASE,
      'x.doa': `${HEAD}sub-delegation SD-MSN-PO { under DA-MSN-PROC; to MSN-PO; authority procurement/award-contract limit USD 40,000; valid from 2024-01-01 to 2026-12-31 }\n`,
    };
    expect(await findingsOf(ID, files)).toEqual(['x.doa:8:16 SD-MSN-PO states no reporting duty: say what is reported, to whom and how often']);
    expect(await fixedCleanly(files, 'x.doa')).toContain(
      'valid from 2024-01-01 to 2026-12-31; report "Use of delegated authority" to MSN-HOM every quarter }',
    );
  });
});
