import { describe, expect, it } from 'vitest';
import { BASE, checkFiles, findingsOf } from '../../../language/src/testing/index.ts';

const ID = 'segregation-of-duties';

const DUTIES = `duty certifying-officer "Certifying officer" { area finance }
duty approving-officer "Approving officer" { area finance }
duty bank-signatory "Bank signatory" { area finance }
`;

/** Line 4 onwards is the segregation, then the person's duties one per line from line 9. */
function sod(scope: string, duties: string[], extra = ''): Record<string, string> {
  return {
    'base.doa': BASE,
    'sod.doa': `${DUTIES}segregation SOD-CERT-APPR "Certifying and approving officers" {
  duties certifying-officer, approving-officer
  scope ${scope}${extra}
}
person fa2 "أحمد الفارسي" {
  holds MSN-FA from 2023-01-01
${duties.map((d) => `  duty ${d}`).join('\n')}
}
`,
  };
}

describe(ID, () => {
  it('reports certifying and approving on the same account, at the second duty of the pair', async () => {
    expect(await findingsOf(ID, sod('account', ['certifying-officer for account "MSN-2025-OPS"', 'approving-officer for account "MSN-2025-OPS"']))).toEqual([
      'sod.doa:11:3 أحمد الفارسي holds both certifying-officer and approving-officer on account MSN-2025-OPS, which SOD-CERT-APPR (Certifying and approving officers) declares incompatible',
    ]);
  });

  it('points at the clashing duty even when it comes first, and relates every duty on the scope', async () => {
    const findings = await checkFiles(
      sod('account', ['approving-officer for account "MSN-2025-OPS"', 'certifying-officer for account "MSN-2025-OPS"', 'bank-signatory for account "MSN-2025-OPS"']),
    );
    const f = findings.filter((x) => x.ruleId === ID);
    expect(f).toHaveLength(1);
    expect(f[0]!.messageId).toBe('conflict');
    expect(f[0]!.severity).toBe('error');
    expect(f[0]!.range.start.line + 1).toBe(10);
    expect(f[0]!.related.map((r) => `${r.range.start.line + 1} ${r.message}`)).toEqual([
      '10 approving-officer for account MSN-2025-OPS',
      '11 certifying-officer for account MSN-2025-OPS',
      '12 bank-signatory for account MSN-2025-OPS',
    ]);
    expect(f[0]!.basis).toEqual(['A/72/773 Annex I §13', 'Financial Rules 105.5 and 105.6']);
  });

  it('does not clash on different accounts under scope account, but does under scope any', async () => {
    const duties = ['certifying-officer for account "MSN-2025-OPS"', 'approving-officer for account "MSN-2025-TRV"'];
    expect(await findingsOf(ID, sod('account', duties))).toEqual([]);
    expect(await findingsOf(ID, sod('any', duties))).toEqual([
      'sod.doa:11:3 أحمد الفارسي holds both certifying-officer and approving-officer at the same time, which SOD-CERT-APPR (Certifying and approving officers) declares incompatible',
    ]);
  });

  it('applies a duty with no account to every account', async () => {
    expect(await findingsOf(ID, sod('account', ['certifying-officer for account "MSN-2025-OPS"', 'approving-officer']))).toEqual([
      'sod.doa:11:3 أحمد الفارسي holds both certifying-officer and approving-officer on account MSN-2025-OPS, which SOD-CERT-APPR (Certifying and approving officers) declares incompatible',
    ]);
    expect(await findingsOf(ID, sod('account', ['certifying-officer', 'approving-officer']))).toEqual([
      'sod.doa:11:3 أحمد الفارسي holds both certifying-officer and approving-officer on every account, which SOD-CERT-APPR (Certifying and approving officers) declares incompatible',
    ]);
    // An entity-wide duty is not tied to an account either.
    expect(await findingsOf(ID, sod('account', ['certifying-officer for entity MSN', 'approving-officer for account "MSN-2025-OPS"']))).toHaveLength(1);
  });

  it('under scope entity, compares the entity of each duty (the post’s entity when none is given)', async () => {
    expect(await findingsOf(ID, sod('entity', ['certifying-officer for entity MSN', 'approving-officer for entity OVS']))).toEqual([]);
    expect(await findingsOf(ID, sod('entity', ['certifying-officer for entity MSN', 'approving-officer for account "MSN-2025-OPS"']))).toEqual([
      'sod.doa:11:3 أحمد الفارسي holds both certifying-officer and approving-officer in MSN, which SOD-CERT-APPR (Certifying and approving officers) declares incompatible',
    ]);
    // Different accounts of the same entity clash under scope entity.
    expect(await findingsOf(ID, sod('entity', ['certifying-officer for account "A-1"', 'approving-officer for account "A-2"']))).toHaveLength(1);
  });

  it('counts only duties in force on the check date (dates inclusive)', async () => {
    const clash = (approving: string) => findingsOf(ID, sod('account', ['certifying-officer', `approving-officer ${approving}`]));
    expect(await clash('from 2025-06-30')).toHaveLength(1);
    expect(await clash('from 2025-07-01')).toEqual([]);
    expect(await clash('from 2024-01-01 to 2025-06-30')).toHaveLength(1);
    expect(await clash('from 2024-01-01 to 2025-06-29')).toEqual([]);
    expect(await clash('to 2025-06-29')).toEqual([]);
    // The same duties checked on another date.
    expect(await findingsOf(ID, sod('account', ['certifying-officer', 'approving-officer from 2025-07-01']), { asOf: '2025-07-01' })).toHaveLength(1);
  });

  it('does not report duties that no segregation declares incompatible, nor different people', async () => {
    expect(await findingsOf(ID, sod('any', ['certifying-officer', 'bank-signatory']))).toEqual([]);
    const files = sod('any', ['certifying-officer']);
    files['other.doa'] = 'person fa3 "Chen Wei 陈伟" { holds MSN-FA from 2024-01-01; duty approving-officer }\n';
    expect(await findingsOf(ID, files)).toEqual([]);
  });

  it('reports every incompatible pair of a segregation of three duties', async () => {
    const files = {
      'base.doa': BASE,
      'sod.doa': `${DUTIES}segregation SOD-FIN "Finance roles" { duties certifying-officer, approving-officer, bank-signatory; scope any }
person cashier "Ольга Смирнова" {
  holds MSN-FA from 2019-01-01
  duty certifying-officer
  duty approving-officer
  duty bank-signatory
}
`,
    };
    expect(await findingsOf(ID, files)).toEqual([
      'sod.doa:8:3 Ольга Смирнова holds both certifying-officer and approving-officer at the same time, which SOD-FIN (Finance roles) declares incompatible',
      'sod.doa:9:3 Ольга Смирнова holds both approving-officer and bank-signatory at the same time, which SOD-FIN (Finance roles) declares incompatible',
      'sod.doa:9:3 Ольга Смирнова holds both certifying-officer and bank-signatory at the same time, which SOD-FIN (Finance roles) declares incompatible',
    ]);
  });

  it("carries the segregation's own severity, message and basis", async () => {
    const extra = `
  severity warning
  message "{person} may not certify and approve {scope}"
  basis "ST/AI/2004/1"`;
    const findings = await checkFiles(sod('account', ['certifying-officer for account "MSN-2025-OPS"', 'approving-officer for account "MSN-2025-OPS"'], extra));
    const f = findings.filter((x) => x.ruleId === ID);
    expect(f.map((x) => [x.messageId, x.severity, x.message, x.basis])).toEqual([
      ['declared', 'warning', 'أحمد الفارسي may not certify and approve on account MSN-2025-OPS', ['ST/AI/2004/1']],
    ]);
  });
});
