import { describe, expect, it } from 'vitest';
import {
  groupFilterSchema,
  userFilterSchema,
  type FilterSchema,
} from '../../../src/simulator/odata/filter.ts';
import type { ScalarProperty } from '../../../src/simulator/odata/schemas.ts';

/** Every scalar of a schema, lambda elements included, by a readable name. */
function scalars(schema: FilterSchema): Array<[string, ScalarProperty]> {
  return Object.entries(schema.properties).flatMap(([name, property]) =>
    property.kind === 'scalar'
      ? [[name, property] as [string, ScalarProperty]]
      : Object.entries(property.element).map(
          ([element, scalar]) => [`${name}/${element}`, scalar] as [string, ScalarProperty],
        ),
  );
}

const all = [...scalars(userFilterSchema), ...scalars(groupFilterSchema)];

// The general rules of Microsoft's "Advanced query capabilities on Microsoft Entra ID objects".
describe('filter schemas follow the general rules of Entra advanced queries', () => {
  it('supports ne and not only in advanced queries', () => {
    for (const [name, property] of all) {
      expect([undefined, 'advanced'], `${name} ne`).toContain(property.operators.ne);
      expect([undefined, 'advanced'], `${name} not`).toContain(property.operators.not);
    }
  });

  it('supports in by default wherever eq is, for strings and booleans', () => {
    // The property table makes dates the exception: createdDateTime takes `in` only as advanced.
    for (const [name, property] of scalars(userFilterSchema)) {
      const plain = property.type === 'string' || property.type === 'boolean';
      if (plain && property.operators.eq === 'default' && property.operators.in !== undefined) {
        expect(property.operators.in, name).toBe('default');
      }
    }
  });

  it('supports endsWith only on mail, otherMails, userPrincipalName and proxyAddresses, as advanced', () => {
    const withEndsWith = all.filter(([, p]) => p.operators.endsWith !== undefined);
    for (const [, property] of withEndsWith) {
      expect(property.operators.endsWith).toBe('advanced');
    }
    expect(withEndsWith.map(([name]) => name.split('/')[0]).sort()).toEqual([
      'mail',
      'mail',
      'otherMails',
      'proxyAddresses',
      'userPrincipalName',
    ]);
  });

  it('counts collection members only in advanced queries', () => {
    for (const schema of [userFilterSchema, groupFilterSchema]) {
      for (const property of Object.values(schema.properties)) {
        if (property.kind === 'collection' && property.count !== undefined) {
          expect(property.count).toBe('advanced');
        }
      }
    }
  });

  it('filters null values only in advanced queries', () => {
    for (const [name, property] of all) {
      expect([undefined, 'advanced'], name).toContain(property.nullValues);
    }
  });
});
