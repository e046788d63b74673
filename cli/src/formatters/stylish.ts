// Human-readable output: one line per finding, `file:line:col  severity  message  rule`, then the
// chain of instruments and the legal basis, and a summary line.
import { countsOf } from './findings.ts';
import type { Formatter } from './types.ts';
import { plural, position, summary } from './types.ts';

export const stylish: Formatter = function* (findings, ctx) {
  for (const f of findings) {
    const p = position(f);
    let text = `${ctx.displayPath(f.uri)}:${p.line}:${p.column}  ${f.severity.padEnd(7)}  ${f.message}  ${f.ruleId}\n`;
    if (f.chain.length) text += `    chain: ${f.chain.map((c) => (c.kind === 'root' ? (c.title ?? c.name) : c.name)).join(' → ')}\n`;
    if (f.basis.length) text += `    basis: ${f.basis.join('; ')}\n`;
    yield text;
  }
  const files = plural(ctx.files.length, 'file');
  const counts = countsOf(findings);
  if (counts.total) yield `\n${summary(counts)} in ${files}, as of ${ctx.asOf}\n`;
  else yield `No ${ctx.errorsOnly ? 'errors' : 'findings'} in ${files}, as of ${ctx.asOf}\n`;
  if (ctx.suppressed.length) yield `${plural(ctx.suppressed.length, 'finding')} suppressed with a recorded reason\n`;
};
