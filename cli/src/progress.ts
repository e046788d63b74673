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

/** The narrowest bar drawn: below it, the line has no bar. */
const MIN_BAR_WIDTH = 8;

/**
 * `doa audit`'s progress on a terminal: a bar of the share of the file's bytes followed, then the
 * records read and the findings made so far, e.g.
 * `doa audit [█████████░░░░░░░░░░░░░░░]  38% · 380,112 records · 2,931 findings`.
 * Within `columns` less one, when given: a line that wraps is cleared only on its last row, and
 * every update would leave a row behind. The bar narrows first, then goes, then the line is cut.
 */
export function auditProgressLine(fraction: number, records: number, findings: number, columns?: number): string {
  const share = Math.max(0, Math.min(1, Number.isFinite(fraction) ? fraction : 0));
  const percent = `${Math.floor(share * 100)}%`.padStart(4);
  grouped ??= new Intl.NumberFormat('en-US');
  const counts = ` · ${grouped.format(records)} record${records === 1 ? '' : 's'} · ${grouped.format(findings)} finding${findings === 1 ? '' : 's'}`;
  const room = columns && columns > 1 ? columns - 1 : Infinity;
  const bare = `doa audit ${percent}${counts}`;
  // `doa audit [` + bar + `] ` is the bare line's `doa audit ` plus the bar and three characters.
  const width = Math.min(BAR_WIDTH, room - bare.length - 3);
  if (width < MIN_BAR_WIDTH) return bare.length <= room ? bare : bare.slice(0, room);
  const full = Math.floor(share * width);
  return `doa audit [${'█'.repeat(full)}${'░'.repeat(width - full)}] ${percent}${counts}`;
}
