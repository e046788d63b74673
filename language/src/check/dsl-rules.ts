// Control rules written in the DSL (`rule … { applies-to …; when … }`) compiled to json-rules-engine
// JSON. Each family exposes named fields with a type; the type picks the operator (`limit > USD 5`
// compares exact money, `valid-to < 2025-01-01` compares dates, `delegate.grade < P-4` grade order).
import type { RuleDecl, RuleSubject } from '../ast/ast.ts';
import type { Expr, Problem, SyntaxValue } from '../syntax/syntax-tree.ts';
import type { Condition, RuleDefinition } from './types.ts';
import { canonicalDecimal } from '../values/decimal.ts';
import { isCurrency } from '../values/currencies.ts';
import { isGrade } from '../values/grades.ts';
import { isValidDate } from '../values/dates.ts';
import { closest } from '../util/closest.ts';
import { PLACEHOLDER } from './rule-module.ts';

type FieldType = 'name' | 'money' | 'date' | 'grade' | 'number' | 'bool' | 'list';

export interface FieldSpec {
  path: string;
  type: FieldType;
  doc: string;
  /** What a message says in `{field}` when the field has no value (default "none"). */
  absent?: string;
}

const delegateFields = (prefix: string): Record<string, FieldSpec> => ({
  delegate: { path: `${prefix}.delegate.name`, type: 'name', doc: 'The post or person receiving the authority.' },
  'delegate.kind': { path: `${prefix}.delegate.kind`, type: 'name', doc: 'post or person.' },
  'delegate.grade': { path: `${prefix}.delegate.grade`, type: 'grade', doc: 'The most senior grade of the delegate on the check date.', absent: 'no grade' },
  'delegate.functions': { path: `${prefix}.delegate.functions`, type: 'list', doc: 'Function tags of the posts the delegate acts through.' },
  'delegate.posts': { path: `${prefix}.delegate.posts`, type: 'list', doc: 'Posts the delegate acts through.' },
  'delegate.entity': { path: `${prefix}.delegate.entity`, type: 'name', doc: 'The entity of the delegate.', absent: 'no entity' },
  'delegate.line': { path: `${prefix}.delegate.line`, type: 'number', doc: 'The line of defence of the delegate’s entity (the highest, for a person with posts in several).' },
});

/** The fields a DSL rule may test, per family. Documented in docs/language.md. */
export const RULE_FIELDS: Record<RuleSubject, Record<string, FieldSpec>> = {
  grant: {
    instrument: { path: '$.instrument', type: 'name', doc: 'The instrument granting the authority.' },
    kind: { path: '$.kind', type: 'name', doc: 'delegation or sub-delegation.' },
    authority: { path: '$.authority', type: 'name', doc: 'The authority, e.g. procurement/award-contract.' },
    area: { path: '$.area', type: 'name', doc: 'The functional area of the instrument.' },
    entity: { path: '$.entity', type: 'name', doc: 'The entity the instrument belongs to.' },
    limit: { path: '$.limit', type: 'money', doc: 'The monetary limit (missing when unlimited).', absent: 'no limit' },
    'committee-review': { path: '$.committeeReview.above', type: 'money', doc: 'The committee-review threshold stated in the grant.', absent: 'no threshold' },
    'review-committee': { path: '$.committeeReview.committee', type: 'name', doc: 'The committee named for review.', absent: 'no committee' },
    depth: { path: '$.depth', type: 'number', doc: '1 for a delegation, 2 for its sub-delegations, …' },
    exclusive: { path: '$.exclusive', type: 'bool', doc: 'The authority is exclusive.' },
    ...delegateFields('$'),
  },
  instrument: {
    name: { path: '$.name', type: 'name', doc: 'The instrument.' },
    kind: { path: '$.kind', type: 'name', doc: 'delegation or sub-delegation.' },
    area: { path: '$.area', type: 'name', doc: 'The functional area.' },
    entity: { path: '$.entity', type: 'name', doc: 'The entity the instrument belongs to.' },
    'valid-from': { path: '$.validFrom', type: 'date', doc: 'First day in force.', absent: 'no start date' },
    'valid-to': { path: '$.validTo', type: 'date', doc: 'Last day in force (missing when open-ended).', absent: 'open-ended' },
    revoked: { path: '$.revokedOn', type: 'date', doc: 'Date of revocation.', absent: 'not revoked' },
    parent: { path: '$.parent.name', type: 'name', doc: 'The parent instrument.', absent: 'no parent' },
    depth: { path: '$.depth', type: 'number', doc: '1 for a delegation, 2 for its sub-delegations, …' },
    reports: { path: '$.reports', type: 'number', doc: 'Number of reporting duties.' },
    requires: { path: '$.requires', type: 'list', doc: 'Prerequisite trainings, inherited ones included.' },
    authorities: { path: '$.authorities', type: 'list', doc: 'Authorities granted.' },
    'may-sub-delegate': { path: '$.allowsSubDelegation', type: 'bool', doc: 'Further sub-delegation is allowed.' },
    ...delegateFields('$'),
  },
  holding: {
    instrument: { path: '$.instrument', type: 'name', doc: 'The instrument exercised.' },
    area: { path: '$.area', type: 'name', doc: 'Its functional area.' },
    entity: { path: '$.entity', type: 'name', doc: 'The entity it belongs to.' },
    authorities: { path: '$.authorities', type: 'list', doc: 'Authorities exercised.' },
    requires: { path: '$.requires', type: 'list', doc: 'Prerequisite trainings.' },
    person: { path: '$.person.name', type: 'name', doc: 'The person exercising it.' },
    'person.grade': { path: '$.person.grade', type: 'grade', doc: 'Their most senior grade.', absent: 'no grade' },
    'person.entity': { path: '$.person.entity', type: 'name', doc: 'Their entity.', absent: 'no entity' },
    'person.line': { path: '$.person.line', type: 'number', doc: 'The line of defence of their entity (the highest, for posts in several).' },
    'person.trainings': { path: '$.person.trainingsValid', type: 'list', doc: 'Trainings valid on the check date.' },
  },
  person: {
    name: { path: '$.name', type: 'name', doc: 'The person.' },
    grade: { path: '$.grade', type: 'grade', doc: 'Most senior grade on the check date.', absent: 'no grade' },
    posts: { path: '$.posts', type: 'list', doc: 'Posts held on the check date.' },
    functions: { path: '$.functions', type: 'list', doc: 'Function tags of those posts.' },
    entity: { path: '$.entity', type: 'name', doc: 'Their entity.', absent: 'no entity' },
    line: { path: '$.line', type: 'number', doc: 'Line of defence of their entity (the highest, for posts in several).' },
    trainings: { path: '$.trainings', type: 'list', doc: 'Trainings valid on the check date.' },
    duties: { path: '$.duties', type: 'list', doc: 'Duties in force on the check date.' },
  },
};

