// `doa audit --jobs N`: the records read and checked on N threads (the main one and N - 1 workers)
// give the same report as on one thread (the same findings in the same order, the same summary),
// through the bundled CLI (the worker module is dist/doa-audit-worker.mjs, built by
// test/global-setup.ts).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { generate } from '../../bench/audit/generate.ts';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(REPO, 'bin', 'doa.js');
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function audit(args: string[]): { code: number | null; report: { findings: unknown[]; audit: unknown }; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, 'audit', '-f', 'json', ...args], { cwd: REPO, encoding: 'utf8', maxBuffer: 256 << 20, env: { ...process.env, NO_COLOR: '1' } });
  if (r.error) throw r.error;
  return { code: r.status, report: JSON.parse(r.stdout) as { findings: unknown[]; audit: unknown }, stderr: r.stderr };
}

describe('doa audit --jobs', () => {
  it('reports the sample audit exactly as one thread does', () => {
    const args = ['-t', 'samples/audit/transactions.csv', '-p', 'samples/workspace'];
    const one = audit(args);
    const two = audit([...args, '--jobs', '2']);
    expect(one.report.findings.length).toBeGreaterThan(0);
    expect(two.report).toEqual(one.report);
    expect(two.code).toBe(one.code);
  });

  it('reports a generated audit of many batches exactly as one thread does, in CSV and JSON Lines, with --as-of', () => {
    const dir = mkdtempSync(join(tmpdir(), 'doa-jobs-'));
    dirs.push(dir);
    // ~12 entities, 30,000 steps: several batches per worker, incompatible steps and split awards
    // that cross batches, rejected rows.
    generate(dir, { instruments: 200, records: 30_000, jsonl: true, seed: 7 });
    for (const file of ['transactions.csv', 'transactions.jsonl']) {
      const args = ['-t', join(dir, file), '-p', join(dir, 'workspace'), '--as-of', '2025-09-30'];
      const one = audit(args);
      const rules = new Set((one.report.findings as Array<{ ruleId: string }>).map((f) => f.ruleId));
      expect(rules).toContain('audit-segregation-of-duties');
      expect(rules).toContain('audit-split-purchase');
      expect(rules).toContain('audit-malformed-record');
      // Two threads: this one and a worker, each judging chunks; three: two workers besides.
      for (const jobs of ['2', '3']) {
        const many = audit([...args, '--jobs', jobs]);
        expect(many.report).toEqual(one.report);
        expect(JSON.stringify(many.report)).toBe(JSON.stringify(one.report));
      }
    }
  });
});
