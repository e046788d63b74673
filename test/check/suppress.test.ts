import { describe, expect, it } from 'vitest';
import { Workspace, checkSync } from '../../language/src/index.ts';
import { BASE, brief } from '../../language/src/testing/index.ts';

const instrument = (comment: string) => `
${comment}
delegation D "Procurement" {
  to MSN-HOM
  authority procurement/award-contract limit USD 1,000
  valid from 2024-01-01 to 2026-12-31
}
`;

function run(text: string, asOf = '2025-06-30') {
  const ws = new Workspace([
    ['memory:///base.doa', BASE],
    ['memory:///x.doa', text],
  ]);
  return checkSync(ws, { asOf });
}

describe('suppressions', () => {
  it('silence the next line, keeping the finding and its justification as an audit record', () => {
    const r = run(instrument('// doa-disable-next-line missing-reporting-duty -- reporting set by memo 2025/14'));
    expect(r.findings.map(brief)).toEqual([]);
    expect(r.suppressed).toHaveLength(1);
    expect(r.suppressed[0]!.ruleId).toBe('missing-reporting-duty');
    expect(r.suppressed[0]!.suppression).toMatchObject({ kind: 'next-line', justification: 'reporting set by memo 2025/14' });
  });

  it('silence the whole declaration that starts on the next line: its findings sit on the lines inside it', () => {
    const expired = `// doa-disable-next-line expired-instrument -- renewal in signature
delegation OLD "Old" {
  to MSN-HOM
  authority procurement/award-contract limit USD 1,000
  valid from 2023-01-01 to 2024-12-31
  report "Use" to UNHQ every quarter
}
delegation OLD2 "Old too" {
  to MSN-HOM
  authority procurement/award-contract limit USD 1,000
  valid from 2023-01-01 to 2024-12-31
  report "Use" to UNHQ every quarter
}
`;
    const r = run(expired);
    // The finding on OLD is at its 'to' date (line 5), inside the declaration the comment is above.
    expect(r.suppressed.map((f) => `${f.ruleId}@${f.range.start.line + 1}`)).toEqual(['expired-instrument@5']);
    expect(r.findings.map((f) => `${f.ruleId}@${f.range.start.line + 1}`).filter((b) => b.startsWith('expired'))).toEqual(['expired-instrument@11']);
  });

  it('only silence the line right after the comment', () => {
    const r = run(`// doa-disable-next-line missing-reporting-duty -- covered elsewhere\n${instrument('')}`);
    expect(r.findings.map((f) => f.ruleId).sort()).toEqual(['missing-reporting-duty', 'unused-suppression']);
  });

  it('report a suppression without a reason, and do not honour it', () => {
    const r = run(instrument('// doa-disable-next-line missing-reporting-duty'));
    expect(r.findings.map(brief)).toEqual([
      "x.doa:2:1 A suppression is an audit record: give the reason after '--', e.g. -- approved by the Controller, memo 2025/14",
      'x.doa:3:12 D states no reporting duty: say what is reported, to whom and how often',
    ]);
  });

  it('expire after their until date, when the finding returns', () => {
    const text = instrument('// doa-disable-next-line missing-reporting-duty until 2025-06-30 -- renewal in signature');
    expect(run(text, '2025-06-30').findings).toEqual([]);
    expect(run(text, '2025-07-01').findings.map((f) => f.ruleId)).toEqual(['missing-reporting-duty']);
  });

  it('cover a whole file with the file-level form', () => {
    const r = run(`// doa-disable missing-reporting-duty -- reporting is set by the framework\n${instrument('')}`);
    expect(r.findings).toEqual([]);
    expect(r.suppressed[0]!.suppression.kind).toBe('file');
  });

  it('report unknown rules, bad dates and unused suppressions', () => {
    expect(run(instrument('// doa-disable-next-line no-such-rule -- x')).findings.map((f) => f.message)).toContain("Unknown rule 'no-such-rule' in this suppression");
    // The checker's own findings are known rules, which no comment silences.
    expect(run(instrument('// doa-disable-next-line unused-suppression -- x')).findings.map((f) => f.message)).toContain(
      "'unused-suppression' cannot be silenced by a suppression: it reports on the suppressions themselves",
    );
    expect(run(instrument('// doa-disable-next-line missing-reporting-duty until soon -- x')).findings.map((f) => f.messageId)).toContain('badDate');
    const unused = run(`${instrument('')}\n// doa-disable expired-instrument -- nothing expires here`);
    expect(unused.findings.map((f) => `${f.ruleId}: ${f.message}`)).toContain('unused-suppression: This suppression of expired-instrument silences nothing: remove it');
  });
});
