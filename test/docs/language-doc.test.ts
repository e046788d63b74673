// The language reference must describe every declaration, statement and rule field the code
// accepts, and its examples must parse without problems.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DECLARATIONS } from '../../language/src/ast/to-ast.ts';
import { RULE_FIELDS } from '../../language/src/check/dsl-rules.ts';
import { buildDocument } from '../../language/src/workspace/workspace.ts';

const doc = readFileSync(new URL('../../docs/language.md', import.meta.url), 'utf8');

describe('docs/language.md', () => {
  it('names every declaration and statement', () => {
    const missing: string[] = [];
    for (const [kind, spec] of Object.entries(DECLARATIONS)) {
      if (!doc.includes(`### ${kind}`) && !doc.includes(`, ${kind}`) && !doc.includes(`### ${kind} `)) missing.push(`declaration ${kind}`);
      for (const key of Object.keys(spec.statements)) if (!doc.includes(`\`${key}`)) missing.push(`${kind}.${key}`);
    }
    expect(missing).toEqual([]);
  });

  it('names every rule field', () => {
    const missing = Object.entries(RULE_FIELDS).flatMap(([subject, fields]) =>
      Object.keys(fields).filter((f) => !doc.includes(`\`${f}\``)).map((f) => `${subject}.${f}`),
    );
    expect(missing).toEqual([]);
  });

  it('has examples that parse without problems', () => {
    const blocks = [...doc.matchAll(/```doa\n([\s\S]*?)```/g)].map((m) => m[1]!);
    expect(blocks.length).toBeGreaterThan(8);
    for (const b of blocks) expect(buildDocument('memory:///doc.doa', b).problems.map((p) => p.message)).toEqual([]);
  });
});
