// Facts about delegation instruments: one `instrument` subject per instrument, one `grant` subject
// per authority an instrument grants, and one `holding` subject per person exercising an instrument
// in force on the check date.
import type { Grant, InstrumentDecl } from '../ast/ast.ts';
import type { RelatedLocation, Subject } from '../check/types.ts';
import type { WorkspaceModel } from '../model/model.ts';
import type { Money } from '../values/money.ts';
import { formatMoney } from '../values/money.ts';
import { addDays } from '../values/dates.ts';
import { at, chainOf, locationOf, partyFacts, refLocation, rootParty, unique } from './common.ts';

function areaOf(model: WorkspaceModel, i: InstrumentDecl): string | null {
  if (i.area) return i.area.name;
  const first = i.grants[0] && model.symbols.resolve(i.grants[0].authority, 'authority');
  return first?.area ?? null;
}

function money(m: Money | undefined): Money | null {
  return m ? { amount: m.amount, currency: m.currency } : null;
}

function relatedParent(model: WorkspaceModel, i: InstrumentDecl): RelatedLocation[] {
  const parent = model.parentOf(i);
  return parent ? [{ ...locationOf(parent), message: `parent instrument ${parent.name}` }] : [];
}

/** The earlier instrument that grants the same authority to the same delegate under the same parent, overlapping in time. */
function findDuplicates(model: WorkspaceModel): Map<InstrumentDecl, InstrumentDecl> {
  const byKey = new Map<string, InstrumentDecl[]>();
  const out = new Map<InstrumentDecl, InstrumentDecl>();
  for (const i of model.instruments) {
    if (!i.delegate) continue;
    const parentKey = i.kind === 'sub-delegation' ? (i.parent?.name ?? '?') : '<root>';
    for (const g of i.grants) {
      const key = `${parentKey}\u0000${i.delegate.name}\u0000${g.authority.name}`;
      const earlier = byKey.get(key);
      if (earlier) {
        const dup = earlier.find((e) => e !== i && windowsOverlap(e, i));
        if (dup && !out.has(i)) out.set(i, dup);
        earlier.push(i);
      } else byKey.set(key, [i]);
    }
  }
  return out;
}

function windowsOverlap(a: InstrumentDecl, b: InstrumentDecl): boolean {
  const aFrom = a.validFrom?.value ?? '0000-00-00';
  const bFrom = b.validFrom?.value ?? '0000-00-00';
  return aFrom <= lastDayInForce(b) && bFrom <= lastDayInForce(a);
}

/** The last day an instrument is in force: its `valid … to` date, or the day before its revocation if earlier. */
function lastDayInForce(i: InstrumentDecl): string {
  const to = i.validTo?.value ?? '9999-12-31';
  // A revocation takes effect on its date: the instrument is no longer in force that day.
  const revoked = i.revocation ? addDays(i.revocation.date.value, -1) : '9999-12-31';
  return to < revoked ? to : revoked;
}

