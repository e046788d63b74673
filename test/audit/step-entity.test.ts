// A step that names an entity is covered only by delegations whose chain is in that entity: the
// entity of the chain's root post (compared by the tables' entity codes), or, for a chain that
// starts with a person, that of the post the person holds on the step's day (compared by name). An
// entity the policy does not declare matches no chain.
import { describe, expect, it } from 'vitest';
import { audit, csv, only } from './helpers.ts';

// The auditor holds a payment authority in person; her post is in OVS until the end of 2024, then
// in MSN.
const PERSONAL = `
post MSN-AUD "Resident Auditor" { entity MSN; grade P-4; functions oversight }
person aud2 "Nadia Okafor" { holds OVS-AUD from 2018-01-01 to 2024-12-31; holds MSN-AUD from 2025-01-01 }
delegation DA-AUD2-PAY "Payment authority of the resident auditor" {
  to aud2
  area payments
  authority payments/sign limit USD 10,000
  valid from 2020-01-01
}
`;

describe('the entity of a step', () => {
  it('is matched against the entity of the chain, by post or by the root person\'s post on the day', async () => {
    const r = await audit(
      csv(
        'T-1,2025-06-10,pay,fa,100,USD,MSN,A1,,,', // the Finance Assistant's chain is in MSN
        'T-2,2025-06-10,pay,fa,100,USD,OVS,A1,,,', // not in OVS
        'T-3,2025-06-10,pay,fa,100,USD,NOWHERE,A1,,,', // an entity the policy does not declare
        'T-4,2024-06-10,pay,aud2,100,USD,OVS,A1,,,', // her post in 2024 is in OVS
        'T-5,2024-06-10,pay,aud2,100,USD,MSN,A1,,,', // …not in MSN
        'T-6,2025-06-10,pay,aud2,100,USD,MSN,A1,,,', // in 2025 it is in MSN
        'T-7,2025-06-10,pay,aud2,100,USD,OVS,A1,,,',
        'T-8,2025-06-10,pay,aud2,100,USD,NOWHERE,A1,,,',
        'T-9,2025-06-10,pay,aud2,100,USD,,A1,,,', // no entity: any chain
      ),
      { extra: { 'personal.doa': PERSONAL } },
    );
    const lines = only('audit-no-delegation', r).map((f) => Number(/@(\d+):/.exec(f)![1]));
    // Lines 1-based, the header first.
    expect(lines).toEqual([3, 4, 6, 8, 9]);
  });
});
