// The audit's progress line: a bar of the file's share followed, the records and the findings.
import { describe, expect, it } from 'vitest';
import { auditProgressLine } from '../../cli/src/progress.ts';

describe('auditProgressLine', () => {
  it('draws the share of the file as a bar of 24 cells, with grouped counts', () => {
    expect(auditProgressLine(0, 0, 0)).toBe(`doa audit [${'░'.repeat(24)}]   0% · 0 records · 0 findings`);
    expect(auditProgressLine(0.38, 380112, 2931)).toBe(`doa audit [${'█'.repeat(9)}${'░'.repeat(15)}]  38% · 380,112 records · 2,931 findings`);
    expect(auditProgressLine(1, 1, 1)).toBe(`doa audit [${'█'.repeat(24)}] 100% · 1 record · 1 finding`);
  });

  it('keeps the bar within 0 and 100 % whatever the share', () => {
    expect(auditProgressLine(1.7, 5, 0)).toContain(`[${'█'.repeat(24)}] 100%`);
    expect(auditProgressLine(-1, 5, 0)).toContain(`[${'░'.repeat(24)}]   0%`);
    expect(auditProgressLine(Number.NaN, 5, 0)).toContain('   0%');
    expect(auditProgressLine(Infinity, 5, 0)).toContain('   0%');
  });
});
