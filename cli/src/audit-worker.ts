// The worker thread of `doa audit --jobs N` (bundled as dist/doa-audit-worker.mjs): reads and
// assesses batches of transaction lines against its own copy of the policy (audit-file.ts).
import { runAuditWorker } from '../../language/src/node/audit-file.ts';
import { auditRules } from '../../rules/index.ts';

runAuditWorker(auditRules);
