/**
 * Workspace globs (`*`, `?`, `**` as a whole path segment, `{a,b}`, `[a-z]`, `[!a]`) over
 * `/`-separated paths, as settings give them
 * (`vexas.evidence.files`, `vexas.zotero.autoExports`). A repository's settings can hold any pattern,
 * so matching is a simulation of the pattern's automaton, in time proportional to path length times
 * pattern length: a regular expression built from `**` runs would backtrack exponentially. Braces are
 * expanded first, so `{`, `,` and `}` inside `[…]` are not literal; classes compare UTF-16 units.
 */

type Token =
  | { readonly kind: 'char'; readonly c: string }
  /** `?`: one character of a name. */
  | { readonly kind: 'one' }
  /** `*`: any run of characters within a name. */
  | { readonly kind: 'star' }
  /** `**` as a whole last segment: any run of characters, across folders. */
  | { readonly kind: 'globstar' }
  /** `[a-z0]`, `[!a]`: one character of a name in (or not in) the ranges. */
  | { readonly kind: 'class'; readonly ranges: ReadonlyArray<readonly [string, string]>; readonly negated: boolean }
  /** `**` + `/`: nothing, or any path ending in `/` (zero or more whole folders). */
  | { readonly kind: 'dirs' };

/** Brace expansions beyond this make a pattern that names nothing, rather than a costly one. */
const MAX_ALTERNATIVES = 64;
/** A longer pattern (or all its brace alternatives together) names nothing: matching costs path length times pattern length. */
const MAX_GLOB_LENGTH = 1024;
/** No file system has longer paths; a longer one is named by no pattern. */
const MAX_PATH_LENGTH = 4096;

export interface GlobOptions {
  readonly caseInsensitive?: boolean;
}

/**
 * A matcher for `glob` over whole paths, in time linear in the path's length. A pattern over
 * MAX_GLOB_LENGTH, an unbalanced `{` or too many alternatives match nothing.
 */
export function compileGlob(glob: string, options: GlobOptions = {}): (path: string) => boolean {
  if (glob.length > MAX_GLOB_LENGTH) return () => false;
  const fold = (s: string) => (options.caseInsensitive ? s.toLowerCase() : s);
  const alternatives = expandBraces(fold(glob));
  if (!alternatives || alternatives.reduce((n, a) => n + a.length, 0) > MAX_GLOB_LENGTH * 4) return () => false;
  const programs = alternatives.map(tokenize);
  return path => {
    if (path.length > MAX_PATH_LENGTH) return false;
    const folded = fold(path);
    return programs.some(tokens => matches(tokens, folded));
  };
}

/** `{a,b}` groups (nested too) expanded, innermost group last; undefined when unbalanced or too many. */
function expandBraces(glob: string): string[] | undefined {
  const done: string[] = [];
  const work = [glob];
  while (work.length > 0) {
    const s = work.pop()!;
    const open = s.indexOf('{');
    if (open < 0) { done.push(s); continue; }
    let depth = 0;
    let close = -1;
    const commas: number[] = [];
    for (let i = open; i < s.length && close < 0; i++) {
      if (s[i] === '{') depth++;
      else if (s[i] === '}' && --depth === 0) close = i;
      else if (s[i] === ',' && depth === 1) commas.push(i);
    }
    if (close < 0) return undefined;
    const cuts = [open, ...commas, close];
    for (let k = 0; k + 1 < cuts.length; k++) work.push(s.slice(0, open) + s.slice(cuts[k] + 1, cuts[k + 1]) + s.slice(close + 1));
    if (done.length + work.length > MAX_ALTERNATIVES) return undefined;
  }
  return done;
}

function tokenize(glob: string): Token[] {
  const tokens: Token[] = [];
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    const segmentStart = i === 0 || glob[i - 1] === '/';
    if (c === '*' && glob[i + 1] === '*' && segmentStart && (glob[i + 2] === '/' || i + 2 === glob.length)) {
      // `**` only as a whole segment, as VS Code reads it; elsewhere it is two `*`.
      const dirs = glob[i + 2] === '/';
      tokens.push({ kind: dirs ? 'dirs' : 'globstar' });
      i += dirs ? 2 : 1;
    } else if (c === '*') {
      if (tokens.at(-1)?.kind !== 'star') tokens.push({ kind: 'star' });
    } else if (c === '?') tokens.push({ kind: 'one' });
    else if (c === '[') {
      const parsed = characterClass(glob, i);
      if (parsed) { tokens.push(parsed.token); i = parsed.end; } else tokens.push({ kind: 'char', c });
    } else tokens.push({ kind: 'char', c });
  }
  return tokens;
}

/** `[…]` from `open`: the token and the index of its `]`, or undefined when unclosed (then `[` is literal). */
function characterClass(glob: string, open: number): { token: Token; end: number } | undefined {
  let i = open + 1;
  const negated = glob[i] === '!' || glob[i] === '^';
  if (negated) i++;
  const ranges: Array<[string, string]> = [];
  // A `]` first in the class is one of its characters.
  for (let first = true; i < glob.length && (first || glob[i] !== ']'); first = false) {
    if (glob[i + 1] === '-' && i + 2 < glob.length && glob[i + 2] !== ']') { ranges.push([glob[i], glob[i + 2]]); i += 3; } else { ranges.push([glob[i], glob[i]]); i++; }
  }
  return i < glob.length ? { token: { kind: 'class', ranges, negated }, end: i } : undefined;
}

/**
 * Runs the automaton: `at[i]` = the next token to match is i; `inDirs[i]` = inside token i (a `**` + `/`
 * that has consumed characters, so it may only end at a `/`). Epsilon moves only go forward.
 */
function matches(tokens: readonly Token[], path: string): boolean {
  const n = tokens.length;
  let at = new Uint8Array(n + 1);
  let inDirs = new Uint8Array(n + 1);
  let nextAt = new Uint8Array(n + 1);
  let nextInDirs = new Uint8Array(n + 1);
  at[0] = 1;
  close(tokens, at);
  for (let p = 0; p < path.length; p++) {
    const c = path[p];
    nextAt.fill(0);
    nextInDirs.fill(0);
    let any = false;
    for (let i = 0; i < n; i++) {
      if (!at[i] && !inDirs[i]) continue;
      const t = tokens[i];
      switch (t.kind) {
        case 'char': if (at[i] && c === t.c) { nextAt[i + 1] = 1; any = true; } break;
        case 'one': if (at[i] && c !== '/') { nextAt[i + 1] = 1; any = true; } break;
        case 'class':
          if (at[i] && c !== '/' && t.ranges.some(([lo, hi]) => c >= lo && c <= hi) !== t.negated) { nextAt[i + 1] = 1; any = true; }
          break;
        case 'star': if (at[i] && c !== '/') { nextAt[i] = 1; any = true; } break;
        case 'globstar': if (at[i]) { nextAt[i] = 1; any = true; } break;
        case 'dirs':
          nextInDirs[i] = 1;
          if (c === '/') nextAt[i + 1] = 1;
          any = true;
          break;
      }
    }
    if (!any) return false;
    close(tokens, nextAt);
    [at, nextAt] = [nextAt, at];
    [inDirs, nextInDirs] = [nextInDirs, inDirs];
  }
  return at[n] === 1;
}

/** Adds the states reachable without reading: past a star, double star or double star and slash that match nothing. */
function close(tokens: readonly Token[], at: Uint8Array): void {
  for (let i = 0; i < tokens.length; i++) {
    const kind = tokens[i].kind;
    if (at[i] && (kind === 'star' || kind === 'globstar' || kind === 'dirs')) at[i + 1] = 1;
  }
}
