import type { Clock } from '../../app/ports/clock.ts';
import type { Directory } from '../../app/ports/directory.ts';
import type { Logger } from '../../app/ports/logger.ts';
import { seedTemplates } from '../../app/templates/seed-templates.ts';
import type { Config } from '../../config.ts';
import { seededTemplates } from '../../domain/templates/seeded-templates.ts';
import type { CosmosStore } from '../../store/index.ts';
import { withinSeconds } from './shutdown-steps.ts';

// A slow or throttled Graph must not keep /healthz unanswered: seeding gives up on the SKUs then.
const SEED_SKUS_SECONDS = 5;

/**
 * Writes the four seeded templates once per tenant, never over admins' edits. Cosmos only when
 * Graph is down: starting never waits on Graph (readiness reports it).
 */
export async function seedTemplatesAtStart(
  config: Config,
  directory: Directory,
  store: CosmosStore,
  clock: Clock,
  logger: Logger,
): Promise<void> {
  const seeded = await seedTemplates(
    {
      directory: { listSkus: () => withinSeconds(directory.listSkus(), SEED_SKUS_SECONDS) },
      templates: store.templates,
    },
    config.tenantId,
    seededTemplates,
    clock.now(),
  );
  if (!seeded.skusRead) {
    logger.warn(
      { seeded: seeded.seeded },
      "could not read the tenant's SKUs: templates seeded without plans, stamped at a later start",
    );
  }
}
