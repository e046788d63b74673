// The compiled predicates (the hot path) and json-rules-engine (the meaning) must agree on every
// subject and rule: on every sample, and on generated workspaces that vary limits, currencies,
// dates, eligibility, revocations, duties and prerequisites at random.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Workspace, builtinRules } from '../../language/src/index.ts';
import { checkSync } from '../../language/src/check/check.ts';
import { resolveParams } from '../../language/src/check/compile.ts';
import { runEngine } from '../../language/src/check/explain.ts';
import { BASE } from '../../language/src/testing/index.ts';
import { seededRandom as rng } from '../seeded-random.ts';

const samplesRoot = new URL('../../samples/', import.meta.url).pathname;

function doaFilesUnder(dir: string): Array<[string, string]> {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile() && d.name.endsWith('.doa'))
    .map((d) => {
      const path = join(d.parentPath, d.name);
      return [`memory:///${path.slice(samplesRoot.length)}`, readFileSync(path, 'utf8')];
    });
}

/** Evaluates every rule on every subject of its family with both evaluators; returns the pairs compared. */
async function compareEvaluators(ws: Workspace, asOf: string): Promise<{ compared: number; fired: number }> {
  const run = checkSync(ws, builtinRules, { asOf });
  let compared = 0;
  let fired = 0;
  for (const rule of run.rules) {
    for (const subject of run.subjects.get(rule.definition.family) ?? []) {
      const fast = rule.predicate(subject.facts);
      // As checkSync does: a subject a rule fires on is completed before its finding is made and explained.
      if (fast) subject.complete?.();
      const verdict = await runEngine(rule.definition, subject.facts);
      expect(verdict.fired, `${rule.definition.id} on ${subject.id}`).toBe(fast);
      if (fast) {
        expect(verdict.data).toEqual(resolveParams(subject.facts, rule.definition.event.params));
        fired++;
      }
      compared++;
    }
  }
  return { compared, fired };
}


/** A random but well-formed workspace on top of BASE: chains of instruments with varied attributes. */
function randomWorkspace(seed: number): string {
  const r = rng(seed);
  const pick = <T,>(a: readonly T[]): T => a[Math.floor(r() * a.length)]!;
  const amount = () => pick(['1,000', '250,000', '500,000', '500,000.00', '1,000,000', '0.3', '999,999.99']);
  const cur = () => pick(['USD', 'USD', 'USD', 'EUR', 'CHF']);
  const date = (y0: number) => `${y0 + Math.floor(r() * 4)}-${pick(['01', '06', '12'])}-${pick(['01', '15', '30'])}`;
  const delegates = ['MSN-HOM', 'MSN-DMS', 'MSN-CPO', 'MSN-PO', 'MSN-FA', 'OVS-AUD', 'cpo', 'po', 'aud', 'SG', 'nobody'];
  const authorities = ['procurement/award-contract', 'procurement/approve-requisition', 'finance/certify', 'finance/approve'];
  let out = `
rates "rates" { rate EUR USD 1.08 from 2024-01-01; rate CHF USD 1.12 from ${date(2024)} }
duty certifying-officer "Certifying officer"
duty approving-officer "Approving officer"
segregation sod "Certify vs approve" { duties certifying-officer, approving-officer; scope ${pick(['account', 'entity', 'any'])} }
committee LCC "Local Committee on Contracts" { entity MSN }
area hr "Human resources" {
  authority leave "Leave without pay" { reserved-to ${pick(['MSN-HOM', 'SG'])} }
  authority recruit "Recruit" { ${pick(['exclusive', 'required', 'exclusive required', ''])} }
  authority award-review "Award" { committee-review above ${cur()} ${amount()} by LCC }
}
person dup "Test Person" {
  holds ${pick(['MSN-PO', 'OVS-AUD'])} from 2020-01-01
  duty certifying-officer for account "A-${Math.floor(r() * 2)}" from ${date(2023)}
  duty approving-officer for account "A-${Math.floor(r() * 2)}" ${r() < 0.5 ? `to ${date(2024)}` : ''}
  ${r() < 0.5 ? 'conflict-of-interest "Shares in a supplier" area procurement' : ''}
}
`;
  const names: string[] = [];
  for (let i = 0; i < 12; i++) {
    const name = `I${i}`;
    const parent = i === 0 || r() < 0.2 ? undefined : pick(names);
    const area = pick(['procurement', 'finance', 'hr']);
    const auths = area === 'hr' ? ['hr/leave', 'hr/recruit', 'hr/award-review'] : authorities;
    const grants = [pick(auths), pick(auths)].map((a) => `  authority ${a}${r() < 0.8 ? ` limit ${cur()} ${amount()}` : ''}${r() < 0.3 ? ` committee-review above ${cur()} ${amount()}` : ''}`);
    out += `
${parent ? 'sub-delegation' : 'delegation'} ${name} {
${parent ? `  under ${r() < 0.1 ? 'I99' : parent}\n` : ''}  to ${pick(delegates)}
  area ${area}
${[...new Set(grants)].join('\n')}
  valid from ${date(2023)}${r() < 0.8 ? ` to ${date(2025)}` : ''}
${r() < 0.6 ? `  may-sub-delegate ${pick(['', 'grades P-4 and above', 'functions procurement', 'posts MSN-CPO, MSN-PO', 'grades [P-3, G-5]'])}\n` : ''}${r() < 0.7 ? '  report "Use" to UNHQ every quarter\n' : ''}${r() < 0.3 ? '  requires proc-fundamentals\n' : ''}${r() < 0.15 ? `  revoked ${date(2024)} because lack-of-capacity transferred-to UNHQ\n` : ''}}
`;
    names.push(name);
  }
  if (r() < 0.3) out += `sub-delegation I0 { under I1; to po; authority finance/certify; valid from 2024-01-01 }\n`;
  return out;
}

describe('compiled rules agree with json-rules-engine', () => {
  it('on every sample', async () => {
    const files = doaFilesUnder(samplesRoot);
    const dirs = new Set(files.map(([uri]) => uri.split('/').slice(0, -1).join('/')));
    let total = 0;
    let fired = 0;
    for (const dir of dirs) {
      const own = files.filter(([uri]) => uri.startsWith(`${dir}/`) && !uri.slice(dir.length + 1).includes('/'));
      const shared = dir.includes('/rules/') ? files.filter(([uri]) => uri.includes('/rules/_shared/')) : [];
      const ws = new Workspace([...new Map([...shared, ...own])]);
      const result = await compareEvaluators(ws, '2025-06-30');
      total += result.compared;
      fired += result.fired;
    }
    expect(total).toBeGreaterThan(100);
    expect(fired).toBeGreaterThan(10);
  });

  it('on generated workspaces, on several dates', async () => {
    let total = 0;
    let fired = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const ws = new Workspace([
        ['memory:///base.doa', BASE],
        ['memory:///random.doa', randomWorkspace(seed)],
      ]);
      for (const asOf of ['2024-06-30', '2025-06-30', '2026-01-01']) {
        const result = await compareEvaluators(ws, asOf);
        total += result.compared;
        fired += result.fired;
      }
    }
    // The generator must exercise the rules, not only their silence.
    expect(total).toBeGreaterThan(5000);
    expect(fired).toBeGreaterThan(300);
  });
});
