// CSV of findings for spreadsheets: one row per finding, with its place, rule, severity, message,
// chain and basis. Written with csv-stringify, a batch of rows at a time (a row's text does not
// depend on the others, so the batches join to the text of the whole).
import { stringify } from 'csv-stringify/sync';
import type { Finding } from '../../../language/src/index.ts';
import type { FormatContext } from './context.ts';
import type { Formatter } from './types.ts';
import { position } from './types.ts';

const COLUMNS = ['file', 'line', 'column', 'severity', 'rule', 'message', 'subject', 'chain', 'basis'];
const ROWS_PER_PIECE = 1000;

/**
 * A text cell as a spreadsheet will take it as text. Messages begin with values of the audited
 * file (an actor, an id): one written `=HYPERLINK(…)` or `@SUM(…)` would be a formula in Excel,
 * LibreOffice or Google Sheets. A cell that starts with = + - @, a tab or a carriage return gets a
 * leading apostrophe, as OWASP's advice on CSV injection has it; every other cell is as it was.
 */
export function asSpreadsheetText(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function row(f: Finding, ctx: FormatContext): Record<string, string | number> {
  const p = position(f);
  return {
    file: asSpreadsheetText(ctx.displayPath(f.uri)),
    line: p.line,
    column: p.column,
    severity: f.severity,
    rule: f.ruleId,
    message: asSpreadsheetText(f.message),
    subject: asSpreadsheetText(f.subject.id),
    chain: asSpreadsheetText(f.chain.map((c) => (c.kind === 'root' ? (c.title ?? c.name) : c.name)).join(' > ')),
    basis: asSpreadsheetText(f.basis.join('; ')),
  };
}

export const csv: Formatter = function* (findings, ctx) {
  yield stringify([], { header: true, columns: COLUMNS });
  let rows: Array<Record<string, string | number>> = [];
  for (const f of findings) {
    rows.push(row(f, ctx));
    if (rows.length < ROWS_PER_PIECE) continue;
    yield stringify(rows, { header: false, columns: COLUMNS });
    rows = [];
  }
  if (rows.length) yield stringify(rows, { header: false, columns: COLUMNS });
};
