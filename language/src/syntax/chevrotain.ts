// Chevrotain, for the grammar of `when` conditions only (`tokens.ts`, `condition.ts`), reached through
// `loadChevrotain()` so that nothing of it is evaluated before a condition needs the grammar.
//
// Why: evaluating Chevrotain (and creating the condition tokens) cost ~15-25 ms of CPU at every start
// of the CLI, and a `doa check` whose conditions are all well written never uses it
// (`condition-fast.ts` parses them). The parser is synchronous, so the grammar cannot wait for an
// `import()`, and `require()` of an ES module (Chevrotain 11 is one) exists only from Node 20.19 on.
// So the CLI build (`scripts/build.mjs`) replaces this module with one that requires a CommonJS
// bundle of Chevrotain (`dist/doa-chevrotain.cjs`) on first call, which every Node version can load
// synchronously. Here (tests, the language server's bundle) Chevrotain is imported as usual.
import * as chevrotain from 'chevrotain';

export type Chevrotain = typeof chevrotain;

export function loadChevrotain(): Chevrotain {
  return chevrotain;
}
