// The keywords that start a declaration at the top level of a file. The parser uses them only to
// recover from a missing `}`: a line that starts, unindented, with one of them and opens a block is
// taken as the next declaration, not as a statement of the unclosed block. `test/ast/to-ast.test.ts`
// checks this list against the vocabulary in `ast/to-ast.ts`.
export const DECLARATION_KEYWORDS: ReadonlySet<string> = new Set([
  'entity',
  'post',
  'person',
  'training',
  'vendor',
  'committee',
  'duty',
  'area',
  'delegation',
  'sub-delegation',
  'rule',
  'segregation',
  'rates',
]);
