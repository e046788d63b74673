// Test helpers shipped with the core (as Langium ships `langium/test`): build a workspace from
// inline files and check it.
import { Workspace } from '../workspace/workspace.ts';
import { check } from '../index.ts';
import type { Finding } from '../check/types.ts';
import type { CheckOptions } from '../check/check.ts';

export const TEST_AS_OF = '2025-06-30';

/** Checks inline files (name → text) as one workspace; uris are `memory:///<name>`. */
export async function checkFiles(files: Record<string, string>, options: CheckOptions = {}): Promise<Finding[]> {
  const ws = new Workspace(Object.entries(files).map(([name, text]) => [`memory:///${name}`, text]));
  return check(ws, { asOf: TEST_AS_OF, ...options });
}

/** Findings of one rule, as `line:column message` strings (1-based), easy to compare in tests. */
export async function findingsOf(ruleId: string, files: Record<string, string>, options: CheckOptions = {}): Promise<string[]> {
  const findings = await checkFiles(files, options);
  return findings.filter((f) => f.ruleId === ruleId).map(brief);
}

export function brief(f: Finding): string {
  const file = f.uri.replace(/^memory:\/\/\//, '');
  return `${file}:${f.range.start.line + 1}:${f.range.start.character + 1} ${f.message}`;
}

/**
 * A small, clean organisation that rule tests extend: the root, two entities, posts, people,
 * the catalogue of areas and authorities, trainings and duties. It checks clean on TEST_AS_OF.
 */
export const BASE = `
post SG "Secretary-General" { entity UNHQ; grade SG; root }
entity UNHQ "United Nations Headquarters" { line 1 }
entity MSN "United Nations Test Mission" { parent UNHQ; line 1; kind mission; head MSN-HOM }
entity OVS "Office of Oversight" { parent UNHQ; line 3 }
post MSN-HOM "Head of Mission" { entity MSN; grade USG; functions head-of-entity }
post MSN-DMS "Director of Mission Support" { entity MSN; grade D-1; functions finance, procurement }
post MSN-CPO "Chief Procurement Officer" { entity MSN; grade P-5; functions procurement }
post MSN-PO "Procurement Officer" { entity MSN; grade P-3; functions procurement }
post MSN-FA "Finance Assistant" { entity MSN; grade G-5; functions finance }
post OVS-AUD "Auditor" { entity OVS; grade P-4; functions oversight }
person hom "Amina Haddad" { holds MSN-HOM from 2020-01-01 }
person dms "Jean-François Dubois" { holds MSN-DMS from 2020-01-01; training proc-fundamentals completed 2021-03-01 }
person cpo "李娜" { holds MSN-CPO from 2021-01-01; training proc-fundamentals completed 2021-02-01 }
person po "Kwame Mensah" { holds MSN-PO from 2022-01-01 }
person fa "Olga Petrova" { holds MSN-FA from 2019-01-01 }
person aud "María José García" { holds OVS-AUD from 2018-01-01 }
training proc-fundamentals "Procurement Fundamentals" { kind course }
area procurement "Procurement" {
  authority award-contract "Award a contract"
  authority approve-requisition "Approve a requisition"
}
area finance "Budget and finance" {
  authority certify "Certify expenditure"
  authority approve "Approve payment"
}
`;
