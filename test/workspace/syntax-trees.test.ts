// A headless check drops each document's statement tree (`keepSyntaxTrees: false`): the checker must
// then find exactly what it finds with the trees kept, on every rule sample and the sample workspace.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Workspace, checkSync } from '../../language/src/index.ts';
import { doaFilesUnder } from '../../language/src/testing/index.ts';

const samples = new URL('../../samples/', import.meta.url).pathname;

const folders = [
  join(samples, 'workspace'),
  ...readdirSync(join(samples, 'rules'))
    .filter((name) => name !== '_shared')
    .map((name) => join(samples, 'rules', name)),
];
const shared = doaFilesUnder(join(samples, 'rules', '_shared'));

describe('a workspace that keeps no statement trees', () => {
  it.each(folders.map((f) => [relative(samples, f), f]))('%s: same findings as with the trees kept', (_name, folder) => {
    const files = [...doaFilesUnder(folder), ...(folder.includes('/rules/') ? shared : [])];
    const docs = files.map((path): [string, string] => [`memory:///${relative(samples, path)}`, readFileSync(path, 'utf8')]);
    const kept = new Workspace(docs);
    const dropped = new Workspace(docs, { keepSyntaxTrees: false });
    for (const doc of dropped.documents) {
      const full = kept.get(doc.uri)!;
      expect(doc.syntax.statements).toEqual([]);
      expect(doc.syntax.comments).toEqual(full.syntax.comments);
      expect(doc.problems).toEqual(full.problems);
    }
    const asOf = '2025-06-30';
    const a = checkSync(kept, { asOf });
    const b = checkSync(dropped, { asOf });
    expect(b.findings).toEqual(a.findings);
    expect(b.suppressed).toEqual(a.suppressed);
    if (folder.includes('/rules/')) expect(a.findings.length).toBeGreaterThan(0);
  });
});
