import type { ChangeCommand, RequestOutcome } from '../../app/requests/request-license.ts';
import { conflictFixes, failureFixes, type Fix } from '../../domain/planning/fixes.ts';
import type { Impact } from '../../domain/planning/impact.ts';
import { renderCard } from '../cards/render-card.ts';
import type { CommandTurn, Reply } from '../routing/command.ts';
import { commandText } from './command-text.ts';
import { fixButtons } from './fix-buttons.ts';

/**
 * A request that could not be planned, with its fix as buttons where one exists: a missing usage
 * location gets the location card (the same request again with it), other failures (no seats,
 * plans in conflict) their fix buttons, and the rest the message alone.
 */
export async function problemReply(
  turn: CommandTurn,
  command: ChangeCommand,
  outcome: Extract<RequestOutcome, { kind: 'problem' }>,
): Promise<Reply> {
  const failure = outcome.failure;
  if (failure === undefined) {
    return { text: outcome.message };
  }
  if (failure.code === 'USAGE_LOCATION_MISSING' && command.kind === 'assign') {
    return {
      card: renderCard('fix-location', {
        message: outcome.message,
        // The tenant's own country is the likeliest answer; it is only a placeholder.
        suggestion: await turn.deps.views.organizationCountry(turn.caller.tenantId),
        command: commandText(command),
      }),
    };
  }
  const skus = await turn.deps.views.skus(turn.caller.tenantId);
  const fixes = fixButtons(failureFixes(failure, { skus, request: command }));
  return fixes.length > 0
    ? { card: renderCard('fix-options', { message: outcome.message, fixes }) }
    : { text: outcome.message };
}

/** The fixes of the conflicts a planned request brings, for the requester's card. */
export async function conflictFixesOf(
  turn: CommandTurn,
  command: ChangeCommand,
  impact: Impact,
): Promise<Fix[]> {
  if (impact.conflicts.length === 0) {
    return [];
  }
  const skus = await turn.deps.views.skus(turn.caller.tenantId);
  return impact.conflicts.flatMap((detail) => conflictFixes(detail, { skus, request: command }));
}
