// What is at a position of a document: a declaration's name, a reference, a statement key, or a
// rule id in a suppression comment. Plain data in editor terms; the server converts it to LSP.
import type { AuthorityDecl, Decl, RefSite } from '../ast/ast.ts';
import type { WorkspaceModel } from '../model/model.ts';
import type { Range, Statement } from '../syntax/syntax-tree.ts';
import type { DocumentState } from '../workspace/workspace.ts';

export type SymbolAt =
  | { kind: 'declaration'; decl: Decl; range: Range }
  | { kind: 'reference'; site: RefSite; decl: Decl | undefined; range: Range }
  | { kind: 'key'; key: string; statement: Statement; range: Range }
  | { kind: 'rule-id'; ruleId: string; range: Range };

function contains(range: Range, offset: number): boolean {
  return range.start.offset <= offset && offset <= range.end.offset;
}

/** Every declaration of a document, authorities included. */
export function declarationsOf(doc: DocumentState): Decl[] {
  const out: Decl[] = [];
  for (const d of doc.ast.decls) {
    out.push(d);
    if (d.kind === 'area') out.push(...(d.authorities as AuthorityDecl[]));
  }
  return out;
}

export function resolveSite(model: WorkspaceModel, site: RefSite): Decl | undefined {
  return model.symbols.resolve(site.ref, ...site.kinds);
}

function keyAt(statements: readonly Statement[], offset: number): { key: string; statement: Statement; range: Range } | undefined {
  for (const s of statements) {
    if (!contains(s.range, offset)) continue;
    if (contains(s.key.range, offset)) return { key: s.key.text, statement: s, range: s.key.range };
    if (s.body) return keyAt(s.body.statements, offset);
  }
  return undefined;
}

const RULE_IN_COMMENT = /doa-disable(?:-next-line)?\s+([^-\n]*)/;

export function symbolAt(model: WorkspaceModel, doc: DocumentState, offset: number): SymbolAt | undefined {
  for (const d of declarationsOf(doc)) if (contains(d.nameRange, offset)) return { kind: 'declaration', decl: d, range: d.nameRange };
  for (const site of doc.ast.refs) if (contains(site.ref.range, offset)) return { kind: 'reference', site, decl: resolveSite(model, site), range: site.ref.range };
  for (const c of doc.syntax.comments) {
    if (!contains(c.range, offset)) continue;
    const m = RULE_IN_COMMENT.exec(c.text);
    if (!m) return undefined;
    const listStart = c.range.start.offset + m.index + m[0].length - m[1]!.length;
    for (const w of m[1]!.matchAll(/[\w-]+/g)) {
      const start = listStart + w.index!;
      const end = start + w[0].length;
      if (offset >= start && offset <= end && w[0] !== 'until') {
        const line = c.range.start.line;
        const col = c.range.start.character + (start - c.range.start.offset);
        return { kind: 'rule-id', ruleId: w[0], range: { start: { line, character: col, offset: start }, end: { line, character: col + w[0].length, offset: end } } };
      }
    }
    return undefined;
  }
  const key = keyAt(doc.syntax.statements, offset);
  return key ? { kind: 'key', ...key } : undefined;
}

/** The declaration a symbol stands for, if any. */
export function declOf(symbol: SymbolAt | undefined): Decl | undefined {
  if (!symbol) return undefined;
  return symbol.kind === 'declaration' ? symbol.decl : symbol.kind === 'reference' ? symbol.decl : undefined;
}

/** The declaration and every reference to it, across the workspace. */
export function occurrences(model: WorkspaceModel, decl: Decl): Array<{ uri: string; range: Range; isDeclaration: boolean }> {
  const out = [{ uri: decl.uri, range: decl.nameRange, isDeclaration: true }];
  for (const r of model.symbols.referencesTo.get(decl) ?? []) out.push({ uri: r.uri, range: r.site.ref.range, isDeclaration: false });
  return out;
}
