// The step pairs of the audit's follow (`Auditor.stepPairs`): the facts the step-pair rules are tried
// on are one object filled in for each pair, so a subject a rule fires on must hold a copy of its
// own: with the findings explained, each keeps the facts of its own pair after later pairs.
import { describe, expect, it } from 'vitest';
import { auditFile } from '../../language/src/node/audit-file.ts';
import { auditRules } from '../../rules/index.ts';
import { csv, policy, transactionsFile } from './helpers.ts';

describe('audit step pairs', () => {
  it('keeps the facts of each pair a rule fired on, not those of the pair followed last', async () => {
    const path = transactionsFile(
      csv(
        'T-1,2025-05-10,requisition,fa,90000,USD,MSN,MSN/USD/Operating,,,',
        'T-1,2025-05-20,receive,fa,,,MSN,,savanna-supplies,,', // segregation: requisition + receive (line 3)
        'T-2,2025-05-11,requisition,fa,1000,USD,MSN,MSN/USD/Operating,,,',
        'T-2,2025-05-21,receive,fa,,,MSN,,acacia-catering,,', // segregation again (line 5)
        'T-2,2025-05-22,requisition,fa,1000,USD,MSN,MSN/USD/Operating,,,', // two pairs tried: with line 4 (none), line 5 (receive + requisition)
      ),
    );
    const run = await auditFile(policy(), auditRules, path, { uri: 'file:///t.csv', explain: true });
    const pairs = run.hits.filter((h) => h.finding.ruleId === 'audit-segregation-of-duties');
    expect(pairs.map((h) => h.finding.range.start.line + 1)).toEqual([3, 5, 6]);
    expect(pairs.map((h) => (h.subject!.facts as { stepPair: Record<string, unknown> }).stepPair)).toEqual([
      expect.objectContaining({ id: 'T-1', firstLine: 2, first: 'requisition', second: 'receive' }),
      expect.objectContaining({ id: 'T-2', firstLine: 4, first: 'requisition', second: 'receive' }),
      expect.objectContaining({ id: 'T-2', firstLine: 5, first: 'receive', second: 'requisition' }),
    ]);
    expect(new Set(pairs.map((h) => h.subject!.facts)).size).toBe(3);
  });
});
