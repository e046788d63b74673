import { describe, expect, it } from 'vitest';
import { BASE, findingsOf } from '../../language/src/testing/index.ts';
import { Workspace } from '../../language/src/index.ts';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Every `.doa` file under a folder of the samples, as one workspace. */
function samples(folder: string): Workspace {
  const root = new URL(`../../samples/${folder}/`, import.meta.url).pathname;
  const files = readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile() && d.name.endsWith('.doa'))
    .map((d): [string, string] => [`memory:///${join(d.parentPath, d.name).slice(root.length)}`, readFileSync(join(d.parentPath, d.name), 'utf8')]);
  return new Workspace(files);
}

describe('the linked model', () => {
  it('converts with a rate quoted the other way round (per US dollar)', () => {
    const ws = new Workspace([['memory:///r.doa', 'rates "r" { rate USD EUR 0.8 from 2025-01-01 }']]);
    const model = ws.getModel();
    expect(model.convert({ amount: '1000', currency: 'EUR' }, 'USD', '2025-06-30')).toEqual({ amount: '1250', currency: 'USD' });
    expect(model.convert({ amount: '1000', currency: 'USD' }, 'EUR', '2025-06-30')).toEqual({ amount: '800', currency: 'EUR' });
    expect(model.convert({ amount: '1000', currency: 'EUR' }, 'USD', '2024-12-31')).toBeUndefined();
  });

  it('inherits the line of defence from the parent entity', async () => {
    const files = {
      'base.doa': BASE,
      'x.doa': `
entity OVS-IAD "Internal Audit Division" { parent OVS }
post IAD-AUD "Auditor" { entity OVS-IAD; grade P-4 }
person iad "Chen Jing" { holds IAD-AUD from 2020-01-01 }
delegation D "Procurement" {
  to MSN-HOM
  authority procurement/award-contract limit USD 1,000
  valid from 2024-01-01 to 2026-12-31
  may-sub-delegate
  report "Use" to UNHQ every quarter
}
sub-delegation S { under D; to iad; authority procurement/award-contract limit USD 1,000; valid from 2024-01-01 to 2026-12-31; report "Use" to MSN-HOM every month }
`,
    };
    expect(await findingsOf('oversight-independence', files)).toEqual([
      'x.doa:12:32 Chen Jing, of the oversight entity OVS-IAD, exercises S over MSN: independent oversight must not hold operational authority',
    ]);
  });

  it('answers from the chain worked out once as the instrument-by-instrument definitions do, on every date', () => {
    const dates = ['2019-01-01', '2023-12-31', '2024-01-01', '2025-06-30', '2025-07-01', '2026-12-31', '2027-01-01'];
    let compared = 0;
    for (const folder of ['workspace', 'rules']) {
      const model = samples(folder).getModel();
      for (const i of model.instruments) {
        const { chain, cycle } = model.ancestry(i);
        const info = model.chainInfo(i);
        expect(info.requires).toEqual([...new Set(chain.flatMap((a) => a.requires.map((r) => r.name)))]);
        expect(info.revokedAncestor).toBe(chain.slice(0, -1).find((a) => a.revocation));
        for (const date of dates) {
          const dead = cycle || (i.kind === 'sub-delegation' && chain.length < 2);
          expect(model.inForce(i, date), `${i.name} on ${date}`).toBe(!dead && chain.every((a) => model.ownInForce(a, date)));
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(200);
  });
});
