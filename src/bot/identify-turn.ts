import type { TurnContext } from 'botbuilder';
import type { Caller } from '../app/identity/caller.ts';
import { identifyCaller } from '../app/identity/identify-caller.ts';
import { recordTurn } from './turn-log.ts';
import { speakerOf } from './speaker.ts';
import type { BotRuntime } from './turn-deps.ts';

/**
 * The caller of this turn (in their working tenant, for an operator's approver who chose one),
 * or undefined after telling them why they are refused. Refusals of
 * another tenant are logged: they mean the app was installed where it should not be.
 */
export async function identifyTurn(
  context: TurnContext,
  runtime: BotRuntime,
): Promise<Caller | undefined> {
  const { deps, callers } = runtime;
  const speaker = speakerOf(context.activity);
  const identified = await identifyCaller(speaker, {
    tenants: deps.tenants,
    cache: callers,
    now: () => deps.clock.now().getTime(),
  });
  if (identified.ok) {
    // An operator's approver who chose a working tenant (`tenant use`) acts there.
    return deps.tenantAdmin.acting(identified.value);
  }
  const { code, message } = identified.failure;
  deps.logger.warn(
    { refusal: code, tenantId: speaker.tenantId, userId: speaker.userId },
    'caller refused',
  );
  recordTurn(context, { outcome: `refused:${code}` });
  await context.sendActivity(message);
  return undefined;
}