const OPERATOR_BY_TYPE: Record<FieldType, Partial<Record<string, string>>> = {
  money: { '>': 'moneyGreaterThan', '>=': 'moneyAtLeast', '<': 'moneyLessThan', '<=': 'moneyAtMost', '=': 'moneyEqual' },
  date: { '>': 'dateAfter', '>=': 'dateOnOrAfter', '<': 'dateBefore', '<=': 'dateOnOrBefore', '=': 'equal', '!=': 'notEqual' },
  grade: { '>': 'gradeAbove', '>=': 'gradeAtLeast', '<': 'gradeBelow', '<=': 'gradeAtMost', '=': 'equal', '!=': 'notEqual', in: 'in', 'not in': 'notIn' },
  number: { '>': 'greaterThan', '>=': 'greaterThanInclusive', '<': 'lessThan', '<=': 'lessThanInclusive', '=': 'equal', '!=': 'notEqual' },
  name: { '=': 'equal', '!=': 'notEqual', in: 'in', 'not in': 'notIn' },
  bool: { '=': 'equal', '!=': 'notEqual' },
  list: { contains: 'contains' },
};

class RuleCompileError extends Error {
  constructor(
    message: string,
    readonly range: Expr['range'],
  ) {
    super(message);
  }
}

function atomText(v: SyntaxValue | undefined): string | undefined {
  return v && v.kind !== 'list' ? v.text : undefined;
}

function literal(type: FieldType, values: SyntaxValue[], range: Expr['range'], listAllowed: boolean): unknown {
  const [first, second] = values;
  if (type === 'money') {
    const [cur, num] = first?.kind === 'number' ? [second, first] : [first, second];
    const amount = num?.kind === 'number' ? canonicalDecimal(num.text) : undefined;
    if (!cur || cur.kind !== 'ident' || !isCurrency(cur.text) || amount === undefined || values.length !== 2) {
      throw new RuleCompileError('Expected an amount such as USD 500,000', range);
    }
    return { amount, currency: cur.text };
  }
  if (listAllowed && first?.kind === 'list') {
    if (values.length !== 1) throw new RuleCompileError('Expected one list', range);
    return first.items.map((i) => scalar(type, i, i.range));
  }
  if (values.length !== 1 || !first) throw new RuleCompileError('Expected one value', range);
  return scalar(type, first, first.range);
}

function scalar(type: FieldType, v: SyntaxValue, range: Expr['range']): unknown {
  const text = atomText(v);
  if (text === undefined) throw new RuleCompileError('Expected a single value, not a list', range);
  switch (type) {
    case 'date':
      if (v.kind !== 'date' || !isValidDate(text)) throw new RuleCompileError(`Expected a date (YYYY-MM-DD), found '${text}'`, range);
      return text;
    case 'grade':
      if (!isGrade(text)) throw new RuleCompileError(`'${text}' is not a grade`, range);
      return text;
    case 'number':
      if (v.kind !== 'number') throw new RuleCompileError(`Expected a number, found '${text}'`, range);
      return Number(text.replace(/[,_]/g, ''));
    case 'bool':
      if (text !== 'true' && text !== 'false') throw new RuleCompileError("Expected 'true' or 'false'", range);
      return text === 'true';
    default:
      return text;
  }
}

