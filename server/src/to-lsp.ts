// The only place that converts the core's data to LSP types.
import {
  CompletionItemKind,
  DiagnosticSeverity,
  DiagnosticTag,
  SymbolKind,
  type CompletionItem,
  type Diagnostic,
  type DiagnosticRelatedInformation,
  type Position,
  type Range,
} from 'vscode-languageserver';
import type { DeclKind } from '../../language/src/ast/ast.ts';
import type { Finding } from '../../language/src/index.ts';
import type { Completion } from '../../language/src/ide/completion.ts';
import type { Range as CoreRange } from '../../language/src/syntax/syntax-tree.ts';

export function toRange(r: CoreRange): Range {
  return { start: { line: r.start.line, character: r.start.character }, end: { line: r.end.line, character: r.end.character } };
}

const SEVERITY = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information } as const;

export interface RuleLinks {
  /** A link to the rule's documentation, when there is one. */
  docsUri(ruleId: string): string | undefined;
  tags(ruleId: string): Array<'deprecated' | 'unnecessary'>;
}

export function toDiagnostic(f: Finding, links: RuleLinks): Diagnostic {
  const related: DiagnosticRelatedInformation[] = [];
  for (const c of f.chain) {
    if (c.location) related.push({ location: { uri: c.location.uri, range: toRange(c.location.range) }, message: `chain: ${c.kind === 'root' ? (c.title ?? c.name) : `${c.kind} ${c.name}`}` });
  }
  for (const r of f.related) related.push({ location: { uri: r.uri, range: toRange(r.range) }, message: r.message });
  const d: Diagnostic = {
    range: toRange(f.range),
    severity: SEVERITY[f.severity],
    code: f.ruleId,
    source: 'doa',
    message: f.basis.length ? `${f.message}\nBasis: ${f.basis.join('; ')}` : f.message,
    // The fix travels with the diagnostic in LSP terms (no offsets): the code action reads it back.
    data: { ruleId: f.ruleId, messageId: f.messageId, fix: f.fix && { title: f.fix.title, edits: f.fix.edits.map((e) => ({ uri: e.uri, range: toRange(e.range), newText: e.newText })) } },
  };
  const href = links.docsUri(f.ruleId);
  if (href) d.codeDescription = { href };
  if (related.length) d.relatedInformation = related;
  const tags = links.tags(f.ruleId).map((t) => (t === 'deprecated' ? DiagnosticTag.Deprecated : DiagnosticTag.Unnecessary));
  if (tags.length) d.tags = tags;
  return d;
}

const SYMBOL_KIND: Record<DeclKind, SymbolKind> = {
  entity: SymbolKind.Namespace,
  post: SymbolKind.Class,
  person: SymbolKind.Object,
  training: SymbolKind.Event,
  vendor: SymbolKind.Struct,
  committee: SymbolKind.Interface,
  area: SymbolKind.Package,
  authority: SymbolKind.EnumMember,
  duty: SymbolKind.Property,
  delegation: SymbolKind.Function,
  'sub-delegation': SymbolKind.Method,
  rule: SymbolKind.Boolean,
  segregation: SymbolKind.Operator,
};

export function toSymbolKind(kind: DeclKind): SymbolKind {
  return SYMBOL_KIND[kind];
}

export function toCompletionItem(c: Completion): CompletionItem {
  const kind =
    c.kind === 'keyword'
      ? CompletionItemKind.Keyword
      : c.kind === 'field'
        ? CompletionItemKind.Field
        : c.kind === 'value'
          ? CompletionItemKind.Value
          : c.declKind === 'person'
            ? CompletionItemKind.Variable
            : c.declKind === 'delegation' || c.declKind === 'sub-delegation'
              ? CompletionItemKind.Function
              : c.declKind === 'authority'
                ? CompletionItemKind.EnumMember
                : CompletionItemKind.Reference;
  const item: CompletionItem = { label: c.label, kind };
  if (c.detail) item.detail = c.detail;
  if (c.documentation) item.documentation = { kind: 'markdown', value: c.documentation };
  return item;
}

export function positionToOffset(text: string, p: Position): number {
  let offset = 0;
  for (let line = 0; line < p.line; line++) {
    const next = text.indexOf('\n', offset);
    if (next < 0) return text.length;
    offset = next + 1;
  }
  const lineEnd = text.indexOf('\n', offset);
  return Math.min(offset + p.character, lineEnd < 0 ? text.length : lineEnd);
}
