// The split-purchase window's length as `--split-window` gives it: any whole number of days.
import { describe, expect, it } from 'vitest';
import { audit, csv } from './helpers.ts';

const AWARDS = csv('T-1,2025-06-01,award,po,90000,USD,MSN,,savanna-supplies,,', 'T-2,2025-06-11,award,po,70000,USD,MSN,,savanna-supplies,,');
const splits = async (splitWindow?: number) => (await audit(AWARDS, splitWindow ? { splitWindow } : {})).findings.filter((f) => f.ruleId === 'audit-split-purchase').length;

describe('the split-purchase window', () => {
  it('adds up the awards of a window longer than any span of dates', async () => {
    expect(await splits()).toBe(1);
    expect(await splits(10)).toBe(0);
    // Its first day would not fit a 32-bit day number: it is that of the earliest date instead.
    for (const days of [3_000_000_000, 2 ** 40]) expect(await splits(days), `${days} days`).toBe(1);
  });
});
