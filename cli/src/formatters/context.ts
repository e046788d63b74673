import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RuleInfo } from '../rule-info.ts';
import type { SuppressedFinding } from './types.ts';

/** What a formatter knows besides the findings. */
export interface FormatContext {
  asOf: string;
  /** Every file checked (URIs), including those without findings. */
  files: string[];
  cwd: string;
  rules: Map<string, RuleInfo>;
  /** Findings silenced by suppression comments (for formats that record them). */
  suppressed: SuppressedFinding[];
  /** The findings given are the errors only (`--quiet`): "no errors", not "no findings", when there are none. */
  errorsOnly?: boolean;
  /** The lowest severity that fails the run. */
  failLevel: 'error' | 'warning' | 'info';
  toolVersion: string;
  /** A path relative to the working directory, with `/` separators. */
  displayPath(uri: string): string;
}

export function displayPathFrom(cwd: string): (uri: string) => string {
  // A report asks for the same file's path over and over (every finding of an audit is in the one
  // transactions file; SARIF asks again for each related place): the last answer is kept.
  let lastUri: string | undefined;
  let lastPath = '';
  return (uri) => {
    if (uri !== lastUri) {
      lastPath = uri.startsWith('file:') ? relative(cwd, fileURLToPath(uri)).split('\\').join('/') || '.' : uri;
      lastUri = uri;
    }
    return lastPath;
  };
}
