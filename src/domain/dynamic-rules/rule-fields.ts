import type { RuleNode } from './rule-node.ts';
import { ruleProperty } from './rule-properties.ts';

/** The Graph user properties a rule reads (`$select`), each once, in a stable order. */
export function ruleGraphFields(node: RuleNode): string[] {
  const fields = new Set<string>();
  visit(node, fields);
  return [...fields].sort();
}

function visit(node: RuleNode, fields: Set<string>): void {
  switch (node.kind) {
    case 'and':
    case 'or':
      visit(node.left, fields);
      visit(node.right, fields);
      return;
    case 'not':
      visit(node.operand, fields);
      return;
    case 'compare':
      fields.add(ruleProperty(node.property).graphField);
      return;
    case 'collection':
      fields.add(ruleProperty(node.property).graphField);
  }
}
