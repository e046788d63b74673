// The hand-written lexer against the lexical grammar of `tokens.ts`: a Chevrotain lexer built from
// those token definitions (as the product did before the lexer was written by hand) must give the
// same tokens, comments, positions and errors, on the samples and on thousands of mutations of them.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Lexer } from 'chevrotain';
import { describe, expect, it } from 'vitest';
import { Kind, KIND_NAMES, lex, type Tokens } from '../../language/src/syntax/lexer.ts';
import { conditionTokens } from '../../language/src/syntax/tokens.ts';
import { BASE } from '../../language/src/testing/index.ts';
import { POLICY } from './fixtures.ts';
import { rng } from './helpers.ts';

/** The reference: Chevrotain's lexer over the token definitions, lines ending at '\n' only. */
const reference = new Lexer(conditionTokens().allTokens, {
  positionTracking: 'full',
  lineTerminatorsPattern: /\n/g,
  lineTerminatorCharacters: ['\n'],
  // The Identifier pattern is a custom matcher; without a list of start characters Chevrotain
  // tries it at every character, which is slower but gives the same tokens.
  ensureOptimizations: false,
  skipValidations: true,
});

function referenceTokens(text: string): string[] {
  const out = reference.tokenize(text);
  return [
    ...out.tokens.map((t) => `${t.tokenType.name} ${t.startOffset} ${JSON.stringify(t.image)} ${t.startLine! - 1}:${t.startColumn! - 1}`),
    ...(out.groups['comments'] ?? []).map((t) => `comment ${t.startOffset} ${JSON.stringify(t.image)} ${t.startLine! - 1}`),
    ...out.errors.map((e) => `error ${e.offset}+${e.length}`),
  ];
}

function handTokens(text: string): string[] {
  const t = lex(text);
  const out: string[] = [];
  for (let i = 0; i < t.count; i++) {
    const line = t.lines[i]!;
    out.push(`${KIND_NAMES[t.kinds[i]!]} ${t.starts[i]} ${JSON.stringify(text.slice(t.starts[i], t.ends[i]))} ${line}:${t.starts[i]! - t.lineStarts[line]!}`);
  }
  for (const c of t.comments) out.push(`comment ${c.start} ${JSON.stringify(text.slice(c.start, c.end))} ${c.line}`);
  for (const e of t.errors) out.push(`error ${e.offset}+${e.length}`);
  return out;
}

function kinds(t: Tokens): string[] {
  return [...t.kinds.subarray(0, t.count)].map((k) => KIND_NAMES[k]!);
}


const PIECES = [
  ...'{}[](),;="<>!/*\\\n\r\t @#$-._0123456789aZ',
  'é', '😀', '张', 'أ', '\u0301', '\ufeff', '\u00a0', '\u2028', '٣', '𝐀', '\ud800',
  'and', 'or', 'not', 'in', 'is', 'android', 'a/b', 'a/', '//', '/*', '*/', '2024-01-01', '2024-01-01a', '1,000', '1,00', '12,345.5', '1_000', '"x\\"', '"a\\', '<=', '!=',
];

function mutate(text: string, random: () => number): string {
  for (let k = 1 + Math.floor(random() * 4); k > 0; k--) {
    const at = Math.floor(random() * (text.length + 1));
    const op = random();
    if (op < 0.4) text = text.slice(0, at) + PIECES[Math.floor(random() * PIECES.length)] + text.slice(at);
    else if (op < 0.7) text = text.slice(0, at) + text.slice(at + 1 + Math.floor(random() * 5));
    else text = text.slice(0, at) + text.slice(at, at + 20) + text.slice(at);
  }
  return text;
}

function samples(): string[] {
  const root = fileURLToPath(new URL('../../samples', import.meta.url));
  return (readdirSync(root, { recursive: true, encoding: 'utf8' }) as string[])
    .filter((f) => f.endsWith('.doa'))
    .sort()
    .map((f) => readFileSync(join(root, f), 'utf8'));
}

describe('the hand-written lexer', () => {
  it('reads the token kinds of the language', () => {
    expect(kinds(lex('when a >= 1,000.5 and b in [x, "y"] or not c is 2024-01-01;{}()\n'))).toEqual([
      'Identifier', 'Identifier', 'Comparison', 'NumberLiteral', 'And', 'Identifier', 'In', 'LBracket', 'Identifier', 'Comma', 'StringLiteral', 'RBracket',
      'Or', 'Not', 'Identifier', 'Is', 'DateLiteral', 'Semicolon', 'LCurly', 'RCurly', 'LParen', 'RParen', 'Newline',
    ]);
    // Keywords only as whole names.
    expect(kinds(lex('android island or/and'))).toEqual(['Identifier', 'Identifier', 'Identifier']);
  });

  it('records line starts; a CRLF is one line break and a block comment counts its lines', () => {
    const t = lex('a\r\nb /* x\ny */ c\n\nd');
    expect([...t.lineStarts.subarray(0, t.lineCount)]).toEqual([0, 3, 10, 17, 18]);
    expect([...t.lines.subarray(0, t.count)]).toEqual([0, 0, 1, 2, 2, 3, 4]);
    expect(t.comments).toEqual([{ start: 5, end: 14, line: 1, block: true }]);
    expect(t.kinds[t.count - 1]).toBe(Kind.Identifier);
  });

  it('agrees with a Chevrotain lexer of the token definitions on the samples', () => {
    for (const text of [BASE, POLICY, ...samples()]) expect(handTokens(text)).toEqual(referenceTokens(text));
  });

  it('agrees with it on 3000 mutated texts (error runs, Unicode, unterminated texts and comments)', () => {
    const random = rng(20261130);
    const seeds = [BASE, POLICY, ...samples()];
    for (let i = 0; i < 3000; i++) {
      const seed = seeds[i % seeds.length]!;
      const from = Math.floor(random() * Math.max(1, seed.length - 600));
      let text = mutate(seed.slice(from, from + 600), random);
      if (i % 4 === 0) text = text.replace(/\n/g, '\r\n');
      const hand = handTokens(text);
      const ref = referenceTokens(text);
      if (JSON.stringify(hand) !== JSON.stringify(ref)) expect({ text, hand }).toEqual({ text, hand: ref });
    }
  }, 60_000);
});
