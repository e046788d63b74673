// Everything the core returns, for tools: findings (with chain, related locations, basis, fix data,
// explanation and message data), suppressed findings with their justification, and a summary.
// Printed in pieces (`pretty-json.ts`), a finding at a time, as JSON.stringify would print the whole.
import type { Finding } from '../../../language/src/index.ts';
import type { FormatContext } from './context.ts';
import { countsOf, type Findings } from './findings.ts';
import { prettyJson, StreamedArray, StreamedObject } from './pretty-json.ts';
import type { Formatter } from './types.ts';

export const json: Formatter = (findings, ctx) => jsonReport(findings, ctx);

/** The JSON report, with `trailing` members after the standard ones (the audit adds its summary). */
export function* jsonReport(findings: Findings, ctx: FormatContext, trailing: ReadonlyArray<readonly [string, unknown]> = []): Generator<string> {
  const { total, bySeverity } = countsOf(findings);
  const withFile = (list: Iterable<Finding>) => new StreamedArray(mapped(list, (f) => ({ ...f, file: ctx.displayPath(f.uri) })));
  const report = new StreamedObject([
    ['tool', { name: 'doa', version: ctx.toolVersion }],
    ['asOf', ctx.asOf],
    ['files', ctx.files.map((uri) => ctx.displayPath(uri))],
    ['summary', { findings: total, errors: bySeverity.error, warnings: bySeverity.warning, infos: bySeverity.info, suppressed: ctx.suppressed.length }],
    ['findings', withFile(findings)],
    ['suppressed', withFile(ctx.suppressed)],
    ...trailing,
  ]);
  yield* prettyJson(report);
  yield '\n';
}

/** Each item of `list` as `f` makes it, made when it is read: one finding's copy at a time. */
function* mapped<T, U>(list: Iterable<T>, f: (item: T) => U): Generator<U> {
  for (const item of list) yield f(item);
}
