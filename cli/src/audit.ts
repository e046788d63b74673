// `doa audit --transactions FILE`: every step actually carried out, checked against the authority in
// force on its own date, through the audit rules of `rules/audit/`. The records are streamed; the
// report uses the same formats as `check` (findings on the transaction file's lines), plus CSV, and
// a summary: records read, checked and rejected, findings per rule and per entity, the share of
// steps properly authorised and of awards reviewed in time.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { auditRules } from '../../rules/index.ts';
import type { AuditSummary } from '../../language/src/audit/auditor.ts';
import { explainFindings, type CheckRun, type SeveritySetting } from '../../language/src/check/check.ts';
import type { Finding, Workspace } from '../../language/src/index.ts';
import type { AuditPolicy } from '../../language/src/node/audit-policy.ts';
import { auditFile, jobsFor, TRIM_ABOVE_BYTES, type AuditFileResult } from '../../language/src/node/audit-file.ts';
import { existingFile } from '../../language/src/node/load-workspace.ts';
import type { LoadedConfig } from '../../language/src/node/config.ts';
import { TransactionsFileError } from '../../language/src/node/read-transactions.ts';
import { HeapTrimAbove } from '../../language/src/node/heap-trim.ts';
import { FindingSpool, KEPT_IN_MEMORY } from './finding-spool.ts';
import { auditProgressLine } from './progress.ts';
import { displayPathFrom, type FormatContext } from './formatters/context.ts';
import { countsOf, where, type Findings } from './formatters/findings.ts';
import { FORMATTERS } from './formatters/index.ts';
import { jsonReport } from './formatters/json.ts';
import { reportTarget, writeReport } from './report-writer.ts';
import { ruleInfoFor } from './rule-info.ts';
import { VERSION } from './version.ts';
import type { Io } from './cli.ts';

export interface AuditFlags {
  transactions: string;
  asOf?: string;
  format: string;
  output?: string;
  splitWindow?: number;
  explain?: boolean;
  rule?: Record<string, SeveritySetting>;
  quiet?: boolean;
  failLevel: 'error' | 'warning' | 'info';
  maxWarnings?: number;
  /** Threads that read and check the records, the main thread and `jobs` - 1 workers (0: one per core); the findings are the same. */
  jobs?: number;
}

/**
 * The flags with what `doa.config.json` says, as `doa check` applies it: `asOf` unless --as-of is
 * given, and the severity of each audit rule from `rules` and the `overrides` that match the
 * transactions file, unless --rule sets it. Settings of rules that are not audit rules are for
 * `doa check` and left to it.
 */
export function withConfig(flags: AuditFlags, config: Pick<LoadedConfig, 'config' | 'severityFor'>, cwd: string): AuditFlags {
  const uri = pathToFileURL(resolve(cwd, flags.transactions)).href;
  const rule: Record<string, SeveritySetting> = {};
  for (const r of auditRules) {
    const setting = flags.rule?.[r.meta.id] ?? config.severityFor(r.meta.id, uri);
    if (setting !== undefined) rule[r.meta.id] = setting;
  }
  const asOf = flags.asOf ?? config.config.asOf;
  return { ...flags, ...(asOf ? { asOf } : {}), ...(Object.keys(rule).length ? { rule } : {}) };
}

function* followedBy(pieces: Iterable<string>, last: string): Generator<string> {
  yield* pieces;
  yield last;
}

function percent(part: number, whole: number): string {
  return whole ? `${((100 * part) / whole).toFixed(1)}%` : 'n/a';
}

export function summaryText(s: AuditSummary): string {
  const lines = [
    `Records: ${s.read} read, ${s.checked} checked, ${s.rejected} rejected`,
    `Steps properly authorised: ${s.stepsProperlyAuthorised} of ${s.stepsNeedingAuthority} that need authority (${percent(s.stepsProperlyAuthorised, s.stepsNeedingAuthority)})`,
    `Awards reviewed in time: ${s.awardsReviewedInTime} of ${s.awardsNeedingReview} that need committee review (${percent(s.awardsReviewedInTime, s.awardsNeedingReview)})`,
  ];
  const byRule = Object.entries(s.findingsByRule).sort((a, b) => b[1] - a[1]);
  if (byRule.length) lines.push('Findings by rule:', ...byRule.map(([r, n]) => `  ${r.padEnd(34)} ${n}`));
  const byEntity = Object.entries(s.findingsByEntity).sort((a, b) => b[1] - a[1]);
  if (byEntity.length) lines.push('Findings by entity:', ...entityLines(byEntity));
  return lines.join('\n') + '\n';
}

