// Facts about a person exercising an instrument in force on the check date: the trainings the chain
// requires beside those the person holds valid, their line of defence and declared interests.
import type { PersonDecl, PostDecl } from '../ast/ast.ts';
import type { WorkspaceModel } from '../model/model.ts';
import { locationOf, personOnDate, personOnDateTable, refLocation, unique, type PersonOnDate } from './common.ts';
import type { InstrumentCursor, InstrumentFactsContext, InstrumentScope } from './instrument-facts.ts';
import type { SubjectSink } from './build.ts';
import { DeferredSubject, type SubjectPlaces } from './subject.ts';
import { NONE } from '../util/exact.ts';

/** The facts of a holding that no rule condition reads: `complete()` adds them for messages. */
export const HOLDING_DETAILS = ['$.missingTrainings', '$.conflicts'] as const;

/** A person as the holding facts describe them on the check date: the same for every instrument they exercise. */
export interface HoldingPersonFacts {
  name: string;
  title: string;
  posts: string[];
  grade: string | null;
  entity: string | null;
  entities: string[];
  line: number | null;
  /** The entity of the first post they hold in a third-line (oversight) entity, or null. */
  oversightEntity: string | null;
  trainingsValid: string[];
  interestAreas: string[];
  interestVendors: string[];
  interests: string[];
}

interface HoldingFacts {
  instrument: string;
  kind: string;
  area: string | null;
  areaKeys: string[];
  entity: string | null;
  authorities: string[];
  requires: string[];
  missingTrainings: string[] | undefined;
  person: HoldingPersonFacts;
  conflicts: string[] | undefined;
}

/** The entity of the first post a person holds on a date in a third-line entity, or null. */
function oversightEntityOf(model: WorkspaceModel, person: PersonDecl, date: string): string | null {
  for (const post of model.postsOf(person, date)) {
    const entity = model.entityOfPost(post);
    if (entity && model.lineOf(entity) === 3) return entity.name;
  }
  return null;
}

/** Builds holding facts; a person's facts and an area's keys are built once and shared. */
export class HoldingFactsBuilder {
  private readonly persons: Map<object, PersonOnDate>;
  private readonly areaKeys = new Map<string | null, string[]>();

  constructor(readonly context: InstrumentFactsContext) {
    this.persons = personOnDateTable(context.model, context.asOf);
  }

  person(person: PersonDecl): HoldingPersonFacts {
    const { model, asOf } = this.context;
    const on = personOnDate(this.persons, model, person, asOf);
    if (on.holding) return on.holding;
    const party = on.through;
    const interests = interestFacts(person, asOf);
    const facts: HoldingPersonFacts = {
      name: person.name,
      title: person.title ?? person.name,
      posts: party.posts,
      grade: party.grade,
      entity: party.entity,
      entities: party.entities,
      line: party.line,
      oversightEntity: oversightEntityOf(model, person, asOf),
      trainingsValid: on.trainingsValid,
      interestAreas: interests.interestAreas,
      interestVendors: interests.interestVendors,
      interests: interests.interests,
    };
    on.holding = facts;
    return facts;
  }

  /** The interest areas that bear on an instrument of this area: its own, and "any area". */
  keysOf(area: string | null): string[] {
    let keys = this.areaKeys.get(area);
    if (!keys) this.areaKeys.set(area, (keys = area ? [area, '*'] : ['*']));
    return keys;
  }
}

const NO_INTERESTS: Pick<HoldingPersonFacts, 'interestAreas' | 'interestVendors' | 'interests'> = Object.freeze({
  interestAreas: NONE as never[],
  interestVendors: NONE as never[],
  interests: NONE as never[],
});

/** A person's declared interests as facts; most people declare none, and share one set of empty lists. */
/** The interests a person has declared on or before a date (one without a `declared` date always counts). */
function declaredBy(person: PersonDecl, date: string): PersonDecl['interests'] {
  return person.interests.filter((x) => !x.declared || x.declared.value <= date);
}

function interestFacts(person: PersonDecl, date: string): Pick<HoldingPersonFacts, 'interestAreas' | 'interestVendors' | 'interests'> {
  const declared = person.interests.length ? declaredBy(person, date) : person.interests;
  if (!declared.length) return NO_INTERESTS;
  return {
    interestAreas: unique(declared.map((x) => x.area?.name ?? '*')),
    interestVendors: unique(declared.flatMap((x) => (x.vendor ? [x.vendor.name] : []))),
    interests: declared.map((x) => x.description),
  };
}

/** Offers a sink one holding subject per person exercising the cursor's instrument on the check date. */
export function holdingSubjects(builder: HoldingFactsBuilder, cursor: InstrumentCursor, delegate: PostDecl | PersonDecl | undefined, sink: SubjectSink): void {
  if (!delegate) return;
  const { model, asOf } = builder.context;
  // Most delegates are a person, or a post one person holds: no list of holders is made for them.
  if (delegate.kind === 'person') {
    holdingSubject(builder, cursor, delegate, sink);
    return;
  }
  const post = delegate as PostDecl;
  const only = model.onlyHolderOn(post, asOf);
  if (only) {
    holdingSubject(builder, cursor, only, sink);
    return;
  }
  const persons = model.holdersOf(post, asOf);
  for (let k = 0; k < persons.length; k++) holdingSubject(builder, cursor, persons[k]!, sink);
}

/** The holding subject of one person exercising the cursor's instrument (its area, entity, authorities and requirements). */
function holdingSubject(builder: HoldingFactsBuilder, cursor: InstrumentCursor, person: PersonDecl, sink: SubjectSink): void {
  const i = cursor.instrument;
  const facts: HoldingFacts = {
    instrument: i.name,
    kind: i.kind,
    area: cursor.area,
    areaKeys: builder.keysOf(cursor.area),
    entity: cursor.entity,
    authorities: cursor.authorities,
    requires: cursor.requires,
    missingTrainings: undefined,
    person: builder.person(person),
    conflicts: undefined,
  };
  const almanac = { holding: facts, asOf: builder.context.asOf };
  if (sink.wants('holding', almanac)) sink.visit(new HoldingSubject(almanac, cursor.scope(), person));
}

class HoldingSubject extends DeferredSubject {
  get family() {
    return 'holding' as const;
  }

  constructor(
    facts: Record<string, unknown>,
    private readonly scope: InstrumentScope,
    private readonly person: PersonDecl,
  ) {
    super(facts);
  }

  get id(): string {
    return `${this.scope.instrument.name}/${this.person.name}`;
  }

  protected override addDetails(): void {
    const facts = this.facts['holding'] as HoldingFacts;
    const valid = facts.person.trainingsValid;
    facts.missingTrainings = facts.requires.filter((t) => !valid.includes(t));
    // The declared interests that bear on this instrument: in its area, or in no particular area.
    facts.conflicts = declaredBy(this.person, this.facts['asOf'] as string)
      .filter((x) => !x.area || x.area.name === facts.area)
      .map((x) => x.description);
  }

  protected findPlaces(): SubjectPlaces {
    const i = this.scope.instrument;
    const person = this.person;
    return {
      location: locationOf(i),
      anchors: { delegate: refLocation(i.uri, i.delegate), person: locationOf(person) },
      chain: this.scope.chain,
      related: [{ ...locationOf(person), message: `${person.title ?? person.name} exercises ${i.name}` }, ...this.scope.related],
    };
  }
}
