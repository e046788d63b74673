// Exit codes of `doa check`: 0 when nothing reaches the fail level and warnings stay within
// --max-warnings, 1 otherwise, 2 for a usage, configuration or internal error or a report that cannot
// be written (one line on stderr, no stack trace unless --debug). Also --fail-level, --max-warnings, --rule and --quiet.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { AS_OF, BIN, MULTI, copySamples, doa, expectOneLine, tempDir, writeFiles, type JsonReport } from './helpers.ts';

let dir: string;
/** `doa check . --as-of 2025-06-30 …` on the sample set: 1 error, 3 warnings, 1 info. */
const check = (...args: string[]) => doa(['check', '.', '--as-of', AS_OF, ...args], { cwd: dir });
const json = (...args: string[]) => {
  const r = check('--format', 'json', ...args);
  return { code: r.code, report: JSON.parse(r.stdout) as JsonReport };
};
const severities = (report: JsonReport) => report.summary;

// Turning the error into a warning leaves 0 errors, 4 warnings and 1 info.
const NO_ERROR = ['--rule', 'segregation-of-duties=warning'];

beforeAll(() => {
  dir = tempDir();
  copySamples(dir, MULTI);
});

describe('exit code 1 and 0', () => {
  it('is 1 when an error is found (default --fail-level error)', () => {
    expect(check().code).toBe(1);
  });

  it('is 0 when only warnings and infos are found', () => {
    const r = json(...NO_ERROR);
    expect(severities(r.report)).toMatchObject({ errors: 0, warnings: 4, infos: 1 });
    expect(r.code).toBe(0);
  });
});

describe('--max-warnings', () => {
  it('passes with as many warnings as allowed and fails with one more', () => {
    expect(check(...NO_ERROR, '--max-warnings', '4').code).toBe(0);
    expect(check(...NO_ERROR, '--max-warnings', '5').code).toBe(0);
    expect(check(...NO_ERROR, '--max-warnings', '3').code).toBe(1);
    expect(check(...NO_ERROR, '--max-warnings', '0').code).toBe(1);
  });

  it('counts warnings hidden by --quiet', () => {
    const r = check(...NO_ERROR, '--quiet', '--max-warnings', '3');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('No errors in 4 files, as of 2025-06-30\n');
    // The report shows no failure: standard error says why the run failed.
    expect(r.stderr).toBe('doa: 4 warnings, more than --max-warnings 3 allows\n');
    const passed = check(...NO_ERROR, '--quiet', '--max-warnings', '4');
    expect(passed.code).toBe(0);
    expect(passed.stderr).toBe('');
  });

  it('does not let errors through', () => {
    expect(check('--max-warnings', '100').code).toBe(1);
  });

  it('rejects a value that is not a whole number (exit 2)', () => {
    for (const bad of ['x', '-1', '1.5']) {
      const r = check('--max-warnings', bad);
      expect(r.code, bad).toBe(2);
      expect(expectOneLine(r.stderr), r.stderr).toBe(true);
      expect(r.stderr).toContain(`expected a whole number, got '${bad}'`);
      expect(r.stdout).toBe('');
    }
  });
});

