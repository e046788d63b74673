// An audit that fails ends with its error and leaves nothing open: an error thrown while the steps
// are followed (by a caller's `onFinding`) closes the transactions file, on one thread and with
// workers; a worker that fails (its module throws, it stops, it reports an error) ends the audit
// with that error, and the thread that follows the chunks in order never waits for a chunk that
// will not come, however many chunks it has judged itself meanwhile.
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { auditFile } from '../../language/src/node/audit-file.ts';
import { auditRules } from '../../rules/index.ts';
import { csv, policy, transactionsFile } from './helpers.ts';

const dir = mkdtempSync(join(tmpdir(), 'doa-worker-failure-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function workerModule(name: string, body: string): URL {
  const path = join(dir, name);
  writeFileSync(path, body);
  return pathToFileURL(path);
}

/** `count` requisitions dated `date`, in a transactions file. */
const requisitions = (count: number, date = '2025-05-10') => transactionsFile(csv(...Array.from({ length: count }, (_, i) => `T-${i},${date},requisition,fa,1000,USD,MSN,MSN/USD/Operating,,,`)));
// Many chunks (64 KB each): more than the workers hold and this thread may judge ahead.
const manyRecords = () => requisitions(20_000);
// Every record rejected (no date): a finding each.
const manyFindings = () => requisitions(20_000, 'someday');
const fewRecords = () => requisitions(1);

/** The files this process has open (Linux), to see that an audit that ends early closes its file. */
const openFiles = () => (process.platform === 'linux' ? readdirSync('/proc/self/fd').length : 0);

describe('an audit ended by an error while it follows the steps', () => {
  it('rejects with that error and closes the transactions file, on one thread and with workers', async () => {
    const workerUrl = new URL('../../dist/doa-audit-worker.mjs', import.meta.url);
    const path = manyFindings();
    for (const jobs of [1, 2]) {
      const before = openFiles();
      const onFinding = () => {
        throw new Error('the report cannot take this finding');
      };
      await expect(auditFile(policy(), auditRules, path, { uri: 'file:///t.csv', jobs, workerUrl, onFinding })).rejects.toThrow('the report cannot take this finding');
      expect(openFiles()).toBeLessThanOrEqual(before);
    }
  });
});

describe('a failing audit worker', () => {
  it('ends the audit with the error of a worker whose module throws', async () => {
    const workerUrl = workerModule('throws.mjs', "throw new Error('the worker could not start');\n");
    for (const path of [manyRecords(), fewRecords()]) {
      await expect(auditFile(policy(), auditRules, path, { uri: 'file:///t.csv', jobs: 2, workerUrl })).rejects.toThrow('the worker could not start');
    }
  });

  it('ends the audit when a worker stops', async () => {
    const workerUrl = workerModule('exits.mjs', "import { parentPort } from 'node:worker_threads';\nparentPort.on('message', () => process.exit(3));\n");
    await expect(auditFile(policy(), auditRules, manyRecords(), { uri: 'file:///t.csv', jobs: 3, workerUrl })).rejects.toThrow('an audit worker stopped (exit code 3)');
  });

  it('ends the audit with the error a worker reports', async () => {
    const workerUrl = workerModule('reports.mjs', "import { parentPort } from 'node:worker_threads';\nparentPort.on('message', () => parentPort.postMessage({ error: 'Error: a chunk could not be judged' }));\n");
    await expect(auditFile(policy(), auditRules, manyRecords(), { uri: 'file:///t.csv', jobs: 2, workerUrl })).rejects.toThrow('a chunk could not be judged');
  });
});
