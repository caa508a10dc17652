/** An object in a card that holds a property Teams reads as Markdown. */
export type MarkdownHolder = Record<string, unknown>;

const isObject = (node: unknown): node is Record<string, unknown> =>
  typeof node === 'object' && node !== null && !Array.isArray(node);

/**
 * Visits each property of a card (template or expanded) that Teams renders as Markdown: a
 * TextBlock's `text`, and a fact's `title` and `value`. Everything else Teams shows as given
 * (inputs and their values, choice titles, button titles, TextRuns), so it is left alone.
 */
export function forEachMarkdownProperty(
  node: unknown,
  visit: (holder: MarkdownHolder, key: string) => void,
): void {
  if (Array.isArray(node)) {
    node.forEach((item) => forEachMarkdownProperty(item, visit));
    return;
  }
  if (!isObject(node)) {
    return;
  }
  if (node.type === 'TextBlock' && 'text' in node) {
    visit(node, 'text');
  }
  if (node.type === 'FactSet' && Array.isArray(node.facts)) {
    for (const fact of node.facts.filter(isObject)) {
      for (const key of ['title', 'value'].filter((name) => name in fact)) {
        visit(fact, key);
      }
    }
  }
  Object.values(node).forEach((child) => forEachMarkdownProperty(child, visit));
}
