// audit-segregation-of-duties: one person performed two steps of one transaction that segregated
// duties keep apart. The steps of each duty are declared in the policy (`duty … { steps … }`); the
// audit policy segregates certify/approve, approve/pay, requisition/receive and
// initiate-personnel-action/approve-personnel-action.
import { describe, expect, it } from 'vitest';
import { audit, chainText, csv } from '../../../test/audit/helpers.ts';

const ID = 'audit-segregation-of-duties';

describe(ID, () => {
  it('reports the second step, at its line, with the first as related location', async () => {
    const r = await audit(csv('T-1,2025-06-01,certify,dms,100,USD,MSN,A-1,,,', 'T-1,2025-06-02,approve,dms,100,USD,MSN,A-1,,,'));
    expect(r.brief).toEqual([`${ID}@3: Jean-François Dubois performed both certify (line 2) and approve of transaction T-1, which sod-certify-approve (Certifying and approving) keeps apart`]);
    const f = r.findings[0]!;
    expect(f).toMatchObject({ messageId: 'both', severity: 'error', subject: { family: 'stepPair', id: 'T-1/certify (line 2)+approve (line 3)' } });
    expect(f.related.map((x) => `${x.range.start.line + 1} ${x.message}`)).toEqual(['2 certify by the same person']);
    // The chain of the delegation used for the second step.
    expect(chainText(f)).toBe('Secretary-General → DA-MSN-PAY → SD-MSN-PAY-DMS');
    // Each step on its own was properly authorised.
    expect(r.summary).toMatchObject({ stepsNeedingAuthority: 2, stepsProperlyAuthorised: 2, findingsByRule: { [ID]: 1 } });
  });

  it('gives each pair a subject of its own, with its lines, when a step is repeated', async () => {
    const r = await audit(csv('T-1,2025-06-01,certify,dms,100,USD,MSN,A-1,,,', 'T-1,2025-06-02,certify,dms,100,USD,MSN,A-1,,,', 'T-1,2025-06-03,approve,dms,100,USD,MSN,A-1,,,'));
    expect(r.findings.filter((f) => f.ruleId === ID).map((f) => f.subject.id)).toEqual(['T-1/certify (line 2)+approve (line 4)', 'T-1/certify (line 3)+approve (line 4)']);
  });

  it('does not depend on the order of the steps or on their dates', async () => {
    const r = await audit(csv('T-1,2025-06-02,approve,dms,100,USD,MSN,A-1,,,', 'T-1,2025-06-01,certify,dms,100,USD,MSN,A-1,,,'));
    expect(r.brief).toEqual([`${ID}@3: Jean-François Dubois performed both approve (line 2) and certify of transaction T-1, which sod-certify-approve (Certifying and approving) keeps apart`]);
  });

  it('passes the same steps by two people, on two transactions, or the same step twice', async () => {
    const r = await audit(
      csv(
        'T-1,2025-06-01,certify,dms,100,USD,MSN,A-1,,,',
        'T-1,2025-06-02,approve,hom,100,USD,MSN,A-1,,,',
        'T-2,2025-06-01,certify,dms,100,USD,MSN,A-1,,,',
        'T-3,2025-06-02,approve,dms,100,USD,MSN,A-1,,,',
        'T-4,2025-06-01,certify,dms,100,USD,MSN,A-1,,,',
        'T-4,2025-06-03,certify,dms,100,USD,MSN,A-1,,,',
      ),
    );
    expect(r.brief).toEqual([]);
  });

  it('covers steps that need no authority, such as requisition and receipt', async () => {
    const r = await audit(csv('T-1,2025-06-01,requisition,fa,100,USD,MSN,,,,', 'T-1,2025-06-20,receive,fa,,,MSN,,,,'));
    expect(r.brief).toEqual([`${ID}@3: Olga Petrova performed both requisition (line 2) and receive of transaction T-1, which sod-requisition-receipt (Requisitioning and receiving) keeps apart`]);
  });

  it('reports every incompatible pair, besides the one per-step cause of each step', async () => {
    const r = await audit(
      csv(
        'T-1,2025-06-01,initiate-personnel-action,hom,,,MSN,,,,',
        'T-2,2025-06-01,certify,dms,100,USD,MSN,A-1,,,',
        'T-2,2025-06-02,approve,dms,100,USD,MSN,A-1,,,',
        'T-2,2025-06-03,pay,dms,100,USD,MSN,A-1,,,',
        'T-1,2025-06-02,approve-personnel-action,hom,,,MSN,,,,',
      ),
    );
    expect(r.brief).toEqual([
      `${ID}@4: Jean-François Dubois performed both certify (line 3) and approve of transaction T-2, which sod-certify-approve (Certifying and approving) keeps apart`,
      // The Director holds no signing authority: that is the step's own cause.
      'audit-no-delegation@5: Jean-François Dubois performed pay (payments/sign) on 2025-06-03 without any delegation of it in MSN: undelegated matters are reserved to the Secretary-General',
      `${ID}@5: Jean-François Dubois performed both approve (line 4) and pay of transaction T-2, which sod-approve-sign (Approving and signing payments) keeps apart`,
      `${ID}@6: Amina Haddad performed both initiate-personnel-action (line 2) and approve-personnel-action of transaction T-1, which sod-personnel-action (Initiating and approving personnel actions) keeps apart`,
    ]);
    // certify and pay are not kept apart by any segregation.
    expect(r.summary.findingsByRule).toEqual({ [ID]: 3, 'audit-no-delegation': 1 });
  });

  it('is off with --rule audit-segregation-of-duties=off', async () => {
    const r = await audit(csv('T-1,2025-06-01,certify,dms,100,USD,MSN,A-1,,,', 'T-1,2025-06-02,approve,dms,100,USD,MSN,A-1,,,'), { rule: { [ID]: 'off' } });
    expect(r.brief).toEqual([]);
  });
});
