// Which documents an edit can affect. Two documents are connected when one declares or uses a name
// the other declares or uses (before or after the edit); the findings of every document connected,
// directly or through others, to an edited one are recomputed and the rest are left as published.
import type { Workspace, DocumentState } from '../../language/src/index.ts';
import { declarationsOf } from '../../language/src/ide/symbol-at.ts';

function namesOf(doc: DocumentState): Set<string> {
  const names = new Set<string>();
  for (const d of declarationsOf(doc)) names.add(d.name);
  for (const r of doc.ast.refs) names.add(r.ref.name);
  return names;
}

export function affectedDocuments(workspace: Workspace, changed: ReadonlySet<string>, before: ReadonlyMap<string, DocumentState>): Set<string> {
  const docsByName = new Map<string, string[]>();
  const namesByDoc = new Map<string, Set<string>>();
  for (const doc of workspace.documents) {
    const names = namesOf(doc);
    namesByDoc.set(doc.uri, names);
    for (const n of names) {
      let list = docsByName.get(n);
      if (!list) docsByName.set(n, (list = []));
      list.push(doc.uri);
    }
  }
  const affected = new Set<string>(changed);
  const queue: string[] = [];
  for (const uri of changed) {
    queue.push(uri);
    const old = before.get(uri);
    if (old) for (const n of namesOf(old)) for (const u of docsByName.get(n) ?? []) if (!affected.has(u)) (affected.add(u), queue.push(u));
  }
  while (queue.length) {
    const uri = queue.pop()!;
    for (const n of namesByDoc.get(uri) ?? []) {
      for (const u of docsByName.get(n) ?? []) {
        if (affected.has(u)) continue;
        affected.add(u);
        queue.push(u);
      }
    }
  }
  return affected;
}
