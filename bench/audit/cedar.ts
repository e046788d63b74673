// The Cedar side of the audit benchmark: the same authorisation question asked of Cedar
// (@cedar-policy/cedar-wasm, the official WebAssembly build of the Rust authoriser) for every step.
//
// Modelling (delegations as entities, the controls as policies):
// - principal: Person::"<actor>" with the trainings valid on the step's date, the posts held that
//   day, and the interests declared by then (vendors, areas);
// - action: Action::"<authority>" (the authority the step exercises, e.g. procurement/award-contract);
// - resource: Grant::"<instrument>#<authority>": the grant the step is judged by (found by the same
//   join as the ceiling: the person's own grants and those of the posts held that day, in the
//   record's entity), with the window in which its chain is in force, the first revocation in the
//   chain, its limit, the trainings it requires (inherited) and its committee-review threshold;
//   Grant::"none" when the person holds no grant of the authority;
// - context: the date, the amount converted into the limit's and the threshold's currencies (Cedar
//   has no exchange rates: the join converts, as it does for doa and the ceiling), the review
//   reference and date, the vendor, the reserved post of the authority.
// Dates are Longs (yyyymmdd); amounts are Longs in units of 1/10,000 (the amount is rounded up, so
// "amount > limit" stays exact for limits with at most 4 decimals).
//
// Policies: one `permit` (a grant in force) and one `forbid` per audit rule, in the order of the
// rules' priorities; a denied step's finding is the first of the forbid policies that fired (doa
// reports one cause per step, the most specific). Segregation of duties and split purchases compare
// several records: Cedar answers one request at a time, so the JS side keeps that state exactly as
// the ceiling does, and the counts compared are those of the per-step rules.
import type { TransactionRecord } from '../../language/src/audit/record.ts';
import type { CGrant, Join } from './ceiling.ts';

export const RULES_BY_PRIORITY = [
  'audit-reserved-matter',
  'audit-no-delegation',
  'audit-no-delegation',
  'audit-revoked-authority',
  'audit-delegation-not-in-force',
  'audit-prerequisite-not-met',
  'audit-currency-without-rate',
  'audit-amount-above-limit',
  'audit-committee-review-missing',
  'audit-committee-review-missing',
  'audit-review-after-award',
  'audit-conflict-of-interest',
] as const;

const IN_FORCE = 'resource.exists && resource.live && context.date >= resource.from && context.date <= resource.to && context.date < resource.revokedOn';
const REVIEW_REQUIRED = 'context.hasThreshold && context.hasAmountInThreshold && context.amountInThreshold > context.threshold';

/** The policy set, in Cedar's own syntax; policy N (policy0, policy1, …) is the Nth below. */
export const POLICIES = [
  `@id("permit-grant-in-force")\npermit (principal, action, resource is Grant) when { ${IN_FORCE} };`,
  `@id("audit-reserved-matter")\nforbid (principal, action, resource) when { context.actorKnown && context.reservedTo != "" && !context.actorIsRoot && !principal.posts.contains(context.reservedTo) };`,
  `@id("audit-no-delegation")\nforbid (principal, action, resource) when { context.actorKnown && !context.actorIsRoot && !resource.exists };`,
  `@id("audit-no-delegation-unknown-actor")\nforbid (principal, action, resource) when { !context.actorKnown };`,
  `@id("audit-revoked-authority")\nforbid (principal, action, resource) when { resource.exists && !(${IN_FORCE}) && context.date >= resource.revokedOn };`,
  `@id("audit-delegation-not-in-force")\nforbid (principal, action, resource) when { resource.exists && !(${IN_FORCE}) && context.date < resource.revokedOn };`,
  `@id("audit-prerequisite-not-met")\nforbid (principal, action, resource) when { ${IN_FORCE} && !principal.trainings.containsAll(resource.requires) };`,
  `@id("audit-currency-without-rate")\nforbid (principal, action, resource) when { ${IN_FORCE} && context.hasAmount && resource.hasLimit && context.currency != resource.limitCurrency && !context.hasAmountInLimit };`,
  `@id("audit-amount-above-limit")\nforbid (principal, action, resource) when { ${IN_FORCE} && resource.hasLimit && context.hasAmountInLimit && context.amountInLimit > resource.limit };`,
  `@id("audit-committee-review-missing")\nforbid (principal, action, resource) when { ${REVIEW_REQUIRED} && !context.hasReviewRef };`,
  `@id("audit-committee-review-undated")\nforbid (principal, action, resource) when { ${REVIEW_REQUIRED} && context.hasReviewRef && !context.hasReviewDate };`,
  `@id("audit-review-after-award")\nforbid (principal, action, resource) when { ${REVIEW_REQUIRED} && context.hasReviewRef && context.hasReviewDate && context.reviewDate > context.date };`,
  `@id("audit-conflict-of-interest")\nforbid (principal, action, resource) when { context.actorKnown && (principal.conflictVendors.contains(context.vendor) || principal.conflictAnyArea || principal.conflictAreas.contains(context.area)) };`,
].join('\n\n');

