// Diagnostics published by the bundled language server, as VS Code shows them.
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const vscode = require('vscode');
const { EXTENSION_ID, LIMIT_FILE, uriOf, findings, codeOf, waitFor, open, extensionApi } = require('./helpers');

const samples = path.resolve(__dirname, '..', '..', '..', 'samples', 'rules');
const RULE_SAMPLES = ['sub-delegation-exceeds-parent-limit', 'segregation-of-duties', 'missing-reporting-duty'];

suite('diagnostics', () => {
  suiteSetup(async () => {
    await extensionApi();
  });

  test('the extension activates for a .doa file, which is in the doa language', async () => {
    const { doc } = await open(LIMIT_FILE);
    assert.equal(doc.languageId, 'doa');
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext.isActive, 'extension is active');
    assert.equal(ext.packageJSON.engines.vscode, '^1.82.0');
  });

  test('the limit breach: code, message, place, severity, chain as related information, docs link', async () => {
    const uri = uriOf(LIMIT_FILE);
    const d = await waitFor(() => findings(uri).find((x) => codeOf(x) === 'sub-delegation-exceeds-parent-limit'), 'the limit finding');
    assert.equal(
      d.message.split('\n')[0],
      'SD-MSN-CPO grants procurement/award-contract (USD 1,000,000.01), above the USD 1,000,000 that its parent DA-MSN-PROC holds',
    );
    assert.match(d.message, /\nBasis: A\/72\/773 §74; ST\/SGB\/2019\/2$/);
    assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
    assert.deepEqual([d.range.start.line, d.range.start.character], [16, 45]);
    const related = d.relatedInformation.map((r) => `${path.basename(r.location.uri.fsPath)}:${r.location.range.start.line + 1} ${r.message}`);
    assert.deepEqual(related, [
      'organisation.doa:2 chain: Secretary-General',
      'procurement.doa:4 chain: delegation DA-MSN-PROC',
      'procurement.doa:14 chain: sub-delegation SD-MSN-CPO',
      'procurement.doa:7 DA-MSN-PROC grants procurement/award-contract up to USD 1,000,000',
      'procurement.doa:4 parent instrument DA-MSN-PROC',
    ]);
    // The code links to the rule's page, shipped inside the extension beside the server.
    assert.equal(typeof d.code, 'object');
    assert.match(d.code.target.fsPath, /rules[\\/]limits[\\/]sub-delegation-exceeds-parent-limit[\\/]sub-delegation-exceeds-parent-limit\.md$/);
    assert.ok(fs.existsSync(d.code.target.fsPath), `${d.code.target.fsPath} exists`);
  });

  for (const sample of RULE_SAMPLES) {
    test(`files never opened: ${sample} shows exactly the findings of its expected.json`, async () => {
      const expected = JSON.parse(fs.readFileSync(path.join(samples, sample, 'expected.json'), 'utf8'));
      const files = [...new Set(expected.findings.map((f) => f.file))];
      for (const file of files) {
        const uri = uriOf(`${sample}/${file}`);
        const want = expected.findings
          .filter((f) => f.file === file)
          .map((f) => `${f.line}:${f.column} ${f.ruleId} ${f.message}`)
          .sort();
        const got = await waitFor(() => {
          const now = findings(uri)
            .map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${codeOf(d)} ${d.message.split('\n')[0]}`)
            .sort();
          return now.length === want.length ? now : undefined;
        }, `${want.length} findings in ${sample}/${file}`);
        assert.deepEqual(got, want);
      }
    });
  }

  test('the shared organisation file checks clean', async () => {
    await waitFor(() => findings(uriOf(LIMIT_FILE)).length > 0, 'the workspace check');
    assert.deepEqual(findings(uriOf('_shared/organisation.doa')), []);
  });

  test('segregation findings keep their severities (error and warning)', async () => {
    const uri = uriOf('segregation-of-duties/finance.doa');
    const ds = await waitFor(() => (findings(uri).length === 2 ? findings(uri) : undefined), 'two segregation findings');
    assert.deepEqual(ds.map((d) => d.severity).sort(), [vscode.DiagnosticSeverity.Error, vscode.DiagnosticSeverity.Warning]);
  });
});