describe('--fail-level', () => {
  it('warning: fails on a warning, passes on infos only', () => {
    expect(check(...NO_ERROR, '--fail-level', 'warning').code).toBe(1);
    const infosOnly = ['--rule', 'segregation-of-duties=info', '--rule', 'missing-reporting-duty=info'];
    const r = json(...infosOnly, '--fail-level', 'warning');
    expect(severities(r.report)).toMatchObject({ errors: 0, warnings: 0, infos: 5 });
    expect(r.code).toBe(0);
  });

  it('info: fails on an info', () => {
    const infosOnly = ['--rule', 'segregation-of-duties=info', '--rule', 'missing-reporting-duty=info'];
    expect(check(...infosOnly).code).toBe(0);
    expect(check(...infosOnly, '--fail-level', 'info').code).toBe(1);
    expect(check('--rule', 'segregation-of-duties=off', '--rule', 'missing-reporting-duty=off', '--fail-level', 'info').code).toBe(1);
    expect(check('--rule', 'segregation-of-duties=off', '--rule', 'missing-reporting-duty=off', '--rule', 'not-yet-in-force=off', '--fail-level', 'info').code).toBe(0);
  });

  it('error: the default', () => {
    expect(check(...NO_ERROR, '--fail-level', 'error').code).toBe(0);
    expect(check('--fail-level', 'error').code).toBe(1);
  });

  it('rejects another level (exit 2)', () => {
    const r = check('--fail-level', 'fatal');
    expect(r.code).toBe(2);
    expect(expectOneLine(r.stderr), r.stderr).toBe(true);
    expect(r.stderr).toContain("'fatal' is invalid");
  });
});

describe('--rule', () => {
  it('off removes a rule’s findings', () => {
    const r = json('--rule', 'segregation-of-duties=off');
    expect(r.report.findings.map((f) => f.ruleId)).not.toContain('segregation-of-duties');
    expect(severities(r.report)).toMatchObject({ findings: 3, errors: 0 });
    expect(r.code).toBe(0);
  });

  it('upgrades and downgrades severities, and is repeatable', () => {
    const r = json('--rule', 'not-yet-in-force=error', '--rule', 'missing-reporting-duty=info');
    const by = (id: string) => r.report.findings.filter((f) => f.ruleId === id).map((f) => f.severity);
    expect(by('not-yet-in-force')).toEqual(['error']);
    expect(by('missing-reporting-duty')).toEqual(['info', 'info']);
    expect(by('segregation-of-duties')).toEqual(['error', 'warning']);
    expect(r.code).toBe(1);
    // The later setting of the same rule wins.
    expect(json('--rule', 'not-yet-in-force=error', '--rule', 'not-yet-in-force=off').report.findings.map((f) => f.ruleId)).not.toContain('not-yet-in-force');
  });

  it('applies to the core checks too (syntax errors)', () => {
    const d = tempDir();
    copySamples(d, ['_shared']);
    writeFiles(d, { 'bad.doa': 'post X "x" { entity MSN; grade P-3 }\n}\n' });
    const r = doa(['check', '.', '--as-of', AS_OF, '--format', 'json'], { cwd: d });
    expect((JSON.parse(r.stdout) as JsonReport).findings.map((f) => [f.ruleId, f.severity])).toEqual([['syntax-error', 'error']]);
    expect(r.code).toBe(1);
    const off = doa(['check', '.', '--as-of', AS_OF, '--rule', 'syntax-error=warning'], { cwd: d });
    expect(off.code).toBe(0);
  });

  it('knows the workspace’s own rules, even when turned off', () => {
    const d = tempDir();
    copySamples(d, ['_shared', 'sub-delegation-exceeds-parent-limit']);
    writeFiles(d, {
      'rules.doa': [
        'rule big-awards "Big awards" {',
        '  applies-to grant',
        '  when authority = procurement/award-contract and limit > USD 500,000',
        '  severity warning',
        '  message "{instrument} awards up to {limit}"',
        '}',
        '',
      ].join('\n'),
    });
    const run = (...args: string[]) => doa(['check', '.', '--as-of', AS_OF, '--format', 'json', ...args], { cwd: d });
    const ids = (r: ReturnType<typeof run>) => (JSON.parse(r.stdout) as JsonReport).findings.map((f) => f.ruleId);
    expect(ids(run())).toEqual(['big-awards', 'big-awards', 'sub-delegation-exceeds-parent-limit']);
    const off = run('--rule', 'big-awards=off');
    expect(off.stderr).toBe('');
    expect(ids(off)).toEqual(['sub-delegation-exceeds-parent-limit']);
    expect(ids(run('--rule', 'big-awards=error', '--rule', 'sub-delegation-exceeds-parent-limit=off'))).toEqual(['big-awards', 'big-awards']);
  });

  it('rejects a malformed setting (exit 2, one line)', () => {
    for (const bad of ['segregation-of-duties=fatal', 'segregation-of-duties', '=off', 'segregation-of-duties:off']) {
      const r = check('--rule', bad);
      expect(r.code, bad).toBe(2);
      expect(r.stdout).toBe('');
      expect(expectOneLine(r.stderr), r.stderr).toBe(true);
      expect(r.stderr).toContain(`expected RULE=off|info|warning|error, got '${bad}'`);
    }
  });

  it('rejects an unknown rule id (exit 2, one line)', () => {
    const r = check('--rule', 'no-such-rule=off');
    expect(r).toEqual({ code: 2, stdout: '', stderr: "doa: unknown rule 'no-such-rule' in --rule: 'doa explain --list' lists the rules\n" });
  });
});

