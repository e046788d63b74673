// Human-readable output: one line per finding, `file:line:col  severity  message  rule`, then the
// chain of instruments and the legal basis, and a summary line.
import type { Formatter } from './types.ts';
import { plural, position, summary } from './types.ts';

export const stylish: Formatter = (findings, ctx) => {
  const lines: string[] = [];
  for (const f of findings) {
    const p = position(f);
    lines.push(`${ctx.displayPath(f.uri)}:${p.line}:${p.column}  ${f.severity.padEnd(7)}  ${f.message}  ${f.ruleId}`);
    if (f.chain.length) lines.push(`    chain: ${f.chain.map((c) => (c.kind === 'root' ? (c.title ?? c.name) : c.name)).join(' → ')}`);
    if (f.basis.length) lines.push(`    basis: ${f.basis.join('; ')}`);
  }
  const files = plural(ctx.files.length, 'file');
  if (findings.length) lines.push('', `${summary(findings)} in ${files}, as of ${ctx.asOf}`);
  else lines.push(`No findings in ${files}, as of ${ctx.asOf}`);
  if (ctx.suppressed.length) lines.push(`${plural(ctx.suppressed.length, 'finding')} suppressed with a recorded reason`);
  return lines.join('\n') + '\n';
};