export function instrumentSubjects(model: WorkspaceModel, asOf: string): { instruments: Subject[]; grants: Subject[]; holdings: Subject[] } {
  const instruments: Subject[] = [];
  const grants: Subject[] = [];
  const holdings: Subject[] = [];
  const duplicates = findDuplicates(model);
  for (const i of model.instruments) {
    const { chain: ancestors, cycle } = model.ancestry(i);
    const parent = model.parentOf(i);
    const delegateDecl = model.delegateOf(i);
    const delegate = partyFacts(model, delegateDecl, asOf);
    const delegator = parent ? partyFacts(model, model.delegateOf(parent), asOf) : i.kind === 'delegation' ? rootParty(model) : null;
    const area = areaOf(model, i);
    const entity = model.entityOfInstrument(i, asOf)?.name ?? null;
    const revokedAncestor = ancestors.slice(0, -1).find((a) => a.revocation);
    const chain = chainOf(model, i);
    // Between two posts only the posts count: one person acting in both on a date does not make the instrument circular.
    const sharesPerson = !!delegator && (delegate.kind === 'person' || delegator.kind === 'person') && delegate.persons.some((p) => delegator.persons.includes(p));
    const samePost = !!delegator && delegate.kind === 'post' && delegator.posts.includes(delegate.name ?? '');
    const requires = unique(ancestors.flatMap((a) => a.requires.map((r) => r.name)));
    const inForce = model.inForce(i, asOf);
    const duplicate = duplicates.get(i);

    const instrumentFacts = {
      name: i.name,
      kind: i.kind,
      title: i.title ?? null,
      area,
      entity,
      validFrom: i.validFrom?.value ?? null,
      validTo: i.validTo?.value ?? null,
      revokedOn: i.revocation?.date.value ?? null,
      revocationReason: i.revocation?.reason?.value ?? null,
      transferredTo: i.revocation?.transferTo?.name ?? null,
      delegate,
      delegator,
      parent: parent
        ? {
            name: parent.name,
            area: areaOf(model, parent),
            validFrom: parent.validFrom?.value ?? null,
            validTo: parent.validTo?.value ?? null,
            revokedOn: parent.revocation?.date.value ?? null,
            allowsSubDelegation: !!parent.subDelegation,
            eligibleGrades: parent.subDelegation?.grades ?? [],
            eligiblePosts: parent.subDelegation?.posts.map((p) => p.name) ?? [],
            eligibleFunctions: parent.subDelegation?.functions.map((f) => f.name) ?? [],
            eligibilityText: parent.subDelegation ? describeEligibility(parent) : null,
            authorities: parent.grants.map((g) => g.authority.name),
          }
        : null,
      depth: ancestors.length,
      // On the loop itself, not merely hanging below one: the loop closes on this instrument.
      inCycle: cycle && !!ancestors[0] && model.parentOf(ancestors[0]) === i,
      selfDelegation: !cycle && (delegate.isRoot || sharesPerson || samePost),
      reports: i.reports.length,
      allowsSubDelegation: !!i.subDelegation,
      requires,
      ancestorRevocation: revokedAncestor ? { name: revokedAncestor.name, date: revokedAncestor.revocation!.date.value } : null,
      duplicateOf: duplicate?.name ?? null,
      authorities: i.grants.map((g) => g.authority.name),
      inForce,
    };
    const related = relatedParent(model, i);
    if (duplicate) related.push({ ...locationOf(duplicate), message: `first granted by ${duplicate.name}` });
    if (revokedAncestor) related.push({ ...locationOf(revokedAncestor), message: `${revokedAncestor.name} revoked on ${revokedAncestor.revocation!.date.value}` });
    instruments.push({
      family: 'instrument',
      id: i.name,
      facts: { instrument: instrumentFacts, asOf },
      location: locationOf(i),
      anchors: {
        body: at(i.uri, i.range),
        validity: at(i.uri, i.validity),
        validTo: at(i.uri, i.validTo?.range),
        validFrom: at(i.uri, i.validFrom?.range),
        delegate: refLocation(i.uri, i.delegate),
        parent: refLocation(i.uri, i.parent),
        revocation: at(i.uri, i.revocation?.range),
      },
      chain,
      related,
    });

    for (const g of i.grants) grants.push(grantSubject(model, i, g, parent, instrumentFacts, chain, related, asOf));

    if (!inForce) continue;
    for (const person of model.delegatePersons(delegateDecl, asOf)) {
      const personFacts = partyFacts(model, person, asOf);
      const valid = model.trainingsValidOn(person, asOf);
      const interestAreas = unique(person.interests.map((x) => x.area?.name ?? '*'));
      holdings.push({
        family: 'holding',
        id: `${i.name}/${person.name}`,
        facts: {
          holding: {
            instrument: i.name,
            kind: i.kind,
            area,
            areaKeys: area ? [area, '*'] : ['*'],
            entity,
            authorities: instrumentFacts.authorities,
            requires,
            missingTrainings: requires.filter((t) => !valid.includes(t)),
            person: {
              name: person.name,
              title: person.title ?? person.name,
              posts: personFacts.posts,
              grade: personFacts.grade,
              entity: personFacts.entity,
              entities: personFacts.entities,
              line: personFacts.line,
              trainingsValid: valid,
              interestAreas,
              interestVendors: unique(person.interests.flatMap((x) => (x.vendor ? [x.vendor.name] : []))),
              interests: person.interests.map((x) => x.description),
            },
            // The declared interests that bear on this instrument: in its area, or in no particular area.
            conflicts: person.interests.filter((x) => !x.area || x.area.name === area).map((x) => x.description),
          },
          asOf,
        },
        location: locationOf(i),
        anchors: { delegate: refLocation(i.uri, i.delegate), person: locationOf(person) },
        chain,
        related: [{ ...locationOf(person), message: `${person.title ?? person.name} exercises ${i.name}` }, ...related],
      });
    }
  }
  return { instruments, grants, holdings };
}

