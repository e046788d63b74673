// The CLI as a real subprocess, on the bundled build.
import { spawnSync } from 'node:child_process';
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
      'samples/rules/sub-delegation-exceeds-parent-limit/procurement.doa:17:46  error    SD-MSN-CPO grants procurement/award-contract up to USD 1,000,000.01, above the USD 1,000,000 that its parent DA-MSN-PROC holds  sub-delegation-exceeds-parent-limit',
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

  it('prints its version', () => {
    const r = doa('--version');
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });
});
