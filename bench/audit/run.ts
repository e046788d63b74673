// `npm run bench:audit`: `doa audit` on 1,000,000 generated transaction steps against a policy of
// about 10,000 delegation instruments, side by side with a hand-written ceiling and with Cedar.
//
// Bundled by bench/audit/build.mjs into bench/out/audit/run.mjs so that it runs on plain Node 20.
// One bundle, several modes: without `child` it orchestrates; `child <mode> <dir>` is what it spawns.
// Each measurement runs in a fresh child process and reports its own peak RSS (getrusage maxRSS,
// which covers every thread of the process) and the time of the audit itself (the policy is loaded
// first and timed apart: it is the same for every mode).
//
//   npm run bench:audit [-- --records 1000000] [--instruments 10000] [--modes doa,doa-jobs,ceiling,cedar]
//                       [--cedar-records 100000] [--jobs 2] [--regen] [--profile] [--cli]
//
// Modes:
//   read       readTransactions alone: the reading floor (no policy, no checks)
//   doa        the real pipeline on one thread (`auditWith`, what `doa audit` runs without --jobs)
//   doa-jobs   the same on `jobs` threads, this one and worker threads (`auditFile` with `jobs`, what
//              `doa audit --jobs N` runs)
//   ceiling    hand-written JS: same reader, same kind of index, if-statements (ceiling.ts)
//   cedar      Cedar (@cedar-policy/cedar-wasm) authorising every step (cedar.ts); by default on the
//              first --cedar-records records only (it is two orders of magnitude slower), then the
//              ceiling re-runs on the same records, untimed, to compare the counts
//   cli, cli-jobs   `node bin/doa.js audit … -f json -o /dev/null` end to end (with --cli): the
//              findings kept for the report and the report written; timed from outside, peak RSS by
//              /usr/bin/time
//
// Nothing here is asserted: benchmarks are not tests. The numbers depend on the machine and on what
// else runs on it: the same build has run from ~130k to ~270k records/s on two threads within an
// hour, with the machine-speed probe (one thread, no memory traffic) unchanged. The modes the goal
// is judged on (doa, doa-jobs) therefore run three times by default and are reported by their
// median, with every run and how many of them met the goal; `--repeat N` sets the runs of every mode.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { createRequire } from 'node:module';
import { findDoaFiles } from '../../language/src/node/load-workspace.ts';
import { describeMachineSpeed, probeMachineSpeed } from '../machine-speed.ts';
import { readAuditPolicy } from '../../language/src/node/audit-policy.ts';
import { readTransactions } from '../../language/src/node/read-transactions.ts';
import { isRejected } from '../../language/src/audit/record.ts';
import { Auditor } from '../../language/src/audit/auditor.ts';
import { auditWith } from '../../language/src/node/audit-file.ts';
import { auditRules } from '../../rules/index.ts';
import { Ceiling, Join } from './ceiling.ts';
import { CedarAuditor, RULES_BY_PRIORITY } from './cedar.ts';
import { describe, generate, type Manifest } from './generate.ts';

const HERE = dirname(fileURLToPath(import.meta.url));
const OUT = HERE.endsWith(join('out', 'audit')) ? HERE : join(HERE, '..', 'out', 'audit');
const REPO = join(OUT, '..', '..', '..');
const BUNDLE = join(OUT, 'run.mjs');
const GOAL = { recordsPerSec: 200_000, peakRssMB: 300, ceilingRatio: 2 };
/** The modes the goal is judged on: run three times unless `--repeat` says otherwise. */
const GOAL_MODES = ['doa', 'doa-jobs'];

const rssMB = () => process.resourceUsage().maxRSS / 1024;
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
/**
 * CPU time of the main thread alone (ms; Linux, from /proc), else undefined: with `--jobs` the
 * workers' time is in `process.cpuUsage()`, and the main thread is what waits on them.
 */
const mainThreadCpuMs = (): number | undefined => {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    // Fields after the command's closing parenthesis; utime and stime are the 14th and 15th, in ticks of 10 ms.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
};
const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
const group = (n: number) => Math.round(n).toLocaleString('en-US');
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1]!;
};