describe('exit code 2', () => {
  it('for an unknown format, with the choices', () => {
    const r = check('--format', 'xml');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("doa: option '-f, --format <format>' argument 'xml' is invalid. Allowed choices are stylish, json, sarif, junit, github, markdown, csv.\n");
  });

  it('for an option missing its value', () => {
    const r = check('--format');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("doa: option '-f, --format <format>' argument missing\n");
  });

  it('for a path that does not exist', () => {
    const r = check('missing.doa');
    expect(r).toEqual({ code: 2, stdout: '', stderr: 'doa: No such file or directory: missing.doa\n' });
  });

  it('for a report that cannot be written (here: --output names a folder), in one line without a stack trace', () => {
    const target = join(dir, 'a-folder');
    mkdirSync(target, { recursive: true });
    const r = check('--output', 'a-folder');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(expectOneLine(r.stderr), r.stderr).toBe(true);
    expect(r.stderr).toMatch(/^doa: cannot write the report to a-folder: EISDIR: illegal operation on a directory/);
  });

  it("with the system error's stack trace under --debug", () => {
    for (const args of [['--debug'], []]) {
      const r = doa(args.length ? ['--debug', 'check', '.', '--as-of', AS_OF, '--output', 'a-folder'] : ['check', '.', '--as-of', AS_OF, '--output', 'a-folder', '--debug'], { cwd: dir });
      expect(r.code).toBe(2);
      const lines = r.stderr.trimEnd().split('\n');
      expect(lines[0]).toMatch(/^doa: cannot write the report to a-folder: EISDIR/);
      expect(lines[1]).toMatch(/^Error: EISDIR/);
      expect(lines.slice(2).every((l) => /^\s+at /.test(l))).toBe(true);
      expect(lines.length).toBeGreaterThan(2);
    }
  });

  it('leaves no report behind when the run fails before writing it', () => {
    const r = check('--rule', 'nope=off', '--output', 'never.json');
    expect(r.code).toBe(2);
    expect(() => readFileSync(join(dir, 'never.json'))).toThrow();
  });
});

describe('a report that cannot be written', () => {
  it.skipIf(!existsSync('/dev/full'))('on a full disk: exit code 2 and one line naming the file', () => {
    for (const format of ['json', 'stylish']) {
      const r = check('--format', format, '--output', '/dev/full');
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^doa: cannot write the report to \/dev\/full: ENOSPC: no space left on device/);
      expect(expectOneLine(r.stderr), r.stderr).toBe(true);
    }
  });

  it('on standard output closed by its reader: exit code 2 and one line, not a crash', async () => {
    const child = spawn(process.execPath, [BIN, 'check', '.', '--as-of', AS_OF, '--format', 'sarif'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    // The reading end is closed before doa writes: its first write fails with EPIPE.
    child.stdout.destroy();
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (t: string) => (stderr += t));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(2);
    expect(stderr).toBe('doa: cannot write the report to standard output: the reader closed it\n');
  });
});