/**
 * The entities with the most findings printed in the summary; the others are one line. An audit of
 * a whole organisation has findings in hundreds of entities (581 on the benchmark's million
 * records), which would bury the rest of a terminal or CI log; the JSON report lists every one.
 */
export const SUMMARY_ENTITIES = 20;

function entityLines(byEntity: ReadonlyArray<[string, number]>): string[] {
  // One line for a single entity left over would take the place of the entity itself.
  const shown = byEntity.length <= SUMMARY_ENTITIES + 1 ? byEntity : byEntity.slice(0, SUMMARY_ENTITIES);
  const lines = shown.map(([e, n]) => `  ${e.padEnd(34)} ${n}`);
  const rest = byEntity.slice(shown.length);
  if (rest.length) {
    const findings = rest.reduce((sum, [, n]) => sum + n, 0);
    lines.push(`  … ${rest.length} more entities with ${findings} findings (the JSON report lists every entity)`);
  }
  return lines;
}

/**
 * The worker module of `--jobs` (bundled next to the CLI as dist/doa-audit-worker.mjs). Run from the
 * TypeScript sources (tests), there is none that Node can load: the audit then runs on this thread.
 */
const WORKER = import.meta.url.endsWith('.ts') ? undefined : new URL('./doa-audit-worker.mjs', import.meta.url);

/**
 * Audits the transactions file against the policy; returns the findings and the summary. Given a
 * spool, each finding is added to it as it is made, and none is returned. Not itself suspended while
 * the audit runs (the auditor is made at once, `auditFile`), so that the policy's model can be
 * collected while it runs.
 */
export function runAudit(workspace: AuditPolicy | Workspace, flags: AuditFlags, io: Io, spool?: FindingSpool): Promise<{ findings: Finding[]; summary: AuditSummary }> {
  const path = resolve(io.cwd, flags.transactions);
  let size: number;
  try {
    size = existingFile(io.cwd, flags.transactions).size;
  } catch (e) {
    return Promise.reject(e);
  }
  const uri = pathToFileURL(path).href;
  let progress: { last: number } | undefined;
  let run: Promise<AuditFileResult>;
  try {
    run = auditFile(workspace, auditRules, path, {
      uri,
      ...(flags.splitWindow !== undefined ? { splitWindowDays: flags.splitWindow } : {}),
      ...(flags.rule ? { severities: flags.rule } : {}),
      ...(flags.asOf ? { asOf: flags.asOf } : {}),
      jobs: jobsFor(flags.jobs),
      ...(WORKER ? { workerUrl: WORKER } : {}),
      explain: !!flags.explain,
      ...(spool ? { onFinding: (f: Finding) => spool.add(f) } : {}),
      onProgress: (s, kept, bytes) => {
        if (io.stderrIsTTY && Date.now() - (progress ??= { last: Date.now() }).last > 250) {
          progress.last = Date.now();
          io.stderr(`\r\x1b[2K${auditProgressLine(bytes / size, s.read, spool ? spool.counts.total : kept, io.stderrColumns?.())}`);
        }
      },
    });
  } catch (e) {
    return Promise.reject(e);
  }
  return finishAudit(run, flags, io);
}

async function finishAudit(run: Promise<AuditFileResult>, flags: AuditFlags, io: Io): Promise<{ findings: Finding[]; summary: AuditSummary }> {
  const tty = !!io.stderrIsTTY;
  const { findings, hits: explained, summary } = await run.catch((e: unknown) => {
    // A file that cannot be read at all is a usage error, located in the file as the user named it.
    throw e instanceof TransactionsFileError ? e.in(flags.transactions) : e;
  });
  if (tty) io.stderr('\r\x1b[2K');
  if (flags.explain) {
    // json-rules-engine confirms and explains each finding, one run at a time.
    await explainFindings({ findings: explained.map((e) => e.finding), subjectOf: new Map(explained.map((e) => [e.finding, { subject: e.subject, rule: e.rule }])) } as Pick<CheckRun, 'findings' | 'subjectOf'>);
  }
  return { findings, summary };
}

/**
 * `doa audit`: the audit, its report and its exit code. The findings go to a spool as they are made
 * (finding-spool.ts: in memory while they are few, then on disk), removed however the command ends;
 * the report reads them back from it. With --explain they stay in memory, as they did: explaining a finding needs its subject (the
 * facts it was found on), which the spool does not hold.
 */
