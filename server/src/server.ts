// The doa language server: keeps the workspace in memory (every *.doa file under the workspace
// folders, open documents overriding the disk), checks after edits (at once when idle, debounced
// while edits keep coming: schedule.ts), moves the diagnostics instead of checking after an edit of
// comments or white space only (layout-edit.ts), publishes only what changed (diagnostics.ts), and
// answers editor requests from the core's `ide/` services. While idle it warms the checker up after
// start-up (warm-up.ts) and collects garbage when editing pauses (idle-gc.ts); any message stops both.
//
// Invariant: the server never crashes on input. Every handler runs inside `safely`, which logs an
// internal error and answers the request with an error instead of ending the process.
import { readFile } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  CodeActionKind,
  DidChangeWatchedFilesNotification,
  ErrorCodes,
  FileChangeType,
  ResponseError,
  TextDocumentSyncKind,
  type CodeAction,
  type Connection,
  type Diagnostic,
  type InitializeParams,
  type InitializeResult,
  type SemanticTokensLegend,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver/node.js';
import { Workspace, builtinRules, ruleById, type Finding } from '../../language/src/index.ts';
import { checkSync, type CheckOptions, type SeveritySetting } from '../../language/src/check/check.ts';
import { buildDocument } from '../../language/src/workspace/workspace.ts';
import { WorkspaceModel } from '../../language/src/model/model.ts';
import { findDoaFiles } from '../../language/src/node/load-workspace.ts';
import { ConfigError, findConfig, loadConfig, type LoadedConfig } from '../../language/src/node/config.ts';
import { readRuleDocs, ruleDocsUri } from '../../language/src/node/rule-docs.ts';
import { symbolAt, declOf, occurrences } from '../../language/src/ide/symbol-at.ts';
import { hoverText } from '../../language/src/ide/hover.ts';
import { completions } from '../../language/src/ide/completion.ts';
import { codeLenses, foldingRanges, outline, renameEdits, semanticTokens, type OutlineSymbol } from '../../language/src/ide/outline.ts';
import { format, formatRange } from '../../language/src/syntax/format.ts';
import { isValidDate, today } from '../../language/src/values/dates.ts';
import type { DocumentState } from '../../language/src/workspace/workspace.ts';
import { positionToOffset, toCompletionItem, toRange, toSymbolKind, type RuleLinks } from './to-lsp.ts';
import { CheckScheduler } from './schedule.ts';
import { DiagnosticsStore } from './diagnostics.ts';
import { layoutLineMap, type LineMap } from './layout-edit.ts';
import { cpuMs, Timings, TIMINGS_NOTIFICATION } from './timings.ts';
import { DEFAULT_WARM_UP, WarmUp, type WarmUpLimits } from './warm-up.ts';
import { exposedGc, IdleGc } from './idle-gc.ts';

export interface Settings {
  asOf?: string;
  rules?: Record<string, SeveritySetting>;
}

const TOKEN_TYPES = ['keyword', 'namespace', 'class', 'variable', 'function', 'enumMember', 'property', 'type', 'event', 'struct', 'interface', 'macro'];
const TOKEN_MODIFIERS = ['declaration'];
const TOKEN_OF_KIND: Record<string, string> = {
  entity: 'namespace',
  post: 'class',
  person: 'variable',
  delegation: 'function',
  'sub-delegation': 'function',
  authority: 'enumMember',
  area: 'namespace',
  training: 'event',
  duty: 'property',
  vendor: 'struct',
  committee: 'interface',
  rule: 'macro',
  segregation: 'macro',
};
export const SEMANTIC_LEGEND: SemanticTokensLegend = { tokenTypes: TOKEN_TYPES, tokenModifiers: TOKEN_MODIFIERS };

const links: RuleLinks = {
  docsUri: (id) => ruleDocsUri(id),
  tags: (id) => ruleById(id)?.meta.tags ?? [],
};

