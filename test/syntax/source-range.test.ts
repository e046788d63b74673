// The compact range: positions worked out from offsets and the file's line starts must be the ones
// LSP counts (lines end at '\n' only, characters in UTF-16 code units), in whatever order they are
// read, and it must serialise exactly as the plain range it stands for.
import { describe, expect, it } from 'vitest';
import { lex } from '../../language/src/syntax/lexer.ts';
import { parse } from '../../language/src/syntax/parser.ts';
import { SourceRange, plainItems, plainRange, spanRange, startOffsetOf, withPlainLocation, withPlainRange } from '../../language/src/syntax/source-range.ts';
import { pos, rng } from './helpers.ts';

const TEXTS = [
  '',
  'entity A',
  'entity A\n',
  '\n\n\n',
  'entity A {\r\n  parent B\r\n}\r\n',
  'person p "李娜 𠀋 Jean-François" {\n  holds P\n}\n// done',
  '/* a block\ncomment over\nthree lines */ entity X',
];

describe('SourceRange', () => {
  it('gives the LSP position of every offset, read in order and out of order', () => {
    const random = rng(42);
    for (const text of TEXTS) {
      const lines = lex(text).lineIndex;
      const offsets = Array.from({ length: text.length + 1 }, (_, i) => i);
      const shuffled = [...offsets].sort(() => random() - 0.5);
      for (const order of [offsets, shuffled, [...offsets].reverse()]) {
        for (const offset of order) expect(lines.position(offset), `${JSON.stringify(text)} at ${offset}`).toEqual(pos(text, offset));
      }
    }
  });

  it('clamps offsets past the end of the text to its end', () => {
    const text = 'entity A\nentity B';
    expect(lex(text).lineIndex.position(text.length + 5)).toEqual(pos(text, text.length));
  });

  it('serialises as the plain range, with the same keys in the same order', () => {
    const text = 'entity A "Ä"\n  parent B';
    const range = new SourceRange(lex(text).lineIndex, 9, 21);
    const plain = { start: pos(text, 9), end: pos(text, 21) };
    expect(JSON.stringify(range)).toBe(JSON.stringify(plain));
    expect(JSON.stringify(plainRange(range))).toBe(JSON.stringify(plain));
    expect(plainRange(range)).not.toBeInstanceOf(SourceRange);
    expect(Object.getPrototypeOf(plainRange(range).start)).toBe(Object.prototype);
  });

  it('spans compact ranges of one file compactly, and anything else as a plain range', () => {
    const text = 'entity A\nentity B';
    const lines = lex(text).lineIndex;
    const a = new SourceRange(lines, 0, 6);
    const b = new SourceRange(lines, 9, 17);
    const span = spanRange(a, b);
    expect(span).toBeInstanceOf(SourceRange);
    expect(JSON.stringify(span)).toBe(JSON.stringify({ start: pos(text, 0), end: pos(text, 17) }));
    const other = new SourceRange(lex(text).lineIndex, 9, 17);
    const mixed = spanRange(a, other);
    expect(mixed).not.toBeInstanceOf(SourceRange);
    expect(mixed).toEqual({ start: pos(text, 0), end: pos(text, 17) });
    expect(spanRange(plainRange(a), b)).toEqual({ start: pos(text, 0), end: pos(text, 17) });
  });

  it('gives the start offset of compact and plain ranges alike', () => {
    const lines = lex('entity A\nentity B').lineIndex;
    const range = new SourceRange(lines, 9, 15);
    expect(startOffsetOf(range)).toBe(9);
    expect(startOffsetOf(plainRange(range))).toBe(9);
  });

  it('copies each compact range once, and leaves plain data as it is', () => {
    const range = new SourceRange(lex('entity A').lineIndex, 7, 8);
    expect(plainRange(range)).toBe(plainRange(range));
    const plain = plainRange(range);
    expect(plainRange(plain)).toBe(plain);
    const link = { name: 'D1', location: { uri: 'memory:///a.doa', range } };
    expect(withPlainLocation(link)).toBe(withPlainLocation(link));
    expect(withPlainLocation(link).location!.range).toBe(plain);
    const items = [{ uri: 'memory:///a.doa', range: plain }];
    expect(plainItems(items, withPlainRange)).toBe(items);
    expect(plainItems([link], withPlainLocation)).toEqual([{ name: 'D1', location: { uri: 'memory:///a.doa', range: plain } }]);
  });

  it('copies a located object with a plain range and leaves the original as it was', () => {
    const range = new SourceRange(lex('entity A').lineIndex, 7, 8);
    const located = { uri: 'memory:///a.doa', range, message: 'here' };
    const copy = withPlainRange(located);
    expect(copy).toEqual({ uri: 'memory:///a.doa', range: plainRange(range), message: 'here' });
    expect(copy.range).not.toBeInstanceOf(SourceRange);
    expect(located.range).toBe(range);
  });
});

describe('ranges of a parsed file', () => {
  it('are compact, and equal by value (not by kind) to the plain ranges tests write', () => {
    const text = 'entity A "T" {\n  parent B\n}';
    const file = parse('memory:///a.doa', text);
    const parent = file.statements[0]!.body!.statements[0]!;
    expect(parent.values[0]!.range).toBeInstanceOf(SourceRange);
    expect(parent.values[0]!.range).toEqual({ start: pos(text, 24), end: pos(text, 25) });
    expect(parent.values[0]!.range).not.toEqual({ start: pos(text, 24), end: pos(text, 26) });
  });
});
