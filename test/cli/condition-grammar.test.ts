// The CLI's bundle loads the grammar of `when` conditions (Chevrotain, a CommonJS bundle beside the
// CLI) only when a condition needs it: one written over several lines, or one with an error. Run as a
// real subprocess, such conditions give the findings the core gives in this process, where the
// grammar is imported as usual.
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { builtinRules } from '../../language/src/index.ts';
import { checkSync } from '../../language/src/check/check.ts';
import { findDoaFiles, workspaceOf } from '../../language/src/node/load-workspace.ts';
import { AS_OF, REPO, doa, tempDir, type JsonReport } from './helpers.ts';

/** The sample workspace with one condition of its rules written otherwise. */
function workspaceWith(condition: string): string {
  const dir = tempDir('doa-condition-');
  cpSync(join(REPO, 'samples', 'workspace'), dir, { recursive: true });
  const rules = join(dir, 'rules.doa');
  const text = readFileSync(rules, 'utf8');
  const written = 'when duties contains bank-signatory and grade < P-3';
  expect(text).toContain(written);
  writeFileSync(rules, text.replace(written, condition));
  return dir;
}

type Seen = Array<[string, string, string, number, number]>;

function seenByCli(dir: string): Seen {
  const r = doa(['check', '.', '--as-of', AS_OF, '--format', 'json'], { cwd: dir });
  const report = JSON.parse(r.stdout) as JsonReport;
  return report.findings.map((f) => [f.ruleId, f.message, new URL(f.uri).pathname.slice(dir.length + 1), f.range.start.line, f.range.start.character]);
}

async function seenInProcess(dir: string): Promise<Seen> {
  const files = await findDoaFiles([dir], dir);
  const run = checkSync(await workspaceOf(files), builtinRules, { asOf: AS_OF });
  const base = pathToFileURL(dir).pathname;
  return run.findings.map((f) => [f.ruleId, f.message, new URL(f.uri).pathname.slice(base.length + 1), f.range.start.line, f.range.start.character]);
}

describe('conditions the grammar parses, in the CLI', () => {
  it('a condition over two lines: the rule fires as in the core', async () => {
    const dir = workspaceWith('when duties contains bank-signatory\n    and grade < P-4');
    const cli = seenByCli(dir);
    expect(cli.map((f) => f[0])).toEqual(['bank-signatory-grade']);
    expect(cli).toEqual(await seenInProcess(dir));
  });

  it('a condition with an error: located, with the grammar\'s message, as in the core', async () => {
    const dir = workspaceWith('when duties contains bank-signatory\n    and grade < P-4 and');
    const cli = seenByCli(dir);
    expect(cli.filter((f) => f[0] === 'syntax-error')).toEqual([['syntax-error', "Expected a condition such as 'limit > USD 500,000' or 'area = procurement', but found 'severity'", 'rules.doa', 29, 2]]);
    expect(cli).toEqual(await seenInProcess(dir));
  });
});
