// The texts of a step's facts (amountText, limitText …) are made only for steps a rule fires on,
// unless a condition reads them: a rule that tests a text must see it, and its answer must be the
// one it gives on the whole facts (language/src/audit/condition-paths.ts).
import { describe, expect, it } from 'vitest';
import { Auditor } from '../../language/src/audit/auditor.ts';
import { readsAny } from '../../language/src/audit/condition-paths.ts';
import { prepareRules } from '../../language/src/check/check.ts';
import { defineRule, fact } from '../../language/src/check/rule-module.ts';
import type { TransactionRecord } from '../../language/src/audit/record.ts';
import { auditRules } from '../../rules/index.ts';
import { policy } from './helpers.ts';

const byText = defineRule({
  meta: { id: 'test-amount-text', category: 'audit', defaultSeverity: 'warning', description: 'An amount written as USD 100.', family: 'transaction', messages: { m: '{amountText}' }, basis: [] },
  rules: [{ conditions: { all: [fact('transaction', '$.amountText', 'equal', 'USD 100')] }, event: { type: 'test-amount-text', params: { messageId: 'm', amountText: { fact: 'transaction', path: '$.amountText' } } } }],
});

const record = (amount: string, line: number): TransactionRecord => ({ line, id: `T-${line}`, date: '2025-05-10', step: 'certify', actor: 'dms', amount: { amount, currency: 'USD' }, entity: 'MSN', account: null, vendor: null, reviewRef: null, reviewDate: null });

describe('texts of the transaction facts', () => {
  it('are read by no condition of the built-in audit rules, so they are made only for findings', () => {
    const { rules } = prepareRules(policy().getModel(), auditRules);
    expect(readsAny(rules, 'transaction', ['$.amountText', '$.limitText', '$.review.thresholdText'])).toBe(false);
    expect(readsAny(rules, 'transaction', ['$.review'])).toBe(true);
    expect(readsAny(rules, 'vendorWindow', ['$.lines', '$.from'])).toBe(false);
  });

  it('are made before the predicates when a condition reads them', () => {
    const auditor = new Auditor(policy().getModel(), [byText], { uri: 'memory:///t.csv' });
    const fired = [record('100', 2), record('101', 3)].map((r) => auditor.check(r).map((h) => `${h.finding.ruleId}@${r.line}: ${h.finding.message}`));
    expect(fired).toEqual([['test-amount-text@2: USD 100'], []]);
  });
});
