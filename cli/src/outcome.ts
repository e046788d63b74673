// What the command line and its commands share: the process's streams, the usage error (exit 2)
// and the exit code of a report. Light on purpose: `cli.ts` loads it before any command runs.
import type { SeveritySetting } from '../../language/src/check/check.ts';
import { countsOf, type Findings } from './formatters/findings.ts';
import { atLeast } from './formatters/types.ts';

export interface Io {
  stdout: (text: string) => void;
  /**
   * Standard output as a stream, for reports: written piece by piece, waiting for 'drain', its errors
   * (a closed pipe) reported. Without it (tests) a report's pieces go through `stdout`.
   */
  stdoutStream?: NodeJS.WritableStream;
  stderr: (text: string) => void;
  cwd: string;
  /** Whether stderr is a terminal (progress is shown only then). */
  stderrIsTTY?: boolean;
  /** The terminal's width now (it may be resized while a long audit runs), if known. */
  stderrColumns?: () => number | undefined;
}

/** An error in how the command was called: one line on stderr, exit code 2. */
export class UsageError extends Error {}

export const LEVELS = ['error', 'warning', 'info'] as const;

export interface CheckFlags {
  asOf?: string;
  format: string;
  output?: string;
  maxWarnings?: number;
  failLevel: (typeof LEVELS)[number];
  rule?: Record<string, SeveritySetting>;
  config?: string;
  quiet?: boolean;
}

/**
 * The exit code of a report of `findings` (an array, or an audit's spool: read from their counts).
 * Given `io`, a run that fails only on `--max-warnings` says so on standard error: the report itself
 * may show no failure at all (warnings under the fail level, or left out by `--quiet`).
 */
export function exitCode(findings: Findings, flags: Pick<CheckFlags, 'failLevel' | 'maxWarnings'>, io?: Pick<Io, 'stderr'>): number {
  const { bySeverity } = countsOf(findings);
  if (LEVELS.some((s) => bySeverity[s] > 0 && atLeast(s, flags.failLevel))) return 1;
  if (flags.maxWarnings !== undefined && bySeverity.warning > flags.maxWarnings) {
    const n = bySeverity.warning;
    io?.stderr(`doa: ${n} warning${n === 1 ? '' : 's'}, more than --max-warnings ${flags.maxWarnings} allows\n`);
    return 1;
  }
  return 0;
}
