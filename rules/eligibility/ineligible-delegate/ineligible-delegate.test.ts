import { describe, expect, it } from 'vitest';
import { BASE, checkFiles, findingsOf } from '../../../language/src/testing/index.ts';

const ID = 'ineligible-delegate';

/** A senior procurement officer at exactly P-4, and an acting arrangement, beside the base organisation. */
const EXTRA = `post MSN-SPO "Senior Procurement Officer" { entity MSN; grade P-4; functions procurement }
person spo "Tomás Herrera" { holds MSN-SPO from 2023-04-01 }
person oic "Fatima Zahra Benali" { holds MSN-PO from 2024-01-01; holds MSN-SPO from 2024-01-01 to 2025-06-30 }
`;

function chain(eligibility: string, delegate: string): Record<string, string> {
  return {
    'base.doa': BASE,
    'extra.doa': EXTRA,
    'x.doa': `delegation DA-MSN-PROC "Procurement" {
  to MSN-HOM
  authority procurement/award-contract limit USD 1,000,000
  valid from 2024-01-01 to 2026-12-31
  may-sub-delegate ${eligibility}
  report "Use of procurement authority" to UNHQ every quarter
}
sub-delegation SD-MSN "Procurement" {
  under DA-MSN-PROC
  to ${delegate}
  authority procurement/award-contract limit USD 150,000
  valid from 2024-01-01 to 2026-12-31
  report "Awards made" to MSN-HOM every month
}
`,
  };
}

describe(ID, () => {
  it('reports a grade below the required one, at the delegate', async () => {
    expect(await findingsOf(ID, chain('grades P-4 and above', 'MSN-PO'))).toEqual([
      'x.doa:10:6 MSN-PO (P-3) may not receive SD-MSN: DA-MSN-PROC allows sub-delegation only to grades P-4 and above',
    ]);
  });

  it('counts the grade itself as "and above" (and "and below")', async () => {
    expect(await findingsOf(ID, chain('grades P-4 and above', 'MSN-SPO'))).toEqual([]);
    expect(await findingsOf(ID, chain('grades P-4 and above', 'MSN-CPO'))).toEqual([]);
    expect(await findingsOf(ID, chain('grades P-3 and below', 'MSN-PO'))).toEqual([]);
    expect(await findingsOf(ID, chain('grades P-3 and below', 'MSN-SPO'))).toHaveLength(1);
  });

  it('reads a list of grades', async () => {
    expect(await findingsOf(ID, chain('grades [P-4, P-5]', 'MSN-CPO'))).toEqual([]);
    expect(await findingsOf(ID, chain('grades [P-4, P-5]', 'MSN-DMS'))).toEqual([
      'x.doa:10:6 MSN-DMS (D-1) may not receive SD-MSN: DA-MSN-PROC allows sub-delegation only to grades P-4, P-5',
    ]);
  });

  it('restricts to posts', async () => {
    expect(await findingsOf(ID, chain('posts MSN-CPO, MSN-SPO', 'MSN-SPO'))).toEqual([]);
    expect(await findingsOf(ID, chain('posts MSN-CPO, MSN-SPO', 'MSN-PO'))).toEqual([
      'x.doa:10:6 MSN-PO (P-3) may not receive SD-MSN: DA-MSN-PROC allows sub-delegation only to posts MSN-CPO, MSN-SPO',
    ]);
  });

  it('restricts to functions', async () => {
    expect(await findingsOf(ID, chain('functions procurement', 'MSN-PO'))).toEqual([]);
    expect(await findingsOf(ID, chain('functions procurement', 'MSN-FA'))).toEqual([
      'x.doa:10:6 MSN-FA (G-5) may not receive SD-MSN: DA-MSN-PROC allows sub-delegation only to functions procurement',
    ]);
  });

  it('requires every condition given: grade and function', async () => {
    const both = 'grades P-4 and above functions procurement';
    expect(await findingsOf(ID, chain(both, 'MSN-CPO'))).toEqual([]);
    // D-1 is senior enough, but the Director of Mission Support's post carries finance and procurement: eligible.
    expect(await findingsOf(ID, chain(both, 'MSN-DMS'))).toEqual([]);
    // P-4 but an oversight post: the function fails.
    expect(await findingsOf(ID, chain(both, 'OVS-AUD'))).toEqual([
      'x.doa:10:6 OVS-AUD (P-4) may not receive SD-MSN: DA-MSN-PROC allows sub-delegation only to grades P-4 and above; functions procurement',
    ]);
  });

  it('judges a person with several posts post by post: no pooling of one post grade with another post function', async () => {
    const files = chain('grades P-4 and above functions procurement', 'dual');
    files['dual.doa'] = `post MSN-X1 "Senior finance post" { entity MSN; grade P-5; functions finance }
post MSN-X2 "Junior procurement post" { entity MSN; grade P-2; functions procurement }
person dual "Dual" { holds MSN-X1 from 2020-01-01; holds MSN-X2 from 2020-01-01 }
`;
    expect(await findingsOf(ID, files)).toEqual([
      'x.doa:10:6 dual (P-5) may not receive SD-MSN: DA-MSN-PROC allows sub-delegation only to grades P-4 and above; functions procurement',
    ]);
    // One of the posts meeting both is enough.
    files['dual.doa'] = files['dual.doa']!.replace('grade P-2; functions procurement', 'grade P-4; functions procurement');
    expect(await findingsOf(ID, files)).toEqual([]);
  });

  it('allows anyone under a plain may-sub-delegate', async () => {
    expect(await findingsOf(ID, chain('', 'MSN-FA'))).toEqual([]);
  });

  it('judges a person through the posts they hold on the check date', async () => {
    // Named directly: Kwame Mensah holds the P-3 post.
    expect(await findingsOf(ID, chain('grades P-4 and above', 'po'))).toEqual([
      'x.doa:10:6 po (P-3) may not receive SD-MSN: DA-MSN-PROC allows sub-delegation only to grades P-4 and above',
    ]);
    // Acting as Senior Procurement Officer until 2025-06-30 (inclusive): eligible that day, not the next.
    expect(await findingsOf(ID, chain('grades P-4 and above', 'oic'))).toEqual([]);
    expect(await findingsOf(ID, chain('grades P-4 and above', 'oic'), { asOf: '2025-07-01' })).toEqual([
      'x.doa:10:6 oic (P-3) may not receive SD-MSN: DA-MSN-PROC allows sub-delegation only to grades P-4 and above',
    ]);
  });

  it('is an error with the chain of the sub-delegation and its parent as related location', async () => {
    const f = (await checkFiles(chain('grades P-4 and above', 'MSN-PO'))).find((x) => x.ruleId === ID)!;
    expect(f.messageId).toBe('ineligible');
    expect(f.severity).toBe('error');
    expect(f.chain.map((c) => c.name)).toEqual(['SG', 'DA-MSN-PROC', 'SD-MSN']);
    expect(f.related.map((r) => r.message)).toEqual(['parent instrument DA-MSN-PROC']);
  });
});
