// Streams transaction records from a CSV file (with a header) or a JSON Lines file, with the line
// number of each record. Malformed rows are yielded as rejected records, never dropped.
//
// The file is read in byte chunks cut after a line end (`readByteChunks`: as node:readline cuts
// lines, LF, CRLF and a lone CR each end one), and each chunk's lines are read by `TransactionLines`
// (`readChunk`: plain CSV lines in place, any other line on its own by `read`, cut by
// `LineSplitter`). The audit (audit-file.ts) reads the chunks so, on this thread or on workers;
// `readTransactionBatches` yields the records of one chunk at a time, which spares a promise per
// record, and `readTransactions` yields them one by one, from the same reader: a record reads the
// same whoever reads it.
import { isAscii } from 'node:buffer';
import { closeSync, openSync, readSync } from 'node:fs';
import Big from 'big.js';
import { parse as parseCsvLine } from 'csv-parse/sync';
import { CsvColumns, FIELDS, isPrintable, isRejected, readCsvRecord, readCsvSpans, readRecord, withNamesInNfc, type CsvSpans, type RejectedRecord, type TransactionRecord } from '../audit/record.ts';

export type RecordOrRejection = TransactionRecord | RejectedRecord;

/**
 * A transactions file that cannot be read at all (its CSV header is not a CSV row): bad input from
 * the user, reported with its line, never as an internal error. Rows after a good header are never
 * this: each bad row is rejected on its own.
 */
export class TransactionsFileError extends Error {
  constructor(
    readonly line: number,
    readonly detail: string,
    readonly file?: string,
  ) {
    super(file ? `${file}:${line}: ${detail}` : `line ${line}: ${detail}`);
  }

  /** The same error, located in the file as the user named it. */
  in(file: string): TransactionsFileError {
    return new TransactionsFileError(this.line, this.detail, file);
  }
}

export function isJsonLines(path: string): boolean {
  return /\.(jsonl|ndjson)$/i.test(path);
}

/** Line ends as node:readline knows them. */
const LINE_END = /\r?\n|\r(?!\n)/g;

/** Cuts a stream of text chunks into lines, exactly as node:readline does (with `crlfDelay: Infinity`). */
export class LineSplitter {
  private rest = '';
  private sawReturn = false;

  /** Appends the complete lines of `chunk` (with what was left of the previous one) to `out`. */
  push(chunk: string, out: string[]): void {
    if (this.sawReturn) {
      // A CRLF cut between two chunks: the CR ended the line already.
      if (chunk.charCodeAt(0) === 10) chunk = chunk.slice(1);
      this.sawReturn = false;
    }
    if (!chunk) return;
    const s = this.rest ? this.rest + chunk : chunk;
    if (s.indexOf('\r') === -1) {
      let a = 0;
      let b: number;
      while ((b = s.indexOf('\n', a)) !== -1) {
        out.push(s.slice(a, b));
        a = b + 1;
      }
      this.rest = a ? s.slice(a) : s;
      return;
    }
    LINE_END.lastIndex = 0;
    let a = 0;
    let m: RegExpExecArray | null;
    while ((m = LINE_END.exec(s))) {
      out.push(s.slice(a, m.index));
      a = LINE_END.lastIndex;
    }
    this.rest = s.slice(a);
    this.sawReturn = a > 0 && s.charCodeAt(s.length - 1) === 13;
  }

  /** The last line, when the file does not end with a line end. */
  end(out: string[]): void {
    if (this.rest) out.push(this.rest);
    this.rest = '';
  }
}

/**
 * Reads lines of one transactions file into records, one line at a time, in order: the line number
 * of each (1-based, every physical line counted), and for CSV the header (the first non-blank
 * line). A line that holds no record (blank, or the header) gives `undefined`.
 */
export class TransactionLines {
  /** The CSV header, once read. */
  header: string[] | undefined;
  private columns: CsvColumns | undefined;
  /** The line `plainCsvLine` reads and the offsets of its fields (one more than the header's). */
  private spans: CsvSpans = { text: '', starts: new Int32Array(0) };

  constructor(
    readonly format: 'csv' | 'jsonl',
    header?: string[],
  ) {
    this.header = header;
    if (header) this.columns = new CsvColumns(header);
  }

