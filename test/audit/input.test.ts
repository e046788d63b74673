// Malformed input: every record is either checked or rejected with its line number and reason, and
// nothing is lost — read = checked + rejected, always, and every line of the file is accounted for
// (the header, blank lines, checked records, rejected records).
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readTransactions, type RecordOrRejection } from '../../language/src/node/read-transactions.ts';
import { isRejected, type TransactionRecord } from '../../language/src/audit/record.ts';
import { audit, csv, HEADER, transactionsFile } from './helpers.ts';
import { seededRandom as random } from '../seeded-random.ts';

/** Reads a file as `doa audit` streams it: `line: record` or `line: rejected: reason`. */
async function read(text: string, name = 't.csv'): Promise<RecordOrRejection[]> {
  const out: RecordOrRejection[] = [];
  for await (const r of readTransactions(transactionsFile(text, name))) out.push(r);
  return out;
}

function lines(items: RecordOrRejection[]): string[] {
  return items.map((r) => (isRejected(r) ? `${r.line} rejected: ${r.reason}` : `${r.line} ${r.id} ${r.step} ${r.actor}`));
}

const OK = 'T-1,2025-05-10,award,po,100,USD,MSN,,,,';

describe('CSV input', () => {
  it('reads a record per line, with its line number and typed fields', async () => {
    const [r] = (await read(csv('T-1,2025-05-10,award,po,"1,250.50",USD,MSN,MSN/USD/Operating,savanna-supplies,LCC/1,2025-05-01'))) as TransactionRecord[];
    expect(r).toEqual({
      line: 2,
      id: 'T-1',
      date: '2025-05-10',
      step: 'award',
      actor: 'po',
      amount: { amount: '1250.5', currency: 'USD' },
      entity: 'MSN',
      account: 'MSN/USD/Operating',
      vendor: 'savanna-supplies',
      reviewRef: 'LCC/1',
      reviewDate: '2025-05-01',
    });
  });

  it('rejects a row with the wrong number of fields, and reads the rows around it', async () => {
    const items = await read(csv(OK, 'T-2,2025-05-10,award,po,100,USD,MSN', 'T-3,2025-05-10,award,po,100,USD,MSN,,,,,,', OK.replace('T-1', 'T-4')));
    expect(lines(items)).toEqual(['2 T-1 award po', '3 rejected: expected 11 fields as in the header, found 7', '4 rejected: expected 11 fields as in the header, found 13', '5 T-4 award po']);
  });

  it('rejects a row with an unclosed quote on its own line: it never swallows the rows after it', async () => {
    const items = await read(csv(OK, 'T-2,2025-06-18,award,"osman,1000,USD,MSN,,,,', 'T-3,2025-05-10,award,po,100,USD,MSN,,,,', 'T-4,2025-05-10,award,"po",100,USD,MSN,,,,'));
    expect(lines(items)).toEqual([
      '2 T-1 award po',
      '3 rejected: not a CSV row: Quote Not Closed: the parsing is finished with an opening quote',
      '4 T-3 award po',
      '5 T-4 award po',
    ]);
  });

  it('rejects, line by line, a quoted field that spans lines: one physical line per record', async () => {
    const items = await read(csv(OK, 'T-2,2025-05-10,award,po,100,USD,MSN,,"savanna', 'supplies",,', OK.replace('T-1', 'T-3')));
    expect(lines(items)).toEqual([
      '2 T-1 award po',
      '3 rejected: not a CSV row: Quote Not Closed: the parsing is finished with an opening quote',
      '4 rejected: not a CSV row: Invalid Opening Quote: a quote is found on field 0',
      '5 T-3 award po',
    ]);
  });

  it('rejects a stray quote inside a field', async () => {
    const items = await read(csv('T-1,2025-05-10,award,o"sman,100,USD,MSN,,,,'));
    expect(lines(items)).toEqual(['2 rejected: not a CSV row: Invalid Opening Quote: a quote is found on field 3']);
  });

  it('rejects dates that are not calendar dates in YYYY-MM-DD', async () => {
    const bad = ['2025-02-30', '2025-13-01', '25-06-01', '2025/06/01', '10 May 2025', '2025-5-1'];
    const items = await read(csv(...bad.map((d, i) => `T-${i},${d},award,po,100,USD,MSN,,,,`), 'T-9,2025-05-10,award,po,100,USD,MSN,,,LCC/1,2025-05-32'));
    expect(lines(items)).toEqual([
      ...bad.map((d, i) => `${i + 2} rejected: '${d}' is not a date (YYYY-MM-DD)`),
      "8 rejected: review date '2025-05-32' is not a date (YYYY-MM-DD)",
    ]);
  });

  it('rejects amounts that are not exact decimals, or without a valid currency', async () => {
    const bad = ['abc', '1,00', '-5', '1e5', '12.5.3', '100 USD', '1.000,50'];
    const items = await read(
      csv(...bad.map((a, i) => `T-${i},2025-05-10,award,po,"${a}",USD,MSN,,,,`), 'T-8,2025-05-10,award,po,100,,MSN,,,,', 'T-9,2025-05-10,award,po,100,USS,MSN,,,,', 'T-10,2025-05-10,award,po,100,usd,MSN,,,,'),
    );
    expect(lines(items)).toEqual([
      ...bad.map((a, i) => `${i + 2} rejected: '${a}' is not an amount`),
      '9 rejected: an amount needs a currency',
      "10 rejected: 'USS' is not an ISO 4217 currency code",
      "11 rejected: 'usd' is not an ISO 4217 currency code",
    ]);
  });

  it('rejects a record without id, date, step or actor, naming every missing field', async () => {
    const items = await read(csv(',2025-05-10,award,po,,,,,,,', 'T-2,,award,po,,,,,,,', 'T-3,2025-05-10,,,,,,,,,', ' , , , ,100,USD,,,,,', ',,,,,,,,,,'));
    expect(lines(items)).toEqual([
      '2 rejected: missing id',
      '3 rejected: missing date',
      '4 rejected: missing step, actor',
      '5 rejected: missing id, date, step, actor',
      '6 rejected: missing id, date, step, actor',
    ]);
  });

  it('reads a file with a byte-order mark, CRLF line ends and blank lines, counting physical lines', async () => {
    const text = `\uFEFF${HEADER}\r\n\r\n${OK}\r\n   \r\nT-2,2025-05-10,award,po,100,USD,MSN,,,,\r\n\r\n`;
    const items = (await read(text)) as TransactionRecord[];
    expect(lines(items)).toEqual(['3 T-1 award po', '5 T-2 award po']);
    // No carriage return left in any value.
    expect(items.map((r) => r.reviewDate)).toEqual([null, null]);
    expect(JSON.stringify(items)).not.toContain('\\r');
  });

  it('reads old Mac line ends (CR alone) as line ends, as editors do', async () => {
    const items = await read(`${HEADER}\r${OK}\rT-2,2025-05-10,award,po,100,USD,MSN,,,,\r`);
    expect(lines(items)).toEqual(['2 T-1 award po', '3 T-2 award po']);
  });

  it('accepts the other names of the columns, in any order, and ignores unknown columns', async () => {
    const text = [
      '"transaction_id","actor","step","date","committee_review","committee_review_date","amount","currency","note"',
      'T-1,dms,award,2025-05-10,LCC/1,2025-05-01,700000,USD,first',
      'T-2,dms,award,2025-05-10,,,,,second',
    ].join('\n');
    expect(lines(await read(text))).toEqual(['2 T-1 award dms', '3 T-2 award dms']);
    const alt = 'transaction,date,step,actor,review_ref,review_date\nT-3,2025-05-10,award,dms,LCC/2,2025-05-02\n';
    expect(((await read(alt))[0] as TransactionRecord).reviewRef).toBe('LCC/2');
  });

  it('treats the first non-blank line as the header: without one, every row is rejected, none lost', async () => {
    const r = await audit(`\n${OK}\nT-2,2025-05-10,award,po,100,USD,MSN,,,,\nT-3,2025-05-10,award,po,100,USD,MSN,,,,\n`);
    expect(r.brief).toEqual(['audit-malformed-record@3: Record rejected: missing id, date, step, actor', 'audit-malformed-record@4: Record rejected: missing id, date, step, actor']);
    expect(r.summary).toMatchObject({ read: 2, checked: 0, rejected: 2 });
  });

  it('reads nothing from an empty file or a header alone', async () => {
    expect((await audit('')).summary).toMatchObject({ read: 0, checked: 0, rejected: 0 });
    expect((await audit(`${HEADER}\n`)).summary).toMatchObject({ read: 0, checked: 0, rejected: 0 });
  });

  it('stops with an error, rather than guess, when the header itself is not a CSV row', async () => {
    // Located in the file as the user named it: the CLI reports it as a usage error (test/cli/audit.test.ts).
    await expect(audit('id,"date,step,actor\nT-1,2025-05-10,award,po\n')).rejects.toThrow(/t\.csv:1: the header is not a CSV row \(.+\)$/);
  });

  it('rejects a record with bytes that are not UTF-8, rather than audit a name with U+FFFD in it', async () => {
    const path = transactionsFile('');
    writeFileSync(path, Buffer.concat([Buffer.from(`${HEADER}\n${OK}\nT-2,2025-05-10,award,os`), Buffer.from([0xe9]), Buffer.from('man,100,USD,MSN,,,,\nT-3,2025-05-10,award,po,100,USD,MSN,,,,\n')]));
    const items: RecordOrRejection[] = [];
    for await (const r of readTransactions(path)) items.push(r);
    expect(lines(items)).toEqual([
      '2 T-1 award po',
      '3 rejected: the line is not UTF-8 text (it has bytes that UTF-8 does not allow, or U+FFFD): save the file as UTF-8',
      '4 T-3 award po',
    ]);
    const jsonl = transactionsFile('', 't.jsonl');
    writeFileSync(jsonl, Buffer.concat([Buffer.from('{"id":"T-1","date":"2025-05-10","step":"award","actor":"os'), Buffer.from([0xe9]), Buffer.from('man"}\n')]));
    const fromJson: RecordOrRejection[] = [];
    for await (const r of readTransactions(jsonl)) fromJson.push(r);
    expect(lines(fromJson)).toEqual(['1 rejected: the line is not UTF-8 text (it has bytes that UTF-8 does not allow, or U+FFFD): save the file as UTF-8']);
  });

  it('stops with an error when the header names a column it reads twice: one of the two would be lost', async () => {
    await expect(audit('\nid,date,step,actor,amount,currency,amount\nT-1,2025-05-02,award,osman,999999,USD,1\n')).rejects.toThrow(
      /t\.csv:2: the header names the column 'amount' twice \(columns 5 and 7\): one of them would be ignored$/,
    );
    // Two names of one field are two columns for it too: which one holds the transaction cannot be told.
    await expect(audit('id,date,step,actor,transaction\nT-1,2025-05-02,award,osman,X-1\n')).rejects.toThrow(
      /t\.csv:1: the header has two columns for one field, 'id' and 'transaction' \(columns 1 and 5\): one of them would be ignored$/,
    );
    // A column the audit does not read may appear twice.
    expect((await audit('id,date,step,actor,note,note\nT-1,2025-05-02,requisition,fa,a,b\n')).summary).toMatchObject({ read: 1, rejected: 0 });
  });
});

