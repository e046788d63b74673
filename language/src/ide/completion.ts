// Completion in context: statement keywords for the block the cursor is in, and, after a keyword,
// the names it takes (posts, people, instruments, authorities, trainings, …), grades, currencies and
// the fixed words of the language. Reads the language's own vocabulary (DECLARATIONS, RULE_FIELDS).
import type { DeclKind, RuleSubject } from '../ast/ast.ts';
import { REVOCATION_REASONS, RULE_SUBJECTS } from '../ast/ast.ts';
import { DECLARATIONS } from '../ast/to-ast.ts';
import { RULE_FIELDS } from '../check/dsl-rules.ts';
import type { WorkspaceModel } from '../model/model.ts';
import type { Statement } from '../syntax/syntax-tree.ts';
import { CURRENCIES } from '../values/currencies.ts';
import { GRADES } from '../values/grades.ts';
import type { DocumentState } from '../workspace/workspace.ts';

export type CompletionKind = 'keyword' | 'reference' | 'value' | 'field';

export interface Completion {
  label: string;
  kind: CompletionKind;
  /** For references: what the name is (post, person, …). */
  declKind?: DeclKind;
  detail?: string;
  documentation?: string;
}

/** Clauses accepted inside nested blocks, by the path of keys leading to the block. */
const NESTED_CLAUSES: Record<string, Record<string, string>> = {
  'area/authority': {
    exclusive: 'At most one line of holders per entity.',
    'reserved-to': 'reserved-to <post>: only that post may receive it.',
    required: 'required [in <entity>, …]: every entity must have a holder.',
    'committee-review': 'committee-review above <amount> by <committee>',
    cumulative: 'Amounts to one vendor add up against the limit: doa audit looks for split purchases.',
    steps: 'steps <step>, …: transaction steps that exercise it (doa audit).',
  },
  'instrument/authority': { limit: 'limit <amount>: the monetary limit.', 'committee-review': 'committee-review above <amount> [by <committee>]' },
  'instrument/may-sub-delegate': { grades: 'grades <grade> and above | grades <grade>, …', posts: 'posts <post>, …', functions: 'functions <tag>, …' },
  'person/conflict-of-interest': { vendor: 'vendor <vendor>', area: 'area <area>', declared: 'declared <date>' },
};

/** What follows a word: the kinds of names, or fixed values. */
const AFTER: Record<string, DeclKind[] | string[]> = {
  under: ['delegation', 'sub-delegation'],
  parent: ['entity'],
  entity: ['entity'],
  'transferred-to': ['entity'],
  holds: ['post'],
  head: ['post'],
  'reserved-to': ['post'],
  posts: ['post'],
  training: ['training'],
  requires: ['training'],
  duty: ['duty'],
  duties: ['duty'],
  area: ['area'],
  by: ['committee'],
  vendor: ['vendor'],
};

const FIXED: Record<string, readonly string[]> = {
  grade: GRADES,
  grades: GRADES,
  limit: [...CURRENCIES],
  above: [...CURRENCIES],
  because: REVOCATION_REASONS,
  'applies-to': RULE_SUBJECTS,
  severity: ['error', 'warning', 'info'],
  scope: ['account', 'entity', 'any'],
  line: ['1', '2', '3'],
  every: ['month', 'quarter', 'half-year', 'year'],
  for: ['account', 'entity'],
};

const INSTRUMENT_KINDS = new Set(['delegation', 'sub-delegation']);

/** The keys of the blocks enclosing an offset, outermost first, with the innermost statement. */
function enclosing(statements: readonly Statement[], offset: number, path: Statement[] = []): Statement[] {
  for (const s of statements) {
    const b = s.body;
    if (!b) continue;
    const end = b.closed ? b.range.end.offset - 1 : Infinity;
    if (b.range.start.offset < offset && offset <= end) return enclosing(b.statements, offset, [...path, s]);
  }
  return path;
}

function keywordItems(words: Record<string, string>): Completion[] {
  return Object.entries(words).map(([label, doc]) => ({ label, kind: 'keyword', documentation: doc }));
}

function namesOf(model: WorkspaceModel, kinds: DeclKind[]): Completion[] {
  const out: Completion[] = [];
  for (const [name, decls] of model.symbols.all()) {
    const d = decls.find((x) => kinds.includes(x.kind));
    if (d) out.push({ label: name, kind: 'reference', declKind: d.kind, detail: `${d.kind}${d.title ? ` — ${d.title}` : ''}` });
  }
  return out.sort((a, b) => a.label.localeCompare(b.label));
}

export function completions(model: WorkspaceModel, doc: DocumentState, offset: number): Completion[] {
  const text = doc.text;
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const prefix = text.slice(lineStart, offset);
  const afterBrace = prefix.lastIndexOf('{') >= 0 ? prefix.slice(prefix.lastIndexOf('{') + 1) : prefix;
  const segment = afterBrace.slice(afterBrace.lastIndexOf(';') + 1);
  const words = segment.trimStart().split(/\s+/);
  const typingKey = words.length <= 1;
  const path = enclosing(doc.syntax.statements, offset);
  const top = path[0]?.key.text;
  const inner = path.at(-1)?.key.text;

  if (typingKey) {
    if (!path.length) return keywordItems(Object.fromEntries(Object.entries(DECLARATIONS).map(([k, s]) => [k, `${s.syntax}\n\n${s.doc}`])));
    if (path.length === 1 && top && DECLARATIONS[top]) {
      return keywordItems(Object.fromEntries(Object.entries(DECLARATIONS[top]!.statements).map(([k, s]) => [k, `${s.syntax}\n\n${s.doc}`])));
    }
    const key = `${top && INSTRUMENT_KINDS.has(top) ? 'instrument' : top}/${inner}`;
    return keywordItems(NESTED_CLAUSES[key] ?? {});
  }

  // A value: look back for the nearest word that tells what comes next.
  const before = words.slice(0, -1);
  const statementKey = before[0] ?? '';
  for (let i = before.length - 1; i >= 0; i--) {
    const w = before[i]!;
    if (w === 'when' || w === 'and' || w === 'or' || w === 'not' || w === '(') {
      const rule = path[0] && path[0].key.text === 'rule' ? doc.ast.decls.find((d) => d.kind === 'rule' && d.range.start.offset === path[0]!.range.start.offset) : undefined;
      const subject: RuleSubject = (rule?.kind === 'rule' && rule.subject?.value) || 'grant';
      return Object.entries(RULE_FIELDS[subject]).map(([label, f]) => ({ label, kind: 'field', detail: f.type, documentation: f.doc }));
    }
    if (w === 'to') {
      if (statementKey === 'valid' || statementKey === 'holds' || statementKey === 'duty') return [];
      return namesOf(model, statementKey === 'report' ? ['entity', 'post'] : ['post', 'person']);
    }
    if (w === 'authority' && top && INSTRUMENT_KINDS.has(top)) return i === before.length - 1 ? namesOf(model, ['authority']) : [];
    if (w === 'in' && statementKey === 'required') return namesOf(model, ['entity']);
    if (Object.hasOwn(AFTER, w)) {
      if (w === 'entity' && statementKey === 'for') return namesOf(model, ['entity']);
      return namesOf(model, AFTER[w] as DeclKind[]);
    }
    if (Object.hasOwn(FIXED, w)) {
      if ((w === 'limit' || w === 'above') && i < before.length - 1) return [];
      return FIXED[w]!.map((label) => ({ label, kind: 'value' }));
    }
  }
  return [];
}
