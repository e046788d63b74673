// The facts of a party acting through one post are made by `onePostFacts`, which builds each list at
// its size at once; they must be what `postsFacts` (any number of posts) gives for that one post.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Workspace } from '../../language/src/index.ts';
import { onePostFacts, postsFacts } from '../../language/src/facts/common.ts';
import { BASE } from '../../language/src/testing/index.ts';

const samplesRoot = new URL('../../samples/', import.meta.url).pathname;

function samples(): Workspace {
  // The audit's samples are left out, by their path inside samples/: a test on the whole path
  // depended on where the checkout lies (a checkout under a folder named audit… found no posts).
  const files = readdirSync(samplesRoot, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile() && d.name.endsWith('.doa'))
    .map((d) => join(d.parentPath, d.name).slice(samplesRoot.length))
    .filter((path) => !path.split('/').some((part) => part.startsWith('audit')))
    .map((path): [string, string] => [`memory:///${path}`, readFileSync(join(samplesRoot, path), 'utf8')]);
  return new Workspace(files);
}

describe('the facts of one post', () => {
  it('are those of the posts facts of a list of that post, on every post of the samples', () => {
    const model = samples().getModel();
    expect(model.posts.length).toBeGreaterThan(20);
    for (const post of model.posts) expect(onePostFacts(model, post), post.name).toEqual(postsFacts(model, [post]));
  });

  it('are the same for a post without grade, entity or functions, and one naming a function twice', () => {
    const ws = new Workspace([
      ['memory:///base.doa', BASE],
      ['memory:///x.doa', 'post BARE "Bare post"\npost TWICE "Twice" { entity MSN; grade P-3; functions procurement, finance, procurement }\n'],
    ]);
    const model = ws.getModel();
    for (const name of ['BARE', 'TWICE']) {
      const post = model.posts.find((p) => p.name === name)!;
      expect(onePostFacts(model, post), name).toEqual(postsFacts(model, [post]));
    }
    const twice = onePostFacts(model, model.posts.find((p) => p.name === 'TWICE')!);
    expect(twice.functions).toEqual(['procurement', 'finance']);
    expect(twice.entities).toEqual(['MSN']);
  });
});
