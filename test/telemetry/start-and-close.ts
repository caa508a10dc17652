/**
 * Run as a process by `modules-loaded.test.ts`: starts License Desk in embedded mode (with
 * APPLICATIONINSIGHTS_CONNECTION_STRING if the environment has it), answers one request, closes.
 */
import { loadConfig } from '../../src/config.ts';
import { startLicenseDesk } from '../../src/server/license-desk.ts';

const connectionString = process.env.APPLICATIONINSIGHTS_CONNECTION_STRING;
const config = loadConfig({
  LOG_LEVEL: 'silent',
  SIMULATOR_PORT: '0',
  SIMULATOR_SIZE: '30',
  ...(connectionString === undefined
    ? {}
    : { APPLICATIONINSIGHTS_CONNECTION_STRING: connectionString }),
});
const desk = await startLicenseDesk({ ...config, port: 0 }, { drainTimeoutMs: 1_000 });
// A request through the HTTP server (refused: not an activity), so its handling path runs too.
await fetch(`${desk.url}/api/messages`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: '{}',
});
await desk.close();
// As `npm start` does after closing: an exporter's retry timer does not hold the process.
process.exit(0);