interface ChildResult {
  mode: string;
  records: number;
  rejected: number;
  findings: number;
  byRule: Record<string, number>;
  loadMs: number;
  auditMs: number;
  auditCpuMs: number;
  recordsPerSec: number;
  peakRssMB: number;
  /** CPU time of the main thread over the audit (Linux only). */
  mainCpuMs?: number;
  /** Cedar: errors returned; ceiling counts on the same records (for the comparison). */
  cedarErrors?: number;
  ceilingByRule?: Record<string, number>;
  wallMs?: number;
}

// ---------------------------------------------------------------------------------------------
// Child modes

async function child(mode: string, dir: string, args: string[]): Promise<ChildResult> {
  const csv = join(dir, 'transactions.csv');
  const limit = Number(args[0] ?? Infinity);
  const jobs = Number(args[1] ?? 2);
  let t = performance.now();
  // The policy as `doa audit` loads it (the model, without the files' syntax trees), for every mode.
  // Each mode keeps what it builds from the model, not the model (let go of once that is built).
  let policy = mode === 'read' ? undefined : await readAuditPolicy(await findDoaFiles([join(dir, 'workspace')]));
  const takeModel = () => {
    const model = policy!.model;
    policy = undefined;
    return model;
  };
  const loadMs = performance.now() - t;
  const byRule: Record<string, number> = {};
  let records = 0;
  let rejected = 0;
  let findings = 0;
  let extra: Partial<ChildResult> = {};
  const c0 = cpuMs();
  const m0 = mainThreadCpuMs();
  t = performance.now();
  if (mode === 'load') {
    // The policy alone: what it holds once loaded (with --expose-gc, after a full collection).
    (globalThis as { gc?: () => void }).gc?.();
    const heap = process.memoryUsage();
    extra = { heapUsedMB: heap.heapUsed / 2 ** 20, rssNowMB: heap.rss / 2 ** 20 } as Partial<ChildResult>;
  } else if (mode === 'read') {
    for await (const r of readTransactions(csv)) {
      records++;
      if (isRejected(r)) rejected++;
    }
  } else if (mode === 'doa' || mode === 'doa-jobs') {
    const auditor = new Auditor(takeModel(), auditRules, { uri: 'file:///transactions.csv' });
    const run = await auditWith(auditor, csv, { jobs: mode === 'doa' ? 1 : jobs, keepFindings: false, workerUrl: new URL('./doa-audit-worker.mjs', import.meta.url) });
    records = run.summary.read;
    rejected = run.summary.rejected;
    findings = Object.values(run.summary.findingsByRule).reduce((a: number, b: number) => a + b, 0);
    Object.assign(byRule, run.summary.findingsByRule);
    delete byRule['audit-malformed-record'];
  } else if (mode === 'ceiling') {
    const ceiling = new Ceiling(new Join(takeModel()));
    for await (const r of readTransactions(csv)) {
      records++;
      if (isRejected(r)) {
        rejected++;
        findings++;
        continue;
      }
      findings += ceiling.check(r).length;
    }
    Object.assign(byRule, ceiling.byRule);
  } else if (mode === 'cedar') {
    const require = createRequire(import.meta.url);
    const cedar = require('@cedar-policy/cedar-wasm/nodejs') as typeof import('@cedar-policy/cedar-wasm/nodejs');
    const join = new Join(takeModel());
    const auditor = new CedarAuditor(cedar, join);
    // Cross-record checks (segregation, split purchases) as the ceiling keeps them; their counts are
    // not part of the Cedar comparison, their cost is part of the time.
    const shadow = new Ceiling(join);
    t = performance.now();
    for await (const r of readTransactions(csv)) {
      if (records >= limit) break;
      records++;
      if (isRejected(r)) {
        rejected++;
        findings++;
        continue;
      }
      if (auditor.check(r)) findings++;
    }
    const auditMs = performance.now() - t;
    const auditCpu = cpuMs() - c0;
    Object.assign(byRule, auditor.byRule);
    // Untimed: the ceiling on the same records, for the comparison of the per-step counts.
    let n = 0;
    for await (const r of readTransactions(csv)) {
      if (n++ >= limit) break;
      if (!isRejected(r)) shadow.check(r);
    }
    extra = { cedarErrors: auditor.errors, ceilingByRule: shadow.byRule };
    return { mode, records, rejected, findings, byRule, loadMs, auditMs, auditCpuMs: auditCpu, recordsPerSec: (records / auditMs) * 1000, peakRssMB: rssMB(), ...extra };
  } else throw new Error(`unknown mode ${mode}`);
  const auditMs = performance.now() - t;
  const m1 = mainThreadCpuMs();
  if (m0 !== undefined && m1 !== undefined) extra.mainCpuMs = m1 - m0;
  return { mode, records, rejected, findings, byRule, loadMs, auditMs, auditCpuMs: cpuMs() - c0, recordsPerSec: (records / auditMs) * 1000, peakRssMB: rssMB(), ...extra };
}

