/** Lookup commands: add a reference by identifier, the NCBI key, the cache. */
import * as vscode from 'vscode';
import type { Bibliographies } from '../../workspace/bibliographies';
import { NetworkAccess } from '../../workspace/network';
import type { CitationInserter, InsertOptions } from '../insertCitation';
import { addByIdentifier } from './addByIdentifier';

export const ADD_BY_IDENTIFIER = 'vexas.addByIdentifier';

export function registerLookup(context: vscode.ExtensionContext, deps: { bibliographies: Bibliographies; inserter: CitationInserter }): NetworkAccess {
  const network = new NetworkAccess(context);
  const lookupDeps = { ...deps, network };
  context.subscriptions.push(
    vscode.commands.registerCommand(ADD_BY_IDENTIFIER, (input?: unknown, options?: InsertOptions) =>
      addByIdentifier(lookupDeps, typeof input === 'string' ? input : undefined, options)),
    vscode.commands.registerCommand('vexas.network.setNcbiApiKey', (value?: unknown) => network.setNcbiApiKey(typeof value === 'string' ? value : undefined)),
    vscode.commands.registerCommand('vexas.network.clearCache', async () => {
      await network.cache.clear();
      vscode.window.setStatusBarMessage('VEXAS: lookup cache cleared', 3000);
    }),
  );
  return network;
}