export function auditCommand(workspace: AuditPolicy | Workspace, flags: AuditFlags, io: Io, exitCode: (f: Findings) => number): Promise<number> {
  let spool: FindingSpool | undefined;
  try {
    spool = flags.explain ? undefined : new FindingSpool(undefined, findingsKeptInMemory());
  } catch (e) {
    return Promise.reject(e);
  }
  const audited = runAudit(workspace, flags, io, spool).then(({ findings, summary }) => {
    spool?.finish();
    return { findings: spool ?? findings, summary };
  });
  return report(audited, flags, io, exitCode).finally(() => spool?.remove());
}

/**
 * How many findings the audit keeps in memory before it writes them to a temporary file: 10,000
 * (~15 MB), or DOA_AUDIT_FINDINGS_IN_MEMORY (0: every finding goes to the file).
 */
function findingsKeptInMemory(): number {
  const setting = process.env['DOA_AUDIT_FINDINGS_IN_MEMORY'];
  const n = setting === undefined || setting === '' ? NaN : Number(setting);
  return Number.isInteger(n) && n >= 0 ? n : KEPT_IN_MEMORY;
}

async function report(run: Promise<{ findings: Findings; summary: AuditSummary }>, flags: AuditFlags, io: Io, exitCode: (f: Findings) => number): Promise<number> {
  const { findings, summary } = await run;
  // --quiet: the errors only, counted without reading the findings again.
  const reported = flags.quiet ? where(findings, (f) => f.severity === 'error', countsOf(findings).only('error')) : findings;
  const uri = pathToFileURL(resolve(io.cwd, flags.transactions)).href;
  const ctx: FormatContext = {
    asOf: flags.asOf ?? 'each step’s own date',
    files: [uri],
    cwd: io.cwd,
    rules: ruleInfoFor([]),
    suppressed: [],
    failLevel: flags.failLevel,
    ...(flags.quiet ? { errorsOnly: true } : {}),
    toolVersion: VERSION,
    displayPath: displayPathFrom(io.cwd),
  };
  // The JSON report has the summary as its last member, `audit`; stylish and Markdown end with it.
  // The other formats keep the summary out of the report: it goes to standard error.
  let pieces: Iterable<string>;
  let summaryInReport = true;
  if (flags.format === 'json') pieces = jsonReport(reported, ctx, [['audit', summary]]);
  else if (flags.format === 'stylish') pieces = followedBy(FORMATTERS.stylish!(reported, ctx), `\n${summaryText(summary)}`);
  // In Markdown the summary's indented lines would run together into one paragraph: keep them as a block.
  else if (flags.format === 'markdown') pieces = followedBy(FORMATTERS.markdown!(reported, ctx), `\n\`\`\`text\n${summaryText(summary)}\`\`\`\n`);
  else {
    pieces = FORMATTERS[flags.format]!(reported, ctx);
    summaryInReport = false;
  }
  // Written as the formatter makes them, never joined: the report can be hundreds of MB.
  await writeReport(trimmedAsRead(pieces), reportTarget(flags.output, io));
  // After the report is written, so that a report that could not be written is not preceded by a summary of it.
  if (!summaryInReport && !flags.quiet) io.stderr(summaryText(summary));
  if (summary.read === 0) io.stderr(`doa audit: no records in ${flags.transactions}\n`);
  return exitCode(findings);
}

/** Pieces of the report read between which the heap is looked at (a report of 1M records has ~1M). */
const PIECES_PER_HEAP_CHECK = 4096;
/** How much the heap may grow past what was live while the report is written (heap-trim.ts). */
const REPORT_HEAP_SLACK_BYTES = 32 << 20;

/**
 * The report's pieces, with the heap kept near what it holds while they are written. What the
 * audit held (its tables and the state of its cross-step rules) is garbage once the report starts,
 * and the report itself is all short-lived strings; left to V8's growing factor the heap of this
 * phase stood at ~180 MB on Node 24 (1M records, 55,764 findings), the process's peak RSS.
 */
function* trimmedAsRead(pieces: Iterable<string>): Generator<string> {
  const heap = new HeapTrimAbove(REPORT_HEAP_SLACK_BYTES, TRIM_ABOVE_BYTES);
  let n = 0;
  for (const piece of pieces) {
    yield piece;
    if (++n % PIECES_PER_HEAP_CHECK === 0) heap.check();
  }
}
