// A deterministic generator of the `doa audit` benchmark: a policy workspace with about 10,000
// delegation instruments and a file of transaction steps (CSV and JSON Lines) checked against it.
//
// The workspace looks like a delegation register of a large organisation: a catalogue (four areas,
// their authorities with the steps that exercise them and committee-review thresholds, trainings,
// duties with steps, segregations, committees, vendors, monthly exchange rates), the root post and
// a reserved-matter post at headquarters, then ~580 entities, each with its posts, the people who
// hold them (some changing over the period), and ~17 instruments: one delegation per area from the
// root to the head of the entity and chains of sub-delegations three levels deep.
//
// The records are the steps of transactions (procurement: requisition → approve-requisition → award
// → receive → certify → approve → pay; payments; personnel actions; write-offs) dated 2024-01-01 to
// 2025-12-31, in the order an export would list them (by transaction, transactions by start date).
// Most steps are proper; about 5–15 % break a control, of every kind the audit rules look for:
// no delegation, a delegation not yet or no longer in force, a revoked chain, an amount above the
// limit, a currency without a rate, a lapsed or missing training, a reserved matter, a missing or
// late committee review, a conflict of interest, incompatible steps by one person, split awards,
// and a few malformed rows. The numbers of injected cases are written to the manifest (they are an
// intention, not the audit's count: one step can break several controls and the audit reports one).
//
// Everything comes from one seeded PRNG (mulberry32): the same arguments give the same files.
import { mkdirSync, openSync, writeFileSync, writeSync, closeSync, rmSync, existsSync } from 'node:fs';
import { join } from 'node:path';

// The same seeded PRNG as the checker's benchmark.
import { Rng } from '../generate.ts';
export { Rng };

const DAY = 86_400_000;
export const dayOf = (iso: string) => Math.round(Date.parse(`${iso}T00:00:00Z`) / DAY);
export const isoOf = (day: number) => new Date(day * DAY).toISOString().slice(0, 10);
const group = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

export interface GenerateOptions {
  /** Target number of delegation instruments (about 17 per entity). */
  instruments: number;
  /** Number of transaction steps (records). */
  records: number;
  seed?: number;
  /** Also write the records as JSON Lines. */
  jsonl?: boolean;
}

export interface Manifest {
  seed: number;
  entities: number;
  instruments: number;
  posts: number;
  persons: number;
  vendors: number;
  rates: number;
  workspaceFiles: number;
  workspaceLines: number;
  records: number;
  transactions: number;
  csvBytes: number;
  injected: Record<string, number>;
}

// ---------------------------------------------------------------------------------------------
// The catalogue (shared by every entity)

const CATALOGUE = `// Catalogue of authorities (generated for the audit benchmark).
area hr "Human resources" {
  authority approve-personnel-action "Approve personnel actions" { steps approve-personnel-action }
  authority approve-selection "Approve the selection of candidates" { steps approve-selection }
  authority grant-exception "Approve exceptions to HR policies" { steps grant-exception; exclusive }
  authority admin-leave-without-pay "Place a staff member on administrative leave without pay" {
    steps admin-leave-decision
    reserved-to USG-DMSPC
  }
}

area finance "Budget and finance" {
  authority certify "Certify obligations and expenditures" { steps certify }
  authority approve "Approve payments" { steps approve }
  authority bank-signatory "Sign on the Organization's bank accounts" { steps pay }
}

area procurement "Procurement" {
  authority award-contract "Award or amend a procurement contract" {
    steps award, amend
    cumulative
    committee-review above USD 500,000
  }
  authority approve-requisition "Approve a requisition and commit funds" { steps approve-requisition }
}

area property "Property and supply chain" {
  authority write-off "Write off lost, damaged or obsolete property" {
    steps write-off
    committee-review above USD 10,000
  }
  authority dispose "Approve the disposal of property" { steps dispose }
}
`;

const TRAININGS = `// Trainings required by instruments.
training cert-officer-course "Certifying Officer online course" { kind course }
training cbi "Competency-based Interviewing" { kind course }
training proc-fundamentals "Procurement Fundamentals" { kind course }
training ethics-procurement "Ethics and Integrity in Procurement" { kind course; valid-for 3 years }
training cips-4 "CIPS Level 4 Diploma in Procurement and Supply" { kind certification; valid-for 5 years }
training property-ipsas "Property Management and IPSAS Refresher" { kind course; valid-for 3 years }
`;

const DUTIES = `// Duties and their steps; segregated duties make their steps incompatible on one transaction.
duty certifying-officer "Certifying officer" { area finance; steps certify }
duty approving-officer "Approving officer" { area finance; steps approve }
duty bank-signatory "Bank signatory" { area finance; steps pay }
duty vendor-creator "Vendor master data creator" { area procurement; steps create-vendor }
duty payment-processor "Payment processor" { area finance; steps pay }
duty requisitioner "Requisitioner" { area procurement; steps requisition }
duty receiver "Goods and services receiver" { area property; steps receive }
duty personnel-action-initiator "Personnel action initiator" { area hr; steps initiate-personnel-action }
duty personnel-action-approver "Personnel action approver" { area hr; steps approve-personnel-action }

segregation sod-certify-approve "Certifying and approving" {
  duties certifying-officer, approving-officer
  scope account
  severity error
}
segregation sod-approve-sign "Approving payments and signing" {
  duties approving-officer, bank-signatory
  scope account
  severity error
}
segregation sod-requisition-receipt "Requisitioning and receiving" {
  duties requisitioner, receiver
  scope entity
  severity error
}
segregation sod-vendor-payment "Creating vendors and processing payments" {
  duties vendor-creator, payment-processor
  scope any
  severity error
}
segregation sod-personnel-action "Initiating and approving personnel actions" {
  duties personnel-action-initiator, personnel-action-approver
  scope entity
  severity error
}
`;

