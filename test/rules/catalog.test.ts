// Every rule is complete and consistent (ESLint's checkRuleFiles, typescript-eslint's docs test):
// its folder, registry entry, metadata, documentation with executed examples, tests and sample.
//
// The rules of `doa audit` (rules/audit/*, category `audit`) follow the same layout with their own
// conventions, checked by the second block below:
// - they are listed in `auditRules` (not `builtinRules`: `doa check` does not run them);
// - their documentation's Avoid and Prefer examples are transaction files, in ```csv blocks, audited
//   (as `doa audit` does) against the shared organisation of the rule samples
//   (samples/rules/_shared/organisation.doa, `BASE`) plus the audit policy
//   (samples/audit/_policy/policy.doa): every finding of the Avoid example is of the rule, at least
//   one; the Prefer example gives no finding at all;
// - their sample is the one audit sample, samples/audit/transactions.csv against samples/workspace:
//   each audit rule appears among the findings recorded in samples/audit/expected.json
//   (test/cli/audit.test.ts checks that the sample gives exactly those findings).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditRules, builtinRules } from '../../rules/index.ts';
import { BASE, checkFiles } from '../../language/src/testing/index.ts';
import { conditionLeaves } from '../../language/src/check/compile.ts';
import { OPERATORS } from '../../language/src/check/operators.ts';
import { audit } from '../audit/helpers.ts';

const rulesRoot = new URL('../../rules/', import.meta.url).pathname;
const samplesRoot = new URL('../../samples/rules/', import.meta.url).pathname;
const HEADINGS = ['## Summary', '## Rationale', '## Avoid', '## Prefer', '## Basis'];

