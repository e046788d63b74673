// SARIF 2.1.0 for code-scanning tools: rule descriptors with help text and URI, exact regions,
// the delegation chain and related places as relatedLocations, partial fingerprints that survive
// line moves, fixes, and suppressed findings with their justification.
import { createRequire } from 'node:module';
import { sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as Sarif from 'sarif';
import type { Finding, Location } from '../../../language/src/index.ts';
import type { FormatContext } from './context.ts';
import { countsOf } from './findings.ts';
import { isWholeLine, type Formatter } from './types.ts';
import { prettyJson, StreamedArray, StreamedObject } from './pretty-json.ts';
import { ruleDocs } from '../rule-info.ts';

const LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const;

function region(range: Finding['range']): Sarif.Region {
  return { startLine: range.start.line + 1, startColumn: range.start.character + 1, endLine: range.end.line + 1, endColumn: range.end.character + 1 };
}

/**
 * Where a result is: its exact region, or for a whole line (an audited record) the line alone,
 * which SARIF reads as the line from its first character to its end (§3.30.5–3.30.8). A fix's
 * deleted region stays exact: there, a line includes its newline.
 */
function resultRegion(range: Finding['range']): Sarif.Region {
  return isWholeLine(range) ? { startLine: range.start.line + 1 } : region(range);
}

/** A file's place as a URI reference relative to %SRCROOT%: each path segment percent-encoded (`a b%.doa` → `a%20b%25.doa`). */
function artifactUri(ctx: FormatContext, uri: string): string {
  const shown = ctx.displayPath(uri);
  return uri.startsWith('file:') ? shown.split('/').map(encodeURIComponent).join('/') : shown;
}

function physical(ctx: FormatContext, loc: Location): Sarif.PhysicalLocation {
  const uri = artifactUri(ctx, loc.uri);
  return { artifactLocation: loc.uri.startsWith('file:') ? { uri, uriBaseId: '%SRCROOT%' } : { uri }, region: resultRegion(loc.range) };
}

// node:crypto (some twenty internal modules) is loaded when a SARIF report is written, not at every
// start of `doa check`, which loads the formatters with the command.
const builtin = createRequire(import.meta.url);
let crypto: typeof import('node:crypto') | undefined;

function fingerprint(ctx: FormatContext, f: Finding): string {
  crypto ??= builtin('node:crypto') as typeof import('node:crypto');
  return crypto.createHash('sha256').update(`${f.ruleId}\u0000${f.messageId}\u0000${ctx.displayPath(f.uri)}\u0000${f.subject.family}\u0000${f.subject.id}`).digest('hex').slice(0, 32);
}

function result(ctx: FormatContext, f: Finding, ruleIndex: Map<string, number>): Sarif.Result {
  const related: Sarif.Location[] = [];
  for (const link of f.chain) {
    if (!link.location) continue;
    related.push({ id: related.length + 1, physicalLocation: physical(ctx, link.location), message: { text: `chain: ${link.kind === 'root' ? (link.title ?? link.name) : `${link.kind} ${link.name}`}` } });
  }
  for (const r of f.related) related.push({ id: related.length + 1, physicalLocation: physical(ctx, r), message: { text: r.message } });
  const res: Sarif.Result = {
    ruleId: f.ruleId,
    level: LEVEL[f.severity],
    message: { text: f.message },
    locations: [{ physicalLocation: physical(ctx, f) }],
    partialFingerprints: { 'doaFinding/v1': fingerprint(ctx, f) },
    properties: { messageId: f.messageId, chain: f.chain.map((c) => c.name), basis: f.basis },
  };
  const index = ruleIndex.get(f.ruleId);
  if (index !== undefined) res.ruleIndex = index;
  if (related.length) res.relatedLocations = related;
  if (f.fix) {
    res.fixes = [
      {
        description: { text: f.fix.title },
        artifactChanges: f.fix.edits.map((e) => ({
          artifactLocation: physical(ctx, { uri: e.uri, range: e.range }).artifactLocation!,
          replacements: [{ deletedRegion: region(e.range), insertedContent: { text: e.newText } }],
        })),
      },
    ];
  }
  return res;
}

export const sarif: Formatter = function* (findings, ctx) {
  const used = [...new Set([...countsOf(findings).byRule.keys(), ...ctx.suppressed.map((f) => f.ruleId)])].sort();
  const ruleIndex = new Map(used.map((id, i) => [id, i]));
  const rules: Sarif.ReportingDescriptor[] = used.map((id) => {
    const info = ctx.rules.get(id);
    const docs = info ? ruleDocs(info) : undefined;
    const d: Sarif.ReportingDescriptor = {
      id,
      name: id.replace(/(^|-)(\w)/g, (_m, _d, c: string) => c.toUpperCase()),
      shortDescription: { text: info?.description ?? id },
      fullDescription: { text: info?.description ?? id },
      defaultConfiguration: { level: LEVEL[info?.defaultSeverity ?? 'warning'] },
      help: { text: docs ?? info?.description ?? id, ...(docs ? { markdown: docs } : {}) },
      properties: { category: info?.category ?? 'workspace', basis: info?.basis ?? [], tags: ['delegation-of-authority', info?.category ?? 'workspace'] },
    };
    if (info?.helpUri) d.helpUri = info.helpUri;
    return d;
  });
  function* results(): Generator<Sarif.Result> {
    for (const f of findings) yield result(ctx, f, ruleIndex);
    for (const f of ctx.suppressed) {
      const r = result(ctx, f, ruleIndex);
      r.suppressions = [{ kind: 'inSource', status: 'accepted', justification: f.suppression.justification, ...(f.suppression.until ? { properties: { until: f.suppression.until } } : {}) }];
      yield r;
    }
  }
  // A Sarif.Log with its results made and printed one at a time (`pretty-json.ts`).
  const run = new StreamedObject([
    ['tool', { driver: { name: 'doa', version: ctx.toolVersion, semanticVersion: ctx.toolVersion, rules } }],
    ['originalUriBaseIds', { '%SRCROOT%': { uri: pathToFileURL(ctx.cwd.endsWith(sep) ? ctx.cwd : `${ctx.cwd}${sep}`).href } }],
    ['artifacts', ctx.files.map((uri) => ({ location: { uri: artifactUri(ctx, uri), uriBaseId: '%SRCROOT%' }, mimeType: 'text/plain', encoding: 'utf-8' }))],
    ['results', new StreamedArray(results())],
    ['columnKind', 'utf16CodeUnits'],
    ['invocations', [{ executionSuccessful: true, properties: { asOf: ctx.asOf } }]],
  ]);
  const log = new StreamedObject([
    ['$schema', 'https://json.schemastore.org/sarif-2.1.0.json'],
    ['version', '2.1.0'],
    ['runs', new StreamedArray([run])],
  ]);
  yield* prettyJson(log);
  yield '\n';
};
