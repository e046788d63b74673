// docs/ci.md stays true: its configuration example is a valid configuration, and every doa command
// in its CI examples runs (no usage error) and writes the report it promises.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AS_OF, MULTI, REPO, copySamples, doa, junitProblems, sarifSchemaProblems, tempDir, writeFiles } from './helpers.ts';

const doc = readFileSync(join(REPO, 'docs', 'ci.md'), 'utf8');
const blocks = (lang: string) => [...doc.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1]!);

describe('docs/ci.md', () => {
  it('has a configuration example that doa accepts, with its rates file', () => {
    const [json] = blocks('json');
    const [csv] = blocks('csv');
    expect(json).toBeDefined();
    expect(csv).toBeDefined();
    const dir = tempDir();
    copySamples(join(dir, 'policies'), MULTI);
    writeFiles(dir, { 'doa.config.json': json!, 'config/rates.csv': csv! });
    const r = doa(['check', '--format', 'json'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect([0, 1]).toContain(r.code);
    const report = JSON.parse(r.stdout) as { asOf: string; files: string[]; findings: Array<{ ruleId: string; severity: string }> };
    expect(report.asOf).toBe(AS_OF);
    expect(report.files.length).toBe(4);
    expect(report.findings.some((f) => f.ruleId === 'not-yet-in-force')).toBe(false);
    expect(report.findings.filter((f) => f.ruleId === 'missing-reporting-duty').map((f) => f.severity)).toEqual(['error', 'error']);
  });

  it('gives CI commands that run and write their reports', () => {
    const ci = [...blocks('yaml'), ...blocks('groovy')].join('\n');
    const commands = [...new Set([...ci.matchAll(/node bin\/doa\.js (check [^\n|']*?)\s*(?:\|\||'|\n)/g)].map((m) => m[1]!.trim()))];
    expect(commands).toEqual(
      expect.arrayContaining([
        'check --format sarif --output doa.sarif',
        'check --format github',
        'check --format junit --output doa-junit.xml',
        'check --format markdown --output doa.md',
      ]),
    );
    for (const command of commands) {
      const dir = tempDir();
      copySamples(dir, MULTI);
      const args = command.split(/\s+/);
      const r = doa([...args, '--as-of', AS_OF], { cwd: dir });
      expect(r.code, `${command}: ${r.stderr}`).toBe(1);
      const out = args[args.indexOf('--output') + 1];
      if (!args.includes('--output')) continue;
      expect(existsSync(join(dir, out!)), command).toBe(true);
      const text = readFileSync(join(dir, out!), 'utf8');
      if (out!.endsWith('.sarif')) expect(sarifSchemaProblems(text)).toEqual([]);
      if (out!.endsWith('.xml')) expect(junitProblems(text)).toEqual([]);
    }
  });
});
