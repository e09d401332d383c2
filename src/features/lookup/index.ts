/** Lookup commands: add a reference by identifier, check references, the NCBI key, the cache. */
import * as vscode from 'vscode';
import type { Bibliographies } from '../../workspace/bibliographies';
import { NetworkAccess } from '../../workspace/network';
import type { DocumentAnalyses } from '../documentAnalysis';
import type { CitationInserter, InsertOptions } from '../insertCitation';
import { addByIdentifier } from './addByIdentifier';
import { ReferenceChecker } from './checkReferences';
import { FINDING_RESOLVED, REPLACE_WITH_PUBLISHED, ReferenceCheckFixes, replaceWithPublished } from './referenceCheckFixes';
import { registerReferenceCheckView } from './referenceCheckView';

export const ADD_BY_IDENTIFIER = 'vexas.addByIdentifier';

export function registerLookup(context: vscode.ExtensionContext, deps: { bibliographies: Bibliographies; inserter: CitationInserter; analyses: DocumentAnalyses }): NetworkAccess {
  const network = new NetworkAccess(context);
  const lookupDeps = { ...deps, network };
  const checker = new ReferenceChecker({ bibliographies: deps.bibliographies, analyses: deps.analyses, network });
  registerReferenceCheckView(context, checker);
  context.subscriptions.push(
    checker,
    vscode.commands.registerCommand('vexas.checkReferences', () => checker.run()),
    vscode.languages.registerCodeActionsProvider([{ scheme: 'file' }, { scheme: 'untitled' }, { scheme: 'vscode-vfs' }],
      new ReferenceCheckFixes(checker, deps.bibliographies), { providedCodeActionKinds: ReferenceCheckFixes.kinds }),
    vscode.commands.registerCommand(REPLACE_WITH_PUBLISHED, (file: string, key: string, doi: string) => replaceWithPublished(network, deps.bibliographies, checker, file, key, doi)),
    vscode.commands.registerCommand(FINDING_RESOLVED, (kind: string, key: string) => checker.resolve(kind, key)),
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
