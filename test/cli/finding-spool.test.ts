// The spool of `doa audit`'s findings (cli/src/finding-spool.ts): what is read back is what was
// written, in order, on every pass, across chunk boundaries inside a character; every format prints
// the same bytes from it as from an array of the same findings (`--quiet` too); the temporary folder
// is gone once removed, and a folder that cannot be written is a FindingSpoolError, not a crash.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { builtinRules, type Finding } from '../../language/src/index.ts';
import { checkSync } from '../../language/src/check/check.ts';
import { findDoaFiles, workspaceOf } from '../../language/src/node/load-workspace.ts';
import { auditRules } from '../../rules/index.ts';
import { auditFile } from '../../language/src/node/audit-file.ts';
import { runAudit } from '../../cli/src/audit.ts';
import { FindingSpool, FindingSpoolError } from '../../cli/src/finding-spool.ts';
import { displayPathFrom, type FormatContext } from '../../cli/src/formatters/context.ts';
import { countsOf, FindingCounts, where, type Findings } from '../../cli/src/formatters/findings.ts';
import { FORMATTERS } from '../../cli/src/formatters/index.ts';
import { jsonReport } from '../../cli/src/formatters/json.ts';
import { ruleInfoFor } from '../../cli/src/rule-info.ts';
import { ReportWriteError } from '../../cli/src/report-writer.ts';
import { AS_OF, BIN, REPO, tempDir } from './helpers.ts';

/** A spool of `findings`, finished, in a fresh temporary folder. */
function spoolOf(findings: readonly Finding[]): FindingSpool {
  const spool = new FindingSpool(tempDir('doa-spool-test-'), 0);
  for (const f of findings) spool.add(f);
  spool.finish();
  return spool;
}

const text = (pieces: Iterable<string>) => [...pieces].join('');
const plain = (findings: readonly Finding[]) => JSON.parse(JSON.stringify(findings)) as Finding[];

let check: { findings: Finding[]; ctx: FormatContext };
let audited: Finding[];

beforeAll(async () => {
  // Every rule sample: findings of every severity in many files, some suppressed.
  const files = await findDoaFiles([join(REPO, 'samples/rules')], REPO);
  const run = checkSync(await workspaceOf(files), builtinRules, { asOf: AS_OF });
  check = {
    findings: run.findings,
    ctx: {
      asOf: AS_OF,
      files: files.map((f) => pathToFileURL(f).href),
      cwd: REPO,
      rules: ruleInfoFor(run.rules.map((r) => r.definition)),
      suppressed: run.suppressed,
      failLevel: 'error',
      toolVersion: '0.0.0',
      displayPath: displayPathFrom(REPO),
    },
  };
  const policy = await workspaceOf(await findDoaFiles([join(REPO, 'samples/workspace')], REPO));
  audited = (await runAudit(policy, { transactions: 'samples/audit/transactions.csv', format: 'json', failLevel: 'error' }, { stdout: () => {}, stderr: () => {}, cwd: REPO })).findings;
}, 60_000);

describe('the findings of an audit, one at a time', () => {
  it('onFinding is given every finding kept otherwise, rejections included, in the same order', async () => {
    const policy = await workspaceOf(await findDoaFiles([join(REPO, 'samples/workspace')], REPO));
    const path = join(REPO, 'samples/audit/transactions.csv');
    const given: Finding[] = [];
    const streamed = await auditFile(policy, auditRules, path, { uri: pathToFileURL(path).href, onFinding: (f) => given.push(f) });
    expect(streamed.findings).toEqual([]);
    expect(given).toEqual(audited);
    expect(given.some((f) => f.ruleId === 'audit-malformed-record')).toBe(true);
  });
});

