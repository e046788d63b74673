// The commands besides check's reports: --help and --version everywhere, unknown options and
// commands (exit 2, one line, no stack trace), `doa explain` and `doa fmt`.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtinRules } from '../../language/src/index.ts';
import { auditRules } from '../../rules/index.ts';
import { format } from '../../language/src/syntax/format.ts';
import { REPO, doa, expectOneLine, tempDir, writeFiles } from './helpers.ts';

const VERSION = (JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string }).version;

describe('--help', () => {
  it('lists the commands', () => {
    for (const args of [['--help'], ['-h']]) {
      const r = doa(args);
      expect(r.code).toBe(0);
      expect(r.stderr).toBe('');
      expect(r.stdout).toMatch(/^Usage: doa \[options\] \[command\]\n/);
      for (const c of ['check [options] [paths...]', 'explain [options] [rule]', 'fmt [options] [paths...]']) expect(r.stdout).toContain(c);
      expect(r.stdout).toContain('-v, --version');
    }
  });

  it('shows every option of check', () => {
    for (const args of [['check', '--help'], ['help', 'check'], ['check', '-h']]) {
      const r = doa(args);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^Usage: doa check \[options\] \[paths\.\.\.\]\n/);
      for (const o of ['--as-of <date>', '-f, --format <format>', '-o, --output <file>', '--max-warnings <n>', '--fail-level <level>', '--rule <id=severity>', '-c, --config <file>', '-q, --quiet', '--debug', '-h, --help']) {
        expect(r.stdout, o).toContain(o);
      }
      expect(r.stdout.replace(/\s+/g, ' ')).toContain('"stylish", "json", "sarif", "junit", "github", "markdown"');
    }
  });

  it('shows the options of explain and fmt', () => {
    const explain = doa(['explain', '--help']);
    expect(explain.code).toBe(0);
    expect(explain.stdout).toMatch(/^Usage: doa explain \[options\] \[rule\]\n/);
    expect(explain.stdout).toContain('--list');
    const fmt = doa(['fmt', '--help']);
    expect(fmt.code).toBe(0);
    expect(fmt.stdout).toMatch(/^Usage: doa fmt \[options\] \[paths\.\.\.\]\n/);
    expect(fmt.stdout).toContain('--check');
    expect(fmt.stdout).toContain('-c, --config <file>');
  });

  it('is shown on standard error, exit 2, when no command is given', () => {
    const r = doa([]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^Usage: doa \[options\] \[command\]/);
  });
});

describe('--version', () => {
  it('prints the package version, before or after a command', () => {
    for (const args of [['--version'], ['-v'], ['check', '--version'], ['explain', '--version'], ['fmt', '-v']]) {
      expect(doa(args), args.join(' ')).toEqual({ code: 0, stdout: `${VERSION}\n`, stderr: '' });
    }
  });
});

