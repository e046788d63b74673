// Language-server benchmark over real LSP (stdio, JSON-RPC): on a generated 5,000-line workspace,
// the latency from a `didChange` to the diagnostics of that version, p50 and p95 over 200 edits; and
// the server's peak memory on a 100k-line workspace. A benchmark, not a test: nothing is asserted.
//
// The server reports where the time of each check went (`doa/checkTimings`: CPU ms per phase, and
// the wall time an edit waited before its check); the benchmark prints the medians and p95 of each
// phase, by kind of check, then splits the core check itself (rules, subjects, evaluation) in this
// process on the same workspace, since the server calls it as one function.
//
//   npm run bench:lsp            (builds the server bundle and this script first)
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { generateWorkspace } from '../generate.ts';
import { LspClient } from '../../test/server/lsp-client.ts';
import type { CheckTimings } from '../../server/src/timings.ts';
import { Workspace, builtinRules } from '../../language/src/index.ts';
import { checkSync, prepareRules } from '../../language/src/check/check.ts';
import { buildSubjects } from '../../language/src/facts/build.ts';

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

/** CPU time (user + system) a process has used, from /proc, in ms (10 ms resolution). */
function processCpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

const fmt = (xs: number[]) => {
  if (!xs.length) return 'none';
  const s = [...xs].sort((a, b) => a - b);
  return `${percentile(s, 50).toFixed(1)} / ${percentile(s, 95).toFixed(1)}`;
};

function printPhases(timings: CheckTimings[]): void {
  for (const mode of ['full', 'layout'] as const) {
    const of = timings.filter((t) => t.mode === mode);
    if (!of.length) continue;
    const phases = [...new Set(of.flatMap((t) => Object.keys(t.phases)))];
    const cols = phases.map((p) => `${p} ${fmt(of.map((t) => t.phases[p] ?? 0))}`);
    const total = of.map((t) => Object.values(t.phases).reduce((a, b) => a + b, 0));
    console.log(`  ${mode} checks (${of.length}, ${of.filter((t) => t.debounced).length} debounced): wait ${fmt(of.map((t) => t.waitMs))} ms wall; CPU ms p50 / p95: ${cols.join(', ')}; total ${fmt(total)}; documents published ${fmt(of.map((t) => t.published))}`);
  }
}

/** The core check split into its parts, in this process, on the texts the server checks for an edit. */
function corePhases(files: Array<[string, string]>, uri: string, texts: string[]): void {
  const ws = new Workspace(files);
  const t: Record<string, number[]> = {};
  const time = <T>(k: string, f: () => T): T => {
    const a = cpuMs();
    const r = f();
    (t[k] ??= []).push(cpuMs() - a);
    return r;
  };
  const options = { asOf: '2025-06-30' };
  for (let round = 0; round < 3; round++) {
    for (const [i, text] of texts.entries()) {
      time('parse', () => ws.set(uri, text, i));
      const model = time('link', () => ws.getModel());
      const { rules } = time('rules', () => prepareRules(model, builtinRules, options));
      const subjects = time('subjects', () => buildSubjects(model, options.asOf, new Set(rules.map((r) => r.definition.family))));
      time('evaluate', () => {
        let n = 0;
        for (const r of rules) for (const s of subjects.get(r.definition.family) ?? []) if (r.predicate(s.facts)) n++;
        return n;
      });
      // The whole core check (model cached, so: rules, subjects, evaluation, findings, suppressions).
      time('checkSync', () => checkSync(ws, builtinRules, options));
    }
  }
  console.log(`  core, in process (CPU ms p50 / p95 over ${texts.length * 3} edits): ${Object.entries(t).map(([k, v]) => `${k} ${fmt(v)}`).join(', ')}`);
}

const FIRST_EDITS = 20;
//   IDLE_MS=n (default 2000): the pause between opening the file and the first edit;
//   WARM_UP=0: the server does not warm up (for the comparison).
const IDLE_MS = Number(process.env['IDLE_MS'] ?? 2000);
const WARM_UP = process.env['WARM_UP'] !== '0';
//   PACE_MS=n (default 0: each edit as soon as the last one's diagnostics arrive): a pause after each
//   edit's diagnostics, as a drafter pauses between words; IDLE_GC=0: no collection in those pauses.
const PACE_MS = Number(process.env['PACE_MS'] ?? 0);
const IDLE_GC = process.env['IDLE_GC'] !== '0';

