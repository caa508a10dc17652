/**
 * Environment → validated settings. Everything License Desk reads from its environment goes
 * through here; no other module reads `process.env`.
 */
export { loadConfig, readEnvironment, ConfigError, settingsError } from './config/load-config.ts';
export { exitOnConfigError, loadConfigOrExit } from './config/exit-on-config-error.ts';
export { describeConfig } from './config/describe-config.ts';
export { EMBEDDED_TENANT_ID, EMBEDDED_GRAPH_TOKEN } from './config/environment-schema.ts';
export { configSchema, logLevels } from './config/settings.ts';
export type {
  BotAuthSettings,
  Config,
  CosmosSettings,
  EmbeddedConfig,
  GraphCredentialSettings,
  GraphSettings,
  ProductionConfig,
} from './config/settings.ts';