  /**
   * Reads a text of whole lines (a chunk as `readByteChunks` cuts it, decoded), whose first line is
   * line `first`, handing each record or rejection to `take`, in order. A CSV line is read in place,
   * without a string for the line or one for each field (the worker threads read all records so):
   * only a line after the header with no quote, starting with a printable character, in a text with
   * no CR. Any other line is read by `read`, as `LineSplitter` cuts it, which gives the same records
   * and rejections (a test feeds the same lines to both). `ascii`: the chunk's bytes are all ASCII
   * (`buffer.isAscii`, a fast scan), so its records' names need no Unicode normalisation.
   */
  readChunk(text: string, first: number, take: (r: RecordOrRejection) => void, ascii = false): void {
    if (!ascii) {
      const inner = take;
      take = (r) => inner(isRejected(r) ? r : withNamesInNfc(r));
    }
    // A CR ends a line on its own too: such a text is cut by `LineSplitter`, whose line count is exact.
    // So is a text with a replacement character, whose lines `read` rejects (see NOT_UTF8).
    if (this.format !== 'csv' || text.indexOf('\r') !== -1 || text.indexOf('\uFFFD') !== -1) {
      const lines: string[] = [];
      const splitter = new LineSplitter();
      splitter.push(text, lines);
      splitter.end(lines);
      for (let i = 0; i < lines.length; i++) {
        const r = this.read(lines[i]!, first + i);
        if (r) take(r);
      }
      return;
    }
    let quote = -1;
    for (let a = 0, n = first; a < text.length; n++) {
      let b = text.indexOf('\n', a);
      if (b === -1) b = text.length;
      // The next quote at or after the line's start, found again only once passed (no quadratic scan).
      if (quote < a) {
        quote = text.indexOf('"', a);
        if (quote === -1) quote = text.length;
      }
      // A first character that is not printable may start a blank line, a BOM or padding: `read` tells.
      const r = this.columns && quote >= b && isPrintable(text.charCodeAt(a)) ? this.plainCsvLine(text, a, b, n) : this.read(text.slice(a, b), n);
      if (r) take(r);
      a = b + 1;
    }
    // The chunk is not kept alive until the next one.
    this.spans.text = '';
  }