export class DoaServer {
  readonly workspace = new Workspace();
  private roots: string[] = [];
  private readonly open = new Set<string>();
  private config: LoadedConfig | undefined;
  private settings: Settings = {};
  /** Documents changed since the last check, and the state each had at that check. */
  private readonly changed = new Set<string>();
  private readonly checkedStates = new Map<string, DocumentState | undefined>();
  private fullCheckNeeded = true;
  private readonly diagnostics = new DiagnosticsStore();
  private readonly scheduler: CheckScheduler;
  /** CPU time spent parsing edited documents since the last check. */
  private parseMs = 0;
  private reportTimings = false;
  private lensTimer: NodeJS.Timeout | undefined;
  private supportsConfiguration = false;
  private supportsWatchRegistration = false;
  private supportsCodeLensRefresh = false;
  /** Resolves when the first full check of the workspace is published. */
  ready: Promise<void> = Promise.resolve();
  private warmUp: WarmUp;
  private idleGc = new IdleGc(exposedGc());

  constructor(private readonly connection: Connection) {
    this.scheduler = new CheckScheduler(() => this.checkChanges(), 20);
    this.warmUp = this.makeWarmUp(DEFAULT_WARM_UP);
  }

  private makeWarmUp(limits: WarmUpLimits): WarmUp {
    return new WarmUp(
      () => this.rehearsal(),
      () => !this.scheduler.pending && !this.changed.size,
      limits,
      (e) => this.connection.console.error(`doa: warm-up stopped: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`),
    );
  }

