/**
 * The Cosmos stand-in in a process of its own, for benchmarks: as Azure Cosmos DB is another
 * service in production, its CPU is neither the bot's nor Graph's. Prints one JSON line with
 * its endpoint, key and certificate, then serves until SIGTERM.
 */
import { startEmbeddedCosmos } from '../../src/store/embedded-cosmos.ts';

const cosmos = await startEmbeddedCosmos();
process.stdout.write(
  `${JSON.stringify({ endpoint: cosmos.endpoint, key: cosmos.key, certificate: cosmos.certificate })}\n`,
);
process.once('SIGTERM', () => {
  void cosmos.close().then(() => process.exit(0));
});