  read(text: string, n: number): RecordOrRejection | undefined {
    if (n === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    // A line that starts with a printable character is not blank: no trimmed copy made to tell.
    if (!isPrintable(text.charCodeAt(0)) && !text.trim()) return undefined;
    if ((this.format === 'jsonl' || this.header) && text.includes('\uFFFD')) return { line: n, reason: NOT_UTF8 };
    return this.format === 'jsonl' ? jsonLine(text, n) : this.csvLine(text, n);
  }

  /**
   * CSV is read one physical line per record, so that a malformed row (an unclosed quote, a wrong
   * number of fields) is rejected with its own line number and cannot swallow the rows after it, as a
   * streaming CSV parser does with an unclosed quote. A line with quotes is parsed by csv-parse; a line
   * without any is a plain comma-separated list (RFC 4180 gives it no other reading). Fields that
   * span lines are therefore not supported: such a record is rejected, line by line, never merged.
   */
  private csvLine(text: string, n: number): RecordOrRejection | undefined {
    let fields: string[];
    if (text.includes('"')) {
      try {
        const rows = parseCsvLine(text, { relax_column_count: true, trim: true }) as string[][];
        fields = rows[0] ?? [];
      } catch (e) {
        const reason = (e as Error).message.replace(/ at line \d+.*$/, '');
        if (this.header) return { line: n, reason: `not a CSV row: ${reason}` };
        throw new TransactionsFileError(n, `the header is not a CSV row (${reason})`);
      }
    } else {
      fields = text.split(',');
      for (let i = 0; i < fields.length; i++) {
        const f = fields[i]!;
        // Most fields have a printable ASCII character at each end: nothing to trim, no call made.
        if (!(isPrintable(f.charCodeAt(0)) && isPrintable(f.charCodeAt(f.length - 1)))) fields[i] = f.trim();
      }
    }
    const header = this.header;
    if (!header) {
      // A field given two columns would be read from one of them, the other's values lost.
      const twice = duplicateColumn(fields);
      if (twice) {
        const [a, b] = twice.names;
        const what = a === b ? `names the column '${a}' twice` : `has two columns for one field, '${a}' and '${b}'`;
        throw new TransactionsFileError(n, `the header ${what} (columns ${twice.first} and ${twice.second}): one of them would be ignored`);
      }
      this.header = fields;
      this.columns = new CsvColumns(fields);
      return undefined;
    }
    if (fields.length !== header.length) return { line: n, reason: `expected ${header.length} fields as in the header, found ${fields.length}` };
    return readCsvRecord(fields, this.columns!, n);
  }

  /**
   * A CSV line with no quote, after the header (`text` from `a` to the line end at `b`): what
   * `csvLine` reads from the same line, its fields found by their commas and sliced (and trimmed)
   * only when a value is read from them.
   */
  private plainCsvLine(text: string, a: number, b: number, n: number): RecordOrRejection {
    const width = this.header!.length;
    let spans = this.spans;
    if (spans.starts.length !== width + 1) spans = this.spans = { text, starts: new Int32Array(width + 1) };
    const starts = spans.starts;
    let count = 0;
    for (let p = a; ; ) {
      if (count < width) starts[count] = p;
      count++;
      const comma = text.indexOf(',', p);
      if (comma === -1 || comma >= b) break;
      p = comma + 1;
    }
    if (count !== width) return { line: n, reason: `expected ${width} fields as in the header, found ${count}` };
    starts[width] = b + 1;
    spans.text = text;
    return readCsvSpans(spans, this.columns!, n);
  }
}

/**
 * Bytes that are not UTF-8 are decoded as U+FFFD, the replacement character: a name written in
 * Latin-1 (`os\xe9man`) would be audited as `os�man`, matching no person, vendor or interest, with no
 * word said. A record with one is rejected instead (a true U+FFFD in a file is the trace of such a
 * conversion, made before).
 */
const NOT_UTF8 = 'the line is not UTF-8 text (it has bytes that UTF-8 does not allow, or U+FFFD): save the file as UTF-8';

/**
 * The first two columns of a header that the audit would read one field from (1-based): a name
 * given twice, or two names of one field (`id` and `transaction`); undefined when none.
 */
function duplicateColumn(header: readonly string[]): { names: [string, string]; first: number; second: number } | undefined {
  const fieldOf = new Map<string, string>();
  for (const [field, names] of Object.entries(FIELDS)) for (const name of names) fieldOf.set(name, field);
  const seen = new Map<string, number>();
  for (let i = 0; i < header.length; i++) {
    const field = fieldOf.get(header[i]!);
    if (field === undefined) continue;
    const first = seen.get(field);
    if (first !== undefined) return { names: [header[first]!, header[i]!], first: first + 1, second: i + 1 };
    seen.set(field, i);
  }
  return undefined;
}

function jsonLine(text: string, n: number): RecordOrRejection {
  let raw: unknown;
  try {
    raw = JSON.parse(numbersAsText(text));
  } catch (e) {
    return { line: n, reason: `not valid JSON: ${(e as Error).message}` };
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return { line: n, reason: 'a JSON Lines record must be an object' };
  return readRecord(raw as Record<string, unknown>, n);
}

/**
 * A JSON text with each number outside a string put in quotes, as written: JSON.parse would make
 * it a binary float first (150000.0000000000001 is 150000, 12345678901234567890 loses its last
 * digits), and an amount must be read exactly. A number in exponent form (`1e5`) is written out in
 * full, as the number it is. A text that is not JSON is returned unchanged (JSON.parse says why).
 */
export function numbersAsText(text: string): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      // Skips the string, escapes included.
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (d === 92 /* \ */) i++;
        else if (d === 34) break;
      }
    } else if (c === 45 /* - */ || (c >= 48 && c <= 57)) {
      let end = i + 1;
      while (end < text.length && /[0-9.eE+-]/.test(text[end]!)) end++;
      const number = text.slice(i, end);
      if (!JSON_NUMBER.test(number)) return text;
      out += `${text.slice(from, i)}"${writtenOut(number)}"`;
      from = end;
      i = end - 1;
    }
  }
  return from === 0 ? text : out + text.slice(from);
}

