import type { ItemNode, RuleNode, RuleValue } from './rule-node.ts';

type Node = RuleNode | ItemNode;

/**
 * A parsed rule written out as Entra reads it: straight quotes, operators with their hyphen and
 * Entra's spelling, parentheses where the tree needs them. Reading it back gives the same tree,
 * so this is the text a group is created with.
 */
export function describeRule(node: RuleNode): string {
  return describe(node);
}

function describe(node: Node): string {
  switch (node.kind) {
    case 'and':
    case 'or':
      return `${side(node.left, node.kind)} -${node.kind} ${side(node.right)}`;
    case 'not':
      // Always in parentheses, as Microsoft's examples write it: `-and -not (user.jobTitle …)`.
      return `-not (${describe(node.operand)})`;
    case 'compare': {
      const subject =
        'property' in node
          ? `user.${node.property}`
          : node.field === '_'
            ? '_'
            : `assignedPlan.${node.field}`;
      return `${subject} -${node.operator} ${describeValue(node.value)}`;
    }
    case 'collection':
      return `user.${node.property} -${node.quantifier} (${describe(node.condition)})`;
  }
}

/** A child in parentheses when it joins conditions, unless it is the left side of its own kind. */
function side(node: Node, parent?: 'and' | 'or'): string {
  const joins = node.kind === 'and' || node.kind === 'or';
  return joins && node.kind !== parent ? `(${describe(node)})` : describe(node);
}

function describeValue(value: RuleValue): string {
  switch (value.kind) {
    case 'string':
      return quoteText(value.value);
    case 'boolean':
      return String(value.value);
    case 'null':
      return 'null';
    case 'list':
      return `[${value.values.map(quoteText).join(', ')}]`;
  }
}

/** In double quotes when it can be; single quotes (doubled inside) keep a `"` or a backtick. */
export function quoteText(text: string): string {
  return /["`]/u.test(text) ? `'${text.replace(/'/gu, "''")}'` : `"${text}"`;
}
