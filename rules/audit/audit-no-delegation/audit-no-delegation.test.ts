// audit-no-delegation: closed world. A step that exercises an authority, by someone who holds no
// delegation of it on that date (in the record's entity when it names one), is reserved to the root.
import { describe, expect, it } from 'vitest';
import { audit, chainText, csv } from '../../../test/audit/helpers.ts';

const ID = 'audit-no-delegation';

describe(ID, () => {
  it('reports a step that needs authority, by someone who holds no delegation of it, at its line', async () => {
    const r = await audit(csv('T-1,2025-05-10,award,fa,100,USD,MSN,,savanna-supplies,,', 'T-2,2025-05-10,award,fa,100,USD,,,,,'));
    expect(r.brief).toEqual([
      `${ID}@2: Olga Petrova performed award (purchasing/award) on 2025-05-10 without any delegation of it in MSN: undelegated matters are reserved to the Secretary-General`,
      `${ID}@3: Olga Petrova performed award (purchasing/award) on 2025-05-10 without any delegation of it: undelegated matters are reserved to the Secretary-General`,
    ]);
    const f = r.findings[0]!;
    expect(f).toMatchObject({ messageId: 'none', severity: 'error', subject: { family: 'transaction', id: 'T-1/award/line 2' } });
    expect(f.range.start).toEqual({ line: 1, character: 0, offset: 0 });
    // Nothing covers the step, so there is no chain: the matter stays with the root.
    expect(f.chain).toEqual([]);
    expect(f.related).toEqual([]);
    expect(f.basis).toEqual(['ST/SGB/2019/2 §1.3 (matters not delegated are reserved to the Secretary-General)']);
  });

  it('reports an actor who is not a person of the policy', async () => {
    const r = await audit(csv('T-1,2025-05-10,certify,jdoe,100,USD,MSN,,,,'));
    expect(r.brief).toEqual([`${ID}@2: jdoe performed certify (payments/certify) on 2025-05-10 but is not a person declared in the policy`]);
    expect(r.findings[0]!.messageId).toBe('unknownActor');
  });

  it('looks only at delegations of the entity the record names', async () => {
    // The Director's purchasing authority comes from the head of the Test Mission, not of CMP.
    const r = await audit(csv('T-1,2025-05-10,award,dms,100,USD,CMP,,,,', 'T-2,2025-05-10,award,dms,100,USD,MSN,,,,', 'T-3,2025-05-10,award,dms,100,USD,,,,,'));
    expect(r.brief).toEqual([
      `${ID}@2: Jean-François Dubois performed award (purchasing/award) on 2025-05-10 without any delegation of it in CMP: undelegated matters are reserved to the Secretary-General`,
    ]);
  });

  it('follows the posts a person holds on the date, both ends inclusive', async () => {
    const extra = { 'people.doa': 'person interim "Joseph Lado" { holds MSN-PO from 2025-03-01 to 2025-03-31 }\n' };
    const r = await audit(
      csv(
        'T-1,2025-02-28,award,interim,100,USD,MSN,,,,',
        'T-2,2025-03-01,award,interim,100,USD,MSN,,,,',
        'T-3,2025-03-31,award,interim,100,USD,MSN,,,,',
        'T-4,2025-04-01,award,interim,100,USD,MSN,,,,',
      ),
      { extra },
    );
    expect(r.brief).toEqual([
      `${ID}@2: Joseph Lado performed award (purchasing/award) on 2025-02-28 without any delegation of it in MSN: undelegated matters are reserved to the Secretary-General`,
      `${ID}@5: Joseph Lado performed award (purchasing/award) on 2025-04-01 without any delegation of it in MSN: undelegated matters are reserved to the Secretary-General`,
    ]);
  });

  it('lets the holder of the root post act without any delegation: the matter is reserved to them', async () => {
    const extra = { 'sg.doa': 'person sg "Ana Lucía Fernández" { holds SG from 2022-01-01 }\n' };
    const r = await audit(csv('T-1,2025-05-10,award,sg,100,USD,,,,,', 'T-2,2021-12-31,award,sg,100,USD,,,,,'), { extra });
    // Before taking office she is one more person without a delegation.
    expect(r.brief).toEqual([
      `${ID}@3: Ana Lucía Fernández performed award (purchasing/award) on 2021-12-31 without any delegation of it: undelegated matters are reserved to the Secretary-General`,
    ]);
  });

  it('ignores steps that need no authority: the steps no authority of the catalogue lists', async () => {
    const r = await audit(csv('T-1,2025-05-10,requisition,fa,100,USD,MSN,,,,', 'T-2,2025-05-10,receive,jdoe,,,MSN,,,,', 'T-3,2025-05-10,initiate-personnel-action,po,,,,,,,'));
    expect(r.brief).toEqual([]);
    expect(r.summary).toMatchObject({ checked: 3, stepsNeedingAuthority: 0, stepsProperlyAuthorised: 0 });
  });

  it('is the one cause reported for the step, before any other', async () => {
    // Above every limit, above the committee threshold with no review, with a vendor in conflict:
    // without a delegation none of that is judged.
    const extra = { 'p.doa': 'person clerk "Joseph Lado" { holds MSN-FA from 2020-01-01; conflict-of-interest "Owns shares" vendor savanna-supplies }\n' };
    const r = await audit(csv('T-1,2025-05-10,award,clerk,5000000,EUR,MSN,,savanna-supplies,,'), { extra });
    expect(r.brief).toEqual([
      `${ID}@2: Joseph Lado performed award (purchasing/award) on 2025-05-10 without any delegation of it in MSN: undelegated matters are reserved to the Secretary-General`,
    ]);
    expect(r.summary).toMatchObject({ stepsNeedingAuthority: 1, stepsProperlyAuthorised: 0 });
  });

  it('passes a step covered by a delegation in force, with the chain of the delegation used', async () => {
    const r = await audit(csv('T-1,2025-05-10,award,po,100,USD,MSN,,,,'));
    expect(r.brief).toEqual([]);
    expect(r.summary).toMatchObject({ stepsNeedingAuthority: 1, stepsProperlyAuthorised: 1 });
    // The chain a finding would carry: a step over the limit by the same person.
    const over = await audit(csv('T-1,2025-05-10,award,po,150000.01,USD,MSN,,,,'));
    expect(over.findings.map(chainText)).toEqual(['Secretary-General → DA-MSN-PUR → SD-MSN-PUR-DMS → SD-MSN-PUR-PO']);
  });
});
