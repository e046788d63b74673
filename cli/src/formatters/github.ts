// GitHub Actions workflow commands: `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message`.
// The runner reads `col` (not `column`); data and property values are escaped as the runner expects.
import type { Formatter } from './types.ts';
import { isWholeLine, position } from './types.ts';

const COMMAND = { error: 'error', warning: 'warning', info: 'notice' } as const;

export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export const github: Formatter = function* (findings, ctx) {
  for (const f of findings) {
    const p = position(f);
    // A whole line (an audited record) is the line alone: the annotation then marks the line.
    const place = isWholeLine(f.range) ? [`line=${p.line}`] : [`line=${p.line}`, `col=${p.column}`, `endLine=${p.endLine}`, `endColumn=${p.endColumn}`];
    const props = [`file=${escapeProperty(ctx.displayPath(f.uri))}`, ...place, `title=${escapeProperty(`doa ${f.ruleId}`)}`].join(',');
    yield `::${COMMAND[f.severity]} ${props}::${escapeData(f.message)}\n`;
  }
};