describe('the finding spool', () => {
  it('gives back the findings added, in order, on every pass, with their counts', () => {
    const findings = [...check.findings, ...audited];
    const spool = spoolOf(findings);
    expect([...spool]).toEqual(plain(findings));
    expect([...spool]).toEqual(plain(findings));
    expect(spool.counts).toEqual(countsOf(findings));
    expect(spool.counts.total).toBe(findings.length);
    spool.remove();
  });

  it('writes a list shared by findings once, and gives the findings back sharing it, their members in order', () => {
    // The audit's findings on one delegation share their chain, related locations and basis.
    const shared = audited.find((f) => f.chain.length > 1 && f.related.length && f.basis.length)!;
    const { chain, related, basis } = shared;
    const findings: Finding[] = [
      ...Array.from({ length: 50 }, (_, i) => ({ ...shared, message: `step ${i}`, chain, related, basis })),
      { ...shared, chain: [...chain], related: [], basis: [...basis] },
      ...check.findings.slice(0, 20),
    ];
    const spool = spoolOf(findings);
    const back = [...spool];
    expect(JSON.stringify(back)).toBe(JSON.stringify(findings));
    expect(new Set(back.slice(0, 50).map((f) => f.chain)).size).toBe(1);
    expect(new Set(back.slice(0, 50).map((f) => f.basis)).size).toBe(1);
    expect(back[50]!.chain).not.toBe(back[0]!.chain);
    // Each shared list is in the file once, on a line of its own.
    const [file] = readdirSync(join(spool['dir']!));
    const lines = readFileSync(join(spool['dir']!, file!), 'utf8').trimEnd().split('\n');
    expect(lines.filter((l) => l === `L${JSON.stringify(chain)}`)).toHaveLength(2);
    expect(lines.filter((l) => l.startsWith('F'))).toHaveLength(findings.length);
    expect(lines.every((l) => !l.startsWith('F') || !l.includes(JSON.stringify(chain[0])))).toBe(true);
    spool.remove();
  });

  it('reads back lines longer than a chunk and characters cut by a chunk boundary', () => {
    // Messages of one-, two-, three- and four-byte characters, some over a chunk (1 MiB) long.
    const base = audited[0]!;
    const findings = Array.from({ length: 40 }, (_, i) => ({ ...base, message: `${i} ${'aé€😀'.repeat(i % 7 === 0 ? 100_000 : 3_000 + i)}` }));
    const spool = spoolOf(findings);
    expect([...spool]).toEqual(plain(findings));
    spool.remove();
  });

  it('is removed with its folder, however often remove is called; it cannot be read afterwards', () => {
    const parent = tempDir('doa-spool-test-');
    const spool = new FindingSpool(parent, 0);
    spool.add(audited[0]!);
    expect(readdirSync(parent)).toHaveLength(1);
    spool.remove();
    spool.remove();
    expect(readdirSync(parent)).toEqual([]);
    expect(() => [...spool]).toThrow(/read between finish\(\) and remove\(\)/);
  });

  it('keeps its first findings in memory and makes its file only for the one after them', () => {
    const parent = tempDir('doa-spool-test-');
    const few = new FindingSpool(parent, 3);
    for (const f of audited.slice(0, 3)) few.add(f);
    few.finish();
    expect(few.onDisk).toBe(false);
    expect(readdirSync(parent)).toEqual([]);
    expect([...few]).toEqual(audited.slice(0, 3));
    expect([...few]).toEqual(audited.slice(0, 3));
    few.remove();
    expect(() => [...few]).toThrow(/read between finish\(\) and remove\(\)/);

    const more = new FindingSpool(parent, 3);
    for (const f of audited.slice(0, 3)) more.add(f);
    expect(readdirSync(parent)).toEqual([]);
    more.add(audited[3]!);
    expect(more.onDisk).toBe(true);
    expect(readdirSync(parent)).toHaveLength(1);
    for (const f of audited.slice(4)) more.add(f);
    more.finish();
    expect([...more]).toEqual(plain(audited));
    expect(more.counts.total).toBe(audited.length);
    more.remove();
    expect(readdirSync(parent)).toEqual([]);
  });

  it('in a folder that cannot be written: a FindingSpoolError of one line, a report error of exit code 2', () => {
    const missing = join(tempDir('doa-spool-test-'), 'no', 'such', 'folder');
    let error: unknown;
    try {
      new FindingSpool(missing, 0);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FindingSpoolError);
    expect(error).toBeInstanceOf(ReportWriteError);
    expect((error as Error).message).toMatch(/^cannot keep the audit's findings in a temporary file in .*no\/such\/folder: ENOENT/);
    expect((error as Error).message).not.toContain('\n');
    expect(existsSync(missing)).toBe(false);
  });
});

describe('every format from a spool', () => {
  it('prints the bytes it prints from an array of the same findings, at every fail level and with --quiet', () => {
    const cases: Array<[Finding[], FormatContext]> = [
      [check.findings, check.ctx],
      [audited, { ...check.ctx, files: [pathToFileURL(join(REPO, 'samples/audit/transactions.csv')).href], suppressed: [] }],
      [[], check.ctx],
    ];
    for (const [findings, ctx] of cases) {
      const spool = spoolOf(findings);
      const errors = findings.filter((f) => f.severity === 'error');
      const quiet: Findings = where(spool, (f) => f.severity === 'error', spool.counts.only('error'));
      for (const failLevel of ['error', 'warning', 'info'] as const) {
        const at = { ...ctx, failLevel };
        for (const [name, format] of Object.entries(FORMATTERS)) {
          expect(text(format(spool, at)), name).toBe(text(format(findings, at)));
          expect(text(format(quiet, at)), `${name} --quiet`).toBe(text(format(errors, at)));
        }
        expect(text(jsonReport(spool, at, [['audit', { read: 1 }]]))).toBe(text(jsonReport(findings, at, [['audit', { read: 1 }]])));
      }
      spool.remove();
    }
  });

  it('counts the findings of one severity as counting them again would', () => {
    const counts = countsOf(check.findings);
    for (const severity of ['error', 'warning', 'info'] as const) {
      const again = new FindingCounts();
      for (const f of check.findings) if (f.severity === severity) again.add(f);
      const only = counts.only(severity);
      expect(only).toEqual(again);
      // In the order of their first finding of that severity, as a report of those alone lists them.
      expect([...only.byRule.keys()]).toEqual([...again.byRule.keys()]);
      expect([...only.byFile.keys()]).toEqual([...again.byFile.keys()]);
    }
    expect(counts.bySeverity.error && counts.bySeverity.warning && counts.bySeverity.info, 'the samples have findings of every severity').toBeTruthy();
  });
});

describe('doa audit ended by a signal', () => {
  it.skipIf(process.platform === 'win32')('removes its spool, then ends as the signal ends it', async () => {
    const temp = tempDir('doa-spool-tmp-');
    // A report to a named pipe nobody reads: the command waits to open it, its findings spooled.
    const fifo = join(tempDir('doa-spool-fifo-'), 'report');
    execFileSync('mkfifo', [fifo]);
    const child = spawn(process.execPath, [BIN, 'audit', '-t', 'samples/audit/transactions.csv', '-p', 'samples/workspace', '-o', fifo], { cwd: REPO, env: { ...process.env, TMPDIR: temp, DOA_AUDIT_FINDINGS_IN_MEMORY: '0' }, stdio: 'ignore' });
    const ended = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    try {
      for (let waited = 0; !readdirSync(temp).length; waited += 50) {
        if (waited > 30_000) throw new Error('the audit made no spool');
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      child.kill('SIGTERM');
      expect(await ended).toBe('SIGTERM');
      expect(readdirSync(temp)).toEqual([]);
    } finally {
      // A failed test leaves no command waiting for its report's reader.
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
  }, 40_000);
});
