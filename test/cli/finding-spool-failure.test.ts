// `doa audit` when its findings cannot be kept on disk, run in this process with node:fs's writes to
// the spool failing as on a full disk: exit code 2 and one line, never a crash, and no temporary
// file left behind; likewise with a temporary folder that does not exist, after an audit that fails
// on its input, and after one that succeeds.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { run } from '../../cli/src/cli.ts';
import { FindingSpool, FindingSpoolError } from '../../cli/src/finding-spool.ts';
import { REPO, tempDir, writeFiles } from './helpers.ts';

/** Whether writes to a spool's file fail with ENOSPC; the files of spools opened for writing. */
const disk = vi.hoisted(() => ({ full: false, spoolFiles: new Set<number>() }));

vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const openSync: typeof fs.openSync = (path, flags, mode) => {
    const fd = fs.openSync(path, flags, mode);
    if (String(path).endsWith('findings.jsonl') && flags === 'w') disk.spoolFiles.add(fd);
    return fd;
  };
  const writeSync = ((fd: number, ...rest: unknown[]) => {
    if (disk.full && disk.spoolFiles.has(fd)) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', errno: -28, syscall: 'write' });
    return (fs.writeSync as (fd: number, ...rest: unknown[]) => number)(fd, ...rest);
  }) as typeof fs.writeSync;
  return { ...fs, default: { ...fs, openSync, writeSync }, openSync, writeSync };
});

// Made before TMPDIR points into the tests' own temporary folders.
const inputs = tempDir('doa-spool-input-');
let temp: string;
const saved = process.env.TMPDIR;
beforeEach(() => {
  // The spool's folder is made in the system's temporary folder: one of the test's own, to look into.
  temp = tempDir('doa-spool-tmp-');
  process.env.TMPDIR = temp;
  // Every finding goes to the file (the sample audit's findings are far fewer than those kept in memory).
  process.env.DOA_AUDIT_FINDINGS_IN_MEMORY = '0';
  disk.full = false;
});
afterEach(() => {
  if (saved === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = saved;
  delete process.env.DOA_AUDIT_FINDINGS_IN_MEMORY;
});

async function audit(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await run(['audit', '-p', join(REPO, 'samples/workspace'), ...args], { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd: REPO });
  return { code, stdout, stderr };
}

describe('a spool that cannot be written', () => {
  it('a write failing mid-way: a FindingSpoolError, and remove leaves nothing', () => {
    const spool = new FindingSpool(temp, 0);
    disk.full = true;
    const finding = { ruleId: 'r', severity: 'error', uri: 'file:///t.csv', message: 'x'.repeat(1 << 16) } as never;
    expect(() => {
      for (let i = 0; i < 100; i++) spool.add(finding);
    }).toThrow(FindingSpoolError);
    spool.remove();
    expect(readdirSync(temp)).toEqual([]);
  });

  it('doa audit on a full disk: exit code 2, one line naming the cause, no temporary file left', async () => {
    disk.full = true;
    for (const format of ['json', 'stylish']) {
      const r = await audit('-t', 'samples/audit/transactions.csv', '-f', format);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^doa: cannot keep the audit's findings in a temporary file in .*doa-audit-\w+: ENOSPC: no space left on device, write\n$/);
      expect(r.stdout).toBe('');
      expect(readdirSync(temp)).toEqual([]);
    }
  });

  it('doa audit with a temporary folder that does not exist: exit code 2, one line', async () => {
    process.env.TMPDIR = join(temp, 'gone');
    const r = await audit('-t', 'samples/audit/transactions.csv', '-f', 'json');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^doa: cannot keep the audit's findings in a temporary file in .*gone: ENOENT: [^\n]*\n$/);
    expect(readdirSync(temp)).toEqual([]);
  });
});

describe('the spool is removed', () => {
  it('after a report written, one that cannot be written, and an audit that fails on its input', async () => {
    const ok = await audit('-t', 'samples/audit/transactions.csv', '-f', 'csv');
    expect(ok.code).toBe(1);
    expect(ok.stdout.split('\n').length).toBeGreaterThan(10);
    expect(readdirSync(temp)).toEqual([]);

    const folder = await audit('-t', 'samples/audit/transactions.csv', '-o', temp);
    expect(folder.code).toBe(2);
    expect(folder.stderr).toMatch(/^doa: cannot write the report to .*: EISDIR/);
    expect(readdirSync(temp)).toEqual([]);

    writeFiles(inputs, { 'bad.csv': 'id,"date\nT-1,2025-01-01\n' });
    const bad = await audit('-t', join(inputs, 'bad.csv'));
    expect(bad.code).toBe(2);
    expect(bad.stderr.split('\n')).toHaveLength(2);
    expect(readdirSync(temp)).toEqual([]);
  });
});
