// The typed-array table of the split-purchase follow (language/src/audit/pair-table.ts) against a
// plain `Map` keyed by the pair: random pairs (negative, past 2^31, colliding in their low bits),
// overwrites, growth from a small start, and bulk removal by `retain`.
import { describe, expect, it } from 'vitest';
import { PairTable } from '../../language/src/audit/pair-table.ts';

function prng(seed: number) {
  return () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

describe('pair table', () => {
  it('answers as a map of pairs through growth, overwrites and removals', () => {
    const rnd = prng(11);
    const table = new PairTable(4);
    const plain = new Map<string, number>();
    const firsts = [0, 1, 2, 7, 2000, -1];
    const seconds = [0, 1, -5, 2 ** 31, 2 ** 32 + 1, 2 ** 40, 123_456];
    const pick = () => {
      const a = rnd() < 0.5 ? firsts[Math.floor(rnd() * firsts.length)]! : Math.floor(rnd() * 3000);
      const b = rnd() < 0.3 ? seconds[Math.floor(rnd() * seconds.length)]! : Math.floor(rnd() * 5000) * (rnd() < 0.5 ? 1 : 2 ** 32);
      return [a, b] as const;
    };
    for (let round = 0; round < 5; round++) {
      for (let i = 0; i < 4000; i++) {
        const [a, b] = pick();
        const v = Math.floor(rnd() * 1_000_000);
        table.set(a, b, v);
        plain.set(`${a}/${b}`, v);
      }
      for (let i = 0; i < 4000; i++) {
        const [a, b] = pick();
        expect(table.get(a, b), `${a}/${b}`).toBe(plain.get(`${a}/${b}`) ?? -1);
      }
      const cut = Math.floor(rnd() * 1_000_000);
      table.retain((v) => v >= cut);
      for (const [k, v] of plain) if (v < cut) plain.delete(k);
      expect(table.size).toBe(plain.size);
      for (const [k, v] of plain) {
        const [a, b] = k.split('/').map(Number);
        expect(table.get(a!, b!)).toBe(v);
      }
    }
  });

  it('refuses a value it cannot hold', () => {
    expect(() => new PairTable().set(1, 2, -1)).toThrow(RangeError);
  });
});