const GIVEN = ['amina', 'tomas', 'sergei', 'aissatou', 'deng', 'nyandeng', 'zhiqiang', 'khalid', 'rebecca', 'emile', 'peter', 'mwajuma', 'juana', 'mary', 'li', 'fatima', 'olga', 'kwame', 'ingrid', 'rahul', 'yuki', 'maria', 'ahmed', 'chen', 'nadia', 'pablo', 'grace', 'ivan', 'leila', 'samuel'];
const FAMILY = ['njoroge', 'echeverria', 'volkov', 'ndiaye', 'akol', 'majok', 'huang', 'osman', 'odhiambo', 'rousseau', 'lual', 'hassani', 'herrera', 'akech', 'wang', 'haddad', 'petrova', 'mensah', 'larsen', 'sharma', 'tanaka', 'silva', 'farouk', 'liu', 'karimi', 'moreno', 'otieno', 'popov', 'nasser', 'bekele'];
const TITLES_SCRIPT = ['Амина Волкова', '黄志强', 'خالد عثمان', 'Aïssatou Ndiaye', 'Émile Rousseau', 'Tomás Echeverría', 'Ngozi Okonkwo', 'Иван Попов', '王芳', 'ليلى ناصر'];

type PostKey = 'HEAD' | 'DMS' | 'CFO' | 'FO' | 'CASH' | 'FA' | 'CPO' | 'PO1' | 'PO2' | 'PA' | 'CPM' | 'RCV' | 'CHRO' | 'HRA' | 'ENG';
const POSTS: Array<[PostKey, string, string, string]> = [
  ['HEAD', 'Head of entity', 'USG', 'head-of-entity'],
  ['DMS', 'Director of Administration', 'D-2', 'finance, procurement, property, hr'],
  ['CFO', 'Chief Finance Officer', 'P-5', 'finance'],
  ['FO', 'Finance Officer', 'P-4', 'finance'],
  ['CASH', 'Chief Cashier', 'P-3', 'finance'],
  ['FA', 'Finance Assistant', 'G-6', 'finance'],
  ['CPO', 'Chief Procurement Officer', 'P-5', 'procurement'],
  ['PO1', 'Procurement Officer', 'P-4', 'procurement'],
  ['PO2', 'Procurement Officer', 'P-4', 'procurement'],
  ['PA', 'Procurement Assistant', 'G-6', 'procurement'],
  ['CPM', 'Chief, Property Management', 'P-5', 'property'],
  ['RCV', 'Receiving Assistant', 'G-5', 'property'],
  ['CHRO', 'Chief Human Resources Officer', 'P-5', 'hr'],
  ['HRA', 'Human Resources Assistant', 'G-5', 'hr'],
  ['ENG', 'Engineering Officer', 'P-3', 'engineering'],
];

interface Holder {
  person: string;
  from?: number;
  to?: number;
}

/** What the record generator needs to know about one entity. */
interface EntityPlan {
  code: string;
  holders: Record<PostKey, Holder[]>;
  /** Persons to whom an instrument is addressed by name. */
  cpo: string;
  fo: string;
  cash: string;
  vendors: string[];
  conflicted: Map<string, string>;
  /** The procurement chain under the DMS is revoked from this day. */
  procRevokedFrom?: number;
  /** PO2's instrument ends on this day and its successor starts on `po2Restart`. */
  po2Gap?: [number, number];
  /** The CPO's cips-4 lapses on this day (completed five years before). */
  cpoLapse?: number;
  /** The person holding PO1 never completed ethics-procurement. */
  po1Untrained: boolean;
  /** The head was (wrongly) given the reserved authority. */
  reservedGranted: boolean;
  /** The finance officer's certifying limit is in EUR. */
  foEur: boolean;
}

const D = (iso: string) => dayOf(iso);
const FIRST = D('2024-01-01');
const LAST = D('2025-12-31');

function holderOn(list: Holder[], day: number): string {
  for (const h of list) if ((h.from === undefined || h.from <= day) && (h.to === undefined || day <= h.to)) return h.person;
  return list[list.length - 1]!.person;
}

// ---------------------------------------------------------------------------------------------
// The workspace

