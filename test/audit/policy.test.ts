// The audit policy that the audit rules' documentation and tests run against
// (samples/audit/_policy/policy.doa, on top of samples/rules/_shared) is itself a clean policy, and
// maps the steps the tests use to its authorities and duties.
import { describe, expect, it } from 'vitest';
import { check } from '../../language/src/index.ts';
import { AuditIndex, buildAuditTables } from '../../language/src/audit/audit-index.ts';
import { policy } from './helpers.ts';

describe('the audit policy', () => {
  it('checks clean with the shared organisation on 2025-06-30', async () => {
    expect(await check(policy(), { asOf: '2025-06-30' })).toEqual([]);
  });

  it('maps each step that needs authority to one authority, and segregates the steps of its duties', () => {
    const index = new AuditIndex(buildAuditTables(policy().getModel()));
    expect(Object.fromEntries([...index.authorityForStep].map(([step, a]) => [step, a.name]))).toEqual({
      award: 'purchasing/award',
      amend: 'purchasing/award',
      'approve-requisition': 'purchasing/approve-requisition',
      certify: 'payments/certify',
      approve: 'payments/approve',
      pay: 'payments/sign',
      'approve-personnel-action': 'personnel/approve-action',
      'admin-leave-decision': 'personnel/admin-leave',
    });
    const pairs = [...index.incompatible].flatMap(([a, m]) => [...m.keys()].map((b) => `${a}+${b}`)).sort();
    expect(pairs).toEqual(
      [
        'approve+certify',
        'approve+pay',
        'approve-personnel-action+initiate-personnel-action',
        'certify+approve',
        'initiate-personnel-action+approve-personnel-action',
        'pay+approve',
        'receive+requisition',
        'requisition+receive',
      ].sort(),
    );
  });
});
