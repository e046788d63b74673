// The worker thread of `doa audit --jobs N` (bundled as dist/doa-audit-worker.mjs): reads and judges
// chunks of the transactions file on its copy of the audit tables (audit-file.ts).
import { runAuditWorker } from '../../language/src/node/audit-file.ts';

runAuditWorker();
