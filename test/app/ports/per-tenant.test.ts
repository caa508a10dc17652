import { describe, expect, it } from 'vitest';
import { instancePerTenant, sameForEveryTenant } from '../../../src/app/ports/per-tenant.ts';

describe('ports reached per tenant', () => {
  it('make one instance per tenant, kept, however the tenant id is cased', () => {
    const made: string[] = [];
    const writers = instancePerTenant((tenantId) => {
      made.push(tenantId);
      return { tenantId };
    });

    const contoso = writers.forTenant('AAAA-1');

    expect(writers.forTenant('aaaa-1')).toBe(contoso);
    expect(writers.forTenant('bbbb-2')).not.toBe(contoso);
    expect(made).toEqual(['AAAA-1', 'bbbb-2']);
  });

  it('give a single-tenant deployment the same instance for every tenant', () => {
    const port = { name: 'directory' };
    expect(sameForEveryTenant(port).forTenant('any')).toBe(port);
  });
});
