// The audit's progress line: a bar of the file's share followed, the records and the findings.
import { describe, expect, it } from 'vitest';
import { auditProgressLine } from '../../cli/src/progress.ts';

describe('auditProgressLine', () => {
  it('draws the share of the file as a bar of 24 cells, with grouped counts', () => {
    expect(auditProgressLine(0, 0, 0)).toBe(`doa audit [${'░'.repeat(24)}]   0% · 0 records · 0 findings`);
    expect(auditProgressLine(0.38, 380112, 2931)).toBe(`doa audit [${'█'.repeat(9)}${'░'.repeat(15)}]  38% · 380,112 records · 2,931 findings`);
    expect(auditProgressLine(1, 1, 1)).toBe(`doa audit [${'█'.repeat(24)}] 100% · 1 record · 1 finding`);
  });

  it('fits the terminal, less one column: the bar narrows, then goes, then the line is cut', () => {
    const wide = auditProgressLine(0.5, 2_500_000, 120_000);
    expect(wide).toBe(`doa audit [${'█'.repeat(12)}${'░'.repeat(12)}]  50% · 2,500,000 records · 120,000 findings`);
    expect(auditProgressLine(0.5, 2_500_000, 120_000, wide.length + 1)).toBe(wide);
    const narrower = auditProgressLine(0.5, 2_500_000, 120_000, wide.length);
    expect(narrower).toBe(`doa audit [${'█'.repeat(11)}${'░'.repeat(12)}]  50% · 2,500,000 records · 120,000 findings`);
    expect(narrower.length).toBe(wide.length - 1);
    const bare = 'doa audit  50% · 2,500,000 records · 120,000 findings';
    expect(auditProgressLine(0.5, 2_500_000, 120_000, bare.length + 11)).toBe(bare);
    expect(auditProgressLine(0.5, 2_500_000, 120_000, bare.length + 12)).toBe(`doa audit [████░░░░]  50% · 2,500,000 records · 120,000 findings`);
    expect(auditProgressLine(0.5, 2_500_000, 120_000, 21)).toBe(bare.slice(0, 20));
    for (const columns of [21, 40, 60, 70, 80, 120]) expect(auditProgressLine(0.37, 10_000_000, 1_000_000, columns).length).toBeLessThan(columns);
  });

  it('keeps the bar within 0 and 100 % whatever the share', () => {
    expect(auditProgressLine(1.7, 5, 0)).toContain(`[${'█'.repeat(24)}] 100%`);
    expect(auditProgressLine(-1, 5, 0)).toContain(`[${'░'.repeat(24)}]   0%`);
    expect(auditProgressLine(Number.NaN, 5, 0)).toContain('   0%');
    expect(auditProgressLine(Infinity, 5, 0)).toContain('   0%');
  });
});
