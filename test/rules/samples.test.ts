// Every rule sample (samples/rules/<rule-id>/, checked together with samples/rules/_shared/) gives
// exactly the findings recorded in its expected.json, and the shared organisation checks clean.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Workspace, check } from '../../language/src/index.ts';

const root = new URL('../../samples/rules/', import.meta.url).pathname;
const shared = join(root, '_shared');

function doaFiles(dir: string): Array<[string, string]> {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.doa'))
    .map((f) => [`memory:///${f}`, readFileSync(join(dir, f), 'utf8')]);
}

const sampleDirs = readdirSync(root, { withFileTypes: true })
  .filter((d) => d.isDirectory() && !d.name.startsWith('_'))
  .map((d) => d.name);

describe('rule samples', () => {
  it('the shared organisation checks clean', async () => {
    const findings = await check(new Workspace(doaFiles(shared)), { asOf: '2025-06-30' });
    expect(findings).toEqual([]);
  });

  it.each(sampleDirs)('%s gives exactly its recorded findings', async (name) => {
    const dir = join(root, name);
    const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as {
      asOf: string;
      findings: Array<{ ruleId: string; messageId: string; file: string; line: number; column: number; message: string }>;
    };
    const findings = await check(new Workspace([...doaFiles(shared), ...doaFiles(dir)]), { asOf: expected.asOf });
    const actual = findings.map((f) => ({
      ruleId: f.ruleId,
      messageId: f.messageId,
      file: f.uri.replace('memory:///', ''),
      line: f.range.start.line + 1,
      column: f.range.start.character + 1,
      message: f.message,
    }));
    expect(actual).toEqual(expected.findings);
    expect(actual.some((f) => f.ruleId === name), `the sample of ${name} triggers it`).toBe(true);
  });
});
