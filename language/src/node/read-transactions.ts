// Streams transaction records from a CSV file (with a header) or a JSON Lines file, with the line
// number of each record. Malformed rows are yielded as rejected records, never dropped.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { parse as parseCsvLine } from 'csv-parse/sync';
import { readRecord, type RejectedRecord, type TransactionRecord } from '../audit/record.ts';

export type RecordOrRejection = TransactionRecord | RejectedRecord;

export function isJsonLines(path: string): boolean {
  return /\.(jsonl|ndjson)$/i.test(path);
}

async function* readJsonLines(path: string): AsyncGenerator<RecordOrRejection> {
  const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
  let n = 0;
  for await (let text of lines) {
    n++;
    if (n === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    if (!text.trim()) continue;
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (e) {
      yield { line: n, reason: `not valid JSON: ${(e as Error).message}` };
      continue;
    }
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
      yield { line: n, reason: 'a JSON Lines record must be an object' };
      continue;
    }
    yield readRecord(raw as Record<string, unknown>, n);
  }
}

/**
 * CSV is read one physical line per record, so that a malformed row (an unclosed quote, a wrong
 * number of fields) is rejected with its own line number and cannot swallow the rows after it, as a
 * streaming CSV parser does with an unclosed quote. A line with quotes is parsed by csv-parse; a line
 * without any is a plain comma-separated list (RFC 4180 gives it no other reading). Fields that
 * span lines are therefore not supported: such a record is rejected, line by line, never merged.
 */
async function* readCsv(path: string): AsyncGenerator<RecordOrRejection> {
  const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
  let header: string[] | undefined;
  let n = 0;
  for await (let text of lines) {
    n++;
    if (n === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    if (!text.trim()) continue;
    let fields: string[];
    if (text.includes('"')) {
      try {
        const rows = parseCsvLine(text, { relax_column_count: true, trim: true }) as string[][];
        fields = rows[0] ?? [];
      } catch (e) {
        if (header) yield { line: n, reason: `not a CSV row: ${(e as Error).message.replace(/ at line \d+.*$/, '')}` };
        else throw new Error(`line ${n}: the header is not a CSV row`);
        continue;
      }
    } else fields = text.split(',').map((f) => f.trim());
    if (!header) {
      header = fields;
      continue;
    }
    if (fields.length !== header.length) {
      yield { line: n, reason: `expected ${header.length} fields as in the header, found ${fields.length}` };
      continue;
    }
    const raw: Record<string, string> = {};
    for (let i = 0; i < header.length; i++) raw[header[i]!] = fields[i]!;
    yield readRecord(raw, n);
  }
}

export function readTransactions(path: string): AsyncGenerator<RecordOrRejection> {
  return isJsonLines(path) ? readJsonLines(path) : readCsv(path);
}