// ---------------------------------------------------------------------------------------------
// Orchestration

function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

function ensureData(records: number, instruments: number, regen: boolean): { dir: string; manifest: Manifest } {
  const dir = join(OUT, `data-${instruments}-${records}`);
  const manifestPath = join(dir, 'manifest.json');
  if (!regen && existsSync(manifestPath)) return { dir, manifest: JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest };
  mkdirSync(dir, { recursive: true });
  const t = performance.now();
  const manifest = generate(dir, { instruments, records, jsonl: true });
  console.log(`generated in ${round((performance.now() - t) / 1000)} s: ${describe(manifest)}`);
  return { dir, manifest };
}

function spawnChild(mode: string, dir: string, extra: string[], nodeArgs: string[] = []): ChildResult {
  const r = spawnSync(process.execPath, [...nodeArgs, BUNDLE, 'child', mode, dir, ...extra], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const line = r.stdout.split('\n').find((l) => l.startsWith('RESULT '));
  if (!line) throw new Error(`child ${mode} failed (${r.status}): ${r.stderr.slice(-2000)}`);
  return JSON.parse(line.slice(7)) as ChildResult;
}

function spawnCli(dir: string, jobs: number): ChildResult {
  const args = [join(REPO, 'bin', 'doa.js'), 'audit', '-t', join(dir, 'transactions.csv'), '-p', join(dir, 'workspace'), '-f', 'json', '-o', '/dev/null', '--quiet', ...(jobs > 1 ? ['--jobs', String(jobs)] : [])];
  const t = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, ...args], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const wallMs = performance.now() - t;
  const rss = Number(r.stderr.trim().split('\n').pop());
  return { mode: jobs > 1 ? `cli-jobs${jobs}` : 'cli', records: 0, rejected: 0, findings: 0, byRule: {}, loadMs: 0, auditMs: wallMs, auditCpuMs: 0, recordsPerSec: 0, peakRssMB: rss / 1024, wallMs };
}

/** Top functions of a V8 CPU profile by self time, and the inclusive share of a few of doa's own. */
function summariseProfile(path: string, top = 25): string {
  interface Node {
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number };
    children?: number[];
  }
  const p = JSON.parse(readFileSync(path, 'utf8')) as { nodes: Node[]; samples: number[]; timeDeltas: number[] };
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const timeOf = new Map<number, number>();
  let total = 0;
  for (let i = 0; i < p.samples.length; i++) {
    const dt = p.timeDeltas[i] ?? 0;
    timeOf.set(p.samples[i]!, (timeOf.get(p.samples[i]!) ?? 0) + dt);
    total += dt;
  }
  const label = (n: Node) => {
    const f = n.callFrame;
    const file = f.url ? f.url.split('/').slice(-1)[0] : '';
    return `${f.functionName || '(anonymous)'}${file ? ` ${file}:${f.lineNumber + 1}` : ''}`;
  };
  const self = new Map<string, number>();
  const incl = new Map<string, number>();
  for (const [id, us] of timeOf) {
    const n = byId.get(id)!;
    self.set(label(n), (self.get(label(n)) ?? 0) + us);
    const seen = new Set<string>();
    for (let x: number | undefined = id; x !== undefined; x = parent.get(x)) {
      const name = byId.get(x)!.callFrame.functionName || '(anonymous)';
      if (seen.has(name)) continue;
      seen.add(name);
      incl.set(name, (incl.get(name) ?? 0) + us);
    }
  }
  const pct = (us: number) => `${((100 * us) / total).toFixed(1).padStart(5)} %`;
  const lines = [`profile ${relative(REPO, path)}: ${round(total / 1e6, 2)} s sampled`, 'self time, top functions:'];
  for (const [k, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top)) lines.push(`  ${pct(us)}  ${(us / 1000).toFixed(0).padStart(6)} ms  ${k}`);
  lines.push('inclusive time of the main stages:');
  for (const name of ['readAuditPolicy', 'buildAuditTables', 'readChunk', 'readCsvSpans', 'judge', 'fill', 'findingFor', 'step', 'follow', 'stepPairs', 'splitPurchases', '(garbage collector)']) {
    if (incl.has(name)) lines.push(`  ${pct(incl.get(name)!)}  ${name}`);
  }
  return lines.join('\n');
}

