import type { FilterNode, FilterValue } from './filter-node.ts';

const BARE_LICENSE_WORD = /^[^\s(),"'“”„‘’]+$/u;

/**
 * A filter in the admin's syntax, in one canonical form for cards: keywords in lower case,
 * attribute names as Graph spells them, values in double quotes, parentheses only where the
 * precedence needs them. Reading it back gives the same tree.
 */
export function describeUserFilter(node: FilterNode): string {
  switch (node.kind) {
    case 'and':
    case 'or':
      return `${operand(node.left, node.kind, 'left')} ${node.kind} ${operand(node.right, node.kind, 'right')}`;
    case 'not':
      return `not ${node.operand.kind === 'and' || node.operand.kind === 'or' ? `(${describeUserFilter(node.operand)})` : describeUserFilter(node.operand)}`;
    case 'compare':
      return `${node.attribute} ${node.operator} ${value(node.value)}`;
    case 'in':
      return `${node.attribute} in (${node.values.map(quoted).join(', ')})`;
    case 'startsWith':
    case 'endsWith':
      return `${node.kind.toLowerCase()}(${node.attribute}, ${quoted(node.value)})`;
    case 'has':
      return `has ${licenseWords(node.sku)}`;
    case 'hasAnyLicense':
      return 'assignedLicenses/any()';
  }
}

/**
 * `and` binds tighter than `or`, and both group from the left: an `or` under an `and`, and a
 * junction of the same kind on the right, keep their parentheses.
 */
function operand(node: FilterNode, parent: 'and' | 'or', side: 'left' | 'right'): string {
  const text = describeUserFilter(node);
  const needsParentheses =
    (node.kind === 'or' && parent === 'and') || (node.kind === parent && side === 'right');
  return needsParentheses ? `(${text})` : text;
}

function value(v: FilterValue): string {
  return v.kind === 'boolean' ? String(v.value) : quoted(v.value);
}

function quoted(text: string): string {
  return `"${text.replaceAll('"', '""')}"`;
}

/** License words stay bare when they read back as the same words (`has Microsoft 365 E5`). */
function licenseWords(sku: string): string {
  const words = sku.split(' ');
  const bare = words.every(
    (word) => BARE_LICENSE_WORD.test(word) && !['and', 'or'].includes(word.toLowerCase()),
  );
  return bare ? sku : quoted(sku);
}
