// Applies LSP text edits to a text, as an editor does: all ranges refer to the text before the edits.
import type { Position, TextEdit } from 'vscode-languageserver-protocol';

function offsetAt(text: string, p: Position): number {
  let offset = 0;
  for (let line = 0; line < p.line; line++) {
    const next = text.indexOf('\n', offset);
    if (next < 0) throw new Error(`line ${p.line} is past the end of the text`);
    offset = next + 1;
  }
  return offset + p.character;
}

export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const located = edits.map((e) => ({ start: offsetAt(text, e.range.start), end: offsetAt(text, e.range.end), newText: e.newText }));
  // From the end backwards, so that earlier offsets stay valid.
  located.sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  for (const e of located) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}
