/**
 * The pino logger of the whole process. Secrets must never reach a log line: known secret
 * fields are redacted by path, and bearer tokens or JWTs that slip into a message or a string
 * field are masked before the line is written.
 */
import { pino } from 'pino';
import type { DestinationStream, Logger as PinoLogger } from 'pino';
import type { Logger } from './app/ports/logger.ts';
import type { Config } from './config.ts';

const REDACTED = '[redacted]';

/** Field paths pino blanks out wherever they appear at these depths. */
export const redactedPaths = [
  'authorization',
  'Authorization',
  'password',
  'secret',
  'token',
  'accessToken',
  'clientSecret',
  'appPassword',
  'cosmosKey',
  'masterKey',
  '*.authorization',
  '*.Authorization',
  '*.password',
  '*.secret',
  '*.token',
  '*.accessToken',
  '*.clientSecret',
  '*.appPassword',
  '*.masterKey',
  'headers.authorization',
  'req.headers.authorization',
  'request.headers.authorization',
  'headers["x-ms-authorization-auxiliary"]',
  'credential.clientSecret',
  'credential.token',
  'graph.credential.clientSecret',
  'graph.credential.token',
  'bot.appPassword',
  'cosmos.key',
  // The whole Config logged by mistake instead of describeConfig(config).
  'config.bot.appPassword',
  'config.graph.credential.clientSecret',
  'config.graph.credential.token',
  'config.cosmos.key',
];

const BEARER = /\bBearer\s+[A-Za-z0-9\-._~+/]+=*/gi;
const JWT = /\beyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g;

/** Masks bearer tokens and JWTs inside free text (error messages quoting a request, say). */
export const maskTokens = (text: string): string =>
  text.replace(BEARER, `Bearer ${REDACTED}`).replace(JWT, REDACTED);

const maskStrings = (value: unknown, depth: number): unknown => {
  if (typeof value === 'string') {
    return maskTokens(value);
  }
  if (depth > 3 || value === null || typeof value !== 'object' || value instanceof Error) {
    return value;
  }
  if (Array.isArray(value)) {
    return value.map((item) => maskStrings(item, depth + 1));
  }
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [key, maskStrings(item, depth + 1)]),
  );
};

/** pino's error serializer, with tokens masked in the message and stack. */
const serializeError = (error: Error): unknown => maskStrings(pino.stdSerializers.err(error), 0);

export interface LoggerOptions {
  level: Config['logLevel'];
  /** Added to every line, e.g. `{ service: 'license-desk', mode: 'embedded' }`. */
  base?: Record<string, unknown>;
  /** Defaults to stdout; tests pass a stream to read the lines. */
  destination?: DestinationStream;
  /**
   * Fields added to each line as it is written: the active span's `trace_id` and `span_id` when
   * telemetry is on (`Telemetry.logFields`), so a line leads to its request in Application Insights.
   */
  mixin?: () => Record<string, string>;
}

/** The process logger: JSON lines with ISO time and level names, secrets redacted. */
export function createLogger(options: LoggerOptions): PinoLogger & Logger {
  const settings = {
    level: options.level,
    base: { service: 'license-desk', ...options.base },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label: string) => ({ level: label }) },
    redact: { paths: redactedPaths, censor: REDACTED },
    serializers: { err: serializeError, error: serializeError },
    ...(options.mixin ? { mixin: options.mixin } : {}),
    hooks: {
      logMethod(
        this: PinoLogger,
        args: Parameters<PinoLogger['info']>,
        method: (...a: unknown[]) => void,
      ) {
        method.apply(
          this,
          (args as unknown[]).map((arg) => maskStrings(arg, 0)),
        );
      },
    },
  };
  return options.destination === undefined ? pino(settings) : pino(settings, options.destination);
}