async function main(args: string[]): Promise<void> {
  const records = Number(flag(args, 'records') ?? 1_000_000);
  const instruments = Number(flag(args, 'instruments') ?? 10_000);
  const jobs = Number(flag(args, 'jobs') ?? 2);
  const cedarRecords = Number(flag(args, 'cedar-records') ?? 100_000);
  const repeatFlag = flag(args, 'repeat');
  const repeatsOf = (mode: string) => (repeatFlag !== undefined ? Number(repeatFlag) : GOAL_MODES.includes(mode) ? 3 : 1);
  const allRuns: Record<string, ChildResult[]> = {};
  const modes = (flag(args, 'modes') ?? 'read,doa,doa-jobs,ceiling,cedar').split(',').filter(Boolean);
  if (args.includes('--cli')) modes.push('cli', 'cli-jobs');
  const { dir, manifest } = ensureData(records, instruments, args.includes('--regen'));
  console.log(`doa audit benchmark: ${describe(manifest)}`);
  console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, load ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  const results: ChildResult[] = [];
  const speedBefore = probeMachineSpeed();
  for (const mode of modes) {
    const runs: ChildResult[] = [];
    for (let i = 0; i < repeatsOf(mode); i++) {
      let r: ChildResult;
      if (mode === 'cli' || mode === 'cli-jobs') r = spawnCli(dir, mode === 'cli' ? 1 : jobs);
      else r = spawnChild(mode, dir, [String(mode === 'cedar' ? cedarRecords : Infinity), String(jobs)]);
      runs.push(r);
      process.stdout.write(`  ${mode.padEnd(10)} run ${i + 1}: ${r.records ? `${group(r.recordsPerSec)} records/s, ` : ''}${round(r.auditMs / 1000, 2)} s, peak RSS ${group(r.peakRssMB)} MB\n`);
    }
    const m = median(runs.map((r) => r.auditMs));
    results.push(runs.find((r) => r.auditMs === m)!);
    allRuns[mode] = runs;
  }
  if (args.includes('--profile')) {
    const profDir = join(OUT, 'profiles');
    mkdirSync(profDir, { recursive: true });
    for (const f of readdirSync(profDir)) if (f.endsWith('.cpuprofile')) writeFileSync(join(profDir, f), '');
    spawnChild('doa', dir, [], ['--cpu-prof', `--cpu-prof-dir=${profDir}`, '--cpu-prof-name=doa.cpuprofile']);
    const summary = summariseProfile(join(profDir, 'doa.cpuprofile'));
    writeFileSync(join(OUT, 'profile-summary.txt'), summary + '\n');
    console.log(`\n${summary}`);
  }
  const machineSpeed = { probeMs: [speedBefore, probeMachineSpeed()] };
  report(results, manifest, jobs);
  for (const mode of GOAL_MODES) {
    const runs = allRuns[mode];
    if (!runs || runs.length < 2) continue;
    const met = runs.filter((r) => r.recordsPerSec >= GOAL.recordsPerSec && r.peakRssMB < GOAL.peakRssMB).length;
    console.log(`${mode}: every run ${runs.map((r) => `${group(r.recordsPerSec)} records/s at ${group(r.peakRssMB)} MB`).join(', ')}; the throughput and memory goals met in ${met} of ${runs.length}`);
  }
  console.log(`\n${describeMachineSpeed(speedBefore, machineSpeed.probeMs[1]!)}`);
  writeFileSync(join(OUT, 'results.json'), JSON.stringify({ date: new Date().toISOString(), node: process.version, cpus: cpus().length, load: loadavg(), machineSpeed, manifest, results, runs: allRuns }, null, 2) + '\n');
  console.log(`\nresults written to ${relative(REPO, join(OUT, 'results.json'))}`);
}

