// Facts about one authority granted by one instrument: its limit beside the parent's and beside the
// catalogue's committee-review threshold (converted at the rates in force on the check date).
import type { AuthorityDecl, Grant, InstrumentDecl } from '../ast/ast.ts';
import type { Money } from '../values/money.ts';
import { formatMoney } from '../values/money.ts';
import { at, grantIndex } from './common.ts';
import type { InstrumentCursor, InstrumentFactsContext, InstrumentScope } from './instrument-facts.ts';
import type { SubjectSink } from './build.ts';
import { DeferredSubject, type SubjectPlaces } from './subject.ts';

/** The facts of a grant that no rule condition reads: `complete()` adds them for messages. */
export const GRANT_DETAILS = ['$.limitText', '$.parent.limitText'] as const;

interface ParentGrant {
  authority: string;
  /** The parent's grant of the same authority, if it grants it. */
  decl: Grant | undefined;
  /** `limitText` is `undefined` until a grant under this one is completed (a detail, like the grant's own). */
  facts: { instrument: string; grantsAuthority: boolean; limit: Money | null; limitText: string | undefined; authorities: string[] };
}

interface CatalogueReview {
  review: { above: Money; committee: string | null } | null;
  text: string | null;
}

function money(m: Money | undefined): Money | null {
  return m ? { amount: m.amount, currency: m.currency } : null;
}

const limitText = (m: Money | null) => (m ? formatMoney(m) : 'no limit');

const NO_REVIEW: CatalogueReview = { review: null, text: null };

/** Builds grant facts; what grants share (a parent's grant, an authority's threshold) is built once. */
export class GrantFactsBuilder {
  private readonly reviews = new Map<AuthorityDecl, CatalogueReview>();
  // By parent, the authorities asked of it (a parent grants a few: a list searched beats a table per parent).
  private readonly parentGrants = new Map<InstrumentDecl, ParentGrant[]>();
  private readonly conversions = new Map<string, Money | null>();

  constructor(readonly context: InstrumentFactsContext) {}

  catalogueReview(authority: AuthorityDecl | undefined): CatalogueReview {
    if (!authority) return NO_REVIEW;
    let r = this.reviews.get(authority);
    if (!r) {
      const review = this.context.model.committeeReviewOf(authority) ?? null;
      this.reviews.set(authority, (r = { review, text: review?.above ? formatMoney(review.above) : null }));
    }
    return r;
  }

  parentGrant(parent: InstrumentDecl, authority: string): ParentGrant {
    const asked = this.parentGrants.get(parent);
    if (asked) for (let k = 0; k < asked.length; k++) if (asked[k]!.authority === authority) return asked[k]!;
    const decl = parent.grants[grantIndex(parent, authority)];
    // What the parent holds: its own limit, or, granting the authority with none, the limit it holds
    // from above (a sub-delegation never gives more than its parent, so an unlimited grant under a
    // limited one holds that limit, and a grant under it may not exceed it either).
    const limit = decl ? money(this.context.model.heldLimit(parent, authority)) : null;
    const pg: ParentGrant = {
      authority,
      decl,
      facts: { instrument: parent.name, grantsAuthority: !!decl, limit, limitText: undefined, authorities: this.context.parentFacts(parent).authorities },
    };
    // A list of one made as a literal, at its size: most parents are asked of one authority.
    if (asked) asked.push(pg);
    else this.parentGrants.set(parent, [pg]);
    return pg;
  }

  /**
   * Converts an amount to the currency of another at the rates in force on the check date. Limits
   * repeat across grants (and every grant of an authority is converted to its one threshold
   * currency), so each distinct conversion is worked out once per build: exact decimal arithmetic
   * and the search of the rates table are the dear part of a grant's facts.
   */
  convertTo(m: Money | null, target: Money | null): Money | null {
    if (!m || !target) return null;
    if (m.currency === target.currency) return m;
    const key = `${m.currency} ${target.currency} ${m.amount}`;
    let converted = this.conversions.get(key);
    if (converted === undefined) this.conversions.set(key, (converted = this.context.model.convert(m, target.currency, this.context.asOf) ?? null));
    return converted;
  }
}

