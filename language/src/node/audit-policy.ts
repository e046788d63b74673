// The policy as `doa audit` loads it: the linked model, without the syntax trees and problems a
// `Workspace` keeps for editing and checking. The files are parsed one at a time and only their ASTs
// are kept, so the memory of a large policy is that of its model, not of every file's tree at once;
// an audit never needs a tree again once the model is built, and keeps of the model only its
// audit tables (audit/audit-index.ts).
import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import type { DocumentAst } from '../ast/ast.ts';
import { WorkspaceModel, type ModelExtras } from '../model/model.ts';
import { buildDocument, Workspace } from '../workspace/workspace.ts';

export interface AuditPolicy {
  model: WorkspaceModel;
  /** Errors in the policy files (syntax and statements): `doa check` shows them. */
  errors: number;
}

/** Builds the policy from texts, one file at a time. */
export function auditPolicyOf(documents: Iterable<[uri: string, text: string]>, extras: ModelExtras = {}): AuditPolicy {
  const asts: DocumentAst[] = [];
  let errors = 0;
  for (const [uri, text] of documents) {
    const doc = buildDocument(uri, text);
    for (const p of doc.problems) if (p.severity === 'error') errors++;
    asts.push(doc.ast);
  }
  return { model: new WorkspaceModel(asts, extras), errors };
}

/** Reads the given files (absolute paths) into a policy with `file://` URIs (parsed one at a time). */
export async function readAuditPolicy(files: readonly string[], extras: ModelExtras = {}): Promise<AuditPolicy> {
  const texts = await Promise.all(files.map((f) => readFile(f, 'utf8')));
  return auditPolicyOf(
    files.map((f, i) => [pathToFileURL(f).href, texts[i]!]),
    extras,
  );
}

/** The policy of a workspace already loaded (its model; the workspace keeps its trees). */
export function auditPolicyOfWorkspace(workspace: Workspace): AuditPolicy {
  let errors = 0;
  for (const d of workspace.documents) for (const p of d.problems) if (p.severity === 'error') errors++;
  return { model: workspace.getModel(), errors };
}
