// JUnit XML that CI servers accept: one <testcase> per file checked; a file with findings at or above
// the fail level has one <failure> listing them, one per line; other findings go to <system-out>.
// `tests` equals the number of <testcase> elements and `failures` the number of <failure> elements.
import type { Finding } from '../../../language/src/index.ts';
import type { Formatter } from './types.ts';
import { atLeast, plural, position } from './types.ts';

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
function* lines(list: readonly Finding[], path: string): Generator<string> {
  for (let i = 0; i < list.length; i++) yield `${i ? '\n' : ''}${xml(line(list[i]!, path))}`;
}

export const junit: Formatter = function* (findings, ctx) {
  const byFile = new Map<string, Finding[]>(ctx.files.map((uri) => [uri, []]));
  for (const f of findings) {
    if (!byFile.has(f.uri)) byFile.set(f.uri, []);
    byFile.get(f.uri)!.push(f);
  }
  // The counts come first, in the root's attributes: a first pass finds them, a second writes the cases.
  const fails = (f: Finding) => atLeast(f.severity, ctx.failLevel);
  let failures = 0;
  for (const list of byFile.values()) if (list.some(fails)) failures++;
  yield [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="doa" tests="${byFile.size}" failures="${failures}" errors="0">`,
    `  <testsuite name="doa check (as of ${xml(ctx.asOf)})" tests="${byFile.size}" failures="${failures}" errors="0" skipped="0">`,
    '',
  ].join('\n');
  for (const [uri, list] of byFile) {
    const path = ctx.displayPath(uri);
    const failing = list.filter(fails);
    const other = list.filter((f) => !fails(f));
    yield `    <testcase classname="doa" name="${xml(path)}" file="${xml(path)}">`;
    if (failing.length) {
      const worst = failing.some((f) => f.severity === 'error') ? 'error' : failing.some((f) => f.severity === 'warning') ? 'warning' : 'info';
      yield `\n      <failure type="${worst}" message="${xml(`${plural(failing.length, 'finding')} at or above ${ctx.failLevel}`)}">`;
      yield* lines(failing, path);
      yield '</failure>';
    }
    if (other.length) {
      yield '\n      <system-out>';
      yield* lines(other, path);
      yield '</system-out>';
    }
    yield `${failing.length || other.length ? '\n    ' : ''}</testcase>\n`;
  }
  yield '  </testsuite>\n</testsuites>\n';
};
