import type { TenantSeed } from '../tenant/types.ts';
import { createDemoTenantSeed } from './demo-tenant.ts';

/** Mixed into the seed per tenant, so each extra tenant's generated people have ids of their own. */
const EXTRA_SALT = 0xc057;

/** The organization id of the `index`-th extra tenant (1-based): a GUID of its own. */
export function extraTenantId(index: number): string {
  return `c0570000-0000-4000-8000-${String(index).padStart(12, '0')}`;
}

/**
 * `count` more demo tenants for load runs (a bench of many tenants): each is the demo tenant
 * drawn from another seed, under its own organization id and name. The Test Tool's cast keeps
 * its fixed ids in each (they are per tenant in Graph too); every generated person, group and
 * device gets ids of its own.
 */
export function createExtraTenantSeeds(options: {
  count: number;
  seed?: number;
  size?: number;
}): TenantSeed[] {
  return Array.from({ length: options.count }, (_, offset) => {
    const index = offset + 1;
    const seed = createDemoTenantSeed({
      seed: (options.seed ?? 42) ^ (EXTRA_SALT * index),
      ...(options.size === undefined ? {} : { size: options.size }),
    });
    return {
      ...seed,
      organization: {
        ...seed.organization,
        id: extraTenantId(index),
        displayName: `Contoso Customer ${index}`,
      },
    };
  });
}
