import {
  MessageFactory,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type TurnContext,
} from 'botbuilder';
import { identifyCaller } from '../app/identity/identify-caller.ts';
import { placeOf, turnOutbox } from './requests/outbox.ts';
import { routeCardAction } from './route-card-action.ts';
import type { Reply } from './routing/command.ts';
import { speakerOf } from './speaker.ts';
import { recordedTurn, recordTurn } from './turn-log.ts';
import type { BotRuntime } from './turn-deps.ts';
import { userFacingError } from './user-facing-error.ts';

/**
 * The invoke answer Teams expects: a card replaces the one clicked; a message is shown by it.
 * The schema types `value` as an object, but Teams' message response carries a plain string.
 */
function invokeResponse(reply: Reply): AdaptiveCardInvokeResponse {
  if ('card' in reply) {
    return {
      statusCode: 200,
      type: 'application/vnd.microsoft.card.adaptive',
      value: reply.card.content as Record<string, unknown>,
    };
  }
  return {
    statusCode: 200,
    type: 'application/vnd.microsoft.activity.message',
    value: reply.text as unknown as Record<string, unknown>,
  };
}

/**
 * An `Action.Execute` click (`adaptiveCard/action`): answered in the HTTP response, so the card
 * updates in place. Identity comes from the activity, as for messages; refusals and failures are
 * messages, never HTTP errors the user cannot read.
 */
/** The operation a card button acts on, when its data names one. */
function operationIdOf(data: unknown): string | undefined {
  const id = (data as { operationId?: unknown } | null | undefined)?.operationId;
  return typeof id === 'string' && id.length > 0 ? id : undefined;
}

export async function handleCardInvoke(
  context: TurnContext,
  value: AdaptiveCardInvokeValue,
  runtime: BotRuntime,
): Promise<AdaptiveCardInvokeResponse> {
  const { deps, callers } = runtime;
  try {
    const identified = await identifyCaller(speakerOf(context.activity), {
      tenants: deps.tenants,
      cache: callers,
      now: () => deps.clock.now().getTime(),
    });
    if (!identified.ok) {
      deps.logger.warn({ refusal: identified.failure.code }, 'caller refused');
      recordTurn(context, { outcome: `refused:${identified.failure.code}` });
      return invokeResponse({ text: identified.failure.message });
    }
    const turn = {
      // Clicks act where the clicker works: a card of a customer tenant, for the operator.
      caller: await deps.tenantAdmin.acting(identified.value, operationIdOf(value.action.data)),
      deps,
      place: placeOf(context),
      outbox: turnOutbox(context, deps.logger),
    };
    const reply = await routeCardAction(
      turn,
      value.action.verb,
      value.action.data,
      context,
      runtime,
    );
    if (recordedTurn(context).outcome === undefined) {
      recordTurn(context, { outcome: 'answered' });
    }
    if ('file' in reply) {
      // An invoke answer carries a card or a line, never a file: the offer goes into the chat.
      const attachments = reply.download ? [reply.file, reply.download] : [reply.file];
      await context.sendActivity(MessageFactory.list(attachments));
    }
    return invokeResponse(reply);
  } catch (error) {
    const shown = userFacingError(error, deps.logger.child({ activityId: context.activity.id }));
    recordTurn(context, { outcome: shown.outcome });
    return invokeResponse({ text: shown.text });
  }
}
