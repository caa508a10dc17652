import type { TurnContext } from 'botbuilder';
import { allows, type CommandTurn, type Reply } from './routing/command.ts';
import { recordTurn } from './turn-log.ts';
import type { BotRuntime } from './turn-deps.ts';

/**
 * Runs a card button through the routing table: the verb picks the action, its schema checks the
 * data (ids and page numbers only), and the caller's role comes from this turn's identity.
 */
export async function routeCardAction(
  turn: CommandTurn,
  verb: string,
  data: unknown,
  context: TurnContext,
  runtime: BotRuntime,
): Promise<Reply> {
  const action = runtime.routes.actions.find((entry) => entry.verb === verb);
  recordTurn(context, { command: action ? `card:${action.verb}` : 'card:unknown' });
  if (!action) {
    return {
      text: 'That button is from an older version of me. Type `help` to see what I can do now.',
    };
  }
  if (!allows(turn.caller.role, action.role)) {
    recordTurn(context, { outcome: 'refused:role' });
    return {
      text: 'Only license admins can do that. Ask a member of your license approvers group.',
    };
  }
  const parsed = action.data.safeParse(data);
  if (!parsed.success) {
    recordTurn(context, { outcome: 'bad-card-data' });
    return {
      text: 'That button did not carry what I need. Type the command instead (see `help`).',
    };
  }
  return action.handle(turn, parsed.data);
}
