// The built-in rules, one module per folder `rules/<category>/<rule-id>/`. `test/rules/catalog.test.ts`
// checks that every folder is listed here and has its documentation, tests and sample.
import type { RuleModule } from '../language/src/check/rule-module.ts';
import auditAmountAboveLimit from './audit/audit-amount-above-limit/audit-amount-above-limit.ts';
import auditCommitteeReviewMissing from './audit/audit-committee-review-missing/audit-committee-review-missing.ts';
import auditConflictOfInterest from './audit/audit-conflict-of-interest/audit-conflict-of-interest.ts';
import auditCurrencyWithoutRate from './audit/audit-currency-without-rate/audit-currency-without-rate.ts';
import auditDelegationNotInForce from './audit/audit-delegation-not-in-force/audit-delegation-not-in-force.ts';
import auditNoDelegation from './audit/audit-no-delegation/audit-no-delegation.ts';
import auditPrerequisiteNotMet from './audit/audit-prerequisite-not-met/audit-prerequisite-not-met.ts';
import auditReservedMatter from './audit/audit-reserved-matter/audit-reserved-matter.ts';
import auditReviewAfterAward from './audit/audit-review-after-award/audit-review-after-award.ts';
import auditRevokedAuthority from './audit/audit-revoked-authority/audit-revoked-authority.ts';
import auditSegregationOfDuties from './audit/audit-segregation-of-duties/audit-segregation-of-duties.ts';
import auditSplitPurchase from './audit/audit-split-purchase/audit-split-purchase.ts';
import authorityGap from './catalogue/authority-gap/authority-gap.ts';
import exclusiveAuthorityOverlap from './catalogue/exclusive-authority-overlap/exclusive-authority-overlap.ts';
import reservedAuthority from './catalogue/reserved-authority/reserved-authority.ts';
import ineligibleDelegate from './eligibility/ineligible-delegate/ineligible-delegate.ts';
import prerequisiteNotMet from './eligibility/prerequisite-not-met/prerequisite-not-met.ts';
import conflictOfInterest from './independence/conflict-of-interest/conflict-of-interest.ts';
import oversightIndependence from './independence/oversight-independence/oversight-independence.ts';
import currencyWithoutRate from './limits/currency-without-rate/currency-without-rate.ts';
import missingCommitteeReview from './limits/missing-committee-review/missing-committee-review.ts';
import subDelegationExceedsParentLimit from './limits/sub-delegation-exceeds-parent-limit/sub-delegation-exceeds-parent-limit.ts';
import duplicateName from './references/duplicate-name/duplicate-name.ts';
import unknownReference from './references/unknown-reference/unknown-reference.ts';
import segregationOfDuties from './segregation/segregation-of-duties/segregation-of-duties.ts';
import authorityOutsideArea from './structure/authority-outside-area/authority-outside-area.ts';
import delegationCycle from './structure/delegation-cycle/delegation-cycle.ts';
import delegationToNonHead from './structure/delegation-to-non-head/delegation-to-non-head.ts';
import duplicateDelegation from './structure/duplicate-delegation/duplicate-delegation.ts';
import missingReportingDuty from './structure/missing-reporting-duty/missing-reporting-duty.ts';
import rootPost from './structure/root-post/root-post.ts';
import subDelegationNotPermitted from './structure/sub-delegation-not-permitted/sub-delegation-not-permitted.ts';
import expiredInstrument from './validity/expired-instrument/expired-instrument.ts';
import notYetInForce from './validity/not-yet-in-force/not-yet-in-force.ts';
import revokedAncestor from './validity/revoked-ancestor/revoked-ancestor.ts';
import validityOutsideParent from './validity/validity-outside-parent/validity-outside-parent.ts';

export const builtinRules: readonly RuleModule[] = [
  authorityGap,
  exclusiveAuthorityOverlap,
  reservedAuthority,
  ineligibleDelegate,
  prerequisiteNotMet,
  conflictOfInterest,
  oversightIndependence,
  currencyWithoutRate,
  missingCommitteeReview,
  subDelegationExceedsParentLimit,
  duplicateName,
  unknownReference,
  segregationOfDuties,
  authorityOutsideArea,
  delegationCycle,
  delegationToNonHead,
  duplicateDelegation,
  missingReportingDuty,
  rootPost,
  subDelegationNotPermitted,
  expiredInstrument,
  notYetInForce,
  revokedAncestor,
  validityOutsideParent,
];

/** The rules of `doa audit`: each looks at one transaction step, a pair of steps or a vendor's awards. */
export const auditRules: readonly RuleModule[] = [
  auditAmountAboveLimit,
  auditCommitteeReviewMissing,
  auditConflictOfInterest,
  auditCurrencyWithoutRate,
  auditDelegationNotInForce,
  auditNoDelegation,
  auditPrerequisiteNotMet,
  auditReservedMatter,
  auditReviewAfterAward,
  auditRevokedAuthority,
  auditSegregationOfDuties,
  auditSplitPurchase,
];

export function ruleById(id: string): RuleModule | undefined {
  return builtinRules.find((r) => r.meta.id === id) ?? auditRules.find((r) => r.meta.id === id);
}