  private safely<A extends unknown[], R>(name: string, fallback: R, fn: (...args: A) => R | Promise<R>): (...args: A) => Promise<R | ResponseError<void>> {
    return async (...args: A) => {
      // Any message comes first: the warm-up stops, and goes on once the message is handled.
      this.warmUp.interrupt();
      this.idleGc.cancel();
      try {
        return await fn(...args);
      } catch (e) {
        this.connection.console.error(`doa: internal error in ${name}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
        return fallback === undefined ? new ResponseError(ErrorCodes.InternalError, `doa: internal error in ${name}`) : fallback;
      } finally {
        this.warmUp.resume();
      }
    };
  }

  asOf(): string {
    const s = this.settings.asOf;
    if (s && isValidDate(s)) return s;
    return this.config?.config.asOf ?? today();
  }

  listen(): void {
    const c = this.connection;
    c.onInitialize((p) => this.initialize(p));
    c.onInitialized(this.safely('initialized', null, () => this.initialized()));
    c.onDidOpenTextDocument(
      this.safely('didOpen', null, (p) => {
        this.open.add(p.textDocument.uri);
        this.setText(p.textDocument.uri, p.textDocument.text, p.textDocument.version);
      }),
    );
    c.onDidChangeTextDocument(
      this.safely('didChange', null, (p) => {
        // Full sync: the last change holds the whole text.
        const last = p.contentChanges.at(-1);
        if (last) this.setText(p.textDocument.uri, last.text, p.textDocument.version);
      }),
    );
    c.onDidCloseTextDocument(
      this.safely('didClose', null, async (p) => {
        this.open.delete(p.textDocument.uri);
        await this.reloadFromDisk(p.textDocument.uri);
      }),
    );
    c.onDidChangeWatchedFiles(
      this.safely('didChangeWatchedFiles', null, async (p) => {
        for (const change of p.changes) {
          if (change.uri.endsWith('doa.config.json')) {
            await this.reloadConfig();
            continue;
          }
          if (this.open.has(change.uri)) continue;
          if (change.type === FileChangeType.Deleted) {
            this.deleteDocument(change.uri);
          } else await this.reloadFromDisk(change.uri);
        }
      }),
    );
    c.onDidChangeConfiguration(this.safely('didChangeConfiguration', null, () => this.reloadConfig()));
    c.onHover(
      this.safely('hover', null, (p) => {
        const doc = this.documentFor(p.textDocument.uri);
        if (!doc) return null;
        const model = this.workspace.getModel();
        const symbol = symbolAt(model, doc, positionToOffset(doc.text, p.position));
        if (!symbol) return null;
        if (symbol.kind === 'rule-id') {
          const docs = readRuleDocs(symbol.ruleId);
          return docs ? { contents: { kind: 'markdown', value: docs }, range: toRange(symbol.range) } : null;
        }
        const decl = declOf(symbol);
        if (!decl) return null;
        return { contents: { kind: 'markdown', value: hoverText(model, decl, this.asOf()) }, range: toRange(symbol.range) };
      }),
    );
    c.onCompletion(
      this.safely('completion', [], (p) => {
        const doc = this.documentFor(p.textDocument.uri);
        if (!doc) return [];
        return completions(this.workspace.getModel(), doc, positionToOffset(doc.text, p.position)).map(toCompletionItem);
      }),
    );
    c.onDefinition(
      this.safely('definition', null, (p) => {
        const doc = this.documentFor(p.textDocument.uri);
        if (!doc) return null;
        const decl = declOf(symbolAt(this.workspace.getModel(), doc, positionToOffset(doc.text, p.position)));
        return decl ? { uri: decl.uri, range: toRange(decl.nameRange) } : null;
      }),
    );
    c.onReferences(
      this.safely('references', [], (p) => {
        const doc = this.documentFor(p.textDocument.uri);
        if (!doc) return [];
        const model = this.workspace.getModel();
        const decl = declOf(symbolAt(model, doc, positionToOffset(doc.text, p.position)));
        if (!decl) return [];
        return occurrences(model, decl)
          .filter((o) => p.context.includeDeclaration || !o.isDeclaration)
          .map((o) => ({ uri: o.uri, range: toRange(o.range) }));
      }),
    );
    c.onPrepareRename(
      this.safely('prepareRename', null, (p) => {
        const doc = this.documentFor(p.textDocument.uri);
        if (!doc) return null;
        const symbol = symbolAt(this.workspace.getModel(), doc, positionToOffset(doc.text, p.position));
        const decl = declOf(symbol);
        if (!decl || !symbol) return null;
        return { range: toRange(symbol.range), placeholder: decl.kind === 'authority' ? decl.localName : decl.name };
      }),
    );
    c.onRenameRequest(
      this.safely('rename', null, (p) => {
        const doc = this.documentFor(p.textDocument.uri);
        if (!doc) return null;
        const model = this.workspace.getModel();
        const decl = declOf(symbolAt(model, doc, positionToOffset(doc.text, p.position)));
        if (!decl) return null;
        const edits = renameEdits(model, decl, p.newName);
        if (typeof edits === 'string') return new ResponseError(ErrorCodes.InvalidParams, edits);
        const changes: WorkspaceEdit['changes'] = {};
        for (const e of edits) (changes[e.uri] ??= []).push({ range: toRange(e.range), newText: e.newText });
        return { changes };
      }),
    );
    c.onDocumentSymbol(
      this.safely('documentSymbol', [], (p) => {
        const doc = this.documentFor(p.textDocument.uri);
        const convert = (s: OutlineSymbol): import('vscode-languageserver').DocumentSymbol => ({
          name: s.name,
          ...(s.detail ? { detail: s.detail } : {}),
          kind: toSymbolKind(s.kind),
          range: toRange(s.range),
          selectionRange: toRange(s.selectionRange),
          children: s.children.map(convert),
        });
        return doc ? outline(doc).map(convert) : [];
      }),
    );
    c.onWorkspaceSymbol(
      this.safely('workspaceSymbol', [], (p) => {
        const q = p.query.toLowerCase();
        const out: import('vscode-languageserver').SymbolInformation[] = [];
        for (const [name, decls] of this.workspace.getModel().symbols.all()) {
          if (q && !name.toLowerCase().includes(q) && !decls.some((d) => d.title?.toLowerCase().includes(q))) continue;
          for (const d of decls) out.push({ name, kind: toSymbolKind(d.kind), location: { uri: d.uri, range: toRange(d.nameRange) }, ...(d.title ? { containerName: d.title } : {}) });
          if (out.length >= 500) break;
        }
        return out;
      }),
    );
    c.onDocumentFormatting(
      this.safely('formatting', [], (p) => {
        const doc = this.workspace.get(p.textDocument.uri);
        if (!doc) return [];
        const result = format(doc.text, { indent: p.options.tabSize });
        if ('error' in result || !result.changed) return [];
        const end = positionAtEnd(doc.text);
        return [{ range: { start: { line: 0, character: 0 }, end }, newText: result.text }];
      }),
    );
    c.onDocumentRangeFormatting(
      this.safely('rangeFormatting', [], (p) => {
        const doc = this.workspace.get(p.textDocument.uri);
        if (!doc) return [];
        const result = formatRange(doc.text, p.range, { indent: p.options.tabSize });
        if ('error' in result) return [];
        return result.edits.map((e): TextEdit => ({ range: e.range, newText: e.newText }));
      }),
    );
    c.onFoldingRanges(
      this.safely('foldingRanges', [], (p) => {
        const doc = this.documentFor(p.textDocument.uri);
        return doc ? foldingRanges(doc).map((f) => ({ startLine: f.startLine, endLine: f.endLine, kind: f.kind })) : [];
      }),
    );
    c.languages.semanticTokens.on(
      this.safely('semanticTokens', { data: [] }, (p) => {
        const doc = this.documentFor(p.textDocument.uri);
        if (!doc) return { data: [] };
        return { data: encodeTokens(semanticTokens(this.workspace.getModel(), doc)) };
      }),
    );
    c.onCodeAction(this.safely('codeAction', [], (p) => this.codeActions(p.textDocument.uri, p.context.diagnostics)));
    c.onCodeLens(
      this.safely('codeLens', [], (p) => {
        const doc = this.documentFor(p.textDocument.uri);
        if (!doc) return [];
        return codeLenses(this.workspace.getModel(), doc, this.asOf()).map((l) => ({ range: toRange(l.range), command: { title: l.title, command: '' } }));
      }),
    );
    c.onRequest(
      'doa/chainAt',
      this.safely('doa/chainAt', null, (p: { textDocument: { uri: string }; position: { line: number; character: number } }) => {
        const doc = this.documentFor(p.textDocument.uri);
        if (!doc) return null;
        const model = this.workspace.getModel();
        const decl = declOf(symbolAt(model, doc, positionToOffset(doc.text, p.position))) ?? instrumentAround(doc, positionToOffset(doc.text, p.position));
        if (!decl || (decl.kind !== 'delegation' && decl.kind !== 'sub-delegation')) return null;
        const { chain } = model.ancestry(decl);
        return {
          root: model.rootLabel(),
          chain: chain.map((i) => ({ name: i.name, kind: i.kind, title: i.title ?? null, uri: i.uri, range: toRange(i.nameRange), inForce: model.inForce(i, this.asOf()) })),
        };
      }),
    );
    c.onRequest(
      'doa/checkWorkspace',
      this.safely('doa/checkWorkspace', null, () => {
        this.recheck();
        return { files: this.workspace.uris.length, asOf: this.asOf() };
      }),
    );
  }

  private initialize(p: InitializeParams): InitializeResult {
    this.roots = (p.workspaceFolders?.map((f) => f.uri) ?? (p.rootUri ? [p.rootUri] : [])).filter((u) => u.startsWith('file:')).map((u) => fileURLToPath(u));
    this.supportsConfiguration = !!p.capabilities.workspace?.configuration;
    this.supportsWatchRegistration = !!p.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    this.supportsCodeLensRefresh = !!p.capabilities.workspace?.codeLens?.refreshSupport;
    const init = p.initializationOptions as { debounceMs?: number; settings?: Settings; reportTimings?: boolean; warmUp?: boolean; idleGc?: boolean } | undefined;
    if (typeof init?.debounceMs === 'number') this.scheduler.setDebounce(init.debounceMs);
    // `warmUp: false` (for the benchmark's comparison): no rehearsals after start-up.
    if (init?.warmUp === false) this.warmUp = this.makeWarmUp({ ...DEFAULT_WARM_UP, rounds: 0 });
    if (init?.idleGc === false) this.idleGc = new IdleGc(undefined);
    this.reportTimings = init?.reportTimings === true;
    if (init?.settings) this.settings = init.settings;
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Full },
        hoverProvider: true,
        completionProvider: { triggerCharacters: [' ', '/'] },
        definitionProvider: true,
        referencesProvider: true,
        renameProvider: { prepareProvider: true },
        documentSymbolProvider: true,
        workspaceSymbolProvider: true,
        documentFormattingProvider: true,
        documentRangeFormattingProvider: true,
        foldingRangeProvider: true,
        semanticTokensProvider: { legend: SEMANTIC_LEGEND, full: true },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        codeLensProvider: { resolveProvider: false },
      },
      serverInfo: { name: 'doa-language-server' },
    };
  }

  private async initialized(): Promise<void> {
    if (this.supportsWatchRegistration) {
      await this.connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.doa' }, { globPattern: '**/doa.config.json' }] });
    }
    this.ready = this.loadAll();
    await this.ready;
  }

  private async loadAll(): Promise<void> {
    const progress = await this.connection.window.createWorkDoneProgress().catch(() => undefined);
    progress?.begin('doa', 0, 'Loading policy files…', false);
    try {
      await this.reloadConfig(false);
      const files = this.roots.length ? await findDoaFiles(this.roots).catch(() => []) : [];
      let done = 0;
      for (const f of files) {
        const uri = pathToFileURL(f).href;
        if (!this.open.has(uri) && !this.config?.isExcluded(f)) this.store(uri, await readFile(f, 'utf8'), 0);
        if (++done % 50 === 0) progress?.report(Math.round((done / files.length) * 100), `${done}/${files.length} files`);
      }
      progress?.report(100, 'Checking…');
      this.recheck();
    } finally {
      progress?.done();
    }
  }

  private async reloadConfig(recheck = true): Promise<void> {
    if (this.supportsConfiguration) {
      const s = (await this.connection.workspace.getConfiguration('doa').catch(() => undefined)) as Settings | undefined;
      if (s) this.settings = { ...(s.asOf ? { asOf: s.asOf } : {}), ...(s.rules ? { rules: s.rules } : {}) };
    }
    try {
      const path = this.roots[0] ? findConfig(this.roots[0]) : undefined;
      this.config = await loadConfig(path, this.roots[0] ?? process.cwd());
      this.workspace.configure(this.config.extras);
    } catch (e) {
      this.config = undefined;
      if (e instanceof ConfigError) this.connection.window.showErrorMessage(`doa: ${e.message}`);
      else throw e;
    }
    if (recheck) this.recheck();
  }

  private async reloadFromDisk(uri: string): Promise<void> {
    if (!uri.startsWith('file:') || !uri.endsWith('.doa')) return this.deleteDocument(uri);
    const text = await readFile(fileURLToPath(uri), 'utf8').catch(() => undefined);
    if (text === undefined) this.deleteDocument(uri);
    else this.setText(uri, text, 0);
  }

  private setText(uri: string, text: string, version: number): void {
    this.remember(uri);
    const started = this.reportTimings ? cpuMs() : 0;
    this.store(uri, text, version);
    if (this.reportTimings) this.parseMs += cpuMs() - started;
    this.scheduler.edit();
  }

  /**
   * Sets a document's text. A document not open in the editor keeps its AST, comments and problems
   * (all the checker reads) but not its syntax tree, about two thirds of a parsed document's memory:
   * editor features parse it again when asked about it (`documentFor`), which editors do only for
   * open documents.
   */
  private store(uri: string, text: string, version: number): void {
    const doc = this.workspace.set(uri, text, version);
    if (this.open.has(uri)) return;
    doc.syntax = { ...doc.syntax, statements: [] };
    this.withoutSyntax.add(doc);
  }

  private readonly withoutSyntax = new WeakSet<DocumentState>();

  /** A document with its syntax tree, for editor features (parsed again if it was dropped). */
  private documentFor(uri: string): DocumentState | undefined {
    const doc = this.workspace.get(uri);
    if (!doc || !this.withoutSyntax.has(doc)) return doc;
    return this.workspace.set(uri, doc.text, doc.version);
  }

  private deleteDocument(uri: string): void {
    if (!this.workspace.get(uri)) return;
    this.remember(uri);
    this.workspace.delete(uri);
    this.scheduler.edit();
  }

  /** Keeps the state a document had at the last check, the first time it changes after it. */
  private remember(uri: string): void {
    this.changed.add(uri);
    if (!this.checkedStates.has(uri)) this.checkedStates.set(uri, this.workspace.get(uri));
  }

  /** Runs when the scheduler says so: moves the diagnostics after a layout-only edit, else checks. */
  private checkChanges(): void {
    const edited = new Set(this.changed);
    const before = new Map(this.checkedStates);
    this.changed.clear();
    this.checkedStates.clear();
    if (!edited.size) return;
    const timings = this.startTimings(edited.size);
    try {
      const maps = this.fullCheckNeeded ? undefined : layoutMaps(this.workspace, edited, before, (d) => !this.withoutSyntax.has(d));
      const moved = maps && this.diagnostics.moved(maps);
      timings.mark('compare');
      if (moved) this.publish(moved, edited, timings, 'layout');
      else this.recheck(edited, timings);
      this.warmUp.resume();
    } catch (e) {
      // The stored diagnostics may no longer match any state: the next check starts afresh.
      this.fullCheckNeeded = true;
      this.connection.console.error(`doa: internal error while checking: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    }
  }

  /**
   * Checks the whole workspace and publishes: the edited documents always (with their new version),
   * the others only when their diagnostics changed.
   */
  recheck(edited: ReadonlySet<string> = new Set(), timings = this.startTimings(0)): void {
    this.fullCheckNeeded = true;
    // Edits waiting for the scheduler are covered by this check; their documents publish now.
    const publishNow = new Set([...edited, ...this.changed]);
    this.changed.clear();
    this.checkedStates.clear();
    // The warm-up needs the CPU time of a check only until it is done.
    const started = this.warmUp.done ? undefined : cpuMs();
    this.workspace.getModel();
    timings.mark('link');
    const run = checkSync(this.workspace, builtinRules, this.checkOptions());
    timings.mark('check');
    const checkMs = started === undefined ? undefined : cpuMs() - started;
    this.publish(DiagnosticsStore.fromFindings(run.findings, this.workspace.uris, links), publishNow, timings, 'full');
    this.fullCheckNeeded = false;
    this.refreshCodeLensesLater();
    this.warmUp.resume(checkMs);
  }

  private checkOptions(): CheckOptions {
    const config = this.config;
    const settingsRules = this.settings.rules ?? {};
    return {
      asOf: this.asOf(),
      severities: { ...config?.config.rules, ...settingsRules },
      severityFor: (ruleId, uri) => settingsRules[ruleId] ?? config?.severityFor(ruleId, uri),
    };
  }

  /**
   * The steps of one warm-up rehearsal (warm-up.ts): the work of an edit to the open documents, on
   * copies, with every result thrown away. The rehearsal's model is a second model of the same ASTs
   * (linking never changes the AST), so the server's own model and diagnostics are never touched.
   */
  private rehearsal(): Array<() => void> {
    const documents = this.workspace.documents;
    const open = documents.filter((d) => this.open.has(d.uri) && !this.withoutSyntax.has(d));
    const extras = this.workspace.getModel().extras;
    let reparsed: DocumentState[] = [];
    let model: WorkspaceModel | undefined;
    let findings: readonly Finding[] = [];
    return [
      () => (reparsed = open.map((d) => buildDocument(d.uri, d.text, d.version))),
      () => open.forEach((d, i) => layoutLineMap(d, reparsed[i]!)),
      () => (model = new WorkspaceModel(documents.map((d) => d.ast), extras)),
      () => (findings = checkSync(new RehearsalWorkspace(documents, model!), builtinRules, this.checkOptions()).findings),
      () => DiagnosticsStore.fromFindings(findings, documents.map((d) => d.uri), links),
    ];
  }

  private publish(next: Map<string, Diagnostic[]>, edited: ReadonlySet<string>, timings: Timings, mode: 'full' | 'layout'): void {
    const publications = this.diagnostics.update(next, edited);
    timings.mark('convert');
    for (const p of publications) void this.connection.sendDiagnostics({ uri: p.uri, version: this.workspace.get(p.uri)?.version, diagnostics: p.diagnostics });
    timings.mark('publish');
    if (this.reportTimings) void this.connection.sendNotification(TIMINGS_NOTIFICATION, { ...timings.done(mode, publications.length), warmUpRounds: this.warmUp.rounds, idleGcRuns: { ...this.idleGc.runs } });
    this.idleGc.afterCheck();
  }

  private startTimings(edits: number): Timings {
    const waitMs = this.scheduler.firstEditAt === undefined ? 0 : performance.now() - this.scheduler.firstEditAt;
    const t = new Timings(edits, waitMs, this.scheduler.debounced, this.parseMs, this.reportTimings ? cpuMs : undefined);
    this.parseMs = 0;
    return t;
  }

  /**
   * Code lenses (sub-delegation counts, limits, expiry) depend on the whole workspace, but the editor
   * asks for them again itself when a document changes: other documents' lenses are refreshed once
   * editing pauses, so that computing them never delays diagnostics.
   */
  private refreshCodeLensesLater(): void {
    if (!this.supportsCodeLensRefresh) return;
    if (this.lensTimer) clearTimeout(this.lensTimer);
    this.lensTimer = setTimeout(() => {
      this.lensTimer = undefined;
      void this.connection.sendRequest('workspace/codeLens/refresh').catch(() => undefined);
    }, LENS_REFRESH_DELAY_MS);
  }

  private codeActions(uri: string, diagnostics: Diagnostic[]): CodeAction[] {
    const doc = this.workspace.get(uri);
    if (!doc) return [];
    const actions: CodeAction[] = [];
    for (const d of diagnostics) {
      if (d.source !== 'doa') continue;
      const data = d.data as { ruleId?: string; fix?: Finding['fix'] } | undefined;
      if (data?.fix) {
        const changes: WorkspaceEdit['changes'] = {};
        for (const e of data.fix.edits) (changes[e.uri] ??= []).push({ range: toRange(e.range), newText: e.newText });
        actions.push({ title: data.fix.title, kind: CodeActionKind.QuickFix, diagnostics: [d], isPreferred: true, edit: { changes } });
      }
      const ruleId = data?.ruleId ?? (typeof d.code === 'string' ? d.code : undefined);
      if (ruleId && !['syntax-error', 'invalid-suppression', 'unused-suppression'].includes(ruleId)) {
        const line = d.range.start.line;
        const lineText = doc.text.split('\n')[line] ?? '';
        const indent = /^\s*/.exec(lineText)?.[0] ?? '';
        actions.push({
          title: `Suppress ${ruleId} on this line (fill in the reason)`,
          kind: CodeActionKind.QuickFix,
          diagnostics: [d],
          edit: { changes: { [uri]: [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: `${indent}// doa-disable-next-line ${ruleId} -- \n` }] } },
        });
      }
    }
    return actions;
  }
}

const LENS_REFRESH_DELAY_MS = 500;

/** The server's documents with a model of their own, for a warm-up rehearsal (all `checkSync` reads). */
class RehearsalWorkspace extends Workspace {
  constructor(
    private readonly rehearsedDocuments: DocumentState[],
    private readonly rehearsedModel: WorkspaceModel,
  ) {
    super();
  }
  override get documents(): DocumentState[] {
    return this.rehearsedDocuments;
  }
  override getModel(): WorkspaceModel {
    return this.rehearsedModel;
  }
}

/** The line maps of the edited documents if every edit changed only layout, else `undefined`. */
function layoutMaps(
  workspace: Workspace,
  edited: ReadonlySet<string>,
  before: ReadonlyMap<string, DocumentState | undefined>,
  hasSyntax: (doc: DocumentState) => boolean,
): Map<string, LineMap> | undefined {
  const maps = new Map<string, LineMap>();
  for (const uri of edited) {
    const was = before.get(uri);
    const now = workspace.get(uri);
    // Without both syntax trees nothing proves the edit was layout only.
    const map = was && now && hasSyntax(was) && hasSyntax(now) && layoutLineMap(was, now);
    if (!map) return undefined;
    maps.set(uri, map);
  }
  return maps;
}

function positionAtEnd(text: string): { line: number; character: number } {
  const lines = text.split('\n');
  return { line: lines.length - 1, character: lines.at(-1)!.length };
}

/** The instrument whose block contains an offset (for "show the chain" anywhere inside it). */
function instrumentAround(doc: DocumentState, offset: number) {
  return doc.ast.decls.find((d) => (d.kind === 'delegation' || d.kind === 'sub-delegation') && d.range.start.offset <= offset && offset <= d.range.end.offset);
}

/** LSP's relative encoding of semantic tokens (line delta, start delta, length, type, modifiers). */
function encodeTokens(tokens: ReturnType<typeof semanticTokens>): number[] {
  const data: number[] = [];
  let line = 0;
  let char = 0;
  for (const t of tokens) {
    if (t.range.start.line !== t.range.end.line) continue;
    const type = t.type === 'keyword' ? 'keyword' : (TOKEN_OF_KIND[t.declKind ?? ''] ?? 'variable');
    const deltaLine = t.range.start.line - line;
    const deltaChar = deltaLine === 0 ? t.range.start.character - char : t.range.start.character;
    data.push(deltaLine, deltaChar, t.range.end.character - t.range.start.character, TOKEN_TYPES.indexOf(type), t.type === 'declaration' ? 1 : 0);
    line = t.range.start.line;
    char = t.range.start.character;
  }
  return data;
}
