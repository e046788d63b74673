// Facts that only messages read are filled in when a finding is made (`Subject.complete`). These
// tests hold that no rule condition depends on them, and that a rule which did would still see them.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Workspace, builtinRules } from '../../language/src/index.ts';
import { checkSync, staticDefinitions } from '../../language/src/check/check.ts';
import { defineRule, fact } from '../../language/src/check/rule-module.ts';
import { DETAIL_FACTS, familiesReadingDetails } from '../../language/src/facts/build.ts';
import { resolvePath } from '../../language/src/check/path.ts';
import { BASE, TEST_AS_OF } from '../../language/src/testing/index.ts';
import type { Condition, FactFamily } from '../../language/src/check/types.ts';

const samplesRoot = new URL('../../samples/rules/', import.meta.url).pathname;

function sampleWorkspace(id: string): Workspace {
  const files: Array<[string, string]> = [['memory:///base.doa', BASE]];
  for (const name of readdirSync(join(samplesRoot, id))) {
    if (name.endsWith('.doa')) files.push([`memory:///${id}/${name}`, readFileSync(join(samplesRoot, id, name), 'utf8')]);
  }
  return new Workspace(files);
}

const rule = (family: FactFamily, conditions: Condition) => ({ family, conditions });

describe('facts filled in for findings only', () => {
  it('are read by no condition of a built-in rule', () => {
    expect(familiesReadingDetails(builtinRules.flatMap(staticDefinitions))).toEqual(new Set());
  });

  it('are found wherever a condition reads them, or an object that holds them', () => {
    expect(familiesReadingDetails([rule('grant', { all: [fact('grant', '$.limitText', 'equal', 'no limit')] })])).toEqual(new Set(['grant']));
    expect(familiesReadingDetails([rule('grant', { all: [{ fact: 'grant', operator: 'equal', value: null }] })])).toEqual(new Set(['grant']));
    expect(familiesReadingDetails([rule('holding', { all: [fact('holding', '$.requires', 'subsetOf', { fact: 'holding', path: '$.missingTrainings' })] })])).toEqual(
      new Set(['holding']),
    );
    // Presence of the object that holds a detail, or a neighbour of it, does not read the detail.
    expect(familiesReadingDetails([rule('grant', { all: [{ fact: 'grant', operator: 'isPresent', value: true }] })])).toEqual(new Set());
    expect(familiesReadingDetails([rule('grant', { all: [fact('grant', '$.limit', 'isPresent', true)] })])).toEqual(new Set());
  });

  it('do not change any rule answer on any sample: the same before and after completion', () => {
    let subjects = 0;
    for (const id of readdirSync(samplesRoot).filter((d) => d !== '_shared')) {
      const run = checkSync(sampleWorkspace(id), builtinRules, { asOf: TEST_AS_OF });
      for (const rule of run.rules) {
        for (const subject of run.subjects.get(rule.definition.family) ?? []) {
          const before = rule.predicate(subject.facts);
          subject.complete?.();
          expect(rule.predicate(subject.facts), `${rule.definition.id} on ${subject.id}`).toBe(before);
          subjects++;
        }
      }
    }
    expect(subjects).toBeGreaterThan(100);
  });

  it('are all present once a subject is completed, wherever the object that holds them is', () => {
    const run = checkSync(sampleWorkspace('sub-delegation-exceeds-parent-limit'), builtinRules, { asOf: TEST_AS_OF });
    let checked = 0;
    let nested = 0;
    for (const [family, paths] of Object.entries(DETAIL_FACTS)) {
      for (const subject of run.subjects.get(family as FactFamily) ?? []) {
        subject.complete?.();
        for (const path of paths) {
          // `$.parent.limitText` is there when the grant has a parent (`$.parent` is null otherwise).
          const holder = path.slice(0, path.lastIndexOf('.'));
          if (holder !== '$' && resolvePath(subject.facts[family], holder) === null) continue;
          expect(resolvePath(subject.facts[family], path), `${path} of ${subject.id}`).toBeDefined();
          if (holder !== '$') nested++;
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(5);
    expect(nested).toBeGreaterThan(2);
  });

  it('are there for a rule whose condition reads one: its family is built complete', () => {
    const noLimit = defineRule({
      meta: {
        id: 'test-no-limit',
        category: 'limits',
        defaultSeverity: 'warning',
        description: 'A grant without a limit (reads the limit text in its condition).',
        family: 'grant',
        messages: { none: '{instrument} grants {authority} with {text}' },
        basis: [],
      },
      rules: [
        {
          conditions: { all: [fact('grant', '$.limitText', 'equal', 'no limit')] },
          event: {
            type: 'test-no-limit',
            params: { messageId: 'none', instrument: { fact: 'grant', path: '$.instrument' }, authority: { fact: 'grant', path: '$.authority' }, text: { fact: 'grant', path: '$.limitText' } },
          },
        },
      ],
    });
    const ws = new Workspace([
      ['memory:///base.doa', BASE],
      [
        'memory:///x.doa',
        `delegation D "Finance" {
  to MSN-HOM
  authority finance/certify
  authority procurement/award-contract limit USD 1,000
  valid from 2024-01-01 to 2026-12-31
  report "Use" to UNHQ every quarter
}
`,
      ],
    ]);
    const found = checkSync(ws, [noLimit], { asOf: TEST_AS_OF }).findings.filter((f) => f.ruleId === 'test-no-limit');
    expect(found.map((f) => f.message)).toEqual(['D grants finance/certify with no limit']);
  });
});
