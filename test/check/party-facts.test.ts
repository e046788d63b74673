// The facts of a post as a party are made by `postPartyFacts`, which builds each list at its size at
// once; they must be what `postsFacts` (any number of posts) gives for that one post, plus the post's
// own name and its holders on the date.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Workspace } from '../../language/src/index.ts';
import { postPartyFacts, postsFacts } from '../../language/src/facts/common.ts';
import type { WorkspaceModel } from '../../language/src/model/model.ts';
import type { PostDecl } from '../../language/src/ast/ast.ts';
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

const DATE = '2025-06-30';

/** What `postPartyFacts` must give: `postsFacts` of the one post, as a party, with its holders. */
function expected(model: WorkspaceModel, post: PostDecl) {
  return { kind: 'post', name: post.name, ...postsFacts(model, [post]), persons: model.holdersOf(post, DATE).map((p) => p.name) };
}

describe('the facts of one post', () => {
  it('are those of the posts facts of a list of that post, on every post of the samples', () => {
    const model = samples().getModel();
    expect(model.posts.length).toBeGreaterThan(20);
    for (const post of model.posts) expect(postPartyFacts(model, post, DATE), post.name).toEqual(expected(model, post));
  });

  it('are the same for a post without grade, entity or functions, and one naming a function twice', () => {
    const ws = new Workspace([
      ['memory:///base.doa', BASE],
      ['memory:///x.doa', 'post BARE "Bare post"\npost TWICE "Twice" { entity MSN; grade P-3; functions procurement, finance, procurement }\n'],
    ]);
    const model = ws.getModel();
    for (const name of ['BARE', 'TWICE']) {
      const post = model.posts.find((p) => p.name === name)!;
      expect(postPartyFacts(model, post, DATE), name).toEqual(expected(model, post));
    }
    const twice = postPartyFacts(model, model.posts.find((p) => p.name === 'TWICE')!, DATE);
    expect(twice.functions).toEqual(['procurement', 'finance']);
    expect(twice.entities).toEqual(['MSN']);
  });
});
