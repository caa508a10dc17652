import type { UploadRoutes } from './upload-links.ts';
import type { ActivityHandler } from 'botbuilder';
import type { Telemetry } from '../app/ports/telemetry.ts';
import { TurnLogMiddleware, type TurnLogger } from '../bot/turn-log.ts';
import { createBotAdapter, type AdapterLogger, type BotAuthentication } from './bot-adapter.ts';
import type { DownloadAnswer } from './export-downloads.ts';
import { startBotServer, type RunningBotServer, type ServerLogger } from './http-server.ts';
import { messagesEndpoint } from './messages-endpoint.ts';
import { ProactiveMessenger } from './proactive-messenger.ts';
import { TurnTelemetryMiddleware } from './turn-telemetry.ts';
import type { ReadinessCheck } from './readiness.ts';

export type PlatformLogger = AdapterLogger & ServerLogger & TurnLogger;

export interface BotPlatformOptions {
  /**
   * The bot, or a factory given the proactive messenger (for bots that write to conversations
   * outside a turn: approvals, notifications, alerts).
   */
  bot: ActivityHandler | ((messenger: ProactiveMessenger) => ActivityHandler);
  auth: BotAuthentication;
  logger: PlatformLogger;
  port: number;
  host?: string;
  /** What `/readyz` needs (the store); see `startBotServer`. */
  readiness?: readonly ReadinessCheck[];
  /** What `/healthz` reports without failing (Graph). */
  health?: readonly ReadinessCheck[];
  checkMaxAgeMs?: { readiness?: number; health?: number };
  bodyLimitBytes?: number;
  bodyTimeoutMs?: number;
  drainTimeoutMs?: number;
  /** Extra botbuilder auth settings (OpenID metadata URLs for offline auth tests). */
  extraAuthOptions?: Record<string, string>;
  /** The embedded demo's `GET /exports/:token` (see `startBotServer`). */
  exportDownload?: (token: string) => Promise<DownloadAnswer>;
  /** The embedded demo's `/uploads/:token` pages (see `startBotServer`). */
  uploads?: UploadRoutes;
  /** When set: a request span per `POST /api/messages`, named by the turn's command. */
  telemetry?: Telemetry;
}

export interface BotPlatform {
  server: RunningBotServer;
  messenger: ProactiveMessenger;
}

/** The adapter turns come through, and the messenger that writes outside turns with it. */
export interface BotChannel {
  adapter: ReturnType<typeof createBotAdapter>;
  messenger: ProactiveMessenger;
}

/**
 * Opens the adapter (with the turn error handler and the one-line-per-turn log) and its
 * messenger, before any bot exists: what writes outside turns can then be built first.
 */
export function openBotChannel(
  options: Pick<BotPlatformOptions, 'auth' | 'logger' | 'extraAuthOptions' | 'telemetry'>,
): BotChannel {
  const adapter = createBotAdapter({
    auth: options.auth,
    logger: options.logger,
    ...(options.extraAuthOptions ? { extraAuthOptions: options.extraAuthOptions } : {}),
  });
  adapter.use(new TurnLogMiddleware(options.logger));
  if (options.telemetry) {
    adapter.use(new TurnTelemetryMiddleware(options.telemetry));
  }
  return { adapter, messenger: new ProactiveMessenger(adapter) };
}

/**
 * Puts a bot on the wire: CloudAdapter with the turn error handler and the one-line-per-turn log,
 * `POST /api/messages`, health and readiness, graceful close. The same for License Desk and for
 * the echo bot the benchmark compares it with. `channel`: one opened already (`openBotChannel`).
 */
export async function startBotPlatform(
  options: BotPlatformOptions,
  channel: BotChannel = openBotChannel(options),
): Promise<BotPlatform> {
  const { adapter, messenger } = channel;
  const bot = typeof options.bot === 'function' ? options.bot(messenger) : options.bot;
  const server = await startBotServer({
    port: options.port,
    ...(options.host ? { host: options.host } : {}),
    messages: messagesEndpoint({
      adapter,
      logic: (context) => bot.run(context),
      logger: options.logger,
    }),
    readiness: options.readiness ?? [],
    ...(options.health ? { health: options.health } : {}),
    ...(options.checkMaxAgeMs ? { checkMaxAgeMs: options.checkMaxAgeMs } : {}),
    logger: options.logger,
    ...(options.bodyLimitBytes ? { bodyLimitBytes: options.bodyLimitBytes } : {}),
    ...(options.bodyTimeoutMs ? { bodyTimeoutMs: options.bodyTimeoutMs } : {}),
    ...(options.drainTimeoutMs ? { drainTimeoutMs: options.drainTimeoutMs } : {}),
    ...(options.exportDownload ? { exportDownload: options.exportDownload } : {}),
    ...(options.uploads ? { uploads: options.uploads } : {}),
    ...(options.telemetry ? { telemetry: options.telemetry } : {}),
  });
  return { server, messenger };
}