function generateWorkspace(dir: string, rng: Rng, entityCount: number): { plans: EntityPlan[]; vendors: string[]; counts: Omit<Manifest, 'seed' | 'records' | 'transactions' | 'csvBytes' | 'injected'> } {
  mkdirSync(join(dir, 'entities'), { recursive: true });
  const files: Array<[string, string]> = [];
  files.push(['catalogue.doa', CATALOGUE], ['trainings.doa', TRAININGS], ['duties.doa', DUTIES]);

  const vendors = Array.from({ length: 2000 }, (_, i) => `vendor-${String(i).padStart(4, '0')}`);
  files.push(['vendors.doa', '// Registered vendors.\n' + vendors.map((v, i) => `vendor ${v} "Vendor ${i} Ltd"\n`).join('')]);

  // Monthly operational rates, quoted per US dollar: EUR, CHF and KES; no rate for GBP.
  const rateLines: string[] = [];
  for (let y = 2024; y <= 2025; y++) {
    for (let m = 1; m <= 12; m++) {
      const from = `${y}-${String(m).padStart(2, '0')}-01`;
      const k = (y - 2024) * 12 + m;
      rateLines.push(`  rate EUR USD ${(1.08 + 0.004 * Math.sin(k)).toFixed(4)} from ${from}`);
      rateLines.push(`  rate CHF USD ${(1.12 + 0.005 * Math.cos(k)).toFixed(4)} from ${from}`);
      rateLines.push(`  rate KES USD ${(0.0077 + 0.0001 * Math.sin(k / 2)).toFixed(5)} from ${from}`);
    }
  }
  files.push(['rates.doa', `rates "Operational rates of exchange 2024-2025" {\n${rateLines.join('\n')}\n}\n`]);

  let org = `// The root of delegated authority and headquarters.
post SG "Secretary-General" {
  entity SECRETARIAT
  grade SG
  functions head-of-entity
  root
}
person sg-person "Secretary-General" { holds SG from 2022-01-01 }
entity SECRETARIAT "Secretariat" {
  kind secretariat
  line 1
  head SG
}
entity DMSPC "Department of Management Strategy, Policy and Compliance" {
  parent SECRETARIAT
  kind department
  line 2
  head USG-DMSPC
}
post USG-DMSPC "Under-Secretary-General for Management" {
  entity DMSPC
  grade USG
  functions head-of-entity
}
person usg-dmspc-person "Under-Secretary-General, DMSPC" { holds USG-DMSPC from 2023-01-01 }
`;
  const plans: EntityPlan[] = [];
  let instruments = 0;
  let persons = 2;
  let posts = 2;
  const perFile = 10;
  let chunk = '';
  for (let e = 0; e < entityCount; e++) {
    const code = `E${String(e).padStart(3, '0')}`;
    const name = (k: PostKey) => `${code}-${k}`;
    org += `entity ${code} "Entity ${e}" {\n  parent SECRETARIAT\n  kind ${rng.pick(['department', 'office', 'mission', 'commission'])}\n  line 1\n  head ${name('HEAD')}\n}\n`;
    org += `committee ${code}-LCC "Local Committee on Contracts, ${code}" { entity ${code} }\ncommittee ${code}-LPSB "Local Property Survey Board, ${code}" { entity ${code} }\n`;
    let text = `// ---- ${code}: posts, people and instruments ----\n`;
    for (const [k, title, grade, functions] of POSTS) {
      text += `post ${name(k)} "${title}, ${code}" {\n  entity ${code}\n  grade ${grade}\n  functions ${functions}\n}\n`;
      posts++;
    }
    const holders = {} as Record<PostKey, Holder[]>;
    const plan: EntityPlan = {
      code,
      holders,
      cpo: '',
      fo: '',
      cash: '',
      vendors: Array.from({ length: 12 }, () => rng.pick(vendors)),
      conflicted: new Map(),
      po1Untrained: rng.chance(0.1),
      reservedGranted: rng.chance(0.05),
      foEur: rng.chance(0.15),
    };
    if (rng.chance(0.06)) plan.procRevokedFrom = D('2025-01-01') + rng.int(0, 270);
    if (rng.chance(0.3)) {
      const end = D('2025-03-01') + rng.int(0, 200);
      plan.po2Gap = [end, end + rng.int(20, 60)];
    }
    let serial = 0;
    const personFor = (k: PostKey, from?: number, to?: number): string => {
      const p = `${rng.pick(GIVEN)}-${rng.pick(FAMILY)}-${code.toLowerCase()}-${++serial}`;
      (holders[k] ??= []).push({ person: p, ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}) });
      return p;
    };
    const personText = (p: string, k: PostKey, lines: string[], from?: number, to?: number) => {
      const title = rng.chance(0.3) ? rng.pick(TITLES_SCRIPT) : p.split('-').slice(0, 2).map((s) => s[0]!.toUpperCase() + s.slice(1)).join(' ');
      const hold = `  holds ${name(k)} from ${isoOf(from ?? D('2019-01-01'))}${to !== undefined ? ` to ${isoOf(to)}` : ''}`;
      text += `person ${p} "${title}" {\n${[hold, ...lines].join('\n')}\n}\n`;
      persons++;
    };
    const completed = (from: number, to: number) => isoOf(rng.int(from, to));
    for (const [k] of POSTS) {
      const trainingsFor = (key: PostKey): string[] => {
        switch (key) {
          case 'DMS':
            return [
              `  training proc-fundamentals completed ${completed(D('2015-01-01'), D('2019-12-31'))}`,
              `  training ethics-procurement completed ${completed(D('2023-06-01'), D('2023-12-31'))}`,
              `  training ethics-procurement completed ${completed(D('2026-01-01'), D('2026-03-01'))}`,
              `  training cert-officer-course completed ${completed(D('2018-01-01'), D('2022-12-31'))}`,
              `  training property-ipsas completed ${completed(D('2023-01-01'), D('2023-12-31'))}`,
              `  training property-ipsas completed ${completed(D('2025-10-01'), D('2025-12-31'))}`,
            ];
          case 'PO1':
          case 'PO2':
          case 'CPO': {
            const out = [`  training proc-fundamentals completed ${completed(D('2016-01-01'), D('2021-12-31'))}`];
            if (!(key === 'PO1' && plan.po1Untrained)) out.push(`  training ethics-procurement completed ${completed(D('2023-01-01'), D('2023-12-31'))}`, `  training ethics-procurement completed ${completed(D('2025-10-01'), D('2025-12-31'))}`);
            if (key === 'CPO' && rng.chance(0.15)) {
              const c = rng.int(D('2019-03-01'), D('2020-10-31'));
              plan.cpoLapse = c;
              out.push(`  training cips-4 completed ${isoOf(c)}`);
            } else out.push(`  training cips-4 completed ${completed(D('2021-01-01'), D('2023-12-31'))}`);
            return out;
          }
          case 'CFO':
          case 'FO':
          case 'CASH':
            return [`  training cert-officer-course completed ${completed(D('2018-01-01'), D('2023-12-31'))}`];
          case 'CPM':
            return [`  training property-ipsas completed ${completed(D('2023-01-01'), D('2023-12-31'))}`, `  training property-ipsas completed ${completed(D('2025-10-01'), D('2025-12-31'))}`];
          case 'CHRO':
            return [`  training cbi completed ${completed(D('2018-01-01'), D('2023-12-31'))}`];
          default:
            return [];
        }
      };
      const duty = (key: PostKey, person: string): string[] => {
        const acct = `"${code}/USD/Operating account"`;
        switch (key) {
          case 'FO':
            return [`  duty certifying-officer for account ${acct}`];
          case 'CFO':
            return [`  duty approving-officer for account ${acct}`];
          case 'CASH':
            return [`  duty bank-signatory for account ${acct}`];
          case 'FA':
            return [`  duty payment-processor for entity ${code}`];
          case 'PA':
            return [`  duty vendor-creator for entity ${code}`];
          case 'RCV':
            return [`  duty receiver for entity ${code}`];
          case 'ENG':
            return [`  duty requisitioner for entity ${code}`];
          case 'HRA':
            return [`  duty personnel-action-initiator for entity ${code}`];
          case 'CHRO':
            return [`  duty personnel-action-approver for entity ${code}`];
          case 'PO1':
          case 'PO2':
            if (rng.chance(0.08)) {
              const v = rng.pick(plan.vendors);
              plan.conflicted.set(person, v);
              return [`  conflict-of-interest "Sibling is a director of ${v}" vendor ${v} area procurement declared 2023-11-02`];
            }
            return [];
          default:
            return [];
        }
      };
      // Turnover: 30 % of PO2 posts change holder on a day in the period.
      if (k === 'PO2' && rng.chance(0.3)) {
        const change = rng.int(D('2024-03-01'), D('2025-09-30'));
        const a = personFor(k, undefined, change - 1);
        personText(a, k, [...trainingsFor(k), ...duty(k, a)], D('2019-06-01'), change - 1);
        const b = personFor(k, change);
        personText(b, k, [...trainingsFor(k), ...duty(k, b)], change);
        continue;
      }
      const p = personFor(k);
      personText(p, k, [...trainingsFor(k), ...duty(k, p)], D('2019-01-01'));
      if (k === 'CPO') plan.cpo = p;
      if (k === 'FO') plan.fo = p;
      if (k === 'CASH') plan.cash = p;
    }

    const inst = (kind: 'delegation' | 'sub-delegation', id: string, body: string[]) => {
      text += `${kind} ${id} "${id}" {\n${body.map((l) => `  ${l}`).join('\n')}\n}\n`;
      instruments++;
    };
    const lcc = `${code}-LCC`;
    const lpsb = `${code}-LPSB`;
    const report = (to: string) => `report "Use of the authority" to ${to} every quarter`;
    // Procurement
    inst('delegation', `DA-${code}-PROC`, [`to ${name('HEAD')}`, 'area procurement', `authority procurement/award-contract limit USD 2,000,000 committee-review above USD 500,000 by ${lcc}`, 'authority procurement/approve-requisition limit USD 2,000,000', 'valid from 2019-01-01', 'may-sub-delegate grades P-4 and above functions procurement', report('DMSPC'), 'basis "ST/SGB/2019/2"']);
    inst('sub-delegation', `SD-${code}-PROC-DMS`, [`under DA-${code}-PROC`, `to ${name('DMS')}`, 'area procurement', `authority procurement/award-contract limit USD 1,000,000 committee-review above USD 500,000 by ${lcc}`, 'authority procurement/approve-requisition limit USD 1,000,000', 'valid from 2019-01-01', 'may-sub-delegate grades P-4 and above functions procurement', 'requires proc-fundamentals, ethics-procurement', report(name('HEAD')), ...(plan.procRevokedFrom ? [`revoked ${isoOf(plan.procRevokedFrom)} because ineffective-exercise`] : [])]);
    inst('sub-delegation', `SD-${code}-PROC-CPO`, [`under SD-${code}-PROC-DMS`, `to ${plan.cpo}`, 'area procurement', 'authority procurement/award-contract limit USD 500,000', 'valid from 2023-01-01 to 2026-12-31', 'may-sub-delegate grades P-4 and above functions procurement', 'requires cips-4', report(name('DMS'))]);
    inst('sub-delegation', `SD-${code}-PROC-PO1`, [`under SD-${code}-PROC-CPO`, `to ${name('PO1')}`, 'area procurement', 'authority procurement/award-contract limit USD 150,000', 'valid from 2023-06-01 to 2026-06-30', report(name('CPO'))]);
    if (plan.po2Gap) {
      inst('sub-delegation', `SD-${code}-PROC-PO2`, [`under SD-${code}-PROC-CPO`, `to ${name('PO2')}`, 'area procurement', 'authority procurement/award-contract limit USD 150,000', `valid from 2023-06-01 to ${isoOf(plan.po2Gap[0] - 1)}`, report(name('CPO'))]);
      inst('sub-delegation', `SD-${code}-PROC-PO2-R`, [`under SD-${code}-PROC-CPO`, `to ${name('PO2')}`, 'area procurement', 'authority procurement/award-contract limit USD 150,000', `valid from ${isoOf(plan.po2Gap[1])} to 2026-06-30`, report(name('CPO'))]);
    } else {
      inst('sub-delegation', `SD-${code}-PROC-PO2`, [`under SD-${code}-PROC-CPO`, `to ${name('PO2')}`, 'area procurement', 'authority procurement/award-contract limit USD 150,000', 'valid from 2023-06-01 to 2026-06-30', report(name('CPO'))]);
    }
    inst('sub-delegation', `SD-${code}-PROC-AREQ`, [`under SD-${code}-PROC-DMS`, `to ${name('CPO')}`, 'area procurement', 'authority procurement/approve-requisition limit USD 250,000', 'valid from 2023-01-01 to 2026-12-31', report(name('DMS'))]);
    // Finance
    inst('delegation', `DA-${code}-FIN`, [`to ${name('HEAD')}`, 'area finance', 'authority finance/certify', 'authority finance/approve', 'authority finance/bank-signatory', 'valid from 2019-01-01', 'may-sub-delegate grades P-3 and above functions finance', report('DMSPC')]);
    inst('sub-delegation', `SD-${code}-FIN-DMS`, [`under DA-${code}-FIN`, `to ${name('DMS')}`, 'area finance', 'authority finance/certify', 'authority finance/approve', 'authority finance/bank-signatory', 'valid from 2019-01-01', 'may-sub-delegate grades P-3 and above functions finance', 'requires cert-officer-course', report(name('HEAD'))]);
    inst('sub-delegation', `SD-${code}-FIN-CFO`, [`under SD-${code}-FIN-DMS`, `to ${name('CFO')}`, 'area finance', 'authority finance/certify limit USD 2,000,000', 'authority finance/approve limit USD 2,000,000', 'valid from 2020-03-01 to 2026-12-31', report(name('DMS'))]);
    inst('sub-delegation', `SD-${code}-FIN-FO`, [`under SD-${code}-FIN-DMS`, `to ${plan.fo}`, 'area finance', `authority finance/certify limit ${plan.foEur ? 'EUR 900,000' : 'USD 1,000,000'}`, 'valid from 2022-01-01 to 2026-12-31', report(name('CFO'))]);
    inst('sub-delegation', `SD-${code}-FIN-BANK`, [`under SD-${code}-FIN-DMS`, `to ${plan.cash}`, 'area finance', 'authority finance/bank-signatory limit USD 250,000', 'valid from 2020-05-01 to 2026-12-31', report(name('CFO'))]);
    // Property
    inst('delegation', `DA-${code}-PROP`, [`to ${name('HEAD')}`, 'area property', `authority property/write-off limit USD 25,000 committee-review above USD 10,000 by ${lpsb}`, 'authority property/dispose', 'valid from 2019-01-01', 'may-sub-delegate grades P-4 and above functions property', report('DMSPC')]);
    inst('sub-delegation', `SD-${code}-PROP-DMS`, [`under DA-${code}-PROP`, `to ${name('DMS')}`, 'area property', `authority property/write-off limit USD 25,000 committee-review above USD 10,000 by ${lpsb}`, 'authority property/dispose', 'valid from 2019-01-01', 'may-sub-delegate grades P-4 and above functions property', 'requires property-ipsas', report(name('HEAD'))]);
    inst('sub-delegation', `SD-${code}-PROP-CPM`, [`under SD-${code}-PROP-DMS`, `to ${name('CPM')}`, 'area property', 'authority property/write-off limit USD 10,000', 'valid from 2021-04-12 to 2026-12-31', report(name('DMS'))]);
    // Human resources
    inst('delegation', `DA-${code}-HR`, [`to ${name('HEAD')}`, 'area hr', 'authority hr/approve-personnel-action', 'authority hr/approve-selection', 'authority hr/grant-exception', ...(plan.reservedGranted ? ['authority hr/admin-leave-without-pay'] : []), 'valid from 2019-01-01', 'may-sub-delegate grades P-3 and above functions hr', report('DMSPC')]);
    inst('sub-delegation', `SD-${code}-HR-DMS`, [`under DA-${code}-HR`, `to ${name('DMS')}`, 'area hr', 'authority hr/approve-personnel-action', 'authority hr/approve-selection', 'valid from 2019-01-01', 'may-sub-delegate grades P-3 and above functions hr', report(name('HEAD'))]);
    inst('sub-delegation', `SD-${code}-HR-CHRO`, [`under SD-${code}-HR-DMS`, `to ${name('CHRO')}`, 'area hr', 'authority hr/approve-personnel-action', 'authority hr/approve-selection', 'valid from 2021-01-01 to 2026-12-31', 'requires cbi', report(name('DMS'))]);

    plans.push(plan);
    chunk += text;
    if ((e + 1) % perFile === 0 || e === entityCount - 1) {
      files.push([`entities/${code.slice(0, 3)}x-${String(Math.floor(e / perFile)).padStart(3, '0')}.doa`, chunk]);
      chunk = '';
    }
  }
  files.push(['organisation.doa', org]);
  let lines = 0;
  for (const [f, t] of files) {
    writeFileSync(join(dir, f), t);
    lines += t.split('\n').length - 1;
  }
  return { plans, vendors, counts: { entities: entityCount, instruments, posts, persons, vendors: vendors.length, rates: rateLines.length, workspaceFiles: files.length, workspaceLines: lines } };
}

