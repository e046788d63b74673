// Markdown for a pull-request comment: a summary, then a table of findings by severity, each with
// its place, rule, message, chain and basis.
import type { Formatter } from './types.ts';
import { position, summary } from './types.ts';

const ICON = { error: '🔴 error', warning: '🟠 warning', info: '🔵 info' } as const;

function cell(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
}

export const markdown: Formatter = (findings, ctx) => {
  const out: string[] = ['## doa policy check', ''];
  if (!findings.length) {
    out.push(`✅ No findings in ${ctx.files.length} file${ctx.files.length === 1 ? '' : 's'}, as of ${ctx.asOf}.`);
  } else {
    out.push(`**${summary(findings)}** in ${ctx.files.length} file${ctx.files.length === 1 ? '' : 's'}, as of ${ctx.asOf}.`, '');
    out.push('| Severity | Location | Rule | Finding | Chain | Basis |', '| --- | --- | --- | --- | --- | --- |');
    const ordered = [...findings].sort((a, b) => ['error', 'warning', 'info'].indexOf(a.severity) - ['error', 'warning', 'info'].indexOf(b.severity));
    for (const f of ordered) {
      const p = position(f);
      const rule = ctx.rules.get(f.ruleId);
      const ruleCell = rule?.helpUri && !rule.helpUri.startsWith('file:') ? `[\`${f.ruleId}\`](${rule.helpUri})` : `\`${f.ruleId}\``;
      out.push(
        `| ${ICON[f.severity]} | \`${cell(ctx.displayPath(f.uri))}:${p.line}:${p.column}\` | ${ruleCell} | ${cell(f.message)} | ${cell(f.chain.map((c) => (c.kind === 'root' ? (c.title ?? c.name) : c.name)).join(' → '))} | ${cell(f.basis.join('; '))} |`,
      );
    }
  }
  if (ctx.suppressed.length) {
    out.push('', `<details><summary>${ctx.suppressed.length} suppressed finding${ctx.suppressed.length === 1 ? '' : 's'}</summary>`, '');
    for (const f of ctx.suppressed) {
      const p = position(f);
      out.push(`- \`${cell(ctx.displayPath(f.uri))}:${p.line}:${p.column}\` \`${f.ruleId}\`: ${cell(f.message)} — *${cell(f.suppression.justification)}*${f.suppression.until ? ` (until ${f.suppression.until})` : ''}`);
    }
    out.push('', '</details>');
  }
  return out.join('\n') + '\n';
};
