/**
 * Characters that make Markdown (or a mention) wherever they stand: emphasis and strike, code,
 * links, tags and `<at>` mentions. `_` and `&` are decided by their neighbours, below.
 */
const INLINE = /[\\*`[\]<>~_]|&(?=#?[A-Za-z0-9]+;)/g;

/** A list marker, heading, quote or rule at the start of a line, not followed by a word. */
const LINE_START_MARK = /^(\s*)([#+=-])(?![\p{L}\p{N}])/u;

/** "1." or "1)" at the start of a line followed by a space (or nothing): a numbered list. */
const LINE_START_NUMBER = /^(\s*\d{1,9})([.)])(?=\s|$)/;

const isWordChar = (char: string | undefined): boolean =>
  char !== undefined && /[\p{L}\p{N}]/u.test(char);

/**
 * Text a person or the directory controls, made to show as typed where Teams reads Markdown (a
 * card's TextBlock text, a fact's title and value): each character that would start bold,
 * italics, a link, code, a tag or an `<at>` mention gets a backslash, and so do list, heading and
 * quote markers at the start of a line and entities such as `&lt;`.
 *
 * Only what Markdown would act on is escaped, because some Teams clients show the backslashes:
 * `SPE_E5` keeps its underscore (an underscore inside a word never makes italics), `-3 available`
 * its minus. Not idempotent, on purpose: a backslash someone typed is itself escaped, so it shows.
 * Apply it once, where bound text meets a card template.
 */
export function escapeCardMarkdown(text: string): string {
  return text
    .split(/(\r\n|\r|\n)/)
    .map((part, index) => (index % 2 === 1 ? part : escapeLine(part)))
    .join('');
}

function escapeLine(line: string): string {
  const inline = line.replace(INLINE, (char: string, at: number) =>
    char === '_' && isWordChar(line[at - 1]) && isWordChar(line[at + 1]) ? char : `\\${char}`,
  );
  return inline.replace(LINE_START_MARK, '$1\\$2').replace(LINE_START_NUMBER, '$1\\$2');
}
