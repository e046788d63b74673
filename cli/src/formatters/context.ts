import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** What a formatter knows besides the findings. */
export interface FormatContext {
  asOf: string;
  fileCount: number;
  cwd: string;
  /** A path relative to the working directory, for people and CI annotations. */
  displayPath(uri: string): string;
}

export function formatContext(asOf: string, fileCount: number, cwd: string): FormatContext {
  return {
    asOf,
    fileCount,
    cwd,
    displayPath: (uri) => (uri.startsWith('file:') ? relative(cwd, fileURLToPath(uri)) || '.' : uri),
  };
}
