import * as vscode from 'vscode';

/**
 * The Markdown snippets in Quarto, R Markdown and pandoc documents. `contributes.snippets` can only
 * name languages VS Code already knows, and without the Quarto or R extension installed VS Code
 * reports every such entry as an error at start; a completion provider for a language that does
 * not exist is simply never asked.
 */
const MARKDOWN_FLAVOURS = ['quarto', 'rmd', 'rmarkdown', 'pandoc'];

interface SnippetDefinition {
  prefix: string | string[];
  body: string | string[];
  description?: string;
}

export function registerMarkdownFlavourSnippets(extensionUri: vscode.Uri): vscode.Disposable {
  let loaded: Promise<vscode.CompletionItem[]> | undefined;
  const load = async (): Promise<vscode.CompletionItem[]> => {
    const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extensionUri, 'snippets', 'markdown.json'));
    const snippets = JSON.parse(new TextDecoder('utf-8').decode(bytes)) as Record<string, SnippetDefinition>;
    const items: vscode.CompletionItem[] = [];
    for (const [name, s] of Object.entries(snippets)) {
      const body = Array.isArray(s.body) ? s.body.join('\n') : s.body;
      for (const prefix of Array.isArray(s.prefix) ? s.prefix : [s.prefix]) {
        const item = new vscode.CompletionItem({ label: prefix, description: name }, vscode.CompletionItemKind.Snippet);
        item.insertText = new vscode.SnippetString(body);
        item.documentation = s.description;
        items.push(item);
      }
    }
    return items;
  };
  return vscode.languages.registerCompletionItemProvider(MARKDOWN_FLAVOURS.map(language => ({ language })), {
    provideCompletionItems: () => (loaded ??= load().catch(e => {
      loaded = undefined;
      throw e;
    })),
  });
}
