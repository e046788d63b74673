// Progress on stderr, only when stderr is a terminal (never in CI logs): the steps of a large check,
// and the bar of an audit.
import type { Io } from './cli.ts';

const LARGE = 200;

export class Progress {
  private readonly enabled: boolean;
  private readonly started = Date.now();

  constructor(
    private readonly io: Io,
    files: number,
  ) {
    this.enabled = !!io.stderrIsTTY && files >= LARGE;
  }

  step(what: string): void {
    if (this.enabled) this.io.stderr(`\r\x1b[2Kdoa: ${what}… (${((Date.now() - this.started) / 1000).toFixed(1)} s)`);
  }

  done(): void {
    if (this.enabled) this.io.stderr(`\r\x1b[2K`);
  }
}

const BAR_WIDTH = 24;
// Made on the first progress line, not when the CLI starts.
let grouped: Intl.NumberFormat | undefined;

/**
 * `doa audit`'s progress on a terminal: a bar of the share of the file's bytes followed, then the
 * records read and the findings made so far, e.g.
 * `doa audit [█████████░░░░░░░░░░░░░░░]  38% · 380,112 records · 2,931 findings`.
 */
export function auditProgressLine(fraction: number, records: number, findings: number): string {
  const share = Math.max(0, Math.min(1, Number.isFinite(fraction) ? fraction : 0));
  const full = Math.floor(share * BAR_WIDTH);
  const bar = '█'.repeat(full) + '░'.repeat(BAR_WIDTH - full);
  const percent = `${Math.floor(share * 100)}%`.padStart(4);
  grouped ??= new Intl.NumberFormat('en-US');
  return `doa audit [${bar}] ${percent} · ${grouped.format(records)} record${records === 1 ? '' : 's'} · ${grouped.format(findings)} finding${findings === 1 ? '' : 's'}`;
}