async function latency(edits: number): Promise<void> {
  const { root, files } = write(5000);
  const client = new LspClient({ asOf: '2025-06-30' });
  const timings: CheckTimings[] = [];
  client.conn.onNotification('doa/checkTimings', (t: CheckTimings) => {
    timings.push(t);
    client.wake();
  });
  const t0 = performance.now();
  await client.start(root, { settings: { asOf: '2025-06-30' }, debounceMs: 20, reportTimings: true, warmUp: WARM_UP, idleGc: IDLE_GC });
  // The edited file: the largest delegations file.
  const target = files.filter((f) => f.includes('deleg') || f.includes('instrument')).at(-1) ?? files.at(-1)!;
  const uri = pathToFileURL(join(root, target)).href;
  await client.waitFor(() => client.diagnostics.has(uri), 120_000);
  const loadMs = performance.now() - t0;
  const text = readFileSync(join(root, target), 'utf8');
  await client.open(uri, text, 1);
  await client.waitFor(() => client.diagnostics.get(uri)?.version === 1, 60_000);
  // A drafter reads the file before typing: the server is idle for a moment (and warms up).
  await new Promise((resolve) => setTimeout(resolve, IDLE_MS));
  const times: number[] = [];
  const byMode: Record<string, number[]> = { full: [], layout: [] };
  const texts: string[] = [];
  const warmedUp = () => timings.at(-1)?.warmUpRounds ?? 0;
  let warmUpBeforeEdits: number | undefined;
  timings.length = 0;
  const cpuBefore = processCpuMs(client.proc.pid!);
  for (let v = 2; v < edits + 2; v++) {
    // Alternate an edit that changes findings (a stray limit) with one that does not (a comment).
    const edited = v % 2 === 0 ? `${text}\n// edit ${v}\n` : text.replace(/limit USD ([\d,]+)/, (_m, n: string) => `limit USD ${n}${v % 4 === 1 ? '1' : ''}`);
    if (v % 2 === 1 && texts.length < 8) texts.push(edited);
    const sent = performance.now();
    await client.change(uri, edited, v);
    const expected = timings.length + 1;
    await client.waitFor(() => client.diagnostics.get(uri)?.version === v, 60_000);
    const ms = performance.now() - sent;
    times.push(ms);
    // The server sends its timings right after the diagnostics: wait for them to tell the kind of check.
    await client.waitFor(() => timings.length >= expected, 60_000);
    byMode[timings.at(-1)!.mode]!.push(ms);
    warmUpBeforeEdits ??= warmedUp();
    if (PACE_MS) await new Promise((resolve) => setTimeout(resolve, PACE_MS));
  }
  const serverCpuPerEdit = (processCpuMs(client.proc.pid!) - cpuBefore) / edits;
  // Latencies in edit order: the first edits after start-up pay for the JIT's warm-up.
  const inOrder = [...times];
  times.sort((a, b) => a - b);
  const lines = files.length ? text.split('\n').length : 0;
  console.log(`5k-line workspace (${files.length} files; edited file ${lines} lines): loaded and checked in ${loadMs.toFixed(0)} ms`);
  console.log(`didChange → diagnostics over ${edits} edits (debounce 20 ms while busy): p50 ${percentile(times, 50).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms, max ${times.at(-1)!.toFixed(1)} ms`);
  console.log(`  server CPU per edit (mean, all work included): ${serverCpuPerEdit.toFixed(1)} ms`);
  const first = inOrder.slice(0, FIRST_EDITS);
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  console.log(`  warm-up ${WARM_UP ? 'on' : 'off'}, idle ${IDLE_MS} ms before the first edit: ${warmUpBeforeEdits} rehearsals done by then`);
  console.log(`  pause after each edit ${PACE_MS} ms; collections while idle ${IDLE_GC ? 'on' : 'off'}: ${JSON.stringify(timings.at(-1)?.idleGcRuns ?? {})}`);
  // The server's CPU per check, in edit order (one check per edit: each edit waits for its diagnostics).
  const cpuInOrder = timings.map((t) => Object.values(t.phases).reduce((a, b) => a + b, 0));
  const firstCpu = cpuInOrder.slice(0, FIRST_EDITS);
  console.log(`  first ${FIRST_EDITS} edits after start-up, p50 / p95 ms: ${fmt(first)}, mean ${mean(first).toFixed(1)}, max ${Math.max(...first).toFixed(1)}; the rest: ${fmt(inOrder.slice(FIRST_EDITS))}`);
  console.log(`    server CPU ms per check, p50 / p95: first ${FIRST_EDITS} ${fmt(firstCpu)}, mean ${mean(firstCpu).toFixed(1)}; the rest ${fmt(cpuInOrder.slice(FIRST_EDITS))}, mean ${mean(cpuInOrder.slice(FIRST_EDITS)).toFixed(1)}`);
  console.log(`  by kind of check, p50 / p95 ms: full ${fmt(byMode['full']!)} (${byMode['full']!.length}), layout only ${fmt(byMode['layout']!)} (${byMode['layout']!.length})`);
  printPhases(timings);
  console.log(`server peak RSS: ${peakRssMb(client.proc.pid!).toFixed(0)} MiB`);
  const all = files.map((f): [string, string] => [pathToFileURL(join(root, f)).href, readFileSync(join(root, f), 'utf8')]);
  corePhases(all, uri, texts);
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
  // Whatever the server does when idle after loading (warm-up) counts towards its peak.
  await new Promise((resolve) => setTimeout(resolve, IDLE_MS));
  console.log(`100k-line workspace (${files.length} files): loaded and checked in ${(performance.now() - t0).toFixed(0)} ms; server peak RSS ${peakRssMb(client.proc.pid!).toFixed(0)} MiB`);
  await client.stop();
  rmSync(root, { recursive: true, force: true });
}

//   EDITS=n (default 200), SKIP_100K=1 (latency only), SKIP_5K=1 (memory only)
if (process.env['SKIP_5K'] !== '1') await latency(Number(process.env['EDITS'] ?? 200));
if (process.env['SKIP_100K'] !== '1') await memory();
