// A policy that exercises most of the language, written on top of BASE; used as a seed for the
// randomized robustness tests and by the Unicode tests.
export const POLICY = `// Delegations of the test mission
committee HCC "Headquarters Committee on Contracts" { entity UNHQ }
vendor acme "Acme Logistics Ltd."
duty certifying-officer "Certifying officer" { area finance }
duty approving-officer "Approving officer" { area finance }
training ethics "Ethics and integrity" { kind certification; valid-for 2 years }

delegation D-MSN-PROC "Procurement, Test Mission" {
  to MSN-HOM
  area procurement
  authority procurement/award-contract limit USD 1,000,000 {
    committee-review above USD 500,000 by HCC
  }
  authority procurement/approve-requisition limit USD 250,000.00
  valid from 2024-01-01 to 2026-12-31
  may-sub-delegate grades P-4 and above functions [procurement,
    finance]
  requires proc-fundamentals
  report "Use of procurement authority" to UNHQ every quarter
  basis "ST/SGB/2019/2", "ST/AI/2019/4"
}

sub-delegation S-CPO "Chief Procurement Officer" {
  under D-MSN-PROC
  to MSN-CPO
  authority procurement/award-contract limit USD 1,000,000.00
  valid from 2024-02-01 to 2026-12-31
  report "Awards" to MSN-HOM every 2 months
}

/* A revoked instrument */
delegation D-OLD "Old finance delegation" {
  to MSN-HOM
  area finance
  authority finance/certify limit 10_000 USD
  valid from 2020-01-01
  revoked 2023-06-30 because ineffective-exercise transferred-to UNHQ
}

rule large-awards "Large awards need review" {
  applies-to grant
  when authority = procurement/award-contract
    and (limit > USD 500,000 or limit is missing)
    and not delegate.grade in [USG, ASG]
  severity warning
  message "{instrument} grants {authority} up to {limit}"
  basis "A/72/773 §74"
}

segregation certify-approve "Certifying and approving" {
  duties certifying-officer, approving-officer
  scope account
  severity error
}

rates "Operational rates of exchange" {
  rate EUR USD 1.08 from 2025-01-01
  rate CHF USD 1.12 from 2025-01-01
}
`;
