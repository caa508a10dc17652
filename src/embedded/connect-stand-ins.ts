import { Agent } from 'node:https';
import { settingsError } from '../config.ts';
import type { EmbeddedServices } from './embedded-services.ts';
import { standInsDescription } from './stand-ins-description.ts';

const ANSWER_WITHIN_MS = 5_000;

const problem = (text: string) => settingsError('embedded', [`STANDINS: ${text}`]);

/**
 * The stand-ins `npm run stand-ins` runs, as `STANDINS` (`url`) names them: reads their
 * description and trusts their Cosmos stand-in's certificate, for this process's clients only.
 * Closing releases that trust; the stand-ins keep running, with the tenant and the store.
 * Nothing answering, or something else, is a `ConfigError` naming STANDINS.
 */
export async function connectStandIns(url: string): Promise<EmbeddedServices> {
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(ANSWER_WITHIN_MS) });
  } catch {
    throw problem(
      `No stand-ins answer at ${url}: start them with \`npm run stand-ins\`, or unset STANDINS for \`npm start\` to run its own.`,
    );
  }
  const body: unknown = response.ok ? await response.json().catch(() => undefined) : undefined;
  const described = standInsDescription.safeParse(body);
  if (!described.success) {
    throw problem(
      `What answers at ${url} is not \`npm run stand-ins\` (HTTP ${response.status}). Set STANDINS to the URL it printed.`,
    );
  }
  const { simulator, cosmos } = described.data;
  const agent = new Agent({ ca: cosmos.certificate, keepAlive: true });
  return {
    simulator,
    cosmos: { ...cosmos, agent },
    close: () => {
      agent.destroy();
      return Promise.resolve();
    },
  };
}
