/**
 * Which field a child entry gets from a `crossref` / `xdata` parent, following biblatex's
 * default inheritance: the child's own fields always win; a book's title becomes a chapter's booktitle.
 */

/** Fields that describe the parent entry itself and never pass to children. */
const NEVER_INHERITED = new Set([
  'ids', 'crossref', 'xref', 'xdata', 'entryset', 'entrysubtype', 'execute', 'label', 'options', 'presort',
  'related', 'relatedoptions', 'relatedstring', 'relatedtype', 'shorthand', 'shorthandintro', 'sortkey',
  'sortinit', 'sortname', 'sorttitle', 'sortyear',
]);

/** Children that are part of a book-like parent: the parent's title is their booktitle. */
const PART_TYPES = new Set([
  'inbook', 'incollection', 'inproceedings', 'conference', 'bookinbook', 'suppbook', 'suppcollection', 'inreference',
]);

/** Children that are a volume of a multi-volume parent (`mvbook` ...): the parent's title is their maintitle. */
const VOLUME_TYPES = new Set(['book', 'collection', 'proceedings', 'reference', 'inbook', 'incollection', 'inproceedings', 'bookinbook']);

const TITLE_FIELDS = ['title', 'subtitle', 'titleaddon'] as const;

/** The child's name for a parent's field, or undefined when it is not inherited. */
export function inheritedFieldName(childType: string, parentType: string, field: string, via: 'crossref' | 'xdata'): string | undefined {
  if (NEVER_INHERITED.has(field)) return undefined;
  if (via === 'xdata') return field;
  if ((TITLE_FIELDS as readonly string[]).includes(field)) {
    if (parentType.startsWith('mv') && VOLUME_TYPES.has(childType)) return 'main' + field;
    if (PART_TYPES.has(childType)) return 'book' + field;
    if (childType === 'article' && parentType === 'periodical') return 'journal' + field;
  } else if (field === 'shorttitle' && (PART_TYPES.has(childType) || parentType.startsWith('mv'))) {
    return undefined;
  }
  return field;
}
