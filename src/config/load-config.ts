import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEnv } from 'node:util';
import { environmentSchema, wantsProduction } from './environment-schema.ts';
import type { Config } from './settings.ts';

/** The settings are unusable; the message lists each problem and what to do, for the admin. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly code = 'CONFIG_INVALID';
  /** One line per problem: `VARIABLE: what is wrong. What to do.` */
  readonly problems: string[];

  constructor(message: string, problems: string[]) {
    super(message);
    this.problems = problems;
  }
}

/**
 * The process environment over an optional `.env` file in `cwd` (the environment wins, as with
 * App Service settings). Parsed with Node's own `util.parseEnv`; `process.env` is not modified.
 */
export function readEnvironment(
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Record<string, string | undefined> {
  const file = join(options.cwd ?? process.cwd(), '.env');
  const fromFile = existsSync(file) ? parseEnv(readFileSync(file, 'utf8')) : {};
  return { ...fromFile, ...(options.env ?? process.env) };
}

/**
 * Validates every setting and builds the `Config`: embedded mode when no credentials are set,
 * production mode otherwise. Throws a `ConfigError` listing every problem at once.
 */
export function loadConfig(env: Record<string, string | undefined> = readEnvironment()): Config {
  const parsed = environmentSchema.safeParse(env);
  if (parsed.success) {
    return parsed.data;
  }
  const problems = parsed.error.issues.map((issue) => {
    const name = issue.path.map(String).join('.');
    return `${name}: ${issue.message}`;
  });
  throw settingsError(wantsProduction(env) ? 'production' : 'embedded', problems);
}

/**
 * The `ConfigError` for `problems` (`VARIABLE: what is wrong. What to do.`), worded as
 * `loadConfig` words it; also for a setting found unusable only when start-up uses it.
 */
export function settingsError(mode: 'embedded' | 'production', problems: string[]): ConfigError {
  const count = problems.length === 1 ? 'one setting needs' : `${problems.length} settings need`;
  const message = [
    `License Desk cannot start in ${mode} mode: ${count} attention.`,
    ...problems.map((problem) => `  - ${problem}`),
    'Settings come from the environment and from a .env file in the working directory (see .env.example).',
  ].join('\n');
  return new ConfigError(message, problems);
}
