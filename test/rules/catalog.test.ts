// Every rule is complete and consistent (ESLint's checkRuleFiles, typescript-eslint's docs test):
// its folder, registry entry, metadata, documentation with executed examples, tests and sample.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtinRules } from '../../rules/index.ts';
import { BASE, checkFiles } from '../../language/src/testing/index.ts';
import { conditionLeaves } from '../../language/src/check/compile.ts';
import { OPERATORS } from '../../language/src/check/operators.ts';

const rulesRoot = new URL('../../rules/', import.meta.url).pathname;
const samplesRoot = new URL('../../samples/rules/', import.meta.url).pathname;
const HEADINGS = ['## Summary', '## Rationale', '## Avoid', '## Prefer', '## Basis'];

const folders = readdirSync(rulesRoot, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .flatMap((cat) =>
    readdirSync(join(rulesRoot, cat.name), { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => ({ category: cat.name, id: d.name, dir: join(rulesRoot, cat.name, d.name) })),
  );

function section(md: string, heading: string): string | undefined {
  const start = md.indexOf(`${heading}\n`);
  if (start < 0) return undefined;
  const rest = md.slice(start + heading.length + 1);
  const block = /```doa\n([\s\S]*?)```/.exec(rest.split('\n## ')[0] ?? '');
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
