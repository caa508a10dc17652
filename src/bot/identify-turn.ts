import type { TurnContext } from 'botbuilder';
import type { Caller } from '../app/identity/caller.ts';
import { identifyCaller } from '../app/identity/identify-caller.ts';
import { recordTurn } from './turn-log.ts';
import { speakerOf } from './speaker.ts';
import type { BotRuntime } from './turn-deps.ts';

/**
 * The caller of this turn, or undefined after telling them why they are refused. Refusals of
 * another tenant are logged: they mean the app was installed where it should not be.
 */
export async function identifyTurn(
  context: TurnContext,
  runtime: BotRuntime,
): Promise<Caller | undefined> {
  const { deps, callers } = runtime;
  const speaker = speakerOf(context.activity);
  const identified = await identifyCaller(speaker, {
    directory: deps.directory,
    settings: deps.settings,
    cache: callers,
    now: () => deps.clock.now().getTime(),
  });
  if (identified.ok) {
    return identified.value;
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