/** Hands the subject of one grant of the cursor's instrument to a sink, if it wants it. */
export function grantSubject(builder: GrantFactsBuilder, cursor: InstrumentCursor, g: Grant, sink: SubjectSink): void {
  const i = cursor.instrument;
  const parent = cursor.parent;
  const authority = builder.context.authority(g.authority.name);
  const parentGrant = parent ? builder.parentGrant(parent, g.authority.name) : undefined;
  const limit = money(g.limit);
  const parentLimit = parentGrant?.facts.limit ?? null;
  const catalogue = builder.catalogueReview(authority);
  const catalogueAbove = catalogue.review?.above ?? null;
  const review = g.committeeReview ? { above: money(g.committeeReview.above), committee: g.committeeReview.committee?.name ?? null } : null;
  const facts = {
    instrument: i.name,
    kind: i.kind,
    authority: g.authority.name,
    authorityKnown: !!authority,
    authorityArea: authority?.area ?? null,
    area: cursor.area,
    entity: cursor.entity,
    limit,
    limitText: undefined as string | undefined,
    parent: parentGrant ? parentGrant.facts : null,
    limitInParentCurrency: builder.convertTo(limit, parentLimit),
    committeeReview: review,
    catalogueReview: catalogue.review,
    catalogueReviewText: catalogue.text,
    limitInReviewCurrency: builder.convertTo(limit, catalogueAbove),
    reviewInCatalogueCurrency: builder.convertTo(review?.above ?? null, catalogueAbove),
    exclusive: authority?.exclusive ?? false,
    reservedTo: authority?.reservedTo?.name ?? null,
    delegate: cursor.delegate,
    depth: cursor.depth,
    inForce: cursor.inForce,
  };
  const almanac = { grant: facts, asOf: builder.context.asOf };
  if (sink.wants('grant', almanac)) sink.visit(new GrantSubject(almanac, cursor.scope(), g, parentGrant?.decl));
}

class GrantSubject extends DeferredSubject {
  get family() {
    return 'grant' as const;
  }

  constructor(
    facts: Record<string, unknown>,
    private readonly scope: InstrumentScope,
    private readonly grant: Grant,
    private readonly parentGrant: Grant | undefined,
  ) {
    super(facts);
  }

  get id(): string {
    return `${this.scope.instrument.name}/${this.grant.authority.name}`;
  }

  protected override addDetails(): void {
    const facts = this.facts['grant'] as { limit: Money | null; limitText: string | undefined; parent: ParentGrant['facts'] | null };
    facts.limitText = limitText(facts.limit);
    // Shared by the grants of the authority under one parent: the first completed fills it in for all.
    if (facts.parent && facts.parent.limitText === undefined) facts.parent.limitText = limitText(facts.parent.limit);
  }

  protected findPlaces(): SubjectPlaces {
    const { instrument: i, parent } = this.scope;
    const g = this.grant;
    const parentGrant = this.parentGrant;
    const related = [...this.scope.related];
    if (parentGrant && parent) {
      const parentLimit = parentGrant.limit ? formatMoney(parentGrant.limit) : 'no limit';
      related.unshift({ uri: parent.uri, range: parentGrant.range, message: `${parent.name} grants ${g.authority.name} up to ${parentLimit}` });
    }
    return {
      location: { uri: i.uri, range: g.authority.range },
      anchors: {
        limit: at(i.uri, g.limit?.range),
        grant: at(i.uri, g.range),
        review: at(i.uri, g.committeeReview?.range),
        parentLimit: parentGrant?.limit && parent ? at(parent.uri, parentGrant.limit.range) : undefined,
      },
      chain: this.scope.chain,
      related,
    };
  }
}
