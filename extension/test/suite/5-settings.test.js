// The settings reach the language server: doa.rules turns a rule off, doa.asOf moves the check date.
const assert = require('node:assert/strict');
const vscode = require('vscode');
const { LIMIT_FILE, uriOf, findings, codeOf, waitFor, extensionApi } = require('./helpers');

suite('settings', () => {
  let api;
  suiteSetup(async () => {
    ({ api } = await extensionApi());
    await waitFor(() => findings(uriOf(LIMIT_FILE)).length > 0, 'the workspace check');
  });

  test('doa.rules: a rule set to off reports nothing, and comes back when the setting is removed', async () => {
    const config = () => vscode.workspace.getConfiguration('doa');
    const uri = uriOf(LIMIT_FILE);
    await config().update('rules', { 'sub-delegation-exceeds-parent-limit': 'off', 'segregation-of-duties': 'info' }, vscode.ConfigurationTarget.Workspace);
    try {
      await waitFor(() => findings(uri).length === 0, 'the rule to be off');
      const seg = await waitFor(() => {
        const ds = findings(uriOf('segregation-of-duties/finance.doa'));
        return ds.length === 2 && ds.every((d) => d.severity === vscode.DiagnosticSeverity.Information) ? ds : undefined;
      }, 'segregation findings as information');
      assert.equal(seg.length, 2);
    } finally {
      await config().update('rules', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await waitFor(() => findings(uri).some((d) => codeOf(d) === 'sub-delegation-exceeds-parent-limit'), 'the rule to be back');
  });

  test('doa.asOf: a later date expires the instruments, and the status bar shows the date', async () => {
    const config = () => vscode.workspace.getConfiguration('doa');
    const uri = uriOf(LIMIT_FILE);
    await config().update('asOf', '2027-06-30', vscode.ConfigurationTarget.Workspace);
    try {
      const expired = await waitFor(() => {
        const ds = findings(uri).filter((d) => codeOf(d) === 'expired-instrument');
        return ds.length === 2 ? ds : undefined;
      }, 'two expired instruments');
      assert.equal(expired[0].message.split('\n')[0], 'DA-MSN-PROC expired on 2026-12-31; it confers no authority on 2027-06-30');
      await waitFor(() => api.statusText().endsWith('· as of 2027-06-30'), 'the status bar date');
    } finally {
      await config().update('asOf', '2025-06-30', vscode.ConfigurationTarget.Workspace);
    }
    await waitFor(() => !findings(uri).some((d) => codeOf(d) === 'expired-instrument'), 'the instruments in force again');
    await waitFor(() => api.statusText().endsWith('· as of 2025-06-30'), 'the status bar date back');
  });
});