const JSON_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/** A number in exponent form written out (`1e5` → `100000`), unless its exponent is too large for any amount (kept as written, and rejected as one). */
function writtenOut(number: string): string {
  const e = number.search(/[eE]/);
  if (e < 0 || Math.abs(Number(number.slice(e + 1))) > 100) return number;
  return new Big(number).toFixed();
}

/** The records of the file, a chunk at a time (hundreds of records per batch, in order). */
export async function* readTransactionBatches(path: string): AsyncGenerator<RecordOrRejection[]> {
  const reader = new TransactionLines(isJsonLines(path) ? 'jsonl' : 'csv');
  const decoder = new TextDecoder();
  for await (const { bytes, first } of readByteChunks(path, 1 << 16)) {
    const out: RecordOrRejection[] = [];
    reader.readChunk(decoder.decode(bytes), first, (r) => void out.push(r), isAscii(bytes));
    if (out.length) yield out;
  }
}

export async function* readTransactions(path: string): AsyncGenerator<RecordOrRejection> {
  for await (const batch of readTransactionBatches(path)) yield* batch;
}

/**
 * The file as raw byte chunks cut after a line end (LF, CRLF or a lone CR, as `LineSplitter` cuts
 * lines), each with the number of its first line and how many lines it holds: what the parallel
 * audit hands to worker threads (a record is one physical line, so a line end is a record boundary;
 * a chunk is valid UTF-8 on its own, as a line end is never inside a character). A CR at the very end
 * of what was read is kept for the next chunk, so that a CRLF is never cut in two. The last chunk
 * may end without a line end.
 */
export async function* readByteChunks(path: string, size = 1 << 20): AsyncGenerator<{ bytes: Uint8Array; first: number; lines: number }> {
  // Read synchronously, each chunk straight into a buffer of its own (it is transferred to a worker
  // as it is): no stream, no read buffer copied, only the part of a line after the last line end
  // is copied to the start of the next chunk. A read from the page cache takes microseconds, and the
  // worker threads go on judging while this thread reads.
  const fd = openSync(path, 'r');
  try {
    let carry: Uint8Array | undefined;
    let n = 1;
    for (;;) {
      const kept = carry?.length ?? 0;
      const chunk = new Uint8Array(kept + size);
      if (carry) chunk.set(carry);
      const read = readSync(fd, chunk, kept, size, null);
      if (read === 0) break;
      const buf = Buffer.from(chunk.buffer, 0, kept + read);
      const end = lastLineEnd(buf);
      if (end === 0) {
        carry = chunk.subarray(0, buf.length);
        continue;
      }
      // A copy (the chunk's memory goes to a worker).
      carry = end < buf.length ? chunk.slice(end, buf.length) : undefined;
      const bytes = chunk.subarray(0, end);
      const lines = countLineEnds(buf.subarray(0, end));
      yield { bytes, first: n, lines };
      n += lines;
    }
    if (carry?.length) yield { bytes: carry, first: n, lines: 1 };
  } finally {
    closeSync(fd);
  }
}

/** The offset just after the last complete line end of `buf` (0: none; a CR at the very end waits for what follows). */
function lastLineEnd(buf: Buffer): number {
  const lf = buf.lastIndexOf(10);
  const cr = buf.lastIndexOf(13);
  if (cr > lf && cr < buf.length - 1) return cr + 1;
  if (cr > lf) {
    if (cr === 0) return 0;
    // The CR ends the buffer: cut before it (at the line end before it, if any).
    const before = Math.max(buf.lastIndexOf(10, cr - 1), buf.lastIndexOf(13, cr - 1));
    return before + 1;
  }
  return lf + 1;
}

/** Line ends in `bytes`: every LF, and every CR not followed by an LF. */
function countLineEnds(bytes: Buffer): number {
  let n = 0;
  for (let i = bytes.indexOf(10); i !== -1; i = bytes.indexOf(10, i + 1)) n++;
  if (bytes.indexOf(13) !== -1) for (let i = bytes.indexOf(13); i !== -1; i = bytes.indexOf(13, i + 1)) if (bytes[i + 1] !== 10) n++;
  return n;
}
