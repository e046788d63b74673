// A workspace: the documents (uri → text) and, derived from them, each document's syntax tree and
// AST and the linked model. Documents are parsed when set; the model is rebuilt lazily after any
// change, since linking the whole workspace is cheap next to parsing (see bench/).
import { parse } from '../syntax/parser.ts';
import { toAst } from '../ast/to-ast.ts';
import { startOffsetOf } from '../syntax/source-range.ts';
import type { DocumentAst } from '../ast/ast.ts';
import type { Problem, SyntaxFile } from '../syntax/syntax-tree.ts';
import { WorkspaceModel, type ModelExtras } from '../model/model.ts';

export interface DocumentState {
  uri: string;
  text: string;
  version: number;
  syntax: SyntaxFile;
  ast: DocumentAst;
  /** Syntax problems and statements the language does not accept, in source order. */
  problems: Problem[];
}

export interface WorkspaceOptions {
  /**
   * Keep each document's statement tree once its AST is built (default: keep). Editor features
   * (outline, completion, what is at the cursor) walk it; the checker reads only the AST, the
   * comments and the problems. A headless check drops it: about a third of a parsed document's
   * memory, and the tree then dies young instead of being copied and marked by every collection.
   */
  keepSyntaxTrees?: boolean;
}

export function buildDocument(uri: string, text: string, version = 0): DocumentState {
  const syntax = parse(uri, text);
  const problems = [...syntax.problems];
  const ast = toAst(uri, syntax.statements, problems);
  problems.sort((a, b) => startOffsetOf(a.range) - startOffsetOf(b.range));
  return { uri, text, version, syntax, ast, problems };
}

export class Workspace {
  private readonly docs = new Map<string, DocumentState>();
  private model: WorkspaceModel | undefined;
  private extras: ModelExtras = {};

  private readonly keepSyntaxTrees: boolean;

  constructor(documents: Iterable<[uri: string, text: string]> = [], options: WorkspaceOptions = {}) {
    this.keepSyntaxTrees = options.keepSyntaxTrees ?? true;
    for (const [uri, text] of documents) this.set(uri, text);
  }

  set(uri: string, text: string, version = 0): DocumentState {
    const doc = buildDocument(uri, text, version);
    if (!this.keepSyntaxTrees) doc.syntax = { ...doc.syntax, statements: [] };
    this.docs.set(uri, doc);
    this.model = undefined;
    return doc;
  }

  delete(uri: string): boolean {
    this.model = undefined;
    return this.docs.delete(uri);
  }

  get(uri: string): DocumentState | undefined {
    return this.docs.get(uri);
  }

  get documents(): DocumentState[] {
    return [...this.docs.values()];
  }

  get uris(): string[] {
    return [...this.docs.keys()];
  }

  /** Rates and committee thresholds from the configuration. */
  configure(extras: ModelExtras): void {
    this.extras = extras;
    this.model = undefined;
  }

  getModel(): WorkspaceModel {
    this.model ??= new WorkspaceModel(
      this.documents.map((d) => d.ast),
      this.extras,
    );
    return this.model;
  }
}
