// Which edits count as layout only (the server then moves diagnostics instead of checking).
import { describe, expect, it } from 'vitest';
import { buildDocument } from '../../language/src/index.ts';
import { layoutLineMap } from '../../server/src/layout-edit.ts';

const URI = 'memory:///a.doa';
const BASE = `// Finance
delegation DA-1 "Finance" {
  to HOM
  authority finance/approve limit USD 1,000
  valid from 2024-01-01 to 2025-12-31
}
`;

const mapOf = (before: string, after: string) => {
  const map = layoutLineMap(buildDocument(URI, before), buildDocument(URI, after));
  return map && Object.fromEntries(map);
};

describe('layout-only edits', () => {
  it('maps lines when comments and blank lines are added, removed or changed', () => {
    expect(mapOf(BASE, BASE.replace('// Finance', '// Finance and budget'))).toEqual({ 1: 1, 2: 2, 3: 3, 4: 4, 5: 5 });
    expect(mapOf(BASE, BASE.replace('  to HOM\n', '  to HOM\n\n  // who approves\n'))).toEqual({ 1: 1, 2: 2, 3: 5, 4: 6, 5: 7 });
    expect(mapOf(BASE, BASE.replace('// Finance\n', ''))).toEqual({ 1: 0, 2: 1, 3: 2, 4: 3, 5: 4 });
    expect(mapOf(BASE, BASE.replace('to HOM', 'to HOM   // the head'))).toEqual({ 1: 1, 2: 2, 3: 3, 4: 4, 5: 5 });
  });

  it('refuses any change to a statement, even one of white space inside a line', () => {
    expect(mapOf(BASE, BASE.replace('USD 1,000', 'USD 1,001'))).toBeUndefined();
    expect(mapOf(BASE, BASE.replace('to HOM', 'to  HOM'))).toBeUndefined();
    expect(mapOf(BASE, BASE.replace('  to HOM\n', ''))).toBeUndefined();
    // Joining two lines moves a statement to another line's characters.
    expect(mapOf(BASE, BASE.replace('  to HOM\n  authority', '  to HOM;  authority'))).toBeUndefined();
    // A new syntax error.
    expect(mapOf(BASE, BASE.replace('// Finance', '@@'))).toBeUndefined();
  });

  it('with suppression comments, accepts only edits that move no line and keep every directive', () => {
    const suppressed = BASE.replace('  to HOM\n', '  to HOM\n  // doa-disable-next-line missing-reporting-duty -- set by the framework\n');
    expect(mapOf(suppressed, suppressed.replace('// Finance', '// Finance, reviewed'))).toEqual({ 1: 1, 2: 2, 4: 4, 5: 5, 6: 6 });
    expect(mapOf(suppressed, suppressed.replace('// Finance\n', ''))).toBeUndefined();
    expect(mapOf(suppressed, suppressed.replace('-- set by', '-- as set by'))).toBeUndefined();
    expect(mapOf(BASE, BASE.replace('// Finance', '// doa-disable missing-reporting-duty -- framework'))).toBeUndefined();
  });
});
