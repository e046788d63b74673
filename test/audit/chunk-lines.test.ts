// `TransactionLines.readChunk`: the worker threads read a chunk's CSV lines in place, without a string
// per line or per field. Whatever the lines, it must give exactly the records and rejections (and
// line numbers) that cutting the chunk with `LineSplitter` and reading each line with `read` gives.
import { describe, expect, it } from 'vitest';
import { LineSplitter, TransactionLines, type RecordOrRejection } from '../../language/src/node/read-transactions.ts';

const HEADER = 'id,date,step,actor,amount,currency,entity,account,vendor,review_ref,review_date';

/** The records of a text read line by line (the path every line took before). */
function byLines(reader: TransactionLines, text: string, first: number): RecordOrRejection[] {
  const lines: string[] = [];
  const splitter = new LineSplitter();
  splitter.push(text, lines);
  splitter.end(lines);
  const out: RecordOrRejection[] = [];
  for (let i = 0; i < lines.length; i++) {
    const r = reader.read(lines[i]!, first + i);
    if (r) out.push(r);
  }
  return out;
}

function byChunk(reader: TransactionLines, text: string, first: number): RecordOrRejection[] {
  const out: RecordOrRejection[] = [];
  reader.readChunk(text, first, (r) => out.push(r));
  return out;
}

/** Both readers over the same text (each with its own reader, made alike; `null`: no header yet), records compared field by field. */
function expectSame(text: string, first = 2, header: string[] | null = HEADER.split(',')) {
  const expected = byLines(new TransactionLines('csv', header ? [...header] : undefined), text, first);
  const actual = byChunk(new TransactionLines('csv', header ? [...header] : undefined), text, first);
  expect(actual).toEqual(expected);
  return actual;
}

const LINES = [
  'T-1,2024-01-02,approve,ann,100,USD,E1,E1/USD/Ops,vendor-1,,',
  'T-2,2024-01-03,certify,bob,,,,,,,',
  ' T-3 , 2024-01-04 ,approve,\tcid\t,00100.50, USD ,E1,,vendor-2,R-1,2024-01-05',
  'T-3b,2024-01-04,approve,cid,1, usd ,E1,,,,',
  '\u00a0T-4,2024-01-04,approve,dan,7,EUR,E2,,,,\u00a0',
  'T-5,2024-01-04,approve,eve,7,EUR,E2,"E2/EUR, main",,,',
  'T-6,"2024-01-04",approve,"fay ",7,EUR,E2,,,,',
  'T-7,2024-01-04,approve,"unclosed,7,EUR,E2,,,,',
  'T-8,2024-01-04,approve',
  'T-9,2024-01-04,approve,gus,7,EUR,E2,,,,,extra',
  ',2024-01-04,approve,hal,7,EUR,E2,,,,',
  'T-10,2024-02-30,approve,ivy,7,EUR,E2,,,,',
  'T-11,2024-01-04,approve,jo,7,,E2,,,,',
  'T-12,2024-01-04,approve,kim,seven,EUR,E2,,,,',
  'T-13,2024-01-04,approve,lee,7,XXY,E2,,,,',
  'T-14,2024-01-04,approve,max,7,EUR,E2,,,R-2,tomorrow',
  ',,,,,,,,,,',
  '',
  '   ',
  '\t',
  'T-15,2024-01-04,approve,ned,7,EUR,E2,,,, ',
  'T-16 ,2024-01-04,approve,oli,7,EUR,E2,,,,',
  'T-17,2024-01-04,approve,pat,7,EUR,E2,,,,\u00a0\u00a0',
  '\ufeffT-18,2024-01-04,approve,quin,7,EUR,E2,,,,',
];