function report(results: ChildResult[], manifest: Manifest, jobs: number): void {
  const by = (m: string) => results.find((r) => r.mode === m);
  const ceiling = by('ceiling');
  const cedar = by('cedar');
  const rows = [['mode', 'records', 'audit s', 'records/s', 'CPU s', 'records/CPU-s', 'load s', 'peak RSS MB', 'findings', '× ceiling', '× Cedar']];
  for (const r of results) {
    const label = r.mode === 'doa-jobs' ? `doa-jobs (${jobs} threads)` : r.mode;
    const rate = r.records ? r.recordsPerSec : 0;
    rows.push([
      label,
      r.records ? group(r.records) : '',
      round(r.auditMs / 1000, 2).toString(),
      rate ? group(rate) : '',
      r.auditCpuMs ? round(r.auditCpuMs / 1000, 2).toString() : '',
      r.auditCpuMs && r.records ? group((r.records / r.auditCpuMs) * 1000) : '',
      r.loadMs ? round(r.loadMs / 1000, 2).toString() : '',
      group(r.peakRssMB),
      r.records && r.mode !== 'read' ? group(r.findings) : '',
      rate && ceiling ? `${(rate / ceiling.recordsPerSec).toFixed(2)}` : '',
      rate && cedar ? `${(rate / cedar.recordsPerSec).toFixed(1)}` : '',
    ]);
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  console.log('\n' + rows.map((r, k) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ') + (k === 0 ? '\n' + widths.map((w) => '-'.repeat(w)).join('  ') : '')).join('\n'));
  const doa = by('doa');
  const jobsRow = by('doa-jobs');
  const best = [doa, jobsRow].filter((r): r is ChildResult => !!r).sort((a, b) => b.recordsPerSec - a.recordsPerSec)[0];
  if (best) {
    const goals = [
      `${group(best.recordsPerSec)} records/s (goal ≥ ${group(GOAL.recordsPerSec)})`,
      `peak RSS ${group(best.peakRssMB)} MB (goal < ${GOAL.peakRssMB})`,
      ceiling ? `ceiling ÷ doa ${(ceiling.recordsPerSec / best.recordsPerSec).toFixed(2)} (goal ≤ ${GOAL.ceilingRatio})` : '',
      cedar ? `doa ÷ Cedar ${(best.recordsPerSec / cedar.recordsPerSec).toFixed(1)} (goal > 1)` : '',
    ].filter(Boolean);
    console.log(`\nbest doa mode (${best.mode}): ${goals.join('; ')}`);
  }
  // Findings per rule: doa, doa-jobs and the ceiling on all records; Cedar against the ceiling on its records.
  const rules = [...new Set(results.flatMap((r) => Object.keys(r.byRule)).concat([...RULES_BY_PRIORITY]))].sort();
  const cols = results.filter((r) => ['doa', 'doa-jobs', 'ceiling'].includes(r.mode));
  const head = ['rule', ...cols.map((c) => c.mode), ...(cedar ? [`cedar (${group(cedar.records)})`, `ceiling (${group(cedar.records)})`] : []), 'same'];
  const table = [head];
  let allSame = true;
  for (const rule of rules) {
    const vals = cols.map((c) => c.byRule[rule] ?? 0);
    const cedarVals = cedar && RULES_BY_PRIORITY.includes(rule as never) ? [cedar.byRule[rule] ?? 0, cedar.ceilingByRule?.[rule] ?? 0] : cedar ? ['–', '–'] : [];
    const same = vals.every((v) => v === vals[0]) && (cedarVals.length === 0 || cedarVals[0] === '–' || cedarVals[0] === cedarVals[1]);
    allSame &&= same;
    table.push([rule, ...vals.map(String), ...cedarVals.map(String), same ? 'yes' : 'NO']);
  }
  const w = head.map((_, i) => Math.max(...table.map((r) => r[i]!.length)));
  console.log('\nfindings per rule (Cedar answers per step: segregation and split purchases are not its to count)');
  console.log(table.map((r, k) => r.map((c, i) => (i === 0 ? c.padEnd(w[i]!) : c.padStart(w[i]!))).join('  ') + (k === 0 ? '\n' + w.map((x) => '-'.repeat(x)).join('  ') : '')).join('\n'));
  console.log(allSame ? 'all counts agree' : 'COUNTS DIFFER: see the rows marked NO');
  if (cedar?.cedarErrors) console.log(`Cedar returned ${cedar.cedarErrors} errors`);
  void manifest;
}

const argv = process.argv.slice(2);
if (argv[0] === 'child') {
  const result = await child(argv[1]!, argv[2]!, argv.slice(3));
  process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);
  process.exit(0);
} else await main(argv);
