import type { Activity, TurnContext } from 'botbuilder';
import type { Request, Response } from 'restify';
import { z } from 'zod';
import type { AdapterLogger, LicenseDeskAdapter } from './bot-adapter.ts';

/** The least an incoming body must be to be an activity; botbuilder checks the rest. */
const incomingActivity = z.looseObject({ type: z.string().min(1) });

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
        options.logger.warn(
          { reason: error instanceof Error ? error.message : 'unknown', activityId: activity.id },
          'refused a request whose token could not be trusted',
        );
        res.send(401, { code: 'Unauthorized', message: 'The request is not authorized.' });
        return;
      }
      options.logger.error({ err: error, activityId: activity.id }, 'turn could not complete');
      res.send(500, { code: 'InternalError', message: 'The bot could not handle this activity.' });
    }
  };
}
