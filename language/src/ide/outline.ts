// Document structure for editors: symbols (outline), folding ranges, semantic tokens, code lenses
// and renames. Plain data with zero-based lines; the server converts it to LSP.
import type { Decl, DeclKind, InstrumentDecl } from '../ast/ast.ts';
import type { WorkspaceModel } from '../model/model.ts';
import type { Range, Statement } from '../syntax/syntax-tree.ts';
import type { DocumentState } from '../workspace/workspace.ts';
import { formatMoney } from '../values/money.ts';
import { daysBetween } from '../values/dates.ts';
import { declarationsOf, occurrences, resolveSite } from './symbol-at.ts';

export interface OutlineSymbol {
  name: string;
  detail?: string;
  kind: DeclKind;
  range: Range;
  selectionRange: Range;
  children: OutlineSymbol[];
}

export function outline(doc: DocumentState): OutlineSymbol[] {
  return doc.ast.decls.map((d) => ({
    name: d.name || d.kind,
    ...(d.title ? { detail: d.title } : {}),
    kind: d.kind,
    range: d.range,
    selectionRange: d.nameRange,
    children:
      d.kind === 'area'
        ? d.authorities.map((a) => ({ name: a.name, ...(a.title ? { detail: a.title } : {}), kind: a.kind, range: a.range, selectionRange: a.nameRange, children: [] }))
        : [],
  }));
}

export interface Fold {
  startLine: number;
  endLine: number;
  kind: 'region' | 'comment';
}

export function foldingRanges(doc: DocumentState): Fold[] {
  const out: Fold[] = [];
  const visit = (statements: readonly Statement[]) => {
    for (const s of statements) {
      if (!s.body) continue;
      const end = s.body.closed ? s.body.range.end.line - 1 : s.body.range.end.line;
      if (end > s.range.start.line) out.push({ startLine: s.range.start.line, endLine: end, kind: 'region' });
      visit(s.body.statements);
    }
  };
  visit(doc.syntax.statements);
  // Runs of line comments, and block comments over several lines.
  let run: { start: number; end: number } | undefined;
  for (const c of doc.syntax.comments) {
    if (c.block) {
      if (c.range.end.line > c.range.start.line) out.push({ startLine: c.range.start.line, endLine: c.range.end.line, kind: 'comment' });
      continue;
    }
    if (run && c.range.start.line === run.end + 1) run.end = c.range.start.line;
    else {
      if (run && run.end > run.start) out.push({ startLine: run.start, endLine: run.end, kind: 'comment' });
      run = { start: c.range.start.line, end: c.range.start.line };
    }
  }
  if (run && run.end > run.start) out.push({ startLine: run.start, endLine: run.end, kind: 'comment' });
  return out.sort((a, b) => a.startLine - b.startLine);
}

export type SemanticKind = 'keyword' | 'declaration' | 'reference';

export interface SemanticToken {
  range: Range;
  type: SemanticKind;
  declKind?: DeclKind;
}

/** Keys are keywords; names are declarations or references, by the kind of what they name. */
export function semanticTokens(model: WorkspaceModel, doc: DocumentState): SemanticToken[] {
  const out: SemanticToken[] = [];
  const visit = (statements: readonly Statement[]) => {
    for (const s of statements) {
      out.push({ range: s.key.range, type: 'keyword' });
      if (s.body) visit(s.body.statements);
    }
  };
  visit(doc.syntax.statements);
  for (const d of declarationsOf(doc)) out.push({ range: d.nameRange, type: 'declaration', declKind: d.kind });
  for (const site of doc.ast.refs) {
    const d = resolveSite(model, site);
    out.push({ range: site.ref.range, type: 'reference', ...(d ? { declKind: d.kind } : {}) });
  }
  return out.sort((a, b) => a.range.start.offset - b.range.start.offset);
}

export interface Lens {
  range: Range;
  title: string;
}

/** On each instrument: how many sub-delegations, its limits, days until expiry. */
export function codeLenses(model: WorkspaceModel, doc: DocumentState, asOf: string): Lens[] {
  return doc.ast.decls
    .filter((d): d is InstrumentDecl => d.kind === 'delegation' || d.kind === 'sub-delegation')
    .map((i) => {
      const subs = model.childrenOf(i).length;
      const limits = i.grants.map((g) => (g.limit ? formatMoney(g.limit) : 'no limit'));
      const limitText = limits.length === 1 ? `limit ${limits[0]}` : limits.length ? `limits ${[...new Set(limits)].join(', ')}` : 'no authority';
      let expiry: string;
      if (i.revocation && i.revocation.date.value <= asOf) expiry = `revoked ${i.revocation.date.value}`;
      else if (!i.validTo) expiry = 'no end date';
      else {
        const days = daysBetween(asOf, i.validTo.value);
        expiry = days < 0 ? `expired ${-days} days ago` : days === 0 ? 'expires today' : `expires in ${days} days`;
      }
      return { range: i.nameRange, title: `${subs} sub-delegation${subs === 1 ? '' : 's'} · ${limitText} · ${expiry}` };
    });
}

export interface RenameEdit {
  uri: string;
  range: Range;
  newText: string;
}

const NAME = /^[\p{L}_][\p{L}\p{M}\p{N}_\-.]*$/u;

/** The edits that rename a declaration everywhere, or an error message. */
export function renameEdits(model: WorkspaceModel, decl: Decl, newName: string): RenameEdit[] | string {
  if (!NAME.test(newName)) return `'${newName}' is not a valid name: use letters, digits, '_', '-' or '.'`;
  const full = decl.kind === 'authority' ? `${decl.area}/${newName}` : newName;
  const clash = model.symbols.lookup(full, 'entity', 'post', 'person', 'training', 'vendor', 'committee', 'area', 'authority', 'duty', 'delegation', 'sub-delegation', 'rule', 'segregation');
  if (clash && clash !== decl) return `'${full}' is already declared`;
  const edits = occurrences(model, decl).map((o) => ({ uri: o.uri, range: o.range, newText: o.isDeclaration ? newName : full }));
  // An area's name is also the first part of every reference to its authorities (`area/authority`).
  if (decl.kind === 'area') {
    for (const a of decl.authorities) {
      for (const o of occurrences(model, a)) if (!o.isDeclaration) edits.push({ uri: o.uri, range: o.range, newText: `${newName}/${a.localName}` });
    }
  }
  return edits;
}
