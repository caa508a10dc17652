import type { Directory } from '../app/ports/directory.ts';
import type { Logger } from '../app/ports/logger.ts';
import type { PriceStore } from '../app/ports/stores.ts';
import type { TenantRegistry } from '../app/ports/tenant-registry.ts';
import type { Person } from '../domain/operations/operation.ts';
import { FABRIKAM_TENANT_ID } from '../simulator/index.ts';
import { seedPricesFromSimulator } from './seed-prices.ts';

/** The demo customer's short name: `in fabrikam: licenses`. */
export const DEMO_CUSTOMER_NAME = 'fabrikam';
const DEMO_CUSTOMER_APPROVERS = 'Fabrikam License Admins';

/**
 * Serves the simulator's second tenant, Fabrikam, as an MSP's customer would be served once
 * onboarded and consented: registered active, its "Fabrikam License Admins" approving, its prices
 * seeded. Left as it is when registered already (an operator may have suspended it).
 */
export async function registerDemoCustomer(deps: {
  simulatorUrl: string;
  registry: TenantRegistry;
  /** Fabrikam's directory (through its own sign-in). */
  directory: Directory;
  prices: PriceStore;
  onboardedBy: Person;
  now: Date;
  logger: Logger;
}): Promise<void> {
  // Registered first (as onboarding does), so License Desk may sign in there and read it.
  const registered =
    (await deps.registry.get(FABRIKAM_TENANT_ID)) ??
    (await deps.registry.add({
      tenantId: FABRIKAM_TENANT_ID,
      name: DEMO_CUSTOMER_NAME,
      displayName: 'Fabrikam',
      credential: { kind: 'multiTenantApp' },
      approverGroupIds: [],
      requesterGroupIds: [],
      allowGuests: false,
      policy: {},
      state: 'awaitingConsent',
      onboardedBy: deps.onboardedBy,
      onboardedAt: deps.now.toISOString(),
    }));
  // Checked already, or suspended by an operator: left as it is.
  if (registered.value.state !== 'awaitingConsent') {
    return;
  }
  try {
    const organization = await deps.directory.getOrganization();
    const approvers = (await deps.directory.searchGroups(DEMO_CUSTOMER_APPROVERS)).filter(
      (group) => group.displayName === DEMO_CUSTOMER_APPROVERS,
    );
    await deps.registry.replace(
      {
        ...registered.value,
        displayName: organization.displayName,
        approverGroupIds: approvers.map((group) => group.id),
        state: 'active',
      },
      registered.etag,
    );
  } catch (error) {
    // Graph unreachable at start: the demo starts anyway; the next start (or `tenant check
    // fabrikam`) activates it.
    deps.logger.warn(
      { err: error, tenantId: FABRIKAM_TENANT_ID },
      'the demo customer tenant could not be read yet: it waits for `tenant check fabrikam`',
    );
    return;
  }
  const prices = await seedPricesFromSimulator({
    simulatorUrl: deps.simulatorUrl,
    prices: deps.prices,
    tenantId: FABRIKAM_TENANT_ID,
    simulatorTenantId: FABRIKAM_TENANT_ID,
    now: deps.now,
  });
  deps.logger.info({ tenantId: FABRIKAM_TENANT_ID, prices }, 'demo customer tenant registered');
}
