import { z } from 'zod';
import { startSimulator } from './index.ts';
import { createExtraTenantSeeds } from './seed/extra-tenants.ts';

const envSchema = z.object({
  SIMULATOR_PORT: z.coerce.number().int().min(0).max(65_535).default(3979),
  SIMULATOR_SEED: z.coerce.number().int().default(42),
  SIMULATOR_SIZE: z.coerce.number().int().min(1).max(200_000).default(3000),
  SIMULATOR_HOST: z.string().min(1).default('127.0.0.1'),
  // More demo tenants beside the home one (a bench of many tenants), each SIMULATOR_EXTRA_TENANT_SIZE
  // users (default SIMULATOR_SIZE), reached by tokens whose tid is their id.
  SIMULATOR_EXTRA_TENANTS: z.coerce.number().int().min(0).max(16).default(0),
  SIMULATOR_EXTRA_TENANT_SIZE: z.coerce.number().int().min(1).max(200_000).optional(),
});

/** `npm run simulator`: the Graph simulator on its own, until SIGINT or SIGTERM. */
async function main(): Promise<void> {
  const env = envSchema.safeParse(process.env);
  if (!env.success) {
    process.stderr.write(`Simulator settings are invalid:\n${z.prettifyError(env.error)}\n`);
    process.exitCode = 1;
    return;
  }
  const {
    SIMULATOR_PORT: port,
    SIMULATOR_SEED: seed,
    SIMULATOR_SIZE: size,
    SIMULATOR_HOST: host,
    SIMULATOR_EXTRA_TENANTS: extraCount,
    SIMULATOR_EXTRA_TENANT_SIZE: extraSize,
  } = env.data;
  const otherTenants = createExtraTenantSeeds({ count: extraCount, seed, size: extraSize ?? size });
  const simulator = await startSimulator({ port, host, seed, size, otherTenants });
  const extra = otherTenants.map((tenant) => tenant.organization.id);
  process.stdout.write(
    `Graph simulator listening on ${simulator.graphBaseUrl} (seed ${seed}, ${size} users)\n` +
      (extra.length > 0
        ? `Extra tenants (${extraSize ?? size} users each): ${extra.join(', ')}\n`
        : '') +
      `Try: curl -H "Authorization: Bearer demo" ${simulator.graphBaseUrl}/subscribedSkus  ·  controls at ${simulator.url}/_simulator/counters\n`,
  );
  let stopping = false;
  const stop = (): void => {
    if (stopping) {
      return;
    }
    stopping = true;
    simulator.close().then(
      () => process.stdout.write('Graph simulator stopped.\n'),
      (error: unknown) => {
        process.stderr.write(`Graph simulator did not stop cleanly: ${String(error)}\n`);
        process.exitCode = 1;
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  const code = (error as { code?: unknown }).code;
  process.stderr.write(
    code === 'EADDRINUSE'
      ? 'The simulator port is in use: set SIMULATOR_PORT to another port.\n'
      : `The simulator could not start: ${String(error)}\n`,
  );
  process.exitCode = 1;
});