const NEVER = 99_991_231;
const dayNum = (iso: string) => (iso ? Number(iso.slice(0, 4)) * 10000 + Number(iso.slice(5, 7)) * 100 + Number(iso.slice(8, 10)) : 0);
/** Amount in 1/10,000, rounded up. */
const units = (n: number) => Math.ceil(Math.round(n * 1e8) / 1e4);

type Cedar = typeof import('@cedar-policy/cedar-wasm/nodejs');

export class CedarAuditor {
  readonly byRule: Record<string, number> = {};
  errors = 0;
  private readonly grantEntity = new Map<CGrant, unknown>();

  constructor(
    private readonly cedar: Cedar,
    private readonly join: Join,
  ) {
    const r = cedar.preparsePolicySet('doa-audit', { staticPolicies: POLICIES });
    if (r.type !== 'success') throw new Error(`Cedar rejected the policies: ${JSON.stringify(r)}`);
  }

  private grant(g: CGrant | undefined, id: string): unknown {
    if (!g) return { uid: { type: 'Grant', id: 'none' }, attrs: { exists: false }, parents: [] };
    let e = this.grantEntity.get(g);
    if (!e) {
      e = {
        uid: { type: 'Grant', id },
        attrs: {
          exists: true,
          live: !g.dead,
          from: dayNum(g.from),
          to: g.to ? dayNum(g.to) : NEVER,
          revokedOn: g.revokedAt ? dayNum(g.revokedAt) : NEVER,
          hasLimit: !!g.limit,
          limit: g.limit ? units(g.limit.amount) : 0,
          limitCurrency: g.limit?.currency ?? '',
          requires: g.requires,
        },
        parents: [],
      };
      this.grantEntity.set(g, e);
    }
    return e;
  }

  /** Asks Cedar about one step; returns the rule of the finding, if any. */
  check(r: TransactionRecord): string | undefined {
    const j = this.join.judge(r);
    if (!j.authority) return undefined; // a step that needs no authority: nothing to authorise
    const p = j.person;
    const date = dayNum(r.date);
    // The grant judged: the best in force, else the one that came closest (the first candidate);
    // with several candidates and none in force, the first revoked one (doa names that revocation).
    let judged: CGrant | undefined = j.best ?? j.candidates[0];
    if (!j.best && j.revoked) judged = j.candidates.find((c) => c.revocations.some((x) => x === j.revoked)) ?? judged;
    const grantId = judged ? `${judged.instrument}#${j.authority.name}` : 'none';
    const trainings: string[] = [];
    const posts: string[] = [];
    const conflictVendors: string[] = [];
    const conflictAreas: string[] = [];
    let conflictAnyArea = false;
    if (p) {
      for (const t of p.trainings) if (t.completed <= r.date && !(t.lapse && t.lapse < r.date)) trainings.push(t.name);
      for (const h of p.holds) if (h.resolved && (!h.from || h.from <= r.date) && (!h.to || r.date <= h.to)) posts.push(h.post);
      for (const i of p.interests) {
        if (i.declared !== null && i.declared > r.date) continue;
        if (i.vendor) conflictVendors.push(i.vendor);
        else if (i.area) conflictAreas.push(i.area);
        else conflictAnyArea = true;
      }
    }
    const answer = this.cedar.statefulIsAuthorized({
      principal: { type: 'Person', id: r.actor },
      action: { type: 'Action', id: j.authority.name },
      resource: { type: 'Grant', id: grantId },
      context: {
        date,
        actorKnown: !!p,
        actorIsRoot: j.actorIsRoot,
        reservedTo: j.authority.reservedTo ?? '',
        area: j.authority.area,
        vendor: r.vendor ?? '',
        currency: r.amount?.currency ?? '',
        hasAmount: j.amount !== null,
        hasAmountInLimit: j.inLimit !== undefined,
        amountInLimit: j.inLimit !== undefined ? units(j.inLimit) : 0,
        hasThreshold: !!j.threshold,
        threshold: j.threshold ? units(j.threshold.amount) : 0,
        hasAmountInThreshold: j.inThreshold !== undefined,
        amountInThreshold: j.inThreshold !== undefined ? units(j.inThreshold) : 0,
        hasReviewRef: !!r.reviewRef,
        hasReviewDate: !!r.reviewDate,
        reviewDate: r.reviewDate ? dayNum(r.reviewDate) : 0,
      },
      preparsedPolicySetId: 'doa-audit',
      entities: [
        { uid: { type: 'Person', id: r.actor }, attrs: { trainings, posts, conflictVendors, conflictAreas, conflictAnyArea }, parents: [] },
        this.grant(judged, grantId) as never,
      ],
    });
    if (answer.type !== 'success') {
      this.errors++;
      return undefined;
    }
    const { decision, diagnostics } = answer.response;
    if (diagnostics.errors.length) this.errors++;
    if (decision === 'allow') return undefined;
    // The first forbid policy that fired, in priority order (policy1 … policy12).
    let first = Infinity;
    for (const id of diagnostics.reason) {
      const n = Number(id.slice(6));
      if (n >= 1 && n < first) first = n;
    }
    if (first === Infinity) return undefined; // denied for want of a permit, no control broken
    const rule = RULES_BY_PRIORITY[first - 1]!;
    this.byRule[rule] = (this.byRule[rule] ?? 0) + 1;
    return rule;
  }
}
