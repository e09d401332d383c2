import type * as vscode from 'vscode';

/** A tree as its provider gives it to VS Code (the views' `describeTree` commands, for tests). */
export interface TreeSnapshot {
  readonly visible: boolean;
  readonly message: string | undefined;
  readonly description: string | undefined;
  readonly nodes: readonly SnapshotNode[];
}

export interface SnapshotNode {
  readonly element: string;
  readonly label: string;
  readonly description: string;
  readonly contextValue: string | undefined;
  readonly children: readonly SnapshotNode[];
}

/** Walks a tree provider from its roots; `id` names each element in the snapshot. */
export async function snapshotNodes<T>(provider: vscode.TreeDataProvider<T>, id: (element: T) => string, element?: T): Promise<SnapshotNode[]> {
  const children = (await provider.getChildren(element)) ?? [];
  return Promise.all(children.map(async c => {
    const item = await provider.getTreeItem(c);
    const label = typeof item.label === 'string' ? item.label : item.label?.label ?? '';
    return { element: id(c), label, description: String(item.description ?? ''), contextValue: item.contextValue, children: await snapshotNodes(provider, id, c) };
  }));
}
