import type { NonProseRegion } from '../manuscript/nonProseRegions';
import type { TextRange } from '../manuscript/textScan';

export type { TextRange };

/**
 * How a key is cited: pandoc `[@a]` (bracketed), `@a` (in-text), `[-@a]` (suppress-author),
 * YAML `nocite:` or LaTeX `\nocite` (nocite), or any other LaTeX citation command (latex).
 */
export type CitationKind = 'bracketed' | 'in-text' | 'suppress-author' | 'nocite' | 'latex';

/** One cited key. Offsets are UTF-16 code units into the scanned text. */
export interface Citation {
  key: string;
  /** Range of the key itself (without `@`, braces or whitespace). */
  start: number;
  end: number;
  /** The LaTeX command name without backslash or star (`citep`), or `pandoc` for Markdown. */
  command: string;
  kind: CitationKind;
  /** LaTeX starred form, e.g. `\citet*`. */
  starred?: boolean;
  /** The whole citation: `[see @a, p. 3; @b]`, `@a [p. 3]`, `\cite[p. 3]{a,b}`, or the `nocite:` value. */
  group: TextRange;
  /**
   * Where the keys are listed: inside `[…]` or `{…}` (exclusive of the delimiters); for an
   * in-text citation, the `@key` itself. New keys for this citation go here.
   */
  keyList: TextRange;
}

export interface CitationScanOptions {
  /** Extra LaTeX citation commands, names without backslash (`mycite`), read as `\mycite[opt]{keys}`. */
  latexCommands?: string[];
  /** The text's `findNonProseRegions`, when the caller has already computed it (saves the masking pass). */
  regions?: readonly NonProseRegion[];
}
