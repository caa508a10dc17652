import type { FilterExpression, Literal } from '../../../../src/simulator/odata/ast.ts';
import { parseFilter } from '../../../../src/simulator/odata/parser.ts';

/** A compiled filter read back by the simulator's OData parser, as a compact outline. */
export function outline(filter: string): string {
  return describe(parseFilter(filter));
}

function describe(e: FilterExpression): string {
  switch (e.kind) {
    case 'and':
    case 'or':
      return `${e.kind}(${describe(e.left)}, ${describe(e.right)})`;
    case 'not':
      return `not(${describe(e.operand)})`;
    case 'compare':
      return `${e.path.segments.join('/')} ${e.operator} ${literal(e.value)}`;
    case 'in':
      return `${e.path.segments.join('/')} in [${e.values.map(literal).join(', ')}]`;
    case 'function':
      return `${e.name}(${e.path.segments.join('/')}, ${literal(e.value)})`;
    case 'any':
      return `${e.path.segments.join('/')} any(${e.body === null ? '' : `${String(e.variable)}: ${describe(e.body)}`})`;
    default:
      return `unexpected ${e.kind}`;
  }
}

function literal(l: Literal): string {
  switch (l.kind) {
    case 'string':
      return JSON.stringify(l.value);
    case 'guid':
      return `guid ${l.value}`;
    case 'boolean':
      return String(l.value);
    default:
      return `unexpected ${l.kind}`;
  }
}