function describeEligibility(i: InstrumentDecl): string {
  const e = i.subDelegation!;
  const parts: string[] = [];
  if (e.grades.length) parts.push(`grades ${e.gradesText ?? e.grades.join(', ')}`);
  if (e.posts.length) parts.push(`posts ${e.posts.map((p) => p.name).join(', ')}`);
  if (e.functions.length) parts.push(`functions ${e.functions.map((f) => f.name).join(', ')}`);
  return parts.length ? parts.join('; ') : 'anyone';
}

function grantSubject(
  model: WorkspaceModel,
  i: InstrumentDecl,
  g: Grant,
  parent: InstrumentDecl | undefined,
  instrument: { area: string | null; entity: string | null; delegate: unknown; depth: number; inForce: boolean },
  chain: Subject['chain'],
  related: RelatedLocation[],
  asOf: string,
): Subject {
  const authority = model.symbols.resolve(g.authority, 'authority');
  const parentGrant = parent?.grants.find((pg) => pg.authority.name === g.authority.name);
  const limit = money(g.limit);
  const parentLimit = money(parentGrant?.limit);
  const convertTo = (m: Money | null, target: Money | null) => (m && target ? (model.convert(m, target.currency, asOf) ?? null) : null);
  const catalogueReview = (authority && model.committeeReviewOf(authority)) ?? null;
  const review = g.committeeReview ? { above: money(g.committeeReview.above), committee: g.committeeReview.committee?.name ?? null } : null;
  const facts = {
    instrument: i.name,
    kind: i.kind,
    authority: g.authority.name,
    authorityKnown: !!authority,
    authorityArea: authority?.area ?? null,
    area: instrument.area,
    entity: instrument.entity,
    limit,
    limitText: limit ? formatMoney(limit) : 'no limit',
    parent: parent
      ? {
          instrument: parent.name,
          grantsAuthority: !!parentGrant,
          limit: parentLimit,
          limitText: parentLimit ? formatMoney(parentLimit) : 'no limit',
          authorities: parent.grants.map((pg) => pg.authority.name),
        }
      : null,
    limitInParentCurrency: convertTo(limit, parentLimit),
    committeeReview: review,
    catalogueReview,
    catalogueReviewText: catalogueReview?.above ? formatMoney(catalogueReview.above) : null,
    limitInReviewCurrency: convertTo(limit, catalogueReview?.above ?? null),
    reviewInCatalogueCurrency: convertTo(review?.above ?? null, catalogueReview?.above ?? null),
    exclusive: authority?.exclusive ?? false,
    reservedTo: authority?.reservedTo?.name ?? null,
    delegate: instrument.delegate,
    depth: instrument.depth,
    inForce: instrument.inForce,
  };
  const grantRelated = [...related];
  if (parentGrant && parent) grantRelated.unshift({ uri: parent.uri, range: parentGrant.range, message: `${parent.name} grants ${g.authority.name} up to ${facts.parent!.limitText}` });
  return {
    family: 'grant',
    id: `${i.name}/${g.authority.name}`,
    facts: { grant: facts, asOf },
    location: { uri: i.uri, range: g.authority.range },
    anchors: {
      limit: at(i.uri, g.limit?.range),
      grant: at(i.uri, g.range),
      review: at(i.uri, g.committeeReview?.range),
      parentLimit: parentGrant?.limit && parent ? at(parent.uri, parentGrant.limit.range) : undefined,
    },
    chain,
    related: grantRelated,
  };
}