describe('usage errors', () => {
  it('an unknown option is a one-line error, exit 2', () => {
    expect(doa(['check', '--bogus'])).toEqual({ code: 2, stdout: '', stderr: "doa: unknown option '--bogus'\n" });
    expect(doa(['--bogus'])).toEqual({ code: 2, stdout: '', stderr: "doa: unknown option '--bogus'\n" });
    expect(doa(['fmt', '--bogus'])).toEqual({ code: 2, stdout: '', stderr: "doa: unknown option '--bogus'\n" });
    expect(doa(['explain', '--bogus'])).toEqual({ code: 2, stdout: '', stderr: "doa: unknown option '--bogus'\n" });
  });

  it('a near miss names the option meant, still on one line', () => {
    expect(doa(['check', '--formt', 'json'])).toEqual({ code: 2, stdout: '', stderr: "doa: unknown option '--formt' (Did you mean --format?)\n" });
  });

  it('an unknown command is a one-line error, exit 2', () => {
    expect(doa(['bogus'])).toEqual({ code: 2, stdout: '', stderr: "doa: unknown command 'bogus'\n" });
    expect(doa(['chek', '.'])).toEqual({ code: 2, stdout: '', stderr: "doa: unknown command 'chek' (Did you mean check?)\n" });
  });

  it('never prints a stack trace', () => {
    for (const args of [['check', '--bogus'], ['bogus'], ['check', '--as-of', 'soon'], ['explain', 'nope'], ['fmt', 'missing-folder']]) {
      const r = doa(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(expectOneLine(r.stderr), r.stderr).toBe(true);
    }
  });
});

const CORE_RULES: Array<[string, string]> = [
  ['syntax-error', 'error'],
  ['invalid-statement', 'error'],
  ['invalid-suppression', 'warning'],
  ['unused-suppression', 'warning'],
];

describe('doa explain', () => {
  it('shows a rule’s category, default severity, description, basis and documentation page', () => {
    const r = doa(['explain', 'expired-instrument']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const rule = builtinRules.find((m) => m.meta.id === 'expired-instrument')!.meta;
    const docs = readFileSync(join(REPO, 'rules', rule.category, rule.id, `${rule.id}.md`), 'utf8');
    expect(r.stdout).toBe(`expired-instrument (validity) — default severity: warning\n${rule.description}\nBasis: ${rule.basis.join('; ')}\n\n${docs.trimEnd()}\n`);
  });

  it('shows other rules with their documentation (one per kind of severity)', () => {
    const picked = builtinRules.filter((r) => ['not-yet-in-force', 'segregation-of-duties', 'missing-reporting-duty'].includes(r.meta.id));
    expect(picked.map((m) => m.meta.defaultSeverity).sort()).toEqual(['error', 'info', 'warning']);
    for (const m of picked) {
      const r = doa(['explain', m.meta.id]);
      expect(r.code, m.meta.id).toBe(0);
      expect(r.stdout.split('\n')[0]).toBe(`${m.meta.id} (${m.meta.category}) — default severity: ${m.meta.defaultSeverity}`);
      expect(r.stdout, m.meta.id).toContain(`\n# ${m.meta.id}\n`);
    }
  });

  it('shows a check of the core itself, which has no page', () => {
    const r = doa(['explain', 'unused-suppression']);
    expect(r).toEqual({ code: 0, stdout: 'unused-suppression (suppressions) — default severity: warning\nA suppression comment that silences nothing.\n', stderr: '' });
  });

  it('--list lists every rule with its default severity (and so does explain alone)', () => {
    const r = doa(['explain', '--list']);
    expect(r.code).toBe(0);
    const expected = [
      ...[...builtinRules, ...auditRules].map((m) => `${m.meta.id.padEnd(38)} ${m.meta.defaultSeverity.padEnd(8)} ${m.meta.description}`),
      ...CORE_RULES.map(([id, sev]) => `${id.padEnd(38)} ${sev.padEnd(8)} `),
      `${'audit-malformed-record'.padEnd(38)} ${'error'.padEnd(8)} `,
    ];
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(expected.length);
    lines.forEach((l, i) => expect(l.startsWith(expected[i]!)).toBe(true));
    expect(doa(['explain'])).toEqual(r);
  });

  it('rejects an unknown rule (exit 2, one line)', () => {
    expect(doa(['explain', 'no-such-rule'])).toEqual({ code: 2, stdout: '', stderr: "doa: unknown rule 'no-such-rule': 'doa explain --list' lists the rules\n" });
  });
});

const MESSY = ['post   MSN-Y "Other" {entity MSN;grade P-3;  functions procurement}', '', '', 'person  yy "Y Person" { holds MSN-Y from 2020-01-01 }   // a note', ''].join('\n');

describe('doa fmt', () => {
  it('--check exits 1 and changes nothing while a file would change; fmt rewrites it; --check then exits 0', () => {
    const dir = tempDir();
    writeFiles(dir, { 'messy.doa': MESSY });
    const expected = format(MESSY);
    if ('error' in expected) throw new Error(expected.error);
    expect(expected.changed).toBe(true);

    expect(doa(['fmt', '--check', 'messy.doa'], { cwd: dir })).toEqual({ code: 1, stdout: 'messy.doa: would be reformatted\n', stderr: '' });
    expect(readFileSync(join(dir, 'messy.doa'), 'utf8')).toBe(MESSY);

    expect(doa(['fmt', 'messy.doa'], { cwd: dir })).toEqual({ code: 0, stdout: 'messy.doa: formatted\n', stderr: '' });
    const formatted = readFileSync(join(dir, 'messy.doa'), 'utf8');
    expect(formatted).toBe(expected.text);
    expect(formatted).not.toContain(';');
    expect(formatted).toContain('// a note');

    expect(doa(['fmt', '--check', 'messy.doa'], { cwd: dir })).toEqual({ code: 0, stdout: '1 file already formatted\n', stderr: '' });
    // Formatting again changes nothing and says nothing.
    expect(doa(['fmt', 'messy.doa'], { cwd: dir })).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(readFileSync(join(dir, 'messy.doa'), 'utf8')).toBe(formatted);
  });

  it('takes folders and globs, and by default the configuration’s files (honouring exclude)', () => {
    const dir = tempDir();
    writeFiles(dir, { 'a/one.doa': MESSY, 'a/b/two.doa': MESSY, 'vendor/three.doa': MESSY, 'doa.config.json': '{ "exclude": ["vendor/**"] }' });
    expect(doa(['fmt', '--check', 'a'], { cwd: dir })).toEqual({ code: 1, stdout: 'a/b/two.doa: would be reformatted\na/one.doa: would be reformatted\n', stderr: '' });
    expect(doa(['fmt', '--check', 'a/*.doa'], { cwd: dir })).toEqual({ code: 1, stdout: 'a/one.doa: would be reformatted\n', stderr: '' });
    expect(doa(['fmt'], { cwd: dir })).toEqual({ code: 0, stdout: 'a/b/two.doa: formatted\na/one.doa: formatted\n', stderr: '' });
    expect(readFileSync(join(dir, 'vendor/three.doa'), 'utf8')).toBe(MESSY);
    expect(doa(['fmt', '--check'], { cwd: dir })).toEqual({ code: 0, stdout: '2 files already formatted\n', stderr: '' });
  });

  it('refuses a file with a syntax error, leaves it as it is, and still formats the others', () => {
    const dir = tempDir();
    const broken = 'post MSN-Z "Z" { entity MSN; grade P-3 }\n}\n';
    writeFiles(dir, { 'broken.doa': broken, 'messy.doa': MESSY });
    for (const args of [['fmt', '--check'], ['fmt']]) {
      const r = doa([...args, '.'], { cwd: dir });
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr).toBe("broken.doa:2:1: not formatted: The file has 1 syntax error; it was not formatted (Unexpected '}': there is no open block to close)\n");
    }
    expect(readFileSync(join(dir, 'broken.doa'), 'utf8')).toBe(broken);
    expect(readFileSync(join(dir, 'messy.doa'), 'utf8')).not.toBe(MESSY);
  });

  it('rejects a path that does not exist (exit 2)', () => {
    const r = doa(['fmt', 'missing-folder'], { cwd: tempDir() });
    expect(r).toEqual({ code: 2, stdout: '', stderr: 'doa: No such file or directory: missing-folder\n' });
  });
});
