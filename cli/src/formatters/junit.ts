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

export const junit: Formatter = (findings, ctx) => {
  const byFile = new Map<string, Finding[]>(ctx.files.map((uri) => [uri, []]));
  for (const f of findings) {
    if (!byFile.has(f.uri)) byFile.set(f.uri, []);
    byFile.get(f.uri)!.push(f);
  }
  const cases: string[] = [];
  let failures = 0;
  for (const [uri, list] of byFile) {
    const path = ctx.displayPath(uri);
    const failing = list.filter((f) => atLeast(f.severity, ctx.failLevel));
    const other = list.filter((f) => !atLeast(f.severity, ctx.failLevel));
    let body = '';
    if (failing.length) {
      failures++;
      const worst = failing.some((f) => f.severity === 'error') ? 'error' : failing.some((f) => f.severity === 'warning') ? 'warning' : 'info';
      body += `\n      <failure type="${worst}" message="${xml(`${plural(failing.length, 'finding')} at or above ${ctx.failLevel}`)}">${xml(failing.map((f) => line(f, path)).join('\n'))}</failure>`;
    }
    if (other.length) body += `\n      <system-out>${xml(other.map((f) => line(f, path)).join('\n'))}</system-out>`;
    cases.push(`    <testcase classname="doa" name="${xml(path)}" file="${xml(path)}">${body}${body ? '\n    ' : ''}</testcase>`);
  }
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="doa" tests="${cases.length}" failures="${failures}" errors="0">`,
    `  <testsuite name="doa check (as of ${xml(ctx.asOf)})" tests="${cases.length}" failures="${failures}" errors="0" skipped="0">`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
};
