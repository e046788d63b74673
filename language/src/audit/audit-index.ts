// The join between transaction records and the workspace, built once per audit: which authority
// each step exercises, which instruments could cover a person, which steps are incompatible.
import type { AuthorityDecl, Grant, InstrumentDecl, PersonDecl } from '../ast/ast.ts';
import type { WorkspaceModel } from '../model/model.ts';
import { withinWindow } from '../values/dates.ts';
import { compareMoney, type Money } from '../values/money.ts';

export interface Candidate {
  instrument: InstrumentDecl;
  grant: Grant;
}

export class AuditIndex {
  readonly authorityForStep = new Map<string, AuthorityDecl>();
  /** For each step, the steps one person must not also perform on the same transaction. */
  readonly incompatible = new Map<string, Map<string, string>>();
  /** Instruments by delegate name (post or person) and authority. */
  private readonly byDelegate = new Map<string, Map<string, Candidate[]>>();
  private readonly persons = new Map<string, PersonDecl>();

  constructor(readonly model: WorkspaceModel) {
    for (const a of model.authorities) for (const s of a.steps) if (!this.authorityForStep.has(s)) this.authorityForStep.set(s, a);
    for (const p of model.persons) this.persons.set(p.name, p);
    for (const i of model.instruments) {
      if (!i.delegate) continue;
      let byAuthority = this.byDelegate.get(i.delegate.name);
      if (!byAuthority) this.byDelegate.set(i.delegate.name, (byAuthority = new Map()));
      for (const g of i.grants) {
        let list = byAuthority.get(g.authority.name);
        if (!list) byAuthority.set(g.authority.name, (list = []));
        list.push({ instrument: i, grant: g });
      }
    }
    // Segregated duties make the steps performed in them incompatible.
    for (const s of model.segregations) {
      const duties = s.duties.map((d) => model.symbols.resolve(d, 'duty')).filter((d) => d !== undefined);
      for (let i = 0; i < duties.length; i++) {
        for (let j = 0; j < duties.length; j++) {
          if (i === j) continue;
          for (const a of duties[i]!.steps) {
            for (const b of duties[j]!.steps) {
              if (a === b) continue;
              let m = this.incompatible.get(a);
              if (!m) this.incompatible.set(a, (m = new Map()));
              if (!m.has(b)) m.set(b, s.title ? `${s.name} (${s.title})` : s.name);
            }
          }
        }
      }
    }
  }

  person(name: string): PersonDecl | undefined {
    return this.persons.get(name);
  }

  /**
   * The instruments through which a person holds an authority on a date: granted to the person, or
   * to a post the person holds that day. Restricted to one entity when the record names one.
   */
  candidates(person: PersonDecl, authority: string, date: string, entity: string | null): Candidate[] {
    const out: Candidate[] = [];
    const add = (delegate: string) => {
      for (const c of this.byDelegate.get(delegate)?.get(authority) ?? []) {
        if (entity && this.model.entityOfInstrument(c.instrument, date)?.name !== entity) continue;
        out.push(c);
      }
    };
    add(person.name);
    for (const h of person.holds) if (withinWindow(date, h.from?.value, h.to?.value)) add(h.post.name);
    return out;
  }

  /** The latest revocation on or before the date in an instrument's chain, if any. */
  revocationBy(i: InstrumentDecl, date: string): { instrument: InstrumentDecl; date: string } | undefined {
    for (const a of this.model.ancestry(i).chain) if (a.revocation && a.revocation.date.value <= date) return { instrument: a, date: a.revocation.date.value };
    return undefined;
  }

  /** Why an instrument is not in force on a date (it is not revoked). */
  notInForceReason(i: InstrumentDecl, date: string): string {
    const { chain } = this.model.ancestry(i);
    for (const a of [...chain].reverse()) {
      if (a.validFrom && date < a.validFrom.value) return a === i ? `${i.name} takes effect only on ${a.validFrom.value}` : `${i.name} is outside its parent ${a.name}'s window, which starts on ${a.validFrom.value}`;
      if (a.validTo && date > a.validTo.value) return a === i ? `${i.name} ended on ${a.validTo.value}` : `${i.name} is outside its parent ${a.name}'s window, which ended on ${a.validTo.value}`;
    }
    return `${i.name} is not in force`;
  }

  /** Among covering instruments in force, the one to judge the step by: the first whose limit covers the amount, else the largest. */
  best(inForce: Candidate[], amount: Money | null, date: string): Candidate | undefined {
    if (inForce.length <= 1) return inForce[0];
    let best: Candidate | undefined;
    for (const c of inForce) {
      const limit = c.grant.limit;
      if (!limit) return c;
      const converted = amount ? this.model.convert(amount, limit.currency, date) : undefined;
      if (converted && compareMoney(converted, limit)! <= 0) return c;
      if (!best || (best.grant.limit && compareMoney(limit, best.grant.limit) === 1)) best = c;
    }
    return best;
  }
}
