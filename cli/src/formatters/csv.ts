// CSV of findings for spreadsheets: one row per finding, with its place, rule, severity, message,
// chain and basis. Written with csv-stringify.
import { stringify } from 'csv-stringify/sync';
import type { Formatter } from './types.ts';
import { position } from './types.ts';

export const csv: Formatter = (findings, ctx) =>
  stringify(
    findings.map((f) => {
      const p = position(f);
      return {
        file: ctx.displayPath(f.uri),
        line: p.line,
        column: p.column,
        severity: f.severity,
        rule: f.ruleId,
        message: f.message,
        subject: f.subject.id,
        chain: f.chain.map((c) => (c.kind === 'root' ? (c.title ?? c.name) : c.name)).join(' > '),
        basis: f.basis.join('; '),
      };
    }),
    { header: true, columns: ['file', 'line', 'column', 'severity', 'rule', 'message', 'subject', 'chain', 'basis'] },
  );
