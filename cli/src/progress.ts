// Progress on stderr for large workspaces, only when stderr is a terminal (never in CI logs).
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
