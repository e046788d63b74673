// Helpers of the audit tests: a policy made of inline files on top of the shared organisation and
// the audit policy (samples/rules/_shared + samples/audit/_policy), transactions written to a
// temporary file, and the audit run exactly as `doa audit` runs it (`runAudit`: the records streamed
// by `readTransactions`, the as-of cut, the `Auditor` with the rules of `auditRules`).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { BASE } from '../../language/src/testing/index.ts';
import { Workspace, type Finding } from '../../language/src/index.ts';
import type { SeveritySetting } from '../../language/src/check/check.ts';
import type { ModelExtras } from '../../language/src/model/model.ts';
import type { AuditSummary } from '../../language/src/audit/auditor.ts';
import { runAudit } from '../../cli/src/audit.ts';

/** The audit policy of the rule documentation and tests (checks clean with BASE on 2025-06-30). */
export const AUDIT_POLICY = readFileSync(new URL('../../samples/audit/_policy/policy.doa', import.meta.url), 'utf8');

/** The standard header of the tests' CSV files. */
export const HEADER = 'id,date,step,actor,amount,currency,entity,account,vendor,review_ref,review_date';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** Writes a transactions file (name decides the format: `.csv`, `.jsonl`) in a fresh temporary folder. */
export function transactionsFile(text: string, name = 't.csv'): string {
  const dir = mkdtempSync(join(tmpdir(), 'doa-audit-'));
  dirs.push(dir);
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** The policy: BASE, the audit policy (unless `bare`) and the extra files; it must parse without errors. */
export function policy(extra: Record<string, string> = {}, options: { bare?: boolean } = {}): Workspace {
  const files: Record<string, string> = { 'base.doa': BASE, ...(options.bare ? {} : { 'audit.doa': AUDIT_POLICY }), ...extra };
  const ws = new Workspace(Object.entries(files).map(([name, text]) => [`memory:///${name}`, text]));
  const problems = ws.documents.flatMap((d) => d.problems.filter((p) => p.severity === 'error').map((p) => `${d.uri}: ${p.message}`));
  if (problems.length) throw new Error(`the test policy has errors:\n${problems.join('\n')}`);
  return ws;
}

export interface AuditOptions {
  /** Extra policy files (name → text). */
  extra?: Record<string, string>;
  /** Only BASE and `extra`, without the audit policy. */
  bare?: boolean;
  /** The transactions file name (its extension decides the format). */
  name?: string;
  asOf?: string;
  splitWindow?: number;
  rule?: Record<string, SeveritySetting>;
  /** What a configuration file adds to the policy (rates from a rates file, committee thresholds). */
  extras?: ModelExtras;
}

export interface AuditResult {
  findings: Finding[];
  summary: AuditSummary;
  /** Each finding as `rule@line: message`. */
  brief: string[];
}

/** Audits the transactions (the text of a file) against the policy, as `doa audit` does. */
export async function audit(transactions: string, options: AuditOptions = {}): Promise<AuditResult> {
  const path = transactionsFile(transactions, options.name);
  const ws = policy(options.extra, { bare: !!options.bare });
  if (options.extras) ws.configure(options.extras);
  const { findings, summary } = await runAudit(
    ws,
    {
      transactions: path,
      format: 'json',
      failLevel: 'error',
      ...(options.asOf ? { asOf: options.asOf } : {}),
      ...(options.splitWindow ? { splitWindow: options.splitWindow } : {}),
      ...(options.rule ? { rule: options.rule } : {}),
    },
    { stdout: () => {}, stderr: () => {}, cwd: tmpdir() },
  );
  return { findings, summary, brief: findings.map(brief) };
}

/** `rule@line: message`, the line 1-based in the transactions file. */
export function brief(f: Finding): string {
  return `${f.ruleId}@${f.range.start.line + 1}: ${f.message}`;
}

/** A finding's chain as `A → B → C` (the root by its title). */
export function chainText(f: Finding): string {
  return f.chain.map((c) => (c.kind === 'root' ? (c.title ?? c.name) : c.name)).join(' → ');
}

/** A CSV file: the standard header and the rows. */
export function csv(...rows: string[]): string {
  return [HEADER, ...rows].join('\n') + '\n';
}

/** Findings of one rule only. */
export function only(ruleId: string, r: AuditResult): string[] {
  return r.findings.filter((f) => f.ruleId === ruleId).map(brief);
}
