// The outcomes of a chunk as audit workers send them (language/src/audit/outcome-wire.ts): what the
// main thread reads back is what was written, record by record and in order, whether the step, the
// entity and the actor are known to the tables (sent by code) or not (sent as texts), with awards,
// fired rules and rejected records in between. The whole audit is held to one thread by jobs.test.ts.
import { describe, expect, it } from 'vitest';
import type { AuditTables } from '../../language/src/audit/audit-index.ts';
import type { StepOutcome, TransactionFacts } from '../../language/src/audit/auditor.ts';
import type { Finding } from '../../language/src/check/types.ts';
import { WireReader, WireWriter } from '../../language/src/audit/outcome-wire.ts';
import type { RejectedRecord, TransactionRecord } from '../../language/src/audit/record.ts';

// Only what the wire reads of the tables.
const tables = {
  steps: ['approve', 'pay'],
  stepCodes: new Map([
    ['approve', 0],
    ['pay', 1],
  ]),
  entities: ['Acme UK'],
  entityCodes: new Map([['Acme UK', 0]]),
  vendors: ['V1', 'V2'],
  vendorCodes: new Map([
    ['V1', 0],
    ['V2', 1],
  ]),
  persons: [{ name: 'ann', title: 'Ann Lee, Treasurer' }, { name: 'bob' }],
} as unknown as AuditTables;

function record(over: Partial<TransactionRecord>): TransactionRecord {
  return { line: 2, id: 'T1', date: '2025-03-01', step: 'approve', actor: 'ann', amount: null, entity: null, account: null, vendor: null, reviewRef: null, reviewDate: null, ...over };
}

function outcome(over: Partial<StepOutcome>): StepOutcome {
  return { needsAuthority: false, reviewRequired: false, reviewedInTime: false, best: -1, closest: -1, person: -1, authority: -1, stepCode: -1, entityCode: -1, actorName: '', inLimitCurrency: null, amountUnits: 0, amountScale: -1, awardDay: 0, vendor: -1, idHash: 0, hit: undefined, ...over };
}

const facts = { id: 'T3', amountText: 'EUR 12.50' } as unknown as TransactionFacts;
const finding = { ruleId: 'audit-no-delegation', message: 'T4: no delegation', range: { start: { line: 6, character: 0 } }, chain: [], related: [] } as unknown as Finding;

const written: Array<[TransactionRecord, StepOutcome] | RejectedRecord> = [
  [record({ line: 2, entity: 'Acme UK' }), outcome({ person: 0, needsAuthority: true, best: 4, closest: 7, authority: 1 })],
  [record({ line: 3, id: 'T2', step: 'sign off', actor: 'zed', entity: 'Nowhere Ltd' }), outcome({ reviewRequired: true, reviewedInTime: true })],
  { line: 4, reason: 'no date' },
  [record({ line: 5, id: 'T3', step: 'pay', actor: 'bob', date: '2025-03-02', vendor: 'V9' }), outcome({ person: 1, best: 0, authority: 2, inLimitCurrency: '12.5', awardDay: 20_149, hit: { rule: 3, facts } })],
  [record({ line: 6, id: 'T3', step: 'pay', actor: 'carl', date: '2025-03-04', vendor: 'V9' }), outcome({ best: 0, authority: 2 })],
  // A finding built on the worker crosses instead of the facts.
  [record({ line: 7, id: 'T4' }), outcome({ person: 0, hit: { rule: 1, finding } })],
  // An award to a vendor of the policy: by its code; its amount as units, without a text.
  [record({ line: 8, id: 'T5', step: 'pay', actor: 'bob', date: '2025-03-05', vendor: 'V2' }), outcome({ person: 1, best: 0, authority: 2, inLimitCurrency: '', amountUnits: 7, amountScale: 0, awardDay: 20_152, vendor: 1, idHash: -1_234_567_890 })],
  // Units beyond 32 bits, up to the largest safe integer, with their low 32 bits at or above 2^31.
  [record({ line: 9, id: 'T6', step: 'pay', actor: 'bob', date: '2025-03-05', vendor: 'V1' }), outcome({ person: 1, best: 0, authority: 2, inLimitCurrency: '', amountUnits: Number.MAX_SAFE_INTEGER, amountScale: 2, awardDay: 20_152, vendor: 0 })],
  [record({ line: 10, id: 'T7', step: 'pay', actor: 'bob', date: '2025-03-06', vendor: 'V9' }), outcome({ person: 1, best: 0, authority: 2, inLimitCurrency: '', amountUnits: 2 ** 32 + 2 ** 31 + 5, amountScale: 15, awardDay: 20_153 })],
  // The same transaction after a rejected record, then another.
  { line: 11, reason: 'no step' },
  [record({ line: 12, id: 'T7' }), outcome({ person: 0 })],
  [record({ line: 13, id: 'T8' }), outcome({ person: 0 })],
];

/** The outcome as the judge gives it: the step's and the entity's codes in the tables, or -1 and -2 for a text. */
function judged(r: TransactionRecord, o: StepOutcome): StepOutcome {
  const actorName = o.person < 0 ? r.actor : (tables.persons[o.person]!.title ?? r.actor);
  return { ...o, actorName, stepCode: tables.stepCodes.get(r.step) ?? -1, entityCode: r.entity === null ? -1 : (tables.entityCodes.get(r.entity) ?? -2) };
}

/** What the main thread reads of a step: the record's fields `follow` uses and the whole outcome (an award's day in it). */
function seen(r: TransactionRecord, o: StepOutcome) {
  const award = o.inLimitCurrency !== null;
  return {
    line: r.line,
    id: r.id,
    step: r.step,
    actor: r.actor,
    entity: r.entity,
    vendor: award ? r.vendor : null,
    outcome: { ...o, hit: o.hit ? { ...o.hit } : undefined },
  };
}

describe('the outcome wire of audit workers', () => {
  it('reads back every record as written, in order, after a structured clone', () => {
    const writer = new WireWriter(1);
    for (const w of written) {
      if (Array.isArray(w)) writer.step(w[0], judged(w[0], w[1]));
      else writer.rejected(w);
    }
    const chunk = structuredClone(writer.finish());
    expect(chunk.count).toBe(written.length);
    const reader = new WireReader(tables);
    reader.start(chunk);
    const read: unknown[] = [];
    for (let next = reader.next(); next !== undefined; next = reader.next()) read.push(next === 'step' ? seen(reader.record, reader.outcome) : next);
    expect(read).toEqual(written.map((w) => (Array.isArray(w) ? seen(w[0], judged(w[0], w[1])) : w)));
    // The id of a step is sent once for the steps of its transaction that follow one another.
    expect(chunk.texts.filter((t) => t === 'T3' || t === 'T7')).toEqual(['T3', 'T7']);
  });
});