describe('names in the records', () => {
  // A name means its NFC form, in the policy and in the records: ç as one character or as c and a
  // combining cedilla is one name (docs/language.md).
  const nfc = 'fran\u00e7ois';
  const nfd = 'franc\u0327ois';
  const extra = { 'p.doa': `person ${nfc} "François Ngom" { holds MSN-PO from 2024-01-01; conflict-of-interest "Cousin" vendor savanna-supplies }\n` };

  it('means their Unicode NFC form, as in the policy, in CSV and in JSON Lines', async () => {
    const rows = [nfc, nfd].map((actor, i) => `T-${i + 1},2025-05-10,award,${actor},1000,USD,MSN,,savanna-supplies,,`);
    const fromCsv = await audit(csv(...rows), { extra });
    expect(fromCsv.brief.map((b) => b.split(':')[0])).toEqual(['audit-conflict-of-interest@2', 'audit-conflict-of-interest@3']);
    expect(new Set(fromCsv.findings.map((f) => f.message.replace(/T-\d/, ''))).size).toBe(1);
    const lines = [nfc, nfd].map((actor, i) => JSON.stringify({ id: `T-${i + 1}`, date: '2025-05-10', step: 'award', actor, amount: 1000, currency: 'USD', entity: 'MSN', vendor: 'savanna-supplies' }));
    const fromJson = await audit(lines.join('\n') + '\n', { extra, name: 't.jsonl' });
    expect(fromJson.findings.map((f) => [f.range.start.line + 2, f.message])).toEqual(fromCsv.findings.map((f) => [f.range.start.line + 1, f.message]));
  });

  it('are compared in their NFC form across steps: one actor certifying and approving in two spellings', async () => {
    const r = await audit(csv(`T-1,2025-05-10,certify,${nfc},100,USD,MSN,A-1,,,`, `T-1,2025-05-11,approve,${nfd},100,USD,MSN,A-1,,,`), { extra });
    expect(r.findings.filter((f) => f.ruleId === 'audit-segregation-of-duties')).toHaveLength(1);
  });
});

