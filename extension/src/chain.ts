// "doa: Show the delegation chain at the cursor": asks the server (`doa/chainAt`) for the chain of
// instruments from the root to the delegation or sub-delegation at the cursor, and shows it in a
// quick pick; picking an instrument opens it.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';

export interface ChainLink {
  name: string;
  kind: 'delegation' | 'sub-delegation';
  title: string | null;
  uri: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  inForce: boolean;
}

export interface ChainResult {
  root: string;
  chain: ChainLink[];
}

interface ChainItem extends vscode.QuickPickItem {
  link?: ChainLink;
}

/** Shows the chain and returns it (without waiting for a pick), or null when there is none. */
export async function showChain(client: LanguageClient, asOf: string): Promise<ChainResult | null> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.languageId !== 'doa') {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open a doa file and place the cursor in a delegation or sub-delegation.'));
    return null;
  }
  const result = await client.sendRequest<ChainResult | null>('doa/chainAt', {
    textDocument: { uri: editor.document.uri.toString() },
    position: { line: editor.selection.active.line, character: editor.selection.active.character },
  });
  if (!result || result.chain.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('There is no delegation or sub-delegation at the cursor.'));
    return null;
  }
  const last = result.chain[result.chain.length - 1]!;
  const items: ChainItem[] = [
    { label: `$(organization) ${result.root}`, description: vscode.l10n.t('origin of all delegated authority') },
    ...result.chain.map((link, i): ChainItem => ({
      label: `${'\u2003'.repeat(i + 1)}$(arrow-right) ${link.name}`,
      description: link.title ?? undefined,
      detail: `${'\u2003'.repeat(i + 1)}   ${link.kind === 'delegation' ? vscode.l10n.t('delegation') : vscode.l10n.t('sub-delegation')} · ${
        link.inForce ? vscode.l10n.t('in force on {0}', asOf) : vscode.l10n.t('not in force on {0}', asOf)
      }`,
      link,
    })),
  ];
  const pick = vscode.window.createQuickPick<ChainItem>();
  pick.title = vscode.l10n.t('Delegation chain of {0}', last.name);
  pick.placeholder = vscode.l10n.t('{0} instruments from the root; pick one to open it', result.chain.length);
  pick.matchOnDescription = true;
  pick.matchOnDetail = true;
  pick.items = items;
  pick.activeItems = [items[items.length - 1]!];
  pick.onDidAccept(async () => {
    const link = pick.selectedItems[0]?.link;
    pick.hide();
    if (!link) return;
    const r = link.range;
    await vscode.window.showTextDocument(vscode.Uri.parse(link.uri), {
      selection: new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character),
    });
  });
  pick.onDidHide(() => pick.dispose());
  pick.show();
  return result;
}
