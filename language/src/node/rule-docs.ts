// Where the built-in rules' documentation pages are on disk: next to the bundle (dist/ → ../rules)
// or next to the sources. Used by the CLI (`explain`, SARIF help) and the language server (hover,
// diagnostic links).
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ruleById } from '../index.ts';

let cached: string | null | undefined;

export function rulesDir(): string | undefined {
  if (cached !== undefined) return cached ?? undefined;
  cached = null;
  for (const rel of ['../rules/', '../../rules/', '../../../rules/']) {
    const dir = fileURLToPath(new URL(rel, import.meta.url));
    if (existsSync(`${dir}index.ts`)) {
      cached = dir;
      break;
    }
  }
  return cached ?? undefined;
}

export function ruleDocsPath(ruleId: string): string | undefined {
  const rule = ruleById(ruleId);
  const dir = rulesDir();
  if (!rule || !dir) return undefined;
  const path = `${dir}${rule.meta.category}/${rule.meta.id}/${rule.meta.id}.md`;
  return existsSync(path) ? path : undefined;
}

export function ruleDocsUri(ruleId: string): string | undefined {
  const path = ruleDocsPath(ruleId);
  return path ? pathToFileURL(path).href : undefined;
}

export function readRuleDocs(ruleId: string): string | undefined {
  const path = ruleDocsPath(ruleId);
  return path ? readFileSync(path, 'utf8') : undefined;
}
