// What a formatter reads the findings from: any source it can pass over in order as often as it needs
// (an array of `doa check`'s findings; the file `doa audit` spools its findings to, read back a
// chunk at a time: finding-spool.ts), and their counts. A report that needs a number before the
// findings (JSON's summary, JUnit's failures, SARIF's rules) takes it from the counts, which a spool
// keeps as it is written, instead of reading every finding first.
import type { Finding, Severity } from '../../../language/src/index.ts';

/**
 * Findings in report order. Each pass (`[Symbol.iterator]()`) starts again from the first: a
 * generator, read once, is not one. `counts`, when given, are those of these findings.
 */
export interface Findings extends Iterable<Finding> {
  readonly counts?: FindingCounts;
}

export type SeverityCounts = Record<Severity, number>;

const none = (): SeverityCounts => ({ error: 0, warning: 0, info: 0 });

/** How many findings there are, of each severity, of each rule and in each file (both in order of first finding). */
export class FindingCounts {
  total = 0;
  readonly bySeverity = none();
  readonly byRule = new Map<string, SeverityCounts>();
  readonly byFile = new Map<string, SeverityCounts>();
  // The rules and files of each severity in order of their first finding of it, for `only`.
  private readonly firstOf = { error: new Set<string>(), warning: new Set<string>(), info: new Set<string>() };

  add(f: Pick<Finding, 'severity' | 'ruleId' | 'uri'>): void {
    this.total++;
    this.bySeverity[f.severity]++;
    this.firstOf[f.severity].add(`rule:${f.ruleId}`).add(`file:${f.uri}`);
    let rule = this.byRule.get(f.ruleId);
    if (!rule) this.byRule.set(f.ruleId, (rule = none()));
    rule[f.severity]++;
    let file = this.byFile.get(f.uri);
    if (!file) this.byFile.set(f.uri, (file = none()));
    file[f.severity]++;
  }

  /** The counts of the findings of one severity only (`--quiet`), as counting those alone would give them. */
  only(severity: Severity): FindingCounts {
    const kept = new FindingCounts();
    kept.total = kept.bySeverity[severity] = this.bySeverity[severity];
    for (const key of this.firstOf[severity]) {
      kept.firstOf[severity].add(key);
      const [kind, name] = [key.slice(0, 5), key.slice(5)];
      if (kind === 'rule:') kept.byRule.set(name, { ...none(), [severity]: this.byRule.get(name)![severity] });
      else kept.byFile.set(name, { ...none(), [severity]: this.byFile.get(name)![severity] });
    }
    return kept;
  }
}

/** The counts of `findings`: those they come with, else counted in one pass. */
export function countsOf(findings: Findings): FindingCounts {
  if (findings.counts) return findings.counts;
  const counts = new FindingCounts();
  for (const f of findings) counts.add(f);
  return counts;
}

/** The findings that `keep` accepts, in order, as a source of their own (each pass reads `findings` again). */
export function where(findings: Findings, keep: (f: Finding) => boolean, counts?: FindingCounts): Findings {
  return {
    *[Symbol.iterator]() {
      for (const f of findings) if (keep(f)) yield f;
    },
    ...(counts ? { counts } : {}),
  };
}

/**
 * The findings of each file, files in order of their first finding. An array is grouped in one pass
 * (its findings are in memory anyway); another source is passed over once per file read, so that
 * its findings are never all held at once.
 */
export function byFile(findings: Findings): Map<string, Findings> {
  const groups = new Map<string, Findings>();
  if (Array.isArray(findings)) {
    for (const f of findings as readonly Finding[]) {
      let list = groups.get(f.uri) as Finding[] | undefined;
      if (!list) groups.set(f.uri, (list = []));
      list.push(f);
    }
  } else {
    for (const uri of countsOf(findings).byFile.keys()) groups.set(uri, where(findings, (f) => f.uri === uri));
  }
  return groups;
}