function compileExpr(subject: RuleSubject, e: Expr): Condition {
  switch (e.kind) {
    case 'and':
      return { all: e.operands.map((o) => compileExpr(subject, o)) };
    case 'or':
      return { any: e.operands.map((o) => compileExpr(subject, o)) };
    case 'not':
      return { not: compileExpr(subject, e.operand) };
    case 'test':
    case 'compare': {
      const fields = RULE_FIELDS[subject];
      const field = Object.hasOwn(fields, e.field.text) ? fields[e.field.text] : undefined;
      if (!field) {
        const hint = closest(e.field.text, Object.keys(fields));
        throw new RuleCompileError(
          `Unknown field '${e.field.text}' for rules that apply to ${subject}${hint ? `; did you mean '${hint}'?` : `; fields: ${Object.keys(fields).join(', ')}`}`,
          e.field.range,
        );
      }
      if (e.kind === 'test') return { fact: subject, path: field.path, operator: 'isPresent', value: e.test === 'present' };
      if (field.type === 'money' && e.op === '!=') {
        return { not: { fact: subject, path: field.path, operator: 'moneyEqual', value: literal('money', e.value, e.range, false) } };
      }
      if (field.type === 'list' && (e.op === 'in' || e.op === 'not in')) {
        throw new RuleCompileError(`'${e.field.text}' is a list: use 'contains'`, e.range);
      }
      const operator = OPERATOR_BY_TYPE[field.type][e.op];
      if (!operator) throw new RuleCompileError(`'${e.op}' cannot be used with '${e.field.text}' (a ${field.type})`, e.range);
      const value = literal(field.type === 'list' ? 'name' : field.type, e.value, e.range, e.op === 'in' || e.op === 'not in');
      if ((e.op === 'in' || e.op === 'not in') && !Array.isArray(value)) throw new RuleCompileError(`'${e.op}' needs a list such as [a, b]`, e.range);
      return { fact: subject, path: field.path, operator, value };
    }
  }
}

/** Compiles the workspace's `rule` declarations; declarations that do not compile become problems. */
export function compileDslRules(rules: readonly RuleDecl[]): { definitions: RuleDefinition[]; problems: Array<Problem & { uri: string }> } {
  const definitions: RuleDefinition[] = [];
  const problems: Array<Problem & { uri: string }> = [];
  for (const r of rules) {
    if (!r.subject || !r.when) continue;
    const subject = r.subject.value;
    try {
      const conditions = compileExpr(subject, r.when);
      const params: RuleDefinition['event']['params'] = { messageId: 'custom' };
      const absent: Record<string, string> = {};
      for (const [name, spec] of Object.entries(RULE_FIELDS[subject])) {
        params[name] = { fact: subject, path: spec.path };
        if (spec.absent) absent[name] = spec.absent;
      }
      definitions.push({
        id: r.name,
        family: subject,
        // json-rules-engine wants `all`, `any` or `not` at the root: a single test is wrapped too.
        conditions:
          subject === 'grant' || subject === 'instrument'
            ? { all: [{ fact: subject, path: '$.inForce', operator: 'equal', value: true }, conditions] }
            : 'fact' in conditions
              ? { all: [conditions] }
              : conditions,
        event: { type: r.name, params },
        severity: r.severity?.value ?? 'warning',
        messages: { custom: r.message?.text ?? r.title ?? `Rule ${r.name} applies` },
        basis: r.basis.map((b) => b.text),
        ...(r.title ? { title: r.title } : {}),
        declaredAt: { uri: r.uri, range: r.nameRange },
        absent,
      });
    } catch (e) {
      if (!(e instanceof RuleCompileError)) throw e;
      problems.push({ code: 'invalid', severity: 'error', message: e.message, range: e.range, uri: r.uri });
    }
    // A placeholder that names no field would be printed as written in every finding.
    if (r.message) {
      const fields = Object.keys(RULE_FIELDS[subject]);
      for (const m of r.message.text.matchAll(PLACEHOLDER)) {
        if (fields.includes(m[1]!)) continue;
        const hint = closest(m[1]!, fields);
        problems.push({
          code: 'invalid',
          severity: 'warning',
          message: `The message has no field '${m[1]}' to put in {${m[1]}} for rules that apply to ${subject}${hint ? `; did you mean '{${hint}}'?` : `; fields: ${fields.join(', ')}`}`,
          range: r.message.range,
          uri: r.uri,
        });
      }
    }
  }
  return { definitions, problems };
}
