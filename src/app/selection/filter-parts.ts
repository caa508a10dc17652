import type { FilterNode } from '../../domain/selection/filter/filter-node.ts';

/**
 * A filter as parts whose users together are the filter's, for Graph to page side by side:
 * `department in ("Sales", "Finance")` is `department in ("Sales")` and `department in
 * ("Finance")`, and an `and` splits by a side that splits. Graph pages one listing strictly in
 * turn (each page names the next), so 50,000 users in one listing are 51 round trips one after
 * the other. Values differing only in case are one part: parts do not overlap (readers still
 * drop a user listed twice, say one whose department changed between two reads).
 */
export function filterParts(node: FilterNode): FilterNode[] {
  if (node.kind === 'in' && node.values.length > 1) {
    // Graph compares texts without case: "Sales" and "sales" are one listing, read once.
    const seen = new Set<string>();
    const values = node.values.filter((value) => {
      const key = value.toLowerCase();
      return !seen.has(key) && seen.add(key);
    });
    return values.map((value) => ({ ...node, values: [value] }));
  }
  if (node.kind === 'and') {
    const left = filterParts(node.left);
    if (left.length > 1) {
      return left.map((part) => ({ ...node, left: part }));
    }
    return filterParts(node.right).map((part) => ({ ...node, right: part }));
  }
  return [node];
}
