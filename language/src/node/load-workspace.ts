// The only part of the core that touches the file system: finds `*.doa` files under the given
// paths and loads them into a Workspace, with `file://` URIs.
import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { glob } from 'tinyglobby';
import { Workspace, type WorkspaceOptions } from '../workspace/workspace.ts';
import { LexAhead } from './lex-ahead.ts';

export interface LoadedWorkspace {
  workspace: Workspace;
  /** Absolute paths of the files loaded, sorted. */
  files: string[];
}

export class PathNotFoundError extends Error {}

/** Expands files, directories (every `**\/*.doa` below) and glob patterns into absolute paths. */
export async function findDoaFiles(paths: readonly string[], cwd = process.cwd(), ignore: readonly string[] = ['**/node_modules/**']): Promise<string[]> {
  const out = new Set<string>();
  for (const p of paths.length ? paths : ['.']) {
    const abs = resolve(cwd, p);
    const info = await stat(abs).catch(() => undefined);
    if (info?.isFile()) out.add(abs);
    else if (info?.isDirectory()) {
      for (const f of await glob('**/*.doa', { cwd: abs, absolute: true, ignore: [...ignore] })) out.add(resolve(f));
    } else if (/[*?[{]/.test(p)) {
      for (const f of await glob(p, { cwd, absolute: true, ignore: [...ignore] })) out.add(resolve(f));
    } else throw new PathNotFoundError(`No such file or directory: ${p}`);
  }
  return [...out].sort();
}

/**
 * Texts of this many characters in all are worth a lexing thread: below it, starting the worker
 * costs more than lexing here (a few tens of milliseconds of CPU; a 100k-line workspace of 4.4M
 * characters lexes in about 100 ms).
 */
export const LEX_AHEAD_MIN_CHARS = 1_000_000;

export interface WorkspaceOfOptions extends WorkspaceOptions {
  /** The lexing worker's module (`lex-ahead.ts`), used for a large workspace. */
  lexWorker?: URL;
}

/**
 * Reads the given files (absolute paths) into a Workspace with `file://` URIs; a large workspace is
 * lexed on a second thread when `lexWorker` is given.
 */
export async function workspaceOf(files: readonly string[], options: WorkspaceOfOptions = {}): Promise<Workspace> {
  const { lexWorker, ...workspaceOptions } = options;
  const texts = await Promise.all(files.map((f) => readFile(f, 'utf8')));
  const uris = files.map((f) => pathToFileURL(f).href);
  let chars = 0;
  for (const t of texts) chars += t.length;
  const lexAhead = lexWorker && chars >= LEX_AHEAD_MIN_CHARS ? startLexAhead(lexWorker) : undefined;
  if (!lexAhead) return new Workspace(uris.map((uri, i) => [uri, texts[i]!]), workspaceOptions);
  // The worker lexes the texts in order while this thread parses them in order; the first files
  // are lexed here while the worker starts.
  try {
    texts.forEach((text, i) => lexAhead.post(i, text));
    const workspace = new Workspace([], workspaceOptions);
    for (let i = 0; i < texts.length; i++) workspace.set(uris[i]!, texts[i]!, 0, lexAhead.take(i, texts[i]!));
    return workspace;
  } finally {
    lexAhead.close();
  }
}

/** A lexing thread, or none when one cannot be started (everything is then lexed here). */
function startLexAhead(workerUrl: URL): LexAhead | undefined {
  try {
    return new LexAhead(workerUrl);
  } catch {
    return undefined;
  }
}

export async function loadWorkspace(paths: readonly string[], cwd = process.cwd()): Promise<LoadedWorkspace> {
  const files = await findDoaFiles(paths, cwd);
  return { workspace: await workspaceOf(files), files };
}
