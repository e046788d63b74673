// The diagnostics the server has published, per document, and what to publish after a check: the
// edited documents always (the client waits for their new version), any other document only when
// its diagnostics changed. After a layout-only edit (see layout-edit.ts) the published diagnostics
// are moved with their lines instead of being computed again.
import type { Diagnostic, Position, Range } from 'vscode-languageserver';
import type { Finding } from '../../language/src/index.ts';
import { toDiagnostic, type RuleLinks } from './to-lsp.ts';
import type { LineMap } from './layout-edit.ts';

export interface Publication {
  uri: string;
  diagnostics: Diagnostic[];
}

interface Entry {
  diagnostics: Diagnostic[];
  /** The diagnostics as JSON, computed when first compared. */
  key?: string;
}

const keyOf = (e: Entry) => (e.key ??= JSON.stringify(e.diagnostics));

export class DiagnosticsStore {
  private entries = new Map<string, Entry>();

  get(uri: string): Diagnostic[] | undefined {
    return this.entries.get(uri)?.diagnostics;
  }

  /** Diagnostics of every document from a full check's findings (sorted by document already). */
  static fromFindings(findings: readonly Finding[], uris: Iterable<string>, links: RuleLinks): Map<string, Diagnostic[]> {
    const byUri = new Map<string, Diagnostic[]>();
    for (const uri of uris) byUri.set(uri, []);
    for (const f of findings) {
      let list = byUri.get(f.uri);
      // A finding in a document the workspace no longer holds cannot be shown; it cannot happen,
      // but it must not be lost silently either: it goes with the others of its URI.
      if (!list) byUri.set(f.uri, (list = []));
      list.push(toDiagnostic(f, links));
    }
    return byUri;
  }

  /**
   * Replaces the stored diagnostics with `next` (every document of the workspace) and returns what
   * to publish: documents in `edited`, documents whose diagnostics changed, documents that are gone
   * (with no diagnostics, to clear them).
   */
  update(next: Map<string, Diagnostic[]>, edited: ReadonlySet<string>): Publication[] {
    const out: Publication[] = [];
    const entries = new Map<string, Entry>();
    for (const [uri, diagnostics] of next) {
      const entry: Entry = { diagnostics };
      entries.set(uri, entry);
      const before = this.entries.get(uri);
      const unchanged = before && (before.diagnostics.length === 0 && diagnostics.length === 0 ? true : before.diagnostics.length === diagnostics.length && keyOf(before) === keyOf(entry));
      if (unchanged && !edited.has(uri)) {
        entry.key = before.key;
        continue;
      }
      out.push({ uri, diagnostics });
    }
    for (const uri of this.entries.keys()) if (!next.has(uri)) out.push({ uri, diagnostics: [] });
    this.entries = entries;
    return out;
  }

  /**
   * The stored diagnostics moved by the line maps of layout-only edits, or `undefined` when one of
   * them points at a line the map does not know (the caller then checks in full).
   */
  moved(maps: ReadonlyMap<string, LineMap>): Map<string, Diagnostic[]> | undefined {
    const next = new Map<string, Diagnostic[]>();
    try {
      for (const [uri, entry] of this.entries) next.set(uri, entry.diagnostics.map((d) => moveDiagnostic(d, uri, maps)));
    } catch (e) {
      if (e instanceof UnmappedLine) return undefined;
      throw e;
    }
    return next;
  }
}

class UnmappedLine extends Error {}

function movePosition(p: Position, map: LineMap): Position {
  const line = map.get(p.line);
  if (line === undefined) throw new UnmappedLine();
  return line === p.line ? p : { line, character: p.character };
}

function moveRange(r: Range, uri: string, maps: ReadonlyMap<string, LineMap>): Range {
  const map = maps.get(uri);
  if (!map) return r;
  const start = movePosition(r.start, map);
  const end = movePosition(r.end, map);
  return start === r.start && end === r.end ? r : { start, end };
}

function moveDiagnostic(d: Diagnostic, uri: string, maps: ReadonlyMap<string, LineMap>): Diagnostic {
  const range = moveRange(d.range, uri, maps);
  const related = d.relatedInformation?.map((r) => {
    const moved = moveRange(r.location.range, r.location.uri, maps);
    return moved === r.location.range ? r : { ...r, location: { uri: r.location.uri, range: moved } };
  });
  const data = d.data as { fix?: { title: string; edits: Array<{ uri: string; range: Range; newText: string }> } } | undefined;
  const edits = data?.fix?.edits.map((e) => {
    const moved = moveRange(e.range, e.uri, maps);
    return moved === e.range ? e : { ...e, range: moved };
  });
  const sameRelated = !related || related.every((r, i) => r === d.relatedInformation![i]);
  const sameEdits = !edits || edits.every((e, i) => e === data!.fix!.edits[i]);
  if (range === d.range && sameRelated && sameEdits) return d;
  const out: Diagnostic = { ...d, range };
  if (related) out.relatedInformation = related;
  if (edits) out.data = { ...data, fix: { ...data!.fix!, edits } };
  return out;
}
