import type { Config } from './settings.ts';

const REDACTED = '[redacted]';

/**
 * The settings as they may be logged or shown at start-up: secrets replaced by `[redacted]` (so
 * one can still see that they are set), everything else as is.
 */
export function describeConfig(config: Config): Record<string, unknown> {
  const bot =
    config.bot.appType === 'SingleTenant' ? { ...config.bot, appPassword: REDACTED } : config.bot;
  const credential = config.graph.credential;
  const graphCredential =
    credential.kind === 'clientSecret'
      ? { ...credential, clientSecret: REDACTED }
      : credential.kind === 'staticToken'
        ? { ...credential, token: REDACTED }
        : credential;
  const cosmos = config.cosmos.kind === 'key' ? { ...config.cosmos, key: REDACTED } : config.cosmos;
  return { ...config, bot, graph: { ...config.graph, credential: graphCredential }, cosmos };
}
