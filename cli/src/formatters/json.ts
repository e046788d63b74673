// Everything the core returns, for tools: findings (with chain, related locations, basis, fix data,
// explanation and message data), suppressed findings with their justification, and a summary.
import type { Formatter } from './types.ts';

export const json: Formatter = (findings, ctx) => {
  const count = (s: string) => findings.filter((f) => f.severity === s).length;
  const report = {
    tool: { name: 'doa', version: ctx.toolVersion },
    asOf: ctx.asOf,
    files: ctx.files.map((uri) => ctx.displayPath(uri)),
    summary: { findings: findings.length, errors: count('error'), warnings: count('warning'), infos: count('info'), suppressed: ctx.suppressed.length },
    findings: findings.map((f) => ({ ...f, file: ctx.displayPath(f.uri) })),
    suppressed: ctx.suppressed.map((f) => ({ ...f, file: ctx.displayPath(f.uri) })),
  };
  return JSON.stringify(report, null, 2) + '\n';
};
