// Test helpers shipped with the core (as Langium ships `langium/test`): build a workspace from
// inline files and check it.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Workspace } from '../workspace/workspace.ts';
import { check } from '../index.ts';
import type { Finding } from '../check/types.ts';
import type { CheckOptions } from '../check/check.ts';

export const TEST_AS_OF = '2025-06-30';

/** Checks inline files (name → text) as one workspace; uris are `memory:///<name>`. */
export async function checkFiles(files: Record<string, string>, options: CheckOptions = {}): Promise<Finding[]> {
  const ws = new Workspace(Object.entries(files).map(([name, text]) => [`memory:///${name}`, text]));
  return check(ws, { asOf: TEST_AS_OF, ...options });
}

/** Findings of one rule, as `line:column message` strings (1-based), easy to compare in tests. */
export async function findingsOf(ruleId: string, files: Record<string, string>, options: CheckOptions = {}): Promise<string[]> {
  const findings = await checkFiles(files, options);
  return findings.filter((f) => f.ruleId === ruleId).map(brief);
}

export function brief(f: Finding): string {
  const file = f.uri.replace(/^memory:\/\/\//, '');
  return `${file}:${f.range.start.line + 1}:${f.range.start.character + 1} ${f.message}`;
}

/**
 * A small, clean organisation that rule samples and rule tests extend: the root, a mission, an
 * oversight office, posts, people, trainings and the catalogue. It checks clean on TEST_AS_OF.
 */
export const BASE = readFileSync(new URL('../../../samples/rules/_shared/organisation.doa', import.meta.url), 'utf8');

/** Every `*.doa` file under a folder (absolute paths, sorted). */
export function doaFilesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name.endsWith('.doa')) out.push(join(entry.parentPath, entry.name));
  }
  return out.sort();
}