const allFolders = readdirSync(rulesRoot, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .flatMap((cat) =>
    readdirSync(join(rulesRoot, cat.name), { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => ({ category: cat.name, id: d.name, dir: join(rulesRoot, cat.name, d.name) })),
  );
const folders = allFolders.filter((f) => f.category !== 'audit');
const auditFolders = allFolders.filter((f) => f.category === 'audit');

function section(md: string, heading: string, lang = 'doa'): string | undefined {
  const start = md.indexOf(`${heading}\n`);
  if (start < 0) return undefined;
  const rest = md.slice(start + heading.length + 1);
  const block = new RegExp(`\`\`\`${lang}\\n([\\s\\S]*?)\`\`\``).exec(rest.split('\n## ')[0] ?? '');
  return block?.[1];
}

describe('rule catalogue', () => {
  it('lists every rule folder exactly once', () => {
    expect(builtinRules.map((r) => r.meta.id).sort()).toEqual(folders.map((f) => f.id).sort());
  });

  describe.each(folders)('$id', ({ category, id, dir }) => {
    const rule = builtinRules.find((r) => r.meta.id === id)!;

    it('has metadata matching its folder', () => {
      expect(rule.meta.category).toBe(category);
      expect(rule.meta.description).toMatch(/\.$/);
      expect(rule.rules?.length || rule.generate).toBeTruthy();
    });

    it('uses only declared messages, known operators and its own id', () => {
      for (const r of rule.rules ?? []) {
        expect(r.event.type).toBe(id);
        expect(Object.keys(rule.meta.messages)).toContain(r.event.params.messageId);
        for (const leaf of conditionLeaves(r.conditions)) expect(Object.keys(OPERATORS)).toContain(leaf.operator);
      }
    });

    it('has its documentation, tests and sample', () => {
      expect(existsSync(join(dir, `${id}.md`))).toBe(true);
      expect(existsSync(join(dir, `${id}.test.ts`))).toBe(true);
      expect(existsSync(join(samplesRoot, id, 'expected.json'))).toBe(true);
      const md = readFileSync(join(dir, `${id}.md`), 'utf8');
      expect(md.startsWith(`# ${id}\n`)).toBe(true);
      let last = -1;
      for (const h of HEADINGS) {
        const at = md.indexOf(`\n${h}\n`);
        expect(at, `${id}.md has ${h} in order`).toBeGreaterThan(last);
        last = at;
      }
    });

    it('documents examples that do what they claim', async () => {
      const md = readFileSync(join(dir, `${id}.md`), 'utf8');
      const avoid = section(md, '## Avoid');
      const prefer = section(md, '## Prefer');
      expect(avoid, 'an Avoid example').toBeDefined();
      expect(prefer, 'a Prefer example').toBeDefined();
      const bad = await checkFiles({ 'base.doa': BASE, 'example.doa': avoid! });
      expect(bad.filter((f) => f.ruleId === id).length, 'the Avoid example triggers the rule').toBeGreaterThan(0);
      const good = await checkFiles({ 'base.doa': BASE, 'example.doa': prefer! });
      expect(good.map((f) => `${f.ruleId}: ${f.message}`), 'the Prefer example checks clean').toEqual([]);
    });
  });
});

describe('audit rule catalogue', () => {
  const expected = JSON.parse(readFileSync(new URL('../../samples/audit/expected.json', import.meta.url), 'utf8')) as { findings: Array<{ ruleId: string }> };

  it('lists every audit rule folder exactly once, in auditRules only', () => {
    expect(auditRules.map((r) => r.meta.id).sort()).toEqual(auditFolders.map((f) => f.id).sort());
    expect(auditFolders.length).toBeGreaterThan(0);
    for (const r of auditRules) expect(builtinRules.map((b) => b.meta.id)).not.toContain(r.meta.id);
  });

  describe.each(auditFolders)('$id', ({ id, dir }) => {
    const rule = auditRules.find((r) => r.meta.id === id)!;

    it('has metadata matching its folder', () => {
      expect(rule.meta.category).toBe('audit');
      expect(rule.meta.description).toMatch(/\.$/);
      expect(['transaction', 'stepPair', 'vendorWindow']).toContain(rule.meta.family);
      expect(rule.meta.basis.length).toBeGreaterThan(0);
      expect(rule.rules?.length).toBeTruthy();
    });

    it('uses only declared messages, known operators and its own id', () => {
      for (const r of rule.rules ?? []) {
        expect(r.event.type).toBe(id);
        expect(Object.keys(rule.meta.messages)).toContain(r.event.params.messageId);
        for (const leaf of conditionLeaves(r.conditions)) expect(Object.keys(OPERATORS)).toContain(leaf.operator);
        // One cause per step: every per-step rule has a priority.
        if ((r.family ?? rule.meta.family) === 'transaction') expect(r.priority, `${id} has a priority`).toBeGreaterThan(0);
      }
    });

    it('has its documentation, tests and a place in the audit sample', () => {
      expect(existsSync(join(dir, `${id}.md`))).toBe(true);
      expect(existsSync(join(dir, `${id}.test.ts`))).toBe(true);
      expect(expected.findings.some((f) => f.ruleId === id), `samples/audit/expected.json has a finding of ${id}`).toBe(true);
      const md = readFileSync(join(dir, `${id}.md`), 'utf8');
      expect(md.startsWith(`# ${id}\n`)).toBe(true);
      let last = -1;
      for (const h of HEADINGS) {
        const at = md.indexOf(`\n${h}\n`);
        expect(at, `${id}.md has ${h} in order`).toBeGreaterThan(last);
        last = at;
      }
      expect(md).toContain('Category: audit');
    });

    it('documents transaction examples that do what they claim', async () => {
      const md = readFileSync(join(dir, `${id}.md`), 'utf8');
      const avoid = section(md, '## Avoid', 'csv');
      const prefer = section(md, '## Prefer', 'csv');
      expect(avoid, 'an Avoid example (```csv)').toBeDefined();
      expect(prefer, 'a Prefer example (```csv)').toBeDefined();
      const bad = await audit(avoid!);
      expect(bad.findings.length, 'the Avoid example triggers the rule').toBeGreaterThan(0);
      expect(bad.findings.map((f) => f.ruleId), 'the Avoid example triggers only the rule').toEqual(bad.findings.map(() => id));
      const good = await audit(prefer!);
      expect(good.brief, 'the Prefer example audits clean').toEqual([]);
      expect(good.summary.rejected).toBe(0);
    });
  });
});