// ---------------------------------------------------------------------------------------------
// The records

interface Step {
  date: number;
  step: string;
  actor: string;
  amount?: string;
  currency?: string;
  account?: string;
  vendor?: string;
  reviewRef?: string;
  reviewDate?: number;
  /** Raw override of the date text (malformed rows). */
  rawDate?: string;
}

interface Txn {
  id: string;
  start: number;
  entity: string;
  steps: Step[];
}

const CSV_HEADER = 'id,date,step,actor,amount,currency,entity,account,vendor,review_ref,review_date';

/** Log-uniform whole amount between lo and hi. */
function amountBetween(rng: Rng, lo: number, hi: number): number {
  return Math.round(Math.exp(Math.log(lo) + rng.next() * (Math.log(hi) - Math.log(lo))));
}

export function generate(outDir: string, options: GenerateOptions): Manifest {
  const seed = options.seed ?? 20261122;
  const rng = new Rng(seed);
  const wsDir = join(outDir, 'workspace');
  if (existsSync(wsDir)) rmSync(wsDir, { recursive: true, force: true });
  const entityCount = Math.max(1, Math.round(options.instruments / 17.2));
  const { plans, counts } = generateWorkspace(wsDir, rng, entityCount);

  const injected: Record<string, number> = {};
  const inject = (kind: string) => (injected[kind] = (injected[kind] ?? 0) + 1);
  const h = (plan: EntityPlan, k: PostKey, day: number) => holderOn(plan.holders[k], day);
  let txSerial = 0;
  let records = 0;
  let transactions = 0;
  const pending: Txn[] = [];

  // Transactions are produced roughly in start order, then emitted sorted by start within a sliding
  // buffer, so bursts injected at later dates still come out in date order.
  const makeTxn = (plan: EntityPlan, start: number): Txn[] => {
    const id = `T-${String(++txSerial).padStart(7, '0')}`;
    const acct = `${plan.code}/USD/Operating account`;
    const kind = rng.next();
    const steps: Step[] = [];
    const t: Txn = { id, start, entity: plan.code, steps };
    let day = start;
    const next = () => (day += rng.int(0, 4));
    const money = (amount: number, currency = 'USD') => ({ amount: String(amount), currency });
    if (kind < 0.3) {
      // Procurement: requisition → approve-requisition → award → receive → certify → approve → pay.
      const amount = amountBetween(rng, 800, 1_400_000);
      let vendor = rng.pick(plan.vendors);
      const engineer = h(plan, 'ENG', day);
      steps.push({ date: day, step: 'requisition', actor: engineer, ...money(amount), account: acct });
      next();
      steps.push({ date: day, step: 'approve-requisition', actor: amount <= 250_000 ? h(plan, 'CPO', day) : amount <= 1_000_000 ? h(plan, 'DMS', day) : h(plan, 'HEAD', day), ...money(amount), account: acct });
      next();
      let awarder: string;
      if (amount <= 150_000) {
        const k: PostKey = rng.chance(0.5) ? 'PO1' : 'PO2';
        awarder = h(plan, k, day);
        if (plan.po2Gap && k === 'PO2' && day >= plan.po2Gap[0] && day < plan.po2Gap[1]) inject('delegation-not-in-force');
        const conflict = plan.conflicted.get(awarder);
        if (conflict && rng.chance(0.4)) {
          vendor = conflict;
          inject('conflict-of-interest');
        }
      } else if (amount <= 500_000) awarder = plan.cpo;
      else if (amount <= 1_000_000) awarder = h(plan, 'DMS', day);
      else awarder = h(plan, 'HEAD', day);
      // 5 %: the award exceeds the awarder's limit (a PO awarding a CPO-sized contract).
      let awardAmount = amount;
      if (rng.chance(0.05)) {
        awarder = h(plan, rng.chance(0.5) ? 'PO1' : 'PO2', day);
        awardAmount = rng.int(150_001, 480_000);
        inject('amount-above-limit');
      }
      // 2 %: awarded in a currency without a rate.
      let cur = 'USD';
      if (rng.chance(0.02)) {
        cur = 'GBP';
        inject('currency-without-rate');
      } else if (rng.chance(0.06)) cur = rng.pick(['EUR', 'CHF', 'KES']);
      const shown = cur === 'KES' ? awardAmount * 130 : cur === 'USD' || cur === 'GBP' ? awardAmount : Math.round(awardAmount / 1.1);
      const award: Step = { date: day, step: 'award', actor: awarder, ...money(shown, cur), account: acct, vendor };
      if (awardAmount > 500_000) {
        const r = rng.next();
        if (r < 0.1) inject('committee-review-missing');
        else if (r < 0.2) {
          award.reviewRef = `LCC/${plan.code}/${txSerial}`;
          award.reviewDate = day + rng.int(1, 10);
          inject('review-after-award');
        } else {
          award.reviewRef = `LCC/${plan.code}/${txSerial}`;
          award.reviewDate = day - rng.int(0, 15);
        }
      }
      if (plan.procRevokedFrom && day >= plan.procRevokedFrom) inject('revoked-authority');
      if (plan.cpoLapse && awarder === plan.cpo) inject('prerequisite-maybe-lapsed');
      if (plan.po1Untrained && awarder === h(plan, 'PO1', day)) inject('prerequisite-not-met');
      steps.push(award);
      next();
      // 3 %: the requisitioner also receives (segregation of duties).
      const sodReceive = rng.chance(0.03);
      if (sodReceive) inject('segregation-of-duties');
      steps.push({ date: day, step: 'receive', actor: sodReceive ? engineer : h(plan, 'RCV', day), vendor });
      next();
      paymentSteps(plan, steps, amount, vendor, acct, next, () => day);
    } else if (kind < 0.7) {
      const amount = amountBetween(rng, 200, 2_000_000);
      paymentSteps(plan, steps, amount, rng.pick(plan.vendors), acct, next, () => day);
    } else if (kind < 0.9) {
      // Personnel action: initiated by the HR assistant, approved by the chief (selection sometimes).
      const initiator = h(plan, 'HRA', day);
      steps.push({ date: day, step: 'initiate-personnel-action', actor: initiator });
      next();
      // 2 %: the initiator approves too (segregation and no delegation).
      const self = rng.chance(0.02);
      if (self) inject('segregation-of-duties+no-delegation');
      steps.push({ date: day, step: 'approve-personnel-action', actor: self ? initiator : rng.chance(0.9) ? h(plan, 'CHRO', day) : h(plan, 'DMS', day) });
      if (rng.chance(0.3)) {
        next();
        steps.push({ date: day, step: 'approve-selection', actor: h(plan, 'CHRO', day) });
      }
      if (plan.reservedGranted && rng.chance(0.05)) {
        next();
        // Administrative leave without pay is reserved to the USG DMSPC; this head was given it anyway.
        steps.push({ date: day, step: 'admin-leave-decision', actor: h(plan, 'HEAD', day) });
        inject('reserved-matter');
      }
    } else {
      // Write-off of property: the chief up to 10,000, the director up to 25,000 with the board's review.
      const amount = amountBetween(rng, 300, 24_000);
      const actor = amount <= 10_000 ? h(plan, 'CPM', day) : h(plan, 'DMS', day);
      const s: Step = { date: day, step: 'write-off', actor, ...money(amount) };
      if (amount > 10_000) {
        if (rng.chance(0.15)) inject('committee-review-missing');
        else {
          s.reviewRef = `PSB/${plan.code}/${txSerial}`;
          s.reviewDate = day - rng.int(0, 20);
        }
      }
      steps.push(s);
    }
    // 5 %: a step by someone with no delegation for it (an assistant acting above their role).
    if (rng.chance(0.05)) {
      const target = steps[rng.int(0, steps.length - 1)]!;
      if (target.step === 'certify' || target.step === 'approve' || target.step === 'award') {
        target.actor = h(plan, target.step === 'award' ? 'PA' : 'FA', target.date);
        inject('no-delegation');
      }
    }
    // 0.2 %: an actor the policy does not know.
    if (rng.chance(0.002)) steps[0]!.actor = `unknown-${txSerial}`;
    // 0.02 %: a malformed row.
    if (rng.chance(0.0002)) {
      steps[0]!.rawDate = rng.pick(['2025-02-30', '31/12/2024', '']);
      inject('malformed');
    }
    const out = [t];
    // 2 % of procurement transactions start a run of split awards to one vendor within 30 days.
    if (kind < 0.3 && rng.chance(0.02)) {
      const k: PostKey = rng.chance(0.5) ? 'PO1' : 'PO2';
      const vendor = rng.pick(plan.vendors);
      const n = rng.int(2, 4);
      let d = start;
      inject('split-purchase');
      for (let i = 0; i < n; i++) {
        d += rng.int(1, 8);
        const awarder = h(plan, k, d);
        out.push({ id: `T-${String(++txSerial).padStart(7, '0')}`, start: d, entity: plan.code, steps: [{ date: d, step: 'award', actor: awarder, amount: String(rng.int(70_000, 149_000)), currency: 'USD', account: acct, vendor }] });
      }
    }
    return out;
  };

  function paymentSteps(plan: EntityPlan, steps: Step[], amount: number, vendor: string, acct: string, next: () => number, day: () => number) {
    const m = { amount: String(amount), currency: 'USD' };
    const certifier = amount <= 800_000 ? plan.fo : h(plan, 'DMS', day());
    steps.push({ date: day(), step: 'certify', actor: certifier, ...m, account: acct, vendor });
    next();
    // 4 %: the certifying officer approves too.
    const sod = rng.chance(0.04);
    if (sod) inject('segregation-of-duties');
    const approver = sod ? certifier : amount <= 2_000_000 ? h(plan, 'CFO', day()) : h(plan, 'DMS', day());
    steps.push({ date: day(), step: 'approve', actor: approver, ...m, account: acct, vendor });
    next();
    let payer = amount <= 250_000 ? plan.cash : h(plan, 'DMS', day());
    if (amount > 250_000 && rng.chance(0.1)) {
      payer = plan.cash;
      inject('amount-above-limit');
    }
    steps.push({ date: day(), step: 'pay', actor: payer, ...m, account: acct, vendor });
  }

  // Spread the transactions evenly over the period, in start order.
  const span = LAST - FIRST - 20;
  const csvPath = join(outDir, 'transactions.csv');
  const jsonPath = join(outDir, 'transactions.jsonl');
  const csv = openSync(csvPath, 'w');
  const json = options.jsonl ? openSync(jsonPath, 'w') : undefined;
  let csvBytes = 0;
  let csvBuf: string[] = [CSV_HEADER];
  let jsonBuf: string[] = [];
  const flush = (force = false) => {
    if (!force && csvBuf.length < 20_000) return;
    const text = csvBuf.join('\n') + '\n';
    csvBytes += Buffer.byteLength(text);
    writeSync(csv, text);
    csvBuf = [];
    if (json !== undefined) {
      writeSync(json, jsonBuf.join('\n') + '\n');
      jsonBuf = [];
    }
  };
  const cell = (s: string | undefined) => (s === undefined ? '' : /[",]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const emit = (t: Txn) => {
    if (records < options.records) transactions++;
    for (const s of t.steps) {
      if (records >= options.records) return;
      records++;
      const date = s.rawDate ?? isoOf(s.date);
      csvBuf.push([t.id, date, s.step, s.actor, s.amount ?? '', s.currency ?? '', t.entity, cell(s.account), s.vendor ?? '', s.reviewRef ?? '', s.reviewDate !== undefined ? isoOf(s.reviewDate) : ''].join(','));
      if (json !== undefined) {
        const o: Record<string, unknown> = { id: t.id, date, step: s.step, actor: s.actor };
        if (s.amount !== undefined) {
          o['amount'] = Number(s.amount);
          o['currency'] = s.currency;
        }
        o['entity'] = t.entity;
        if (s.account) o['account'] = s.account;
        if (s.vendor) o['vendor'] = s.vendor;
        if (s.reviewRef) o['review_ref'] = s.reviewRef;
        if (s.reviewDate !== undefined) o['review_date'] = isoOf(s.reviewDate);
        jsonBuf.push(JSON.stringify(o));
      }
    }
    flush();
  };
  // Start days advance with the number of steps generated, so the period is covered evenly.
  let generated = 0;
  while (generated < options.records) {
    const start = FIRST + Math.floor((span * generated) / options.records);
    for (const t of makeTxn(rng.pick(plans), start)) {
      pending.push(t);
      generated += t.steps.length;
    }
    // Emit what can no longer be overtaken (bursts reach at most 32 days ahead).
    if (pending.length > 4096) {
      pending.sort((a, b) => a.start - b.start);
      const cutoff = start - 40;
      let k = 0;
      while (k < pending.length && pending[k]!.start < cutoff) emit(pending[k++]!);
      pending.splice(0, k);
    }
  }
  pending.sort((a, b) => a.start - b.start);
  for (const t of pending) emit(t);
  flush(true);
  closeSync(csv);
  if (json !== undefined) closeSync(json);
  const manifest: Manifest = { seed, ...counts, records, transactions, csvBytes, injected };
  writeFileSync(join(outDir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  return manifest;
}

export function describe(m: Manifest): string {
  return `${group(m.instruments)} instruments, ${group(m.entities)} entities, ${group(m.posts)} posts, ${group(m.persons)} persons, ${m.workspaceFiles} files (${group(m.workspaceLines)} lines); ${group(m.records)} records in ${group(m.transactions)} transactions (${(m.csvBytes / 1048576).toFixed(1)} MB CSV)`;
}