describe('JSON Lines keys', () => {
  it('rejects a record with two keys of one field, and reads one whose other key is blank', async () => {
    const lines = [
      { id: 'T-1', transaction: 'X-1', date: '2025-05-02', step: 'requisition', actor: 'fa' },
      { id: '', transaction: 'X-2', date: '2025-05-02', step: 'requisition', actor: 'fa' },
    ].map((o) => JSON.stringify(o));
    const r = await audit(lines.join('\n') + '\n', { name: 't.jsonl' });
    expect(r.brief).toEqual(["audit-malformed-record@1: Record rejected: 'id' and 'transaction' are two keys for one field: keep one"]);
    expect(r.summary).toMatchObject({ read: 2, checked: 1, rejected: 1 });
  });
});

describe('JSON Lines input', () => {
  it('reads one object per line, with camelCase or snake_case keys and numbers as amounts', async () => {
    const text = [
      '{"id":"T-1","date":"2025-05-10","step":"award","actor":"dms","amount":700000,"currency":"USD","entity":"MSN","reviewRef":"LCC/1","reviewDate":"2025-05-01"}',
      '{"transaction_id":"T-2","date":"2025-05-10","step":"award","actor":"dms","amount":"700,000.50","currency":"USD","review_ref":"LCC/2","review_date":"2025-05-02"}',
      '{"transaction":"T-3","date":"2025-05-10","step":"award","actor":"dms","committee_review":"LCC/3","committee_review_date":"2025-05-03","extra":{"nested":true}}',
    ].join('\n');
    const items = (await read(text, 't.jsonl')) as TransactionRecord[];
    expect(items.map((r) => [r.line, r.id, r.amount, r.reviewRef, r.reviewDate])).toEqual([
      [1, 'T-1', { amount: '700000', currency: 'USD' }, 'LCC/1', '2025-05-01'],
      [2, 'T-2', { amount: '700000.5', currency: 'USD' }, 'LCC/2', '2025-05-02'],
      [3, 'T-3', null, 'LCC/3', '2025-05-03'],
    ]);
  });

  it('rejects bad JSON, values that are not objects, and camelCase names the format does not know', async () => {
    const text = [
      '{"id":"T-1","date":"2025-05-10","step":"award",',
      '["T-2","2025-05-10","award","po"]',
      '42',
      '"T-4"',
      'null',
      '',
      '{"transactionId":"T-7","date":"2025-05-10","step":"award","actor":"po"}',
      '{"id":"T-8","date":"2025-05-10","step":"award","actor":"po","amount":-5,"currency":"USD"}',
      '{"id":"T-9","date":"2025-05-10","step":"award","actor":"po","amount":1e21,"currency":"USD"}',
      '{"id":"T-10","date":"2025-05-10","step":"award","actor":"po"}',
    ].join('\n');
    const got = lines(await read(text, 't.jsonl'));
    expect(got[0]).toMatch(/^1 rejected: not valid JSON: /);
    expect(got.slice(1)).toEqual([
      '2 rejected: a JSON Lines record must be an object',
      '3 rejected: a JSON Lines record must be an object',
      '4 rejected: a JSON Lines record must be an object',
      '5 rejected: a JSON Lines record must be an object',
      '7 rejected: missing id',
      "8 rejected: '-5' is not an amount",
      // A number in exponent form is the number it stands for, written out.
      '9 T-9 award po',
      '10 T-10 award po',
    ]);
  });

  it('reads numbers exactly as written, never through a binary float', async () => {
    const record = (n: number, amount: string) => `{"id":"T-${n}","date":"2025-05-10","step":"award","actor":"po","amount":${amount},"currency":"USD"}`;
    const text = [
      record(1, '150000.0000000000001'),
      record(2, '12345678901234567890'),
      record(3, '1e5'),
      record(4, '2.5E-3'),
      record(5, '1e-7'),
      record(6, '1e999'),
      // A number inside a text is the text's.
      '{"id":"T-7 1.10","date":"2025-05-10","step":"award","actor":"po \\"7\\" 0.10","amount":"0.10","currency":"USD"}',
      '{"id":123.450,"date":"2025-05-10","step":"award","actor":"po"}',
    ].join('\n');
    const items = await read(text, 't.jsonl');
    expect(items.map((r) => ('reason' in r ? `${r.line} rejected: ${r.reason}` : `${r.line} ${r.id} ${r.actor} ${r.amount?.amount}`))).toEqual([
      '1 T-1 po 150000.0000000000001',
      '2 T-2 po 12345678901234567890',
      '3 T-3 po 100000',
      '4 T-4 po 0.0025',
      '5 T-5 po 0.0000001',
      // Too large an exponent for any amount: kept as written, and refused.
      "6 rejected: '1e999' is not an amount",
      '7 T-7 1.10 po "7" 0.10 0.1',
      '8 123.450 po undefined',
    ]);
  });

  it('rejects a record whose field holds an object, a list or true: it has no text to audit', async () => {
    const text = [
      '{"id":{"a":1},"date":"2025-05-10","step":"certify","actor":"dms"}',
      '{"id":{"b":2},"date":"2025-05-10","step":"approve","actor":"dms"}',
      '{"id":"T-3","date":"2025-05-10","step":"award","actor":["dms"]}',
      '{"id":"T-4","date":"2025-05-10","step":"award","actor":"po","amount":true,"currency":"USD"}',
      '{"id":"T-5","date":"2025-05-10","step":"award","actor":"po","vendor":null}',
    ].join('\n');
    expect(lines(await read(text, 't.jsonl'))).toEqual([
      "1 rejected: 'id' must be a text or a number, not an object",
      "2 rejected: 'id' must be a text or a number, not an object",
      "3 rejected: 'actor' must be a text or a number, not a list",
      "4 rejected: 'amount' must be a text or a number, not true",
      '5 T-5 award po',
    ]);
  });

  it('reads a file with a byte-order mark and CRLF line ends', async () => {
    const text = '\uFEFF{"id":"T-1","date":"2025-05-10","step":"award","actor":"po"}\r\n\r\n{"id":"T-2","date":"2025-05-10","step":"award","actor":"po"}\r\n';
    expect(lines(await read(text, 't.jsonl'))).toEqual(['1 T-1 award po', '3 T-2 award po']);
  });

  it('takes .jsonl and .ndjson files as JSON Lines, anything else as CSV', async () => {
    const obj = '{"id":"T-1","date":"2025-05-10","step":"award","actor":"po"}\n';
    expect(lines(await read(obj, 't.ndjson'))).toEqual(['1 T-1 award po']);
    expect(lines(await read(obj, 't.JSONL'))).toEqual(['1 T-1 award po']);
    // A .json file is read as CSV: its first line is no CSV header.
    await expect(read(obj, 't.json')).rejects.toThrow('line 1: the header is not a CSV row');
  });
});


