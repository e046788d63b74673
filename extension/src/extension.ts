// The doa VS Code extension: starts the doa language server (bundled in server/, run with Node over
// stdio) through vscode-languageclient, and adds the commands, the status bar item and the settings
// that the language server protocol does not cover. Every message shown is localisable
// (vscode.l10n.t, bundles in l10n/).
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, State, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { StatusItem, diagnosticCounts } from './status';
import { showChain, type ChainResult } from './chain';

let client: LanguageClient | undefined;

/** What the extension returns from activate(): used by its tests. */
export interface DoaApi {
  readonly client: LanguageClient | undefined;
  /** Resolves when the language server has started. */
  readonly ready: Promise<void>;
  /** The status bar item's current text. */
  statusText(): string;
  /** The check date shown in the status bar. */
  asOf(): string;
}

function settings(): { asOf?: string; rules?: Record<string, string> } {
  const c = vscode.workspace.getConfiguration('doa');
  const asOf = c.get<string>('asOf') || undefined;
  const rules = c.get<Record<string, string>>('rules') ?? {};
  return { ...(asOf ? { asOf } : {}), ...(Object.keys(rules).length ? { rules } : {}) };
}

export function activate(context: vscode.ExtensionContext): DoaApi {
  // The server is an ES module bundle; the rule documentation it links to is in ../rules/ next to it.
  const serverModule = context.asAbsolutePath(path.join('server', 'doa-language-server.mjs'));
  // --expose-gc: the server collects garbage while the drafter pauses, not in the next check
  // (server/src/idle-gc.ts).
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.stdio, options: { execArgv: ['--expose-gc'] } },
    debug: { module: serverModule, transport: TransportKind.stdio, options: { execArgv: ['--expose-gc', '--enable-source-maps'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'doa' },
      { scheme: 'untitled', language: 'doa' },
    ],
    // The server pulls the `doa` section (workspace/configuration) when told it changed.
    synchronize: { configurationSection: 'doa' },
    initializationOptions: { settings: settings() },
  };
  const lc = new LanguageClient('doa', vscode.l10n.t('doa language server'), serverOptions, clientOptions);
  client = lc;

  const status = new StatusItem(() => lc.state);
  context.subscriptions.push(status);
  context.subscriptions.push(
    lc.onDidChangeState(() => status.update()),
    vscode.languages.onDidChangeDiagnostics(() => status.update()),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('doa')) status.refreshAsOf();
    }),
  );
  const configWatcher = vscode.workspace.createFileSystemWatcher('**/doa.config.json');
  context.subscriptions.push(configWatcher, configWatcher.onDidChange(() => status.refreshAsOf()), configWatcher.onDidCreate(() => status.refreshAsOf()), configWatcher.onDidDelete(() => status.refreshAsOf()));

  const ready = lc.start().catch((e: unknown) => {
    void vscode.window.showErrorMessage(vscode.l10n.t('doa: the language server could not start: {0}', e instanceof Error ? e.message : String(e)));
    throw e;
  });
  ready.catch(() => undefined);

  context.subscriptions.push(
    vscode.commands.registerCommand('doa.restartServer', async () => {
      await lc.restart();
      void vscode.window.setStatusBarMessage(vscode.l10n.t('doa: language server restarted'), 3000);
    }),
    vscode.commands.registerCommand('doa.checkWorkspace', async () => {
      if (lc.state !== State.Running) await ready;
      const result = await lc.sendRequest<{ files: number } | null>('doa/checkWorkspace', {});
      const counts = diagnosticCounts();
      const files = result?.files ?? 0;
      void vscode.window.showInformationMessage(
        vscode.l10n.t('doa checked {0} files as of {1}: {2} errors, {3} warnings, {4} infos.', files, status.asOf, counts.errors, counts.warnings, counts.infos),
      );
      return { files, ...counts };
    }),
    vscode.commands.registerCommand('doa.showChain', async (): Promise<ChainResult | null> => {
      if (lc.state !== State.Running) await ready;
      return showChain(lc, status.asOf);
    }),
  );

  return {
    get client() {
      return client;
    },
    ready,
    statusText: () => status.text,
    asOf: () => status.asOf,
  };
}

export function deactivate(): Thenable<void> | undefined {
  return client?.stop();
}
