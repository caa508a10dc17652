import type { FilterNode } from '../../domain/selection/filter/filter-node.ts';

/**
 * A filter as parts whose users together are the filter's, for Graph to page side by side:
 * `department in ("Sales", "Finance")` is `department in ("Sales")` and `department in
 * ("Finance")`, and an `and` splits by a side that splits. Graph pages one listing strictly in
 * turn (each page names the next), so 50,000 users in one listing are 51 round trips one after
 * the other. Parts may overlap (values differing only in case): readers drop users seen twice.
 */
export function filterParts(node: FilterNode): FilterNode[] {
  if (node.kind === 'in' && node.values.length > 1) {
    return node.values.map((value) => ({ ...node, values: [value] }));
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