const ACTORS = ['po', 'dms', 'cpo', 'hom', 'fa', 'recv', 'usg', 'jdoe'];
const STEPS = ['award', 'amend', 'certify', 'approve', 'pay', 'receive', 'requisition', 'approve-personnel-action', 'admin-leave-decision', 'write-off'];

function goodRow(rnd: () => number, n: number): string[] {
  const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const day = String(1 + Math.floor(rnd() * 28)).padStart(2, '0');
  const month = String(1 + Math.floor(rnd() * 12)).padStart(2, '0');
  return [`T-${Math.floor(n / 3)}`, `2025-${month}-${day}`, pick(STEPS), pick(ACTORS), String(Math.floor(rnd() * 900000)), pick(['USD', 'EUR']), 'MSN', 'MSN/USD/Operating', pick(['', 'savanna-supplies', 'acacia-catering']), '', ''];
}

/** One corruption of a CSV row, or a row or a line of another kind. */
const CORRUPT: Array<(f: string[], rnd: () => number) => string> = [
  (f) => f.slice(0, 7).join(','), // too few fields
  (f) => [...f, 'extra'].join(','), // too many
  (f) => f.join(',').replace(f[3]!, `"${f[3]}`), // unclosed quote
  (f) => f.join(',').replace(f[3]!, `${f[3]}"x`), // stray quote
  (f) => [f[0], '2025-02-30', ...f.slice(2)].join(','), // impossible date
  (f) => [f[0], '31/12/2025', ...f.slice(2)].join(','), // other date format
  (f) => [...f.slice(0, 4), '12,5', ...f.slice(5)].join(','), // bad amount, and so a wrong field count
  (f) => [...f.slice(0, 4), '"12,5"', ...f.slice(5)].join(','), // bad amount, quoted
  (f) => [...f.slice(0, 4), '-100', ...f.slice(5)].join(','), // negative amount
  (f) => [...f.slice(0, 5), 'XXX', ...f.slice(6)].join(','), // unknown currency
  (f) => [...f.slice(0, 5), '', ...f.slice(6)].join(','), // amount without currency
  (f) => ['', ...f.slice(1)].join(','), // missing id
  (f) => [...f.slice(0, 3), '', ...f.slice(4)].join(','), // missing actor
  (f) => [...f.slice(0, 9), 'LCC/9', '2025-06-31'].join(','), // bad review date
  (f, rnd) => f.join(',').slice(0, Math.floor(rnd() * f.join(',').length)), // cut short
  () => '\u0000\u0001,binary', // noise
];

