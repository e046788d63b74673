// Parity: for every rule sample (samples/rules/<name>/ with samples/rules/_shared/), the findings of
// `doa check --format json` are the findings of the core's check() on the same files and date,
// finding for finding — the CLI adds nothing and loses nothing.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Workspace, check } from '../../language/src/index.ts';
import { SAMPLES, copySamples, doa, tempDir, type JsonReport } from './helpers.ts';
import { doaFilesUnder } from '../../language/src/testing/index.ts';

const sampleDirs = readdirSync(SAMPLES, { withFileTypes: true })
  .filter((d) => d.isDirectory() && !d.name.startsWith('_'))
  .map((d) => d.name)
  .sort();

const brief = (f: { ruleId: string; severity: string; message: string; range: { start: { line: number; character: number } } }, file: string) => ({
  ruleId: f.ruleId,
  file,
  line: f.range.start.line + 1,
  column: f.range.start.character + 1,
  message: f.message,
  severity: f.severity,
});

describe('CLI and core agree', () => {
  it('on every rule sample folder', () => {
    expect(sampleDirs.length).toBeGreaterThanOrEqual(20);
  });

  it.each(sampleDirs)('%s', async (name) => {
    const expected = JSON.parse(readFileSync(join(SAMPLES, name, 'expected.json'), 'utf8')) as { asOf: string };
    const dir = tempDir();
    copySamples(dir, ['_shared', name]);

    const r = doa(['check', '.', '--as-of', expected.asOf, '--format', 'json'], { cwd: dir });
    expect(r.stderr).toBe('');
    const cli = JSON.parse(r.stdout) as JsonReport;

    const files = doaFilesUnder(dir);
    const core = await check(new Workspace(files.map((f) => [pathToFileURL(f).href, readFileSync(f, 'utf8')])), { asOf: expected.asOf });
    const fileOf = (uri: string) => uri.slice(pathToFileURL(dir).href.length + 1);

    expect(cli.findings.map((f) => brief(f, f.file))).toEqual(core.map((f) => brief(f, fileOf(f.uri))));
    // Everything else the core returns (chain, related places, basis, fix, explanation, data) too.
    expect(cli.findings.map(({ file: _file, ...rest }) => rest)).toEqual(JSON.parse(JSON.stringify(core)));
    expect(cli.findings.length).toBeGreaterThan(0);
    expect(r.code).toBe(core.some((f) => f.severity === 'error') ? 1 : 0);
  });
});
