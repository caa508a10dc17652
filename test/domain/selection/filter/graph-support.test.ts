import { describe, expect, it } from 'vitest';
import { userAttributes } from '../../../../src/domain/selection/filter/attributes.ts';
import { compileUserFilter } from '../../../../src/domain/selection/filter/compile-user-filter.ts';
import type { FilterNode } from '../../../../src/domain/selection/filter/filter-node.ts';
import { compileFilter, userFilterSchema } from '../../../../src/simulator/odata/filter.ts';
import { tenantSkus } from '../../fixtures/tenant.ts';

/**
 * The attribute table's idea of what Graph supports, checked against the simulator's users
 * schema (both from Microsoft's advanced-query table): each condition compiles exactly when the
 * simulator accepts it, and `advanced` is what the simulator requires.
 */
function conditions(attribute: (typeof userAttributes)[number]): FilterNode[] {
  const value =
    attribute.type === 'boolean'
      ? ({ kind: 'boolean', value: true } as const)
      : ({ kind: 'string', value: 'v' } as const);
  const compare = (operator: 'eq' | 'ne'): FilterNode => ({
    kind: 'compare',
    attribute: attribute.name,
    operator,
    value,
  });
  const text: FilterNode[] =
    attribute.type === 'string'
      ? [
          { kind: 'in', attribute: attribute.name, values: ['a', 'b'] },
          { kind: 'startsWith', attribute: attribute.name, value: 'v' },
          { kind: 'endsWith', attribute: attribute.name, value: 'v' },
        ]
      : [];
  const all = [compare('eq'), compare('ne'), ...text];
  return [...all, ...all.map((operand): FilterNode => ({ kind: 'not', operand }))];
}

describe('Graph support of each attribute and operator', () => {
  const cases = userAttributes.flatMap((attribute) => conditions(attribute));
  const licenseCases: FilterNode[] = [
    { kind: 'has', sku: 'SPE_E5' },
    { kind: 'hasAnyLicense' },
    { kind: 'not', operand: { kind: 'has', sku: 'SPE_E5' } },
    { kind: 'not', operand: { kind: 'hasAnyLicense' } },
  ];

  it.each([...cases, ...licenseCases].map((node) => [JSON.stringify(node), node] as const))(
    'agrees with the simulator on %s',
    (_, node) => {
      const compiled = compileUserFilter(node, tenantSkus);
      if (!compiled.ok) {
        expect(compiled.failure.code).toBe('OPERATOR_UNSUPPORTED');
        const leaf = node.kind === 'not' ? node.operand : node;
        const filter =
          leaf.kind === 'startsWith' || leaf.kind === 'endsWith'
            ? `${leaf.kind.toLowerCase()}(${userAttributes.find((a) => a.name === leaf.attribute)?.path}, 'v')`
            : '';
        expect(() => compileFilter(filter, userFilterSchema)).toThrow(
          expect.objectContaining({ code: 'Request_UnsupportedQuery' }),
        );
        return;
      }
      const simulated = compileFilter(compiled.value.filter, userFilterSchema);
      expect(simulated.requiresAdvancedQuery).toBe(compiled.value.advanced);
    },
  );
});
