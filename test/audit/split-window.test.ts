// The split-purchase window's length as `--split-window` gives it: any whole number of days.
import { describe, expect, it } from 'vitest';
import { audit, csv } from './helpers.ts';

const AWARDS = csv('T-1,2025-06-01,award,po,90000,USD,MSN,,savanna-supplies,,', 'T-2,2025-06-11,award,po,70000,USD,MSN,,savanna-supplies,,');
const splits = async (splitWindow?: number) => (await audit(AWARDS, splitWindow ? { splitWindow } : {})).findings.filter((f) => f.ruleId === 'audit-split-purchase').length;

describe('awards out of date order', () => {
  it('finds the split purchase of two awards given in reverse order, on the later-listed award', async () => {
    const reversed = csv('S-1,2025-06-10,award,po,90000,USD,MSN,,savanna-supplies,,', 'S-2,2025-06-09,award,po,70000,USD,MSN,,savanna-supplies,,');
    const found = (await audit(reversed)).findings.filter((f) => f.ruleId === 'audit-split-purchase');
    expect(found.map((f) => `${f.range.start.line + 1}: ${f.message}`)).toEqual([
      expect.stringMatching(/^3: .*USD 160,000/),
    ]);
    // The window is that of the later award, which holds both: it ends on 2025-06-10.
    expect(found[0]!.data).toMatchObject({ from: '2025-06-09', to: '2025-06-10' });
    expect(found[0]!.related.map((r) => r.range.start.line + 1)).toEqual([2]);
  });
});

describe('the split-purchase window', () => {
  it('adds up the awards of a window longer than any span of dates', async () => {
    expect(await splits()).toBe(1);
    expect(await splits(10)).toBe(0);
    // Its first day would not fit a 32-bit day number: it is that of the earliest date instead.
    for (const days of [3_000_000_000, 2 ** 40]) expect(await splits(days), `${days} days`).toBe(1);
  });
});
