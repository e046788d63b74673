import { describe, expect, it } from 'vitest';
import { Workspace, check } from '../../language/src/index.ts';
import { brief } from '../../language/src/testing/index.ts';
import { BENCH_AS_OF, equivalentJson, generateWorkspace } from '../../bench/generate.ts';

describe('bench workspace generator', () => {
  const ws = generateWorkspace(1_000);

  it('is deterministic', () => {
    const again = generateWorkspace(1_000);
    expect(again.files.map((f) => f.text)).toEqual(ws.files.map((f) => f.text));
    expect(generateWorkspace(1_000, 7).files.map((f) => f.text)).not.toEqual(ws.files.map((f) => f.text));
  });

  it('has about the requested number of lines, over several files', () => {
    expect(ws.lines).toBeGreaterThan(900);
    expect(ws.lines).toBeLessThan(1_100);
    expect(ws.files.length).toBeGreaterThanOrEqual(3);
    expect(ws.lines).toBe(ws.files.reduce((n, f) => n + f.text.split('\n').length - 1, 0));
  });

  it('has the variety of a real register', () => {
    const text = ws.files.map((f) => f.text).join('\n');
    for (const needle of ['sub-delegation ', 'may-sub-delegate', 'report "', 'requires ', 'duty ', 'segregation ', 'rule ', 'rates ', 'training ']) {
      expect(text, needle).toContain(needle);
    }
    expect(text).toMatch(/[\u0400-\u04ff\u0600-\u06ff\u4e00-\u9fff\u0370-\u03ff\u0900-\u097f\uac00-\ud7af]/);
    expect(ws.stats['depth-4'] ?? 0).toBeGreaterThan(0);
  });

  it('checks clean on the bench date', async () => {
    const workspace = new Workspace(ws.files.map((f) => [`file:///bench/${f.path}`, f.text]));
    const findings = await check(workspace, { asOf: BENCH_AS_OF });
    expect(findings.map((f) => `${f.ruleId} ${brief(f)}`)).toEqual([]);
  }, 30_000);

  it('checks clean at 10k lines too', async () => {
    const big = generateWorkspace(10_000);
    const workspace = new Workspace(big.files.map((f) => [`file:///bench/${f.path}`, f.text]));
    const findings = await check(workspace, { asOf: BENCH_AS_OF });
    expect(findings.slice(0, 20).map((f) => `${f.ruleId} ${brief(f)}`)).toEqual([]);
  }, 60_000);

  it('checks clean whatever the seed', async () => {
    for (const seed of [1, 2, 3]) {
      const other = generateWorkspace(2_000, seed);
      const workspace = new Workspace(other.files.map((f) => [`file:///bench/${f.path}`, f.text]));
      const findings = await check(workspace, { asOf: BENCH_AS_OF });
      expect(findings.slice(0, 20).map((f) => `seed ${seed}: ${f.ruleId} ${brief(f)}`)).toEqual([]);
    }
  }, 60_000);

  it('has an equivalent JSON document with the same declarations', () => {
    const doc = JSON.parse(equivalentJson(ws)) as { files: Array<{ path: string; declarations: Array<{ kind: string; name?: string }> }> };
    expect(doc.files.map((f) => f.path)).toEqual(ws.files.map((f) => f.path));
    const workspace = new Workspace(ws.files.map((f) => [`file:///bench/${f.path}`, f.text]));
    const names = (kinds: string[]) => doc.files.flatMap((f) => f.declarations.filter((d) => kinds.includes(d.kind)).map((d) => d.name)).sort();
    const model = workspace.getModel();
    expect(names(['delegation', 'sub-delegation'])).toEqual(model.instruments.map((i) => i.name).sort());
    expect(names(['person'])).toEqual(model.persons.map((p) => p.name).sort());
    expect(names(['post'])).toEqual(model.posts.map((p) => p.name).sort());
  });
});
