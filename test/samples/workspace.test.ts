// The sample workspace (samples/workspace/) is a realistic UN-like Secretariat policy in several
// files. It must check clean, with every built-in rule and its own DSL rules, on 2025-06-30.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Workspace, check } from '../../language/src/index.ts';
import { format } from '../../language/src/syntax/format.ts';

const AS_OF = '2025-06-30';
const root = new URL('../../samples/workspace/', import.meta.url).pathname;

function doaFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return doaFiles(path);
      return name.endsWith('.doa') ? [path] : [];
    });
}

function workspace(): Workspace {
  return new Workspace(doaFiles(root).map((path) => [`memory:///${relative(root, path)}`, readFileSync(path, 'utf8')]));
}

describe('sample workspace', () => {
  it('is split into several files', () => {
    const files = doaFiles(root).map((p) => relative(root, p));
    expect(files.length).toBeGreaterThanOrEqual(10);
    for (const f of ['organisation.doa', 'catalogue.doa', 'trainings.doa', 'duties.doa', 'rates.doa', 'rules.doa']) expect(files).toContain(f);
  });

  it(`checks clean on ${AS_OF}`, async () => {
    const findings = await check(workspace(), { asOf: AS_OF });
    const listed = findings.map(
      (f) => `${f.severity} ${f.ruleId} ${f.uri.replace('memory:///', '')}:${f.range.start.line + 1}:${f.range.start.character + 1} ${f.message}`,
    );
    expect(findings.length, `expected no findings, got:\n${listed.join('\n')}`).toBe(0);
  });

  it('is in the canonical layout of the formatter: what drafters copy from is what doa fmt writes', () => {
    const unformatted = doaFiles(root).filter((path) => {
      const result = format(readFileSync(path, 'utf8'));
      return 'error' in result || result.changed;
    });
    expect(unformatted.map((p) => relative(root, p))).toEqual([]);
  });

  it('has at least 20 posts and 20 people', () => {
    const model = workspace().getModel();
    expect(model.posts.length).toBeGreaterThanOrEqual(20);
    expect(model.persons.length).toBeGreaterThanOrEqual(20);
    expect(model.rootPost?.name).toBe('SG');
  });

  it('names people in several scripts', () => {
    const names = workspace()
      .getModel()
      .persons.map((p) => p.title ?? '');
    const scripts: Record<string, RegExp> = {
      Han: /\p{Script=Han}/u,
      Arabic: /\p{Script=Arabic}/u,
      Cyrillic: /\p{Script=Cyrillic}/u,
      'Latin with diacritics': /[À-ÖØ-öø-ÿ]/u,
    };
    for (const [script, pattern] of Object.entries(scripts)) {
      expect(names.some((n) => pattern.test(n)), `a person named in ${script} script`).toBe(true);
    }
  });

  it('covers the four functional areas with instruments in force', () => {
    const model = workspace().getModel();
    const areas = ['hr', 'finance', 'procurement', 'property'];
    expect(model.areas.map((a) => a.name)).toEqual(expect.arrayContaining(areas));
    for (const area of areas) {
      // A sub-delegation's area is that of the authorities it grants.
      const inForce = model.instruments.filter(
        (i) => model.inForce(i, AS_OF) && (i.area?.name ?? i.grants[0]?.authority.name.split('/')[0]) === area,
      );
      expect(inForce.some((i) => i.kind === 'delegation'), `a delegation in ${area}`).toBe(true);
      expect(inForce.some((i) => i.kind === 'sub-delegation'), `a sub-delegation in ${area}`).toBe(true);
    }
  });

  it('exercises the controls a drafter relies on', () => {
    const model = workspace().getModel();
    // A revoked delegation transferred to the service provider, its sub-delegation revoked too.
    const revoked = model.instruments.filter((i) => i.revocation);
    expect(revoked.some((i) => i.kind === 'delegation' && i.revocation?.transferTo?.name === 'DOS')).toBe(true);
    expect(revoked.some((i) => i.kind === 'sub-delegation')).toBe(true);
    // Limits in another currency, compared through the operational rates.
    expect(model.instruments.some((i) => i.grants.some((g) => g.limit && g.limit.currency !== 'USD'))).toBe(true);
    expect(model.rates.length).toBeGreaterThan(0);
    // Segregation declarations, DSL rules, a reserved authority and a declared conflict of interest.
    expect(model.segregations.length).toBeGreaterThanOrEqual(5);
    expect(model.rules.length).toBeGreaterThanOrEqual(2);
    expect(model.authorities.some((a) => a.reservedTo)).toBe(true);
    expect(model.persons.some((p) => p.interests.length > 0)).toBe(true);
    // Sub-delegations three levels below the head of entity.
    expect(Math.max(...model.instruments.map((i) => model.ancestry(i).chain.length))).toBeGreaterThanOrEqual(4);
  });
});