describe('nothing is lost: read = checked + rejected, every line accounted for', () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8])('over a random malformed CSV file (seed %i)', async (seed) => {
    const rnd = random(seed);
    const rows: string[] = [];
    for (let n = 0; n < 150; n++) {
      const r = rnd();
      if (r < 0.08) rows.push(rnd() < 0.5 ? '' : '   ');
      else if (r < 0.45) rows.push(CORRUPT[Math.floor(rnd() * CORRUPT.length)]!(goodRow(rnd, n), rnd));
      else rows.push(goodRow(rnd, n).join(','));
    }
    const eol = rnd() < 0.5 ? '\n' : '\r\n';
    const text = (rnd() < 0.3 ? '\uFEFF' : '') + [HEADER, ...rows].join(eol) + (rnd() < 0.5 ? eol : '');
    const path = transactionsFile(text);

    // Every physical line is the header, blank, a record or a rejection — exactly once.
    const physical = readFileSync(path, 'utf8').split(/\r\n|\n/);
    if (physical.at(-1) === '') physical.pop();
    const blank = physical.flatMap((l, i) => (l.trim() === '' ? [i + 1] : []));
    const items: RecordOrRejection[] = [];
    for await (const r of readTransactions(path)) items.push(r);
    const seen = items.map((r) => r.line);
    expect(new Set(seen).size).toBe(seen.length);
    expect([1, ...blank, ...seen].sort((a, b) => a - b)).toEqual(physical.map((_, i) => i + 1));

    // The audit counts them all: read = checked + rejected, one malformed-record finding per rejection.
    const r = await audit(text);
    const rejected = items.filter(isRejected);
    expect(r.summary.read).toBe(items.length);
    expect(r.summary.read).toBe(r.summary.checked + r.summary.rejected);
    expect(r.summary.rejected).toBe(rejected.length);
    expect(r.summary.rejected).toBeGreaterThan(0);
    expect(r.summary.checked).toBeGreaterThan(0);
    const malformed = r.findings.filter((f) => f.ruleId === 'audit-malformed-record').map((f) => f.range.start.line + 1);
    expect(malformed).toEqual(rejected.map((x) => x.line));
    // Every rejection says why, at its line.
    for (const x of rejected) expect(x.reason).toMatch(/\S/);
  });

  it.each([11, 12, 13, 14])('over a random malformed JSON Lines file (seed %i)', async (seed) => {
    const rnd = random(seed);
    const keys = ['id', 'date', 'step', 'actor', 'amount', 'currency', 'entity', 'account', 'vendor', 'reviewRef', 'reviewDate'];
    const rows: string[] = [];
    for (let n = 0; n < 120; n++) {
      const f = goodRow(rnd, n);
      const obj = Object.fromEntries(keys.map((k, i) => [k, f[i]]));
      const r = rnd();
      if (r < 0.08) rows.push('');
      else if (r < 0.16) rows.push(JSON.stringify(obj).slice(0, Math.floor(rnd() * 40)));
      else if (r < 0.22) rows.push(JSON.stringify(f));
      else if (r < 0.28) rows.push(JSON.stringify({ ...obj, date: '2025-04-31' }));
      else if (r < 0.34) rows.push(JSON.stringify({ ...obj, actor: '' }));
      else if (r < 0.4) rows.push(JSON.stringify({ ...obj, amount: 'twelve' }));
      else rows.push(JSON.stringify(obj));
    }
    const text = rows.join('\n') + '\n';
    const items: RecordOrRejection[] = [];
    for await (const x of readTransactions(transactionsFile(text, 't.jsonl'))) items.push(x);
    const blank = rows.flatMap((l, i) => (l.trim() === '' ? [i + 1] : []));
    expect([...blank, ...items.map((x) => x.line)].sort((a, b) => a - b)).toEqual(rows.map((_, i) => i + 1));
    const r = await audit(text, { name: 't.jsonl' });
    expect(r.summary.read).toBe(r.summary.checked + r.summary.rejected);
    expect(r.summary.read).toBe(items.length);
    expect(r.summary.rejected).toBe(items.filter(isRejected).length);
  });

  it('counts records rejected by --as-of among the rejected, never drops them', async () => {
    const r = await audit(csv(OK, 'T-2,2025-07-01,award,po,100,USD,MSN,,,,', 'T-3,2025-06-30,award,po,100,USD,MSN,,,,', 'T-4,2025-02-30,award,po,100,USD,MSN,,,,'), { asOf: '2025-06-30' });
    expect(r.brief).toEqual(['audit-malformed-record@3: Record rejected: dated 2025-07-01, after the as-of date 2025-06-30', "audit-malformed-record@5: Record rejected: '2025-02-30' is not a date (YYYY-MM-DD)"]);
    expect(r.summary).toMatchObject({ read: 4, checked: 2, rejected: 2 });
  });
});
