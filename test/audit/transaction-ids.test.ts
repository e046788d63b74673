// The transactions' table of the audit's follow (language/src/audit/transaction-ids.ts) against a
// plain `Map`: ids numbered in order of first sight, through growth, with the real hash and with
// hashes made to collide (all equal, or few), where only the ids tell transactions apart.
import { describe, expect, it } from 'vitest';
import { idHashOf, TransactionIds } from '../../language/src/audit/transaction-ids.ts';

function prng(seed: number) {
  return () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

function follow(hash: (id: string) => number, steps: number, distinct: number) {
  const rnd = prng(distinct);
  const table = new TransactionIds(2);
  const plain = new Map<string, number>();
  for (let i = 0; i < steps; i++) {
    const id = `T-${Math.floor(rnd() * distinct)}${rnd() < 0.1 ? '-with-a-longer-suffix' : ''}`;
    let n = table.numberOf(id, hash(id));
    const want = plain.get(id);
    expect(n, id).toBe(want ?? -1);
    if (n < 0) {
      n = table.add(id, hash(id));
      plain.set(id, plain.size);
      expect(n).toBe(plain.get(id));
    }
  }
  expect(table.size).toBe(plain.size);
}

describe('transaction ids', () => {
  it('numbers ids as a map would, with the real hash', () => follow(idHashOf, 20_000, 5_000));
  it('tells ids apart by their text when hashes collide', () => {
    follow(() => 7, 2_000, 300);
    follow((id) => id.length, 5_000, 2_000);
  });
  it('hashes ids to 32-bit integers that differ for near ids', () => {
    expect(idHashOf('T-1')).not.toBe(idHashOf('T-2'));
    expect(idHashOf('')).toBe(idHashOf(''));
    expect(idHashOf('x'.repeat(1000)) | 0).toBe(idHashOf('x'.repeat(1000)));
  });
});
