// A real LSP client over stdio (vscode-jsonrpc), for tests of the language server as a process.
import { spawn, type ChildProcess } from 'node:child_process';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  InitializeRequest,
  InitializedNotification,
  PublishDiagnosticsNotification,
  DidOpenTextDocumentNotification,
  DidChangeTextDocumentNotification,
  ShutdownRequest,
  ExitNotification,
  ConfigurationRequest,
  RegistrationRequest,
  WorkDoneProgressCreateRequest,
} from 'vscode-languageserver-protocol/node.js';
import { pathToFileURL } from 'node:url';

export class LspClient {
  readonly proc: ChildProcess;
  readonly conn: ProtocolConnection;
  readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  private waiters: Array<() => void> = [];
  stderr = '';
  logs: string[] = [];

  constructor(settings: Record<string, unknown> = {}) {
    // Started as the extension starts it (--expose-gc: idle-gc.ts); DOA_SERVER_NODE_ARGS adds Node
    // options (profiling, V8 flags under measurement).
    const nodeArgs = ['--expose-gc', ...(process.env['DOA_SERVER_NODE_ARGS'] ?? '').split(' ').filter(Boolean)];
    this.proc = spawn(process.execPath, [...nodeArgs, 'dist/doa-language-server.mjs', '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.proc.stderr!.on('data', (d) => (this.stderr += String(d)));
    this.conn = createProtocolConnection(new StreamMessageReader(this.proc.stdout!), new StreamMessageWriter(this.proc.stdin!));
    this.conn.onNotification(PublishDiagnosticsNotification.type, (p) => {
      this.diagnostics.set(p.uri, p);
      this.wake();
    });
    this.conn.onNotification('window/logMessage', (p: { message: string }) => this.logs.push(p.message));
    this.conn.onRequest(ConfigurationRequest.type, () => [settings]);
    this.conn.onRequest(RegistrationRequest.type, () => null);
    this.conn.onRequest(WorkDoneProgressCreateRequest.type, () => null);
    this.conn.listen();
  }

  async start(rootPath: string, initializationOptions: Record<string, unknown> = {}): Promise<void> {
    await this.conn.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: pathToFileURL(rootPath).href,
      workspaceFolders: [{ uri: pathToFileURL(rootPath).href, name: 'ws' }],
      capabilities: { workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true } }, window: { workDoneProgress: true } },
      initializationOptions,
    });
    await this.conn.sendNotification(InitializedNotification.type, {});
  }

  /** Re-evaluates the predicates of `waitFor` (after a notification they may depend on). */
  wake(): void {
    for (const w of this.waiters.splice(0)) w();
  }

  /** Waits until a predicate over the published diagnostics holds. */
  async waitFor(predicate: () => boolean, timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for diagnostics; stderr: ${this.stderr}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 200);
      });
    }
  }

  open(uri: string, text: string, version = 1): Promise<void> {
    return this.conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'doa', version, text } });
  }

  change(uri: string, text: string, version: number): Promise<void> {
    return this.conn.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  async stop(): Promise<void> {
    await this.conn.sendRequest(ShutdownRequest.type).catch(() => undefined);
    await this.conn.sendNotification(ExitNotification.type).catch(() => undefined);
    // The server exits by itself on `exit` (and writes a profile if asked to); kill it only if it hangs.
    const exited = this.proc.exitCode !== null || (await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), 2000);
      this.proc.once('exit', () => (clearTimeout(timer), resolve(true)));
    }));
    this.conn.dispose();
    if (!exited) this.proc.kill();
  }
}
