// Suppressions as audit records, written as comments:
//
//   // doa-disable-next-line conflict-of-interest -- recusal recorded in memo 2025/14
//   // doa-disable-next-line expired-instrument until 2025-09-30 -- renewal in signature
//   // doa-disable missing-reporting-duty -- whole file: reporting set by the parent framework
//
// A suppression needs a reason after `--`; without one it is itself a finding. `until` makes it
// expire after that date (compared with the check date), and the finding returns. A suppression
// that silences nothing is reported as unused. Suppressed findings are kept, with the
// justification, for reports that record them (SARIF `suppressions`).
import type { Comment } from '../syntax/syntax-tree.ts';
import type { Finding } from './types.ts';
import { plainRange } from '../syntax/source-range.ts';
import { isValidDate } from '../values/dates.ts';

export const INVALID_SUPPRESSION = 'invalid-suppression';
export const UNUSED_SUPPRESSION = 'unused-suppression';

export interface Suppression {
  kind: 'next-line' | 'file';
  ruleIds: string[];
  justification: string;
  until?: string;
  uri: string;
  comment: Comment;
  /**
   * The lines (0-based, inclusive) a next-line suppression covers: the next line, or the whole
   * declaration that starts on it (its findings sit on the lines inside, at a `to` or a `valid`).
   */
  line?: number;
  endLine?: number;
}

export interface SuppressionRecord {
  kind: 'next-line' | 'file';
  justification: string;
  until?: string;
  uri: string;
  range: Comment['range'];
}

/** The findings about suppressions themselves, which no suppression may silence (their severity is set in the configuration or with --rule). */
const CHECKER_OWN = new Set([INVALID_SUPPRESSION, UNUSED_SUPPRESSION]);

const DIRECTIVE = /^\/[/*]\s*doa-(disable-next-line|disable)\b(.*?)(?:\*\/)?\s*$/s;

function problem(uri: string, c: Comment, messageId: string, message: string): Finding {
  return {
    ruleId: INVALID_SUPPRESSION,
    messageId,
    severity: 'warning',
    message,
    uri,
    range: plainRange(c.range),
    related: [],
    chain: [],
    basis: [],
    subject: { family: 'declaration', id: `${uri}:${c.range.start.offset}` },
    data: {},
  };
}

/** Reads the suppression directives of a document's comments; malformed ones become findings. */
export function readSuppressions(
  uri: string,
  comments: readonly Comment[],
  knownRuleIds: ReadonlySet<string>,
  /** The last line of each top-level declaration, by its first line (0-based): asked only of a file with a next-line suppression. */
  declarationEnds: () => ReadonlyMap<number, number> = () => new Map(),
): { suppressions: Suppression[]; problems: Finding[] } {
  let ends: ReadonlyMap<number, number> | undefined;
  const suppressions: Suppression[] = [];
  const problems: Finding[] = [];
  for (const c of comments) {
    const m = DIRECTIVE.exec(c.text);
    if (!m) continue;
    const kind = m[1] === 'disable-next-line' ? 'next-line' : 'file';
    const [head, ...reasonParts] = m[2]!.split('--');
    const justification = reasonParts.join('--').trim();
    const words = head!.trim().split(/[\s,]+/).filter(Boolean);
    let until: string | undefined;
    const untilAt = words.indexOf('until');
    if (untilAt >= 0) {
      until = words[untilAt + 1];
      words.splice(untilAt, 2);
      if (!until || !isValidDate(until)) {
        problems.push(problem(uri, c, 'badDate', `'until' needs a date such as 2025-12-31 in this suppression`));
        continue;
      }
    }
    if (!words.length) {
      problems.push(problem(uri, c, 'noRule', 'A suppression names the rule it silences, e.g. doa-disable-next-line expired-instrument -- reason'));
      continue;
    }
    const own = words.filter((w) => CHECKER_OWN.has(w));
    if (own.length) {
      const list = own.map((u) => `'${u}'`).join(', ');
      problems.push(problem(uri, c, 'unknownRule', `${list} cannot be silenced by a suppression: ${own.length === 1 ? 'it reports' : 'they report'} on the suppressions themselves`));
      continue;
    }
    const unknown = words.filter((w) => !knownRuleIds.has(w));
    if (unknown.length) {
      problems.push(problem(uri, c, 'unknownRule', `Unknown rule ${unknown.map((u) => `'${u}'`).join(', ')} in this suppression`));
      continue;
    }
    if (!justification) {
      problems.push(problem(uri, c, 'noReason', `A suppression is an audit record: give the reason after '--', e.g. -- approved by the Controller, memo 2025/14`));
      continue;
    }
    const s: Suppression = { kind, ruleIds: words, justification, uri, comment: c };
    if (until) s.until = until;
    if (kind === 'next-line') {
      s.line = c.range.end.line + 1;
      s.endLine = (ends ??= declarationEnds()).get(s.line) ?? s.line;
    }
    suppressions.push(s);
  }
  return { suppressions, problems };
}

/**
 * Splits findings into active and suppressed; reports suppressions that silenced nothing. An expired
 * suppression (`until` before the check date) silences nothing and is not reported as unused: the
 * findings it covered simply return.
 */
export function applySuppressions(
  findings: readonly Finding[],
  suppressions: readonly Suppression[],
  asOf: string,
): { active: Finding[]; suppressed: Array<Finding & { suppression: SuppressionRecord }>; unused: Finding[] } {
  const active: Finding[] = [];
  const suppressed: Array<Finding & { suppression: SuppressionRecord }> = [];
  const used = new Set<Suppression>();
  const live = suppressions.filter((s) => !s.until || asOf <= s.until);
  for (const f of findings) {
    const line = f.range.start.line;
    const s = live.find((x) => x.uri === f.uri && x.ruleIds.includes(f.ruleId) && (x.kind === 'file' || (x.line! <= line && line <= (x.endLine ?? x.line!))));
    if (!s) {
      active.push(f);
      continue;
    }
    used.add(s);
    const record: SuppressionRecord = { kind: s.kind, justification: s.justification, uri: s.uri, range: s.comment.range };
    if (s.until) record.until = s.until;
    suppressed.push({ ...f, suppression: record });
  }
  const unused = live
    .filter((s) => !used.has(s))
    .map<Finding>((s) => ({
      ruleId: UNUSED_SUPPRESSION,
      messageId: 'unused',
      severity: 'warning',
      message: `This suppression of ${s.ruleIds.join(', ')} silences nothing: remove it`,
      uri: s.uri,
      range: plainRange(s.comment.range),
      related: [],
      chain: [],
      basis: [],
      subject: { family: 'declaration', id: `${s.uri}:${s.comment.range.start.offset}` },
      data: {},
    }));
  return { active, suppressed, unused };
}
