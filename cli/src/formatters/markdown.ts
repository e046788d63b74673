// Markdown for a pull-request comment: a summary, then a table of findings by severity, each with
// its place, rule, message, chain and basis.
import { countsOf, where } from './findings.ts';
import type { Formatter } from './types.ts';
import { position, summary } from './types.ts';

const SEVERITIES = ['error', 'warning', 'info'] as const;
const ICON = { error: '🔴 error', warning: '🟠 warning', info: '🔵 info' } as const;

function cell(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
}

export const markdown: Formatter = function* (findings, ctx) {
  const files = `${ctx.files.length} file${ctx.files.length === 1 ? '' : 's'}`;
  yield '## doa policy check\n\n';
  const counts = countsOf(findings);
  if (!counts.total) {
    yield `✅ No ${ctx.errorsOnly ? 'errors' : 'findings'} in ${files}, as of ${ctx.asOf}.\n`;
  } else {
    yield `**${summary(counts)}** in ${files}, as of ${ctx.asOf}.\n\n`;
    yield '| Severity | Location | Rule | Finding | Chain | Basis |\n| --- | --- | --- | --- | --- | --- |\n';
    // Errors first, then warnings, then infos, each in report order: one pass per severity found.
    for (const severity of SEVERITIES) {
      if (!counts.bySeverity[severity]) continue;
      for (const f of where(findings, (f) => f.severity === severity)) {
        const p = position(f);
        const rule = ctx.rules.get(f.ruleId);
        const ruleCell = rule?.helpUri && !rule.helpUri.startsWith('file:') ? `[\`${f.ruleId}\`](${rule.helpUri})` : `\`${f.ruleId}\``;
        yield `| ${ICON[f.severity]} | \`${cell(ctx.displayPath(f.uri))}:${p.line}:${p.column}\` | ${ruleCell} | ${cell(f.message)} | ${cell(f.chain.map((c) => (c.kind === 'root' ? (c.title ?? c.name) : c.name)).join(' → '))} | ${cell(f.basis.join('; '))} |\n`;
      }
    }
  }
  if (ctx.suppressed.length) {
    yield `\n<details><summary>${ctx.suppressed.length} suppressed finding${ctx.suppressed.length === 1 ? '' : 's'}</summary>\n\n`;
    for (const f of ctx.suppressed) {
      const p = position(f);
      yield `- \`${cell(ctx.displayPath(f.uri))}:${p.line}:${p.column}\` \`${f.ruleId}\`: ${cell(f.message)} — *${cell(f.suppression.justification)}*${f.suppression.until ? ` (until ${f.suppression.until})` : ''}\n`;
    }
    yield '\n</details>\n';
  }
};
