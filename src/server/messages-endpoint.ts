import type { Activity, TurnContext } from 'botbuilder';
import type { Request, Response } from 'restify';
import { z } from 'zod';
import type { AdapterLogger, LicenseDeskAdapter } from './bot-adapter.ts';

/**
 * The least an incoming body must be for a turn to make sense: a type, a conversation, and the
 * service URL replies go to. botbuilder checks the rest.
 */
const incomingActivity = z.looseObject({
  type: z.string().min(1),
  serviceUrl: z.string().min(1),
  conversation: z.looseObject({ id: z.string().min(1) }),
});

/** jsonwebtoken's errors: botbuilder lets them through for forged, unsigned or early tokens. */
const TOKEN_ERRORS = new Set(['JsonWebTokenError', 'TokenExpiredError', 'NotBeforeError']);

/** Whether botbuilder refused the caller (its AuthenticationError carries statusCode 401). */
function isAuthenticationFailure(error: unknown): boolean {
  if (!(error instanceof Error)) {
    return false;
  }
  const status = (error as Error & { statusCode?: unknown }).statusCode;
  return status === 401 || TOKEN_ERRORS.has(error.name);
}

/**
 * Answers a request that failed before its turn started: 401 when the token was refused (or, in
 * production, whenever the caller could not be verified: we say nothing more to an unverified
 * caller); 400 in the anonymous embedded mode, where the activity itself was unusable.
 */
function refuse(
  res: Response,
  error: unknown,
  options: { adapter: LicenseDeskAdapter; logger: AdapterLogger },
  activityId: string | undefined,
): void {
  const reason = error instanceof Error ? `${error.name}: ${error.message}` : 'unknown';
  if (isAuthenticationFailure(error) || !options.adapter.isAnonymous) {
    options.logger.warn(
      { reason, activityId },
      'refused a request whose token could not be trusted',
    );
    res.send(401, { code: 'Unauthorized', message: 'The request is not authorized.' });
    return;
  }
  options.logger.warn({ reason, activityId }, 'refused an activity the adapter could not process');
  res.send(400, { code: 'BadRequest', message: 'The activity could not be processed.' });
}

/** The bot's turn logic (an ActivityHandler's `run`). */
export type TurnLogic = (context: TurnContext) => Promise<void>;

/**
 * `POST /api/messages`: validates the body, authenticates the caller and runs the turn.
 * Answers: 400 for a body that is not an activity; 401 for any request whose token cannot be
 * trusted (botbuilder throws a plain error, not an AuthenticationError, for a forged or
 * `alg:none` token: we tell them apart by whether the turn started); the invoke response or 200;
 * 500 with a generic body when the turn itself broke.
 */
export function messagesEndpoint(options: {
  adapter: LicenseDeskAdapter;
  logic: TurnLogic;
  logger: AdapterLogger;
}): (req: Request, res: Response) => Promise<void> {
  return async (req, res) => {
    const parsed = incomingActivity.safeParse(req.body);
    if (!parsed.success) {
      res.send(400, { code: 'BadRequest', message: 'The body is not a Bot Framework activity.' });
      return;
    }
    const activity = parsed.data as unknown as Activity;
    const authHeader = req.header('authorization', '');
    let turnStarted = false;
    try {
      const invokeResponse = await options.adapter.runTurn(authHeader, activity, (context) => {
        turnStarted = true;
        return options.logic(context);
      });
      if (invokeResponse?.body === undefined) {
        res.send(invokeResponse?.status ?? 200);
      } else {
        res.send(invokeResponse.status, invokeResponse.body);
      }
    } catch (error) {
      if (!turnStarted) {
        refuse(res, error, options, activity.id);
        return;
      }
      options.logger.error({ err: error, activityId: activity.id }, 'turn could not complete');
      res.send(500, { code: 'InternalError', message: 'The bot could not handle this activity.' });
    }
  };
}
