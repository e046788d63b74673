// `doa audit --jobs`: a worker that fails (its module throws, or it stops) ends the audit with that
// error; the thread that follows the chunks in order never waits for a chunk that will not come,
// however many chunks it has judged itself meanwhile.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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

// Many chunks (64 KB each): more than the workers hold and this thread may judge ahead.
const manyRecords = () => transactionsFile(csv(...Array.from({ length: 20_000 }, (_, i) => `T-${i},2025-05-10,requisition,fa,1000,USD,MSN,MSN/USD/Operating,,,`)));
const fewRecords = () => transactionsFile(csv('T-1,2025-05-10,requisition,fa,1000,USD,MSN,MSN/USD/Operating,,,'));

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