describe('reading a chunk in place', () => {
  it('reads the plain, padded, quoted, blank, short, long and invalid lines as line by line', () => {
    const text = LINES.join('\n') + '\n';
    const records = expectSame(text);
    // The comparison is not vacuous: trimming, rejections and line numbers are all there.
    expect(records[2]).toMatchObject({ line: 4, id: 'T-3', date: '2024-01-04', actor: 'cid', amount: { amount: '100.5', currency: 'USD' }, vendor: 'vendor-2', reviewRef: 'R-1' });
    expect(records.find((r) => r.line === 10)).toEqual({ line: 10, reason: 'expected 11 fields as in the header, found 3' });
    expect(records.find((r) => r.line === 11)).toEqual({ line: 11, reason: 'expected 11 fields as in the header, found 12' });
    expect(records.some((r) => r.line === 19 || r.line === 20 || r.line === 21)).toBe(false);
  });

  it('numbers the lines from the chunk first line, with or without a final line end', () => {
    const text = LINES.slice(0, 3).join('\n');
    expect(expectSame(text, 1000).map((r) => r.line)).toEqual([1000, 1001, 1002]);
    expect(expectSame(text + '\n', 7).map((r) => r.line)).toEqual([7, 8, 9]);
    expect(expectSame('', 5)).toEqual([]);
    expect(expectSame('\n\n', 5)).toEqual([]);
  });

  it('reads CRLF, lone CR and mixed line ends as line by line', () => {
    expectSame(LINES.join('\r\n') + '\r\n');
    expectSame(LINES.join('\r') + '\r');
    expectSame(LINES.map((l, i) => l + (i % 3 === 0 ? '\r\n' : i % 3 === 1 ? '\n' : '\r')).join(''));
  });

  it('reads the header from the chunk when it has none yet (a BOM, blank lines before it)', () => {
    const records = expectSame(['', '\ufeff' + HEADER, ...LINES].join('\n'), 1, null);
    expect(records[0]).toMatchObject({ line: 3, id: 'T-1' });
    expectSame(['  ', HEADER, ...LINES].join('\n'), 1, null);
  });

  it('reads a header with other names, repeated names and extra columns as line by line', () => {
    const header = 'transaction_id,id,date,step,actor,amount,currency,note,review_ref,committee_review_date,date'.split(',');
    const lines = [
      'T-1,,2024-01-01,approve,ann,1,USD,n,,,2024-01-02',
      ',T-2,2024-01-01,approve,ann,1,USD,n,,, 2024-01-03 ',
      ' , ,2024-01-01,approve,ann,1,USD,n,R,2024-01-09,',
      'T-4,T-5,bad,approve,ann,1,USD,n,R,2024-01-09,2024-01-04',
    ];
    const records = expectSame(lines.join('\n'), 2, header);
    expect(records[0]).toMatchObject({ id: 'T-1', date: '2024-01-02' });
    expect(records[1]).toMatchObject({ id: 'T-2', date: '2024-01-03' });
  });

  it('agrees on many generated lines cut into chunks anywhere between lines', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
    const parts = ['T-1', ' T-2', 'T-3 ', '', ' ', '2024-01-02', '2023-13-01', 'approve', 'ann', '12', '0012.50', 'x', 'USD', 'eur', '"q"', '"a,b"', '"', '\t', '\u00a0', '\ufeff'];
    const ends = ['\n', '\n', '\n', '\r\n', '\r'];
    for (let round = 0; round < 40; round++) {
      const lines: string[] = [];
      for (let i = 0; i < 60; i++) {
        const width = random() < 0.8 ? 11 : Math.floor(random() * 14);
        lines.push(Array.from({ length: width }, () => pick(parts)).join(','));
      }
      const lineEnd = round % 2 ? () => '\n' : () => pick(ends);
      const text = lines.map((l) => l + lineEnd()).join('');
      // Each reader keeps its state from chunk to chunk, as a worker's does.
      const slow = new TransactionLines('csv', HEADER.split(','));
      const fast = new TransactionLines('csv', HEADER.split(','));
      const expected = byLines(slow, text, 2);
      const actual: RecordOrRejection[] = [];
      // Cut after a line end, and number each piece by the lines before it (as `readByteChunks` does).
      let at = 0;
      let first = 2;
      while (at < text.length) {
        let end = Math.min(text.length, at + 1 + Math.floor(random() * 400));
        while (end < text.length && text[end - 1] !== '\n') end++;
        const piece = text.slice(at, end);
        const counted: string[] = [];
        const splitter = new LineSplitter();
        splitter.push(piece, counted);
        splitter.end(counted);
        actual.push(...byChunk(fast, piece, first));
        first += counted.length;
        at = end;
      }
      expect(actual).toEqual(expected);
    }
  });

  it('leaves JSON Lines to the line reader', () => {
    const text = '{"id":"T-1","date":"2024-01-02","step":"a","actor":"b"}\n\nnot json\n';
    const expected = byLines(new TransactionLines('jsonl'), text, 1);
    expect(byChunk(new TransactionLines('jsonl'), text, 1)).toEqual(expected);
    expect(expected).toHaveLength(2);
  });
});
