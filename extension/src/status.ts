// The status bar item: the findings of the whole workspace and the check date, e.g.
// "doa: 3 errors · as of 2025-06-30". A click opens the Problems panel.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parse } from 'jsonc-parser';
import * as vscode from 'vscode';
import { State } from 'vscode-languageclient/node';

export interface Counts {
  errors: number;
  warnings: number;
  infos: number;
}

/** The findings of the doa language server now shown, across the workspace. */
export function diagnosticCounts(): Counts {
  const counts: Counts = { errors: 0, warnings: 0, infos: 0 };
  for (const [, diagnostics] of vscode.languages.getDiagnostics()) {
    for (const d of diagnostics) {
      if (d.source !== 'doa') continue;
      if (d.severity === vscode.DiagnosticSeverity.Error) counts.errors++;
      else if (d.severity === vscode.DiagnosticSeverity.Warning) counts.warnings++;
      else counts.infos++;
    }
  }
  return counts;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The check date the language server uses: the `doa.asOf` setting, else the `asOf` of the
 * doa.config.json found from the first workspace folder upwards (as the server finds it), else today (UTC).
 */
export function effectiveAsOf(): string {
  const setting = vscode.workspace.getConfiguration('doa').get<string>('asOf');
  if (setting && DATE.test(setting)) return setting;
  const folder = vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme === 'file');
  if (folder) {
    for (let dir = resolve(folder.uri.fsPath); ; dir = dirname(dir)) {
      const candidate = join(dir, 'doa.config.json');
      if (existsSync(candidate)) {
        try {
          const asOf = (parse(readFileSync(candidate, 'utf8')) as { asOf?: unknown } | undefined)?.asOf;
          if (typeof asOf === 'string' && DATE.test(asOf)) return asOf;
        } catch {
          // An unreadable config is reported by the server; the status bar falls back to today.
        }
        break;
      }
      if (dirname(dir) === dir) break;
    }
  }
  return new Date().toISOString().slice(0, 10);
}

function plural(n: number, one: string, many: string): string {
  return n === 1 ? one : many.replace('{0}', String(n));
}

export class StatusItem implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('doa.status', vscode.StatusBarAlignment.Left, 10);
  asOf = effectiveAsOf();

  constructor(private readonly state: () => State) {
    this.item.name = vscode.l10n.t('doa policy check');
    this.item.command = 'workbench.actions.view.problems';
    this.update();
    this.item.show();
  }

  get text(): string {
    return this.item.text;
  }

  refreshAsOf(): void {
    this.asOf = effectiveAsOf();
    this.update();
  }

  update(): void {
    const state = this.state();
    const asOf = vscode.l10n.t('as of {0}', this.asOf);
    if (state === State.Starting) {
      this.item.text = `$(sync~spin) ${vscode.l10n.t('doa: starting…')}`;
      this.item.backgroundColor = undefined;
    } else if (state === State.Stopped) {
      this.item.text = `$(circle-slash) ${vscode.l10n.t('doa: language server stopped')}`;
      this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
    } else {
      const c = diagnosticCounts();
      const parts: string[] = [];
      if (c.errors) parts.push(plural(c.errors, vscode.l10n.t('1 error'), vscode.l10n.t('{0} errors')));
      if (c.warnings) parts.push(plural(c.warnings, vscode.l10n.t('1 warning'), vscode.l10n.t('{0} warnings')));
      if (!c.errors && !c.warnings) parts.push(c.infos ? plural(c.infos, vscode.l10n.t('1 info'), vscode.l10n.t('{0} infos')) : vscode.l10n.t('no problems'));
      const icon = c.errors ? '$(error)' : c.warnings ? '$(warning)' : '$(pass)';
      this.item.text = `${icon} doa: ${parts.join(', ')} · ${asOf}`;
      this.item.backgroundColor = undefined;
    }
    const tooltip = new vscode.MarkdownString(
      `${vscode.l10n.t('Delegation-of-authority policies checked {0}.', asOf)}\n\n${vscode.l10n.t('Click to open the Problems panel.')}`,
    );
    this.item.tooltip = tooltip;
  }

  dispose(): void {
    this.item.dispose();
  }
}
