import type { Finding } from '../../../language/src/index.ts';
import type { SuppressionRecord } from '../../../language/src/check/suppress.ts';
import type { FormatContext } from './context.ts';
import type { FindingCounts, Findings } from './findings.ts';

export type SuppressedFinding = Finding & { suppression: SuppressionRecord };
/**
 * A report format: the report's text in pieces, in order, to be written one after the other. A report
 * of a large audit is hundreds of MB: no format builds it as one string (`report-writer.ts`), and
 * none keeps the findings it reads (an audit's are read back from a file, `findings.ts`).
 */
export type Formatter = (findings: Findings, ctx: FormatContext) => Iterable<string>;

const ORDER = { info: 0, warning: 1, error: 2 } as const;
export function atLeast(severity: Finding['severity'], level: Finding['severity']): boolean {
  return ORDER[severity] >= ORDER[level];
}

/** A range from the start of a line to the start of the next: the line itself (an audited record). */
export function isWholeLine(range: Finding['range']): boolean {
  return range.start.character === 0 && range.end.character === 0 && range.end.line === range.start.line + 1;
}

export function position(f: Finding): { line: number; column: number; endLine: number; endColumn: number } {
  return { line: f.range.start.line + 1, column: f.range.start.character + 1, endLine: f.range.end.line + 1, endColumn: f.range.end.character + 1 };
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function summary(counts: FindingCounts): string {
  const { error, warning, info } = counts.bySeverity;
  return `${plural(counts.total, 'finding')} (${plural(error, 'error')}, ${plural(warning, 'warning')}, ${info} info)`;
}
