// A finding's message: its rule's template with each `{name}` the finding's data has replaced by the
// value in words. The template is cut at its placeholders once (check.ts); the text must be what a
// replace by the placeholder pattern gives, placeholder by placeholder.
import { describe, expect, it } from 'vitest';
import { formatValue, renderMessage } from '../../language/src/check/check.ts';

/** The meaning: every `{name}` replaced where the data has the name, in one pass over the template. */
function byReplace(template: string, data: Record<string, unknown>): string {
  return template.replace(/\{([\w.-]+)\}/g, (whole, key: string) => (Object.hasOwn(data, key) ? formatValue(data[key]) : whole));
}

const data: Record<string, unknown> = {
  instrument: 'SD-DOS-PROC-PD',
  limit: { amount: '500000', currency: 'USD' },
  delegate: 'Zhāng Wěi 张伟',
  'parent.limit': { amount: '0.3', currency: 'EUR' },
  missing: null,
  list: ['a', 'b'],
  empty: [],
  dollar: '$& $1 $$',
  braces: '{instrument}',
  count: 0,
};

const templates = [
  '',
  'no placeholder at all',
  '{instrument}',
  '{instrument} lets {delegate} award up to {limit}',
  '{instrument}{delegate}',
  'ends with {limit}',
  '{unknown} stays as written, {instrument} does not',
  '{parent.limit} and {missing} and {list} and {empty}',
  '{dollar} is printed as it is',
  'a value that looks like a placeholder: {braces}',
  '{{instrument}} {instrument',
  'instrument} {} { instrument } {in strument}',
  '{count} is zero, {toString} and {constructor} are not data',
  '{instrument}-{instrument}.{instrument}',
];

describe('renderMessage', () => {
  it('gives what the placeholder replace gives, on every template, twice (the second from its cut)', () => {
    for (const template of templates) {
      expect(renderMessage(template, data), template).toBe(byReplace(template, data));
      expect(renderMessage(template, data), template).toBe(byReplace(template, data));
    }
  });

  it('says what an absent value means where the rule says, and "none" elsewhere', () => {
    const absent = { missing: 'no limit', limit: 'no limit', toString: 'no' };
    expect(renderMessage('up to {missing}; {limit}; {empty}; {toString}', data, absent)).toBe('up to no limit; USD 500,000; none; {toString}');
    expect(renderMessage('{missing}', { missing: undefined }, absent)).toBe('no limit');
    expect(renderMessage('{missing}', data)).toBe('none');
  });

  it('gives the same on generated templates of texts and placeholders', () => {
    const pieces = ['{instrument}', '{limit}', '{unknown}', '{', '}', ' ', 'x', '{list}', '{dollar}', '{a-b.c}', 'é'];
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % pieces.length;
    for (let n = 0; n < 2000; n++) {
      let template = '';
      for (let k = n % 9; k >= 0; k--) template += pieces[next()];
      expect(renderMessage(template, data), template).toBe(byReplace(template, data));
    }
  });
});
