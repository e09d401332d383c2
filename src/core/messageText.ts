/**
 * Text from files, settings or services put into a VS Code notification or status bar item. Both
 * render `[label](command:…)` as a link and `$(name)` as an icon: a key, a title or a file name
 * shaped like one would become a button that runs a command. A zero-width space keeps it text.
 */
export function inertText(text: string): string {
  return text.replace(/\]\(/g, ']\u200b(').replace(/\$\(/g, '$\u200b(');
}
