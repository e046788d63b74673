// The hover of an authority lists its controls, `cumulative` (split purchases looked for) among them.
import { describe, expect, it } from 'vitest';
import { Workspace } from '../../language/src/index.ts';
import { hoverText } from '../../language/src/ide/hover.ts';

describe('hover of an authority', () => {
  it('lists its controls, cumulative among them', () => {
    const ws = new Workspace([
      ['memory:///c.doa', 'area p "P" {\n  authority award "Award" { steps award; cumulative; exclusive }\n  authority pay "Pay" { steps pay }\n}\n'],
    ]);
    const model = ws.getModel();
    const [award, pay] = model.authorities;
    expect(hoverText(model, award!, '2025-06-30')).toContain('exclusive; cumulative (amounts to one vendor add up against the limit)');
    expect(hoverText(model, pay!, '2025-06-30')).toContain('no particular control');
  });
});
