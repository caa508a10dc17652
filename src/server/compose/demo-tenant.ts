import type { Clock } from '../../app/ports/clock.ts';
import type { Directory } from '../../app/ports/directory.ts';
import type { Logger } from '../../app/ports/logger.ts';
import type { PerTenant } from '../../app/ports/per-tenant.ts';
import type { PriceStore } from '../../app/ports/stores.ts';
import {
  TenantAlreadyRegisteredError,
  type TenantRegistry,
} from '../../app/ports/tenant-registry.ts';
import type { Config } from '../../config.ts';
import type { EmbeddedServices } from '../../embedded/embedded-services.ts';

/** The demo tenant's approvers group, used when the embedded run names no approver group. */
export const DEMO_APPROVERS_GROUP = 'License Approvers';

async function demoApproverGroupIds(directory: Directory): Promise<string[]> {
  const groups = await directory.searchGroups(DEMO_APPROVERS_GROUP);
  return groups
    .filter((group) => group.displayName === DEMO_APPROVERS_GROUP)
    .map((group) => group.id);
}

/**
 * Readies the embedded demo: the simulator's prices in the price list and, when the config names
 * no approver group, the demo tenant's "License Approvers". The config as it then stands.
 */
export async function readyDemoTenant(
  config: Config,
  embedded: EmbeddedServices,
  deps: {
    directory: Directory;
    /** Each tenant's directory: the demo customer's is read to register it. */
    directories: PerTenant<Directory>;
    prices: PriceStore;
    registry: TenantRegistry;
    clock: Clock;
    logger: Logger;
  },
): Promise<Config> {
  const { seedPricesFromSimulator } = await import('../../embedded/seed-prices.ts');
  const seeded = await seedPricesFromSimulator({
    simulatorUrl: embedded.simulator.url,
    prices: deps.prices,
    tenantId: config.tenantId,
    now: deps.clock.now(),
  });
  const ready =
    config.approverGroupIds.length === 0
      ? { ...config, approverGroupIds: await demoApproverGroupIds(deps.directory) }
      : config;
  deps.logger.info(
    { prices: seeded, approverGroupIds: ready.approverGroupIds },
    'demo tenant ready',
  );
  const { registerDemoCustomer } = await import('../../embedded/demo-customer.ts');
  const { FABRIKAM_TENANT_ID } = await import('../../simulator/index.ts');
  try {
    await registerDemoCustomer({
      simulatorUrl: embedded.simulator.url,
      registry: deps.registry,
      directory: deps.directories.forTenant(FABRIKAM_TENANT_ID),
      prices: deps.prices,
      onboardedBy: { userId: 'license-desk', displayName: 'License Desk demo' },
      now: deps.clock.now(),
      logger: deps.logger,
    });
  } catch (error) {
    // Another instance over the same stand-ins registered it first.
    if (!(error instanceof TenantAlreadyRegisteredError)) {
      throw error;
    }
  }
  return ready;
}
