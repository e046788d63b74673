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

  it('takes, of a rate each way, the later one; the direct one on the same date', () => {
    const ws = new Workspace([['memory:///r.doa', 'rates "r" { rate EUR USD 1.25 from 2025-01-01; rate USD EUR 0.5 from 2025-06-10; rate USD EUR 0.4 from 2025-01-01 }']]);
    const model = ws.getModel();
    expect(model.convert({ amount: '1000', currency: 'EUR' }, 'USD', '2025-06-09')).toEqual({ amount: '1250', currency: 'USD' });
    expect(model.convert({ amount: '1000', currency: 'EUR' }, 'USD', '2025-06-10')).toEqual({ amount: '2000', currency: 'USD' });
    expect(model.convert({ amount: '1000', currency: 'USD' }, 'EUR', '2025-06-09')).toEqual({ amount: '400', currency: 'EUR' });
    // A rate with no date is in force always, and older than any dated one.
    const undated = new Workspace([['memory:///r.doa', 'rates "r" { rate USD EUR 0.5; rate EUR USD 1.25 from 2025-01-01 }']]).getModel();
    expect(undated.convert({ amount: '1000', currency: 'EUR' }, 'USD', '2024-12-31')).toEqual({ amount: '2000', currency: 'USD' });
    expect(undated.convert({ amount: '1000', currency: 'EUR' }, 'USD', '2025-01-01')).toEqual({ amount: '1250', currency: 'USD' });
  });

  it('answers who holds a post and which posts a person holds, with one holding, two or more', () => {
    const ws = new Workspace([
      [
        'memory:///h.doa',
        `entity E "E"
post A "A" { entity E }
post B "B" { entity E }
post C "C" { entity E }
post D "D" { entity E }
person p "P" { holds A from 2024-01-01 }
person q "Q" { holds A to 2024-12-31; holds B }
person r "R" { holds A; holds B from 2025-01-01; holds C; holds missing }
person s "S" { holds missing }
`,
      ],
    ]);
    const model = ws.getModel();
    const [p, q, r, s] = model.persons;
    const post = (name: string) => model.posts.find((x) => x.name === name)!;
    const names = (decls: Array<{ name: string }>) => decls.map((d) => d.name);
    expect(model.holderNamesOn(post('A'), '2024-06-30')).toEqual(['p', 'q', 'r']);
    expect(model.holderNamesOn(post('A'), '2025-06-30')).toEqual(['p', 'r']);
    expect(names(model.holdersOf(post('B'), '2024-06-30'))).toEqual(['q']);
    expect(names(model.holdersOf(post('B'), '2025-06-30'))).toEqual(['q', 'r']);
    expect(model.holderNamesOn(post('C'), '2024-06-30')).toEqual(['r']);
    expect(model.holderNamesOn(post('D'), '2024-06-30')).toEqual([]);
    expect(names(model.postsOf(p!, '2023-06-30'))).toEqual([]);
    expect(model.onlyPostOn(p!, '2024-06-30')?.name).toBe('A');
    expect(names(model.postsOf(q!, '2024-06-30'))).toEqual(['A', 'B']);
    expect(model.onlyPostOn(q!, '2024-06-30')).toBeUndefined();
    expect(model.onlyPostOn(q!, '2025-06-30')?.name).toBe('B');
    expect(names(model.postsOf(r!, '2024-06-30'))).toEqual(['A', 'C']);
    expect(names(model.postsOf(r!, '2025-06-30'))).toEqual(['A', 'B', 'C']);
    expect(names(model.postsOf(s!, '2025-06-30'))).toEqual([]);
    expect(model.onlyPostOn(s!, '2025-06-30')).toBeUndefined();
  });

  it('counts a person once when two of their holdings of one post overlap', () => {
    const ws = new Workspace([['memory:///h.doa', 'entity E "E"\npost X "X" { entity E }\nperson t "T" { holds X from 2020-01-01; holds X from 2024-01-01 to 2026-12-31 }\n']]);
    const model = ws.getModel();
    const x = model.posts.find((d) => d.name === 'X')!;
    expect(model.holdersOf(x, '2025-06-30').map((d) => d.name)).toEqual(['t']);
    expect(model.holderNamesOn(x, '2025-06-30')).toEqual(['t']);
    expect(model.postsOf(model.persons[0]!, '2025-06-30').map((d) => d.name)).toEqual(['X']);
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

  it('builds each chain on its parent’s as the walk up from the instrument does, whatever the order of the questions', () => {
    // Chains, a long one, loops (one of them on itself), instruments hanging below a loop and parents that do not exist.
    const lines: string[] = ['delegation R0 { to P; valid from 2024-01-01 to 2026-12-31 }', 'delegation R1 { to P; revoked on 2025-01-01 }'];
    const sub = (name: string, parent: string, extra = '') => lines.push(`sub-delegation ${name} { under ${parent}; to P${extra} }`);
    for (let k = 0; k < 90; k++) sub(`L${k}`, k === 0 ? 'R0' : `L${k - 1}`, k % 7 === 0 ? `; requires t${k % 3}` : k % 11 === 0 ? '; revoked on 2025-02-01' : '');
    sub('A', 'B');
    sub('B', 'C', '; requires t1');
    sub('C', 'A');
    sub('S', 'S');
    sub('BelowLoop', 'B');
    sub('BelowBelow', 'BelowLoop', '; requires t2');
    sub('BelowSelf', 'S');
    sub('Orphan', 'Missing');
    sub('BelowOrphan', 'Orphan');
    sub('BelowRevoked', 'R1');
    sub('X', 'BelowRevoked', '; requires t0');
    const text = lines.join('\n');
    /** The chain by its definition: walked up from the instrument, stopping before a repeat. */
    const walk = (model: ReturnType<Workspace['getModel']>, i: (typeof model.instruments)[number]) => {
      const up: string[] = [];
      let cycle = false;
      for (let cur: typeof i | undefined = i; cur; cur = model.parentOf(cur)) {
        if (up.includes(cur.name)) {
          cycle = true;
          break;
        }
        up.push(cur.name);
      }
      return { chain: up.reverse(), cycle };
    };
    const orders: Array<(n: number) => number[]> = [
      (n) => [...Array(n).keys()],
      (n) => [...Array(n).keys()].reverse(),
      (n) => [...Array(n).keys()].sort((a, b) => ((a * 37) % 101) - ((b * 37) % 101)),
    ];
    for (const order of orders) {
      for (const chainFirst of [true, false]) {
        const model = new Workspace([['memory:///c.doa', text]]).getModel();
        for (const k of order(model.instruments.length)) {
          const i = model.instruments[k]!;
          // Asking for the facts first works the chain out on the way.
          const info = chainFirst ? model.chainInfo(i) : undefined;
          const { chain, cycle } = model.ancestry(i);
          expect({ name: i.name, chain: chain.map((a) => a.name), cycle }).toEqual({ name: i.name, ...walk(model, i) });
          const facts = info ?? model.chainInfo(i);
          expect(facts.requires, i.name).toEqual([...new Set(chain.flatMap((a) => a.requires.map((r) => r.name)))]);
          expect(facts.revokedAncestor, i.name).toBe(chain.slice(0, -1).find((a) => a.revocation));
          expect(facts.revokedAt, i.name).toBe(chain.map((a) => a.revocation?.date.value).filter((d) => d !== undefined).sort()[0]);
          expect(facts.dead, i.name).toBe(cycle || (i.kind === 'sub-delegation' && chain.length < 2));
        }
      }
    }
  });
});
