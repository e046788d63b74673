// The CLI as a real subprocess, on the bundled build.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

function doa(...args: string[]) {
  const r = spawnSync(process.execPath, ['bin/doa.js', ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('doa check', () => {
  it('prints each finding as file:line:col with its chain and basis, and exits 1 on errors', () => {
    const r = doa('check', 'samples/rules/_shared', 'samples/rules/sub-delegation-exceeds-parent-limit', '--as-of', '2025-06-30');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      'samples/rules/sub-delegation-exceeds-parent-limit/procurement.doa:17:46  error    SD-MSN-CPO grants procurement/award-contract (USD 1,000,000.01), above the USD 1,000,000 that its parent DA-MSN-PROC holds  sub-delegation-exceeds-parent-limit',
    );
    expect(r.stdout).toContain('    chain: Secretary-General → DA-MSN-PROC → SD-MSN-CPO');
    expect(r.stdout).toContain('    basis: A/72/773 §74; ST/SGB/2019/2');
    expect(r.stdout).toContain('1 finding (1 error, 0 warnings, 0 info) in 2 files, as of 2025-06-30');
  });

  it('exits 0 on a clean workspace', () => {
    const r = doa('check', 'samples/rules/_shared', '--as-of', '2025-06-30');
    expect(r.stdout).toBe('No findings in 1 file, as of 2025-06-30\n');
    expect(r.code).toBe(0);
  });

  it('exits 2 with a one-line message on a missing path or a bad date', () => {
    expect(doa('check', 'no/such/dir')).toMatchObject({ code: 2, stderr: 'doa: No such file or directory: no/such/dir\n' });
    const bad = doa('check', 'samples/rules/_shared', '--as-of', '2025-13-01');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe("doa: option '--as-of <date>' argument '2025-13-01' is invalid. expected a date such as 2025-06-30, got '2025-13-01'\n");
  });

  it('exits 2 when a folder, a pattern or the configuration finds no policy file: a typo must not pass CI', () => {
    const dir = mkdtempSync(join(tmpdir(), 'doa-empty-'));
    try {
      mkdirSync(join(dir, 'empty'));
      writeFileSync(join(dir, 'a.doa'), 'entity A { title "A" }\n');
      const run = (...args: string[]) => {
        const r = spawnSync(process.execPath, [join(process.cwd(), 'bin/doa.js'), ...args], { encoding: 'utf8', cwd: dir });
        return { code: r.status, stdout: r.stdout, stderr: r.stderr };
      };
      expect(run('check', 'empty')).toEqual({ code: 2, stdout: '', stderr: 'doa: No policy file (*.doa) in empty\n' });
      expect(run('check', 'a.doa', 'nomatch/*.doa')).toEqual({ code: 2, stdout: '', stderr: 'doa: No policy file (*.doa) matches nomatch/*.doa\n' });
      expect(run('audit', '-t', 'a.doa', '-p', 'empty')).toEqual({ code: 2, stdout: '', stderr: 'doa: No policy file (*.doa) in empty\n' });
      writeFileSync(join(dir, 'doa.config.json'), '{ "include": ["policies/**/*.doa"] }\n');
      expect(run('check')).toEqual({ code: 2, stdout: '', stderr: `doa: No policy file (*.doa) in the configuration's include (policies/**/*.doa) in ${dir}\n` });
      // A pattern that finds a file is enough for the run to go on.
      const found = run('check', '*.doa', '--as-of', '2025-06-30');
      expect(found.stderr).toBe('');
      expect(found.stdout).toContain('in 1 file, as of 2025-06-30');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('exits 2, leaving the file as it was, when --output names a file the command reads', () => {
    const dir = mkdtempSync(join(tmpdir(), 'doa-output-'));
    try {
      const policy = 'entity A { title "A" }\n';
      const records = 'id,date,step,actor\nT-1,2025-05-02,requisition,fa\n';
      writeFileSync(join(dir, 'a.doa'), policy);
      writeFileSync(join(dir, 't.csv'), records);
      const run = (...args: string[]) => {
        const r = spawnSync(process.execPath, [join(process.cwd(), 'bin/doa.js'), ...args], { encoding: 'utf8', cwd: dir });
        return { code: r.status, stdout: r.stdout, stderr: r.stderr };
      };
      expect(run('check', '.', '-o', 'a.doa')).toEqual({ code: 2, stdout: '', stderr: 'doa: --output a.doa is a file this command reads: the report would replace it\n' });
      expect(run('audit', '-t', 't.csv', '-p', '.', '-f', 'csv', '-o', './t.csv')).toEqual({ code: 2, stdout: '', stderr: 'doa: --output ./t.csv is a file this command reads: the report would replace it\n' });
      expect(readFileSync(join(dir, 'a.doa'), 'utf8')).toBe(policy);
      expect(readFileSync(join(dir, 't.csv'), 'utf8')).toBe(records);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('prints its version', () => {
    const r = doa('--version');
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });
});
