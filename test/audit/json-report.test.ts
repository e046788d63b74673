// The JSON report of `doa audit`: the summary is printed as the report's last member, exactly as
// parsing the report of `doa check`'s format, adding `audit` and printing it again would give.
import { describe, expect, it } from 'vitest';
import { jsonReport } from '../../cli/src/formatters/json.ts';
import { displayPathFrom, type FormatContext } from '../../cli/src/formatters/context.ts';
import type { AuditSummary } from '../../language/src/audit/auditor.ts';
import type { Finding } from '../../language/src/index.ts';

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

const ctx: FormatContext = {
  asOf: 'each step’s own date',
  files: ['file:///w/t.csv'],
  cwd: '/w',
  rules: new Map(),
  suppressed: [],
  failLevel: 'error',
  toolVersion: '0.0.0',
  displayPath: displayPathFrom('/w'),
};

const range = { start: { line: 1, character: 0, offset: 0 }, end: { line: 1, character: 4, offset: 4 } };
const finding = {
  ruleId: 'audit-no-delegation',
  messageId: 'none',
  severity: 'error',
  message: 'A "quoted"\nmessage',
  uri: 'file:///w/t.csv',
  range,
  related: [],
  chain: [{ name: 'SG', kind: 'root', title: 'Secretary-General' }],
  basis: ['§1'],
  subject: { family: 'transaction', id: 'T-1' },
  data: { empty: {}, list: [] },
} as unknown as Finding;

function reparsed(text: string, s: AuditSummary): string {
  const report = JSON.parse(text) as Record<string, unknown>;
  report['audit'] = s;
  return JSON.stringify(report, null, 2) + '\n';
}

describe('the JSON report with the audit summary', () => {
  it('gives the text of the report with the summary added as its last member', () => {
    const text = [...jsonReport([finding, finding], ctx)].join('');
    expect([...jsonReport([finding, finding], ctx, [['audit', summary]])].join('')).toBe(reparsed(text, summary));
  });

  it('does so for empty lists and an empty summary of rules', () => {
    const text = [...jsonReport([], ctx)].join('');
    const empty = { ...summary, findingsByRule: {}, findingsByEntity: {} };
    expect([...jsonReport([], ctx, [['audit', empty]])].join('')).toBe(reparsed(text, empty));
  });
});
