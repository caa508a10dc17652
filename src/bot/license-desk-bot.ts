import {
  ActivityHandler,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type InvokeResponse,
  type TurnContext,
} from 'botbuilder';
import { CallerCache } from '../app/identity/caller-cache.ts';
import { createRoutingTable } from './commands/command-table.ts';
import type { BotDependencies } from './dependencies.ts';
import { FILE_CONSENT_INVOKE } from './files/file-consent.ts';
import { handleFileConsent } from './files/handle-file-consent.ts';
import { handleCardInvoke } from './handle-card-invoke.ts';
import { handleInstall } from './handle-install.ts';
import { handleMessage } from './handle-message.ts';
import { handleRemoval } from './handle-removal.ts';
import type { BotRuntime } from './turn-deps.ts';

const ADAPTIVE_CARD_ACTION = 'adaptiveCard/action';

function hasActionObject(value: unknown): boolean {
  const action = (value as { action?: unknown } | null | undefined)?.action;
  return typeof action === 'object' && action !== null;
}

/** The Universal Actions error answer for a click that carries no action. */
function badCardAction(): AdaptiveCardInvokeResponse {
  return {
    statusCode: 400,
    type: 'application/vnd.microsoft.error',
    value: {
      code: 'BadRequest',
      message: 'The card action has no "action" object: nothing to do.',
    },
  };
}

/** botbuilder answers `adaptiveCard/action` invokes through this override. */
class LicenseDeskActivityHandler extends ActivityHandler {
  readonly #runtime: BotRuntime;

  constructor(runtime: BotRuntime) {
    super();
    this.#runtime = runtime;
  }

  /**
   * Allow or Decline on a file consent card: answered 200 once the file is dealt with. A card
   * action without an action object is answered 400 as Teams expects (botbuilder would throw
   * reading it, and the user would get an apology for a request that was never valid).
   */
  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    if (context.activity.name === FILE_CONSENT_INVOKE) {
      await handleFileConsent(context, this.#runtime);
      return { status: 200 };
    }
    if (
      context.activity.name === ADAPTIVE_CARD_ACTION &&
      !hasActionObject(context.activity.value)
    ) {
      return { status: 400, body: badCardAction() };
    }
    return super.onInvokeActivity(context);
  }

  protected override onAdaptiveCardInvoke(
    context: TurnContext,
    value: AdaptiveCardInvokeValue,
  ): Promise<AdaptiveCardInvokeResponse> {
    return handleCardInvoke(context, value, this.#runtime);
  }
}

/**
 * License Desk's conversation: identifies the caller from the activity, routes text and card
 * buttons through the routing table, and welcomes people when the app is installed.
 */
export function createLicenseDeskBot(deps: BotDependencies): ActivityHandler {
  const runtime: BotRuntime = { deps, routes: createRoutingTable(), callers: new CallerCache() };
  const bot = new LicenseDeskActivityHandler(runtime);
  bot.onMessage(async (context, next) => {
    await handleMessage(context, runtime);
    await next();
  });
  bot.onInstallationUpdateAdd(async (context, next) => {
    await handleInstall(context, runtime);
    await next();
  });
  // Uninstalled, removed from a team or chat, a team or channel deleted: forget it.
  bot.onInstallationUpdateRemove(async (context, next) => {
    await handleRemoval(context, runtime);
    await next();
  });
  bot.onConversationUpdate(async (context, next) => {
    await handleRemoval(context, runtime);
    await next();
  });
  bot.onMembersAdded(async (context, next) => {
    const botId = context.activity.recipient.id;
    // Only our own arrival is an install; other people joining a team is not our business.
    if ((context.activity.membersAdded ?? []).some((member) => member.id === botId)) {
      await handleInstall(context, runtime);
    }
    await next();
  });
  return bot;
}
