// JUnit XML that CI servers accept: one <testcase> per file checked; a file with findings at or above
// the fail level has one <failure> listing them, one per line; other findings go to <system-out>.
// `tests` equals the number of <testcase> elements and `failures` the number of <failure> elements.
import type { Finding } from '../../../language/src/index.ts';
import { byFile, countsOf, where, type Findings, type SeverityCounts } from './findings.ts';
import type { Formatter } from './types.ts';
import { atLeast, plural, position } from './types.ts';

const SEVERITIES = ['error', 'warning', 'info'] as const;

/** XML text: escapes markup and drops characters XML 1.0 cannot hold. */
export function xml(s: string): string {
  return s
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function line(f: Finding, path: string): string {
  const p = position(f);
  return `${path}:${p.line}:${p.column} ${f.severity} ${f.message} (${f.ruleId})`;
}

/** The text of `list`'s findings, one per line, as XML text. A line's escaping does not reach into the next. */
function* lines(list: Findings, path: string): Generator<string> {
  let first = true;
  for (const f of list) {
    yield `${first ? '' : '\n'}${xml(line(f, path))}`;
    first = false;
  }
}

export const junit: Formatter = function* (findings, ctx) {
  // Every file checked, then any other file with findings; counted before the findings are read.
  const counts = countsOf(findings);
  const groups = byFile(findings);
  const files = [...new Set([...ctx.files, ...groups.keys()])];
  const fails = (f: Pick<Finding, 'severity'>) => atLeast(f.severity, ctx.failLevel);
  const failingIn = (n: SeverityCounts | undefined) => (n ? SEVERITIES.filter((s) => fails({ severity: s })).reduce((sum, s) => sum + n[s], 0) : 0);
  // The counts come first, in the root's attributes.
  const failures = files.filter((uri) => failingIn(counts.byFile.get(uri)) > 0).length;
  yield [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="doa" tests="${files.length}" failures="${failures}" errors="0">`,
    `  <testsuite name="doa check (as of ${xml(ctx.asOf)})" tests="${files.length}" failures="${failures}" errors="0" skipped="0">`,
    '',
  ].join('\n');
  for (const uri of files) {
    const path = ctx.displayPath(uri);
    const n = counts.byFile.get(uri);
    const list = groups.get(uri) ?? [];
    const failing = failingIn(n);
    const other = (n ? n.error + n.warning + n.info : 0) - failing;
    yield `    <testcase classname="doa" name="${xml(path)}" file="${xml(path)}">`;
    if (failing) {
      const worst = SEVERITIES.find((s) => n![s] && fails({ severity: s }))!;
      yield `\n      <failure type="${worst}" message="${xml(`${plural(failing, 'finding')} at or above ${ctx.failLevel}`)}">`;
      yield* lines(where(list, fails), path);
      yield '</failure>';
    }
    if (other) {
      yield '\n      <system-out>';
      yield* lines(where(list, (f) => !fails(f)), path);
      yield '</system-out>';
    }
    yield `${failing || other ? '\n    ' : ''}</testcase>\n`;
  }
  yield '  </testsuite>\n</testsuites>\n';
};
