// The JSON report of `doa audit`: the summary is written into the formatter's text as the report's
// last member, exactly as parsing the report, adding `audit` and printing it again would give.
import { describe, expect, it } from 'vitest';
import { withAuditSummary } from '../../cli/src/audit.ts';
import type { AuditSummary } from '../../language/src/audit/auditor.ts';

const summary: AuditSummary = {
  read: 3,
  checked: 2,
  rejected: 1,
  findingsByRule: { 'audit-no-delegation': 2 },
  findingsByEntity: { 'E1 "north"\nline': 1, '(no entity)': 1 },
  stepsNeedingAuthority: 2,
  stepsProperlyAuthorised: 0,
  awardsNeedingReview: 0,
  awardsReviewedInTime: 0,
};

function reparsed(text: string, s: AuditSummary): string {
  const report = JSON.parse(text) as Record<string, unknown>;
  report['audit'] = s;
  return JSON.stringify(report, null, 2) + '\n';
}

describe('withAuditSummary', () => {
  it('gives the text of the report with the summary added as its last member', () => {
    const report = { tool: { name: 'doa' }, asOf: 'each step’s own date', findings: [{ ruleId: 'r', range: { start: { line: 1 } }, related: [] }], suppressed: [] };
    const text = JSON.stringify(report, null, 2) + '\n';
    expect(withAuditSummary(text, summary).join('')).toBe(reparsed(text, summary));
  });

  it('does so for empty lists and an empty summary of rules', () => {
    const text = JSON.stringify({ findings: [], suppressed: [] }, null, 2) + '\n';
    const empty = { ...summary, findingsByRule: {}, findingsByEntity: {} };
    expect(withAuditSummary(text, empty).join('')).toBe(reparsed(text, empty));
  });
});
