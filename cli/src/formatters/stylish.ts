// Human-readable output: one line per finding, `file:line:col  severity  message  rule`, followed by
// the chain of instruments and the legal basis, and a summary line.
import type { Finding } from '../../../language/src/index.ts';
import type { FormatContext } from './context.ts';

const ARROW = ' → ';

export function stylish(findings: readonly Finding[], ctx: FormatContext): string {
  const lines: string[] = [];
  for (const f of findings) {
    const where = `${ctx.displayPath(f.uri)}:${f.range.start.line + 1}:${f.range.start.character + 1}`;
    lines.push(`${where}  ${f.severity.padEnd(7)}  ${f.message}  ${f.ruleId}`);
    if (f.chain.length) lines.push(`    chain: ${f.chain.map((c) => (c.kind === 'root' ? (c.title ?? c.name) : c.name)).join(ARROW)}`);
    if (f.basis.length) lines.push(`    basis: ${f.basis.join('; ')}`);
  }
  const count = (s: string) => findings.filter((f) => f.severity === s).length;
  const total = findings.length;
  if (total) lines.push('');
  lines.push(
    total
      ? `${total} finding${total === 1 ? '' : 's'} (${count('error')} error${count('error') === 1 ? '' : 's'}, ${count('warning')} warning${count('warning') === 1 ? '' : 's'}, ${count('info')} info) in ${ctx.fileCount} file${ctx.fileCount === 1 ? '' : 's'}, as of ${ctx.asOf}`
      : `No findings in ${ctx.fileCount} file${ctx.fileCount === 1 ? '' : 's'}, as of ${ctx.asOf}`,
  );
  return lines.join('\n') + '\n';
}
