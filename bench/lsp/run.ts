// Language-server benchmark over real LSP (stdio, JSON-RPC): on a generated 5,000-line workspace,
// the latency from a `didChange` to the diagnostics of that version, p50 and p95 over 200 edits; and
// the server's peak memory on a 100k-line workspace. A benchmark, not a test: nothing is asserted.
//
//   npm run bench:lsp            (builds the server bundle and this script first)
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { generateWorkspace } from '../generate.ts';
import { LspClient } from '../../test/server/lsp-client.ts';

function write(size: number): { root: string; files: string[] } {
  const root = mkdtempSync(join(tmpdir(), `doa-lsp-bench-${size}-`));
  const g = generateWorkspace(size);
  for (const f of g.files) {
    mkdirSync(dirname(join(root, f.path)), { recursive: true });
    writeFileSync(join(root, f.path), f.text);
  }
  return { root, files: g.files.map((f) => f.path) };
}

function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function latency(edits: number): Promise<void> {
  const { root, files } = write(5000);
  const client = new LspClient({ asOf: '2025-06-30' });
  const t0 = performance.now();
  await client.start(root, { settings: { asOf: '2025-06-30' }, debounceMs: 20 });
  // The edited file: the largest delegations file.
  const target = files.filter((f) => f.includes('deleg') || f.includes('instrument')).at(-1) ?? files.at(-1)!;
  const uri = pathToFileURL(join(root, target)).href;
  await client.waitFor(() => client.diagnostics.has(uri), 120_000);
  const loadMs = performance.now() - t0;
  const text = readFileSync(join(root, target), 'utf8');
  await client.open(uri, text, 1);
  const times: number[] = [];
  for (let v = 2; v < edits + 2; v++) {
    // Alternate an edit that changes findings (a stray limit) with one that does not (a comment).
    const edited = v % 2 === 0 ? `${text}\n// edit ${v}\n` : text.replace(/limit USD ([\d,]+)/, (_m, n: string) => `limit USD ${n}${v % 4 === 1 ? '1' : ''}`);
    const sent = performance.now();
    await client.change(uri, edited, v);
    await client.waitFor(() => client.diagnostics.get(uri)?.version === v, 60_000);
    times.push(performance.now() - sent);
  }
  times.sort((a, b) => a - b);
  const lines = files.length ? text.split('\n').length : 0;
  console.log(`5k-line workspace (${files.length} files; edited file ${lines} lines): loaded and checked in ${loadMs.toFixed(0)} ms`);
  console.log(`didChange → diagnostics over ${edits} edits (debounce 20 ms included): p50 ${percentile(times, 50).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms, max ${times.at(-1)!.toFixed(1)} ms`);
  console.log(`server peak RSS: ${peakRssMb(client.proc.pid!).toFixed(0)} MiB`);
  await client.stop();
  rmSync(root, { recursive: true, force: true });
}

async function memory(): Promise<void> {
  const { root, files } = write(100_000);
  const client = new LspClient({ asOf: '2025-06-30' });
  const t0 = performance.now();
  await client.start(root, { settings: { asOf: '2025-06-30' } });
  const last = pathToFileURL(join(root, files.at(-1)!)).href;
  await client.waitFor(() => client.diagnostics.has(last), 600_000);
  console.log(`100k-line workspace (${files.length} files): loaded and checked in ${(performance.now() - t0).toFixed(0)} ms; server peak RSS ${peakRssMb(client.proc.pid!).toFixed(0)} MiB`);
  await client.stop();
  rmSync(root, { recursive: true, force: true });
}

await latency(Number(process.env['EDITS'] ?? 200));
if (process.env['SKIP_100K'] !== '1') await memory();
