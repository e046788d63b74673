// The JSON printer of the reports: streamed arrays and objects print exactly what JSON.stringify
// with an indent of two prints for the same values, at any depth.
import { describe, expect, it } from 'vitest';
import { prettyJson, StreamedArray, StreamedObject } from '../../cli/src/formatters/pretty-json.ts';

const print = (value: unknown) => [...prettyJson(value)].join('');
const pretty = (value: unknown) => JSON.stringify(value, null, 2);

/** The value with every array and object at any depth streamed (the plain value is the expectation). */
function streamed(value: unknown): unknown {
  if (Array.isArray(value)) return new StreamedArray(value.map(streamed));
  if (value && typeof value === 'object' && !('toJSON' in value)) return new StreamedObject(Object.entries(value).map(([k, v]) => [k, streamed(v)] as const));
  return value;
}

const VALUES: unknown[] = [
  {},
  [],
  { a: [], b: {}, c: [[]], d: [{}] },
  [1, 'two', null, true, { three: [3, { four: 'line\nend "quoted" \u2028 ’' }] }],
  { skipped: undefined, fn: () => 1, kept: 0, nested: { deeper: { list: [undefined, () => 2, 'x'] } } },
  { only: undefined },
  { date: new Date(0), 'key "quoted"\n': 'v' },
  [[[['deep']]], { a: { b: { c: [1, 2] } } }],
];

describe('prettyJson', () => {
  it.each(VALUES.map((v) => [pretty(v), v]))('prints %s as JSON.stringify does, streamed or not', (_, value) => {
    expect(print(value)).toBe(pretty(value));
    expect(print(streamed(value))).toBe(pretty(value));
  });

  it('prints a plain value inside a streamed one indented to its depth', () => {
    const value = { outer: [{ inner: { list: [1, 2], empty: [] } }] };
    const mixed = new StreamedObject([['outer', new StreamedArray([{ inner: { list: [1, 2], empty: [] } }])]]);
    expect(print(mixed)).toBe(pretty(value));
  });

  it('reads a streamed list once, item by item, as it prints', () => {
    const read: number[] = [];
    function* items() {
      for (let i = 0; i < 3; i++) {
        read.push(i);
        yield { i };
      }
    }
    const pieces = prettyJson(new StreamedArray(items()));
    pieces.next();
    expect(read).toEqual([0]);
    expect([...pieces].length).toBeGreaterThan(3);
    expect(read).toEqual([0, 1, 2]);
  });
});
