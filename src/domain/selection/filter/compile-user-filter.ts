import { fail, ok, type Result } from '../../errors.ts';
import type { Sku } from '../../licensing.ts';
import { attributeOf, type Support } from './attributes.ts';
import type { CompiledUserFilter, FilterCompileError, FilterNode } from './filter-node.ts';
import { odataStringLiteral } from './odata-literal.ts';
import { resolveFilterSku } from './resolve-filter-sku.ts';

type Compiled = Result<CompiledUserFilter, FilterCompileError>;

/** Graph takes at most 15 values in one `in (…)`. */
export const MAX_IN_VALUES = 15;

/**
 * Turns a parsed filter into a Graph `$filter` for `GET /users`. Every typed value becomes an
 * OData string literal with its quotes doubled and every SKU a validated GUID, so no text an
 * admin types can change the query's shape. `advanced` says whether Graph needs its advanced
 * query mode: for `not`, `ne`, `endswith`, and the attributes Entra indexes only there.
 */
export function compileUserFilter(node: FilterNode, skus: readonly Sku[]): Compiled {
  switch (node.kind) {
    case 'and':
    case 'or':
      return compileJunction(node.kind, node.left, node.right, skus);
    case 'not':
      return mapCompiled(compileUserFilter(node.operand, skus), (inner) => ({
        filter: isLambda(node.operand) ? `NOT ${inner.filter}` : `not (${inner.filter})`,
        advanced: true,
      }));
    case 'compare': {
      const attribute = attributeOf(node.attribute);
      const value =
        node.value.kind === 'boolean'
          ? String(node.value.value)
          : odataStringLiteral(node.value.value);
      return ok({
        filter: `${attribute.path} ${node.operator} ${value}`,
        advanced: node.operator === 'ne' || attribute.eq === 'advanced',
      });
    }
    case 'in': {
      const attribute = attributeOf(node.attribute);
      if (node.values.length > MAX_IN_VALUES) {
        return fail({
          code: 'TOO_MANY_VALUES',
          message: `Graph takes at most ${MAX_IN_VALUES} values in one "in (…)"; this one has ${node.values.length}. Split it with "or".`,
        });
      }
      return ok({
        filter: `${attribute.path} in (${node.values.map(odataStringLiteral).join(', ')})`,
        advanced: attribute.eq === 'advanced',
      });
    }
    case 'startsWith':
    case 'endsWith': {
      const attribute = attributeOf(node.attribute);
      const support: Support | undefined = attribute[node.kind];
      const name = node.kind.toLowerCase();
      if (support === undefined) {
        return fail({
          code: 'OPERATOR_UNSUPPORTED',
          message: `Microsoft Graph cannot filter ${attribute.name} with ${name}; use eq or in instead.`,
        });
      }
      return ok({
        filter: `${name}(${attribute.path}, ${odataStringLiteral(node.value)})`,
        advanced: support === 'advanced',
      });
    }
    case 'has': {
      const guid = resolveFilterSku(node.sku, skus);
      return guid.ok
        ? ok({ filter: `assignedLicenses/any(x:x/skuId eq ${guid.value})`, advanced: false })
        : guid;
    }
    case 'hasAnyLicense':
      return ok({ filter: 'assignedLicenses/any()', advanced: false });
  }
}

function compileJunction(
  kind: 'and' | 'or',
  left: FilterNode,
  right: FilterNode,
  skus: readonly Sku[],
): Compiled {
  const l = compileUserFilter(left, skus);
  if (!l.ok) {
    return l;
  }
  return mapCompiled(compileUserFilter(right, skus), (r) => ({
    filter: `${group(left, kind, l.value.filter)} ${kind} ${group(right, kind, r.filter)}`,
    advanced: l.value.advanced || r.advanced,
  }));
}

/** An `or` inside an `and` (or the reverse) keeps its parentheses. */
function group(node: FilterNode, parent: 'and' | 'or', filter: string): string {
  return (node.kind === 'and' || node.kind === 'or') && node.kind !== parent
    ? `(${filter})`
    : filter;
}

/** Conditions on `assignedLicenses` take Graph's `NOT` without parentheses. */
function isLambda(node: FilterNode): boolean {
  return node.kind === 'has' || node.kind === 'hasAnyLicense';
}

function mapCompiled(
  compiled: Compiled,
  build: (value: CompiledUserFilter) => CompiledUserFilter,
): Compiled {
  return compiled.ok ? ok(build(compiled.value)) : compiled;
}
