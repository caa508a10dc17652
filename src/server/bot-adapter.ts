import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type Activity,
  type ConfigurationBotFrameworkAuthenticationOptions,
  type InvokeResponse,
  type TurnContext,
} from 'botbuilder';

/**
 * How Bot Framework callers are authenticated. Anonymous is for the embedded run only: it accepts
 * any token. Azure Bot Service only creates single-tenant or user-assigned-MSI bots.
 */
export type BotAuthentication =
  | { kind: 'anonymous' }
  | { kind: 'singleTenant'; appId: string; appPassword: string; tenantId: string }
  | { kind: 'userAssignedMsi'; appId: string; tenantId: string };

/** What the adapter's error handler needs of a logger (pino-compatible). */
export interface AdapterLogger {
  error(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
}

/** The apology a user sees when a turn fails: short, no detail, a reference for the admins. */
export function turnErrorApology(reference: string): string {
  return (
    "Sorry, something went wrong on my side and I couldn't finish that. Please try again in a " +
    `moment; if it keeps happening, give your IT admin this reference: ${reference}.`
  );
}

/** Maps our settings onto botbuilder's configuration keys. */
export function authenticationOptions(
  auth: BotAuthentication,
): ConfigurationBotFrameworkAuthenticationOptions {
  switch (auth.kind) {
    case 'anonymous':
      return {};
    case 'singleTenant':
      return {
        MicrosoftAppType: 'SingleTenant',
        MicrosoftAppId: auth.appId,
        MicrosoftAppPassword: auth.appPassword,
        MicrosoftAppTenantId: auth.tenantId,
      };
    case 'userAssignedMsi':
      return {
        MicrosoftAppType: 'UserAssignedMSI',
        MicrosoftAppId: auth.appId,
        MicrosoftAppTenantId: auth.tenantId,
      };
  }
}

/**
 * The bot's CloudAdapter. It exposes `processActivity` to the messages endpoint, which does its
 * own body validation and error mapping (botbuilder's `process` answers 500 with the raw error
 * message for a forged token and prints the stack to the console).
 */
export class LicenseDeskAdapter extends CloudAdapter {
  /** The app id proactive messages are sent as ('' when anonymous). */
  readonly botAppId: string;
  /** True only in the embedded mode: callers are not authenticated. */
  readonly isAnonymous: boolean;

  constructor(auth: BotAuthentication, extraOptions: Record<string, string> = {}) {
    super(
      new ConfigurationBotFrameworkAuthentication({
        ...authenticationOptions(auth),
        ...extraOptions,
      }),
    );
    this.botAppId = auth.kind === 'anonymous' ? '' : auth.appId;
    this.isAnonymous = auth.kind === 'anonymous';
  }

  /** Authenticates the request and runs one turn; rejects when the caller is not trusted. */
  runTurn(
    authHeader: string,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined> {
    return this.processActivity(authHeader, activity, logic);
  }
}

/**
 * Creates the adapter with the turn error handler: the detail goes to the log with the activity
 * id, the user gets a short generic apology (never a stack or an SDK message).
 */
export function createBotAdapter(options: {
  auth: BotAuthentication;
  logger: AdapterLogger;
  /** Extra botbuilder settings, e.g. OpenID metadata URLs for offline auth tests. */
  extraAuthOptions?: Record<string, string>;
}): LicenseDeskAdapter {
  const adapter = new LicenseDeskAdapter(options.auth, options.extraAuthOptions);
  adapter.onTurnError = async (context, error) => {
    const { activity } = context;
    const reference = activity.id ?? 'unknown';
    options.logger.error(
      {
        err: error,
        activityId: activity.id,
        type: activity.type,
        conversationId: activity.conversation?.id,
        userId: activity.from?.aadObjectId,
      },
      'turn failed',
    );
    try {
      await context.sendActivity(turnErrorApology(reference));
    } catch (sendError) {
      options.logger.warn(
        { err: sendError, activityId: activity.id },
        'could not tell the user that the turn failed',
      );
    }
  };
  return adapter;
}
