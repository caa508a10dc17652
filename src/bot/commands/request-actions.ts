import { z } from 'zod';
import type { Decision } from '../../app/requests/decide-request.ts';
import { historyExport, previewExport } from './history-export.ts';
import { askForChange } from './license-change-commands.ts';
import { recordRefusal } from '../requests/refusal-record.ts';
import { approvalCard, showsFailures } from '../requests/approval-card.ts';
import { recordClickedCopy } from '../requests/card-copies.ts';
import type { CardAction, CommandTurn, Reply } from '../routing/command.ts';
import { MAX_COMMAND_LENGTH } from '../routing/command-text.ts';

// Card data carries the operation id only; who decides comes from the activity.
const operationData = z.object({ operationId: z.string().trim().min(1).max(100) });
// A pick on a "which one?" card: a request as it would be typed, parsed and checked like text.
// Room for the longest typed command with names swapped for the addresses picked.
const commandData = z.object({
  command: z
    .string()
    .trim()
    .min(1)
    .max(2 * MAX_COMMAND_LENGTH),
  /** From the fix-location card's input. */
  location: z
    .string()
    .trim()
    .regex(/^[A-Za-z]{2}$/)
    .optional(),
});
const uploadData = commandData.extend({ token: z.string().min(1).max(200) });
const rejectData = operationData.extend({ reason: z.string().max(500).optional() });

async function decide(turn: CommandTurn, operationId: string, decision: Decision): Promise<Reply> {
  const outcome = await turn.deps.requests.decide(turn.caller, operationId, decision);
  if (!outcome.ok) {
    recordRefusal(turn, operationId, outcome.refusal.code);
    return { text: outcome.refusal.message };
  }
  const operation = outcome.operation.value;
  // The notifier redraws the other copies and tells the requester. The clicked copy is recorded
  // before the run starts, so the run's progress redraws it too.
  await recordClickedCopy(turn, operation);
  if (operation.state === 'approved') {
    turn.deps.runs.start(operation.tenantId, operation.id);
  }
  return { card: approvalCard(operation, {}) };
}

/** Approve, Reject and the per-viewer refresh of a request card. */
export const requestActions: CardAction[] = [
  {
    verb: 'request-approve',
    role: 'requester',
    data: operationData,
    handle: (turn, input: z.infer<typeof operationData>) =>
      decide(turn, input.operationId, { kind: 'approve' }),
  } satisfies CardAction<z.infer<typeof operationData>>,
  {
    verb: 'request-continue',
    role: 'requester',
    data: operationData,
    handle: (turn, input: z.infer<typeof operationData>) =>
      decide(turn, input.operationId, { kind: 'continue' }),
  } satisfies CardAction<z.infer<typeof operationData>>,
  {
    verb: 'request-reject',
    role: 'requester',
    data: rejectData,
    handle: (turn, input: z.infer<typeof rejectData>) =>
      decide(turn, input.operationId, { kind: 'reject', reason: input.reason ?? '' }),
  } satisfies CardAction<z.infer<typeof rejectData>>,
  {
    verb: 'request-cancel',
    role: 'requester',
    data: operationData,
    handle: (turn, input: z.infer<typeof operationData>) =>
      decide(turn, input.operationId, { kind: 'cancel' }),
  } satisfies CardAction<z.infer<typeof operationData>>,
  {
    verb: 'request-command',
    role: 'requester',
    data: commandData,
    handle: (turn, input: z.infer<typeof commandData>) =>
      askForChange(
        turn,
        input.location
          ? `${input.command} location ${input.location.toUpperCase()}`
          : input.command,
      ),
  } satisfies CardAction<z.infer<typeof commandData>>,
  {
    verb: 'selection-confirm',
    role: 'requester',
    data: commandData,
    handle: (turn, input: z.infer<typeof commandData>) =>
      askForChange(turn, input.command, { confirmed: true }),
  } satisfies CardAction<z.infer<typeof commandData>>,
  {
    verb: 'selection-upload',
    role: 'requester',
    data: uploadData,
    handle: (turn, input: z.infer<typeof uploadData>) => {
      const file = turn.deps.csvUploads?.take(input.token, {
        tenantId: turn.caller.tenantId,
        userId: turn.caller.userId,
      });
      return file === undefined
        ? Promise.resolve({
            text: 'No file was uploaded on that page yet (or it was used already, or its 15 minutes are over). Upload the CSV first, or send the command again for a new page.',
          })
        : askForChange(turn, input.command, { file });
    },
  } satisfies CardAction<z.infer<typeof uploadData>>,
  {
    verb: 'request-results',
    role: 'requester',
    data: operationData,
    handle: async (turn, input: z.infer<typeof operationData>) => {
      const found = await turn.deps.requests.find(turn.caller.tenantId, input.operationId);
      if (!found) {
        return { text: 'I can find no such request in your organisation.' };
      }
      // A requester's file holds their own requests only (`history export` rules).
      return historyExport(turn, { operationId: input.operationId }, `request "${found.summary}"`);
    },
  } satisfies CardAction<z.infer<typeof operationData>>,
  {
    verb: 'request-preview',
    role: 'requester',
    data: operationData,
    // Approvers get any request's preview, a requester only their own (checked by the view).
    handle: (turn, input: z.infer<typeof operationData>) => previewExport(turn, input.operationId),
  } satisfies CardAction<z.infer<typeof operationData>>,
  {
    verb: 'request-view',
    role: 'requester',
    data: operationData,
    handle: async ({ caller, deps }, input: z.infer<typeof operationData>) => {
      const found = await deps.requests.find(caller.tenantId, input.operationId);
      if (!found) {
        return { text: 'I can find no such request in your organisation.' };
      }
      return {
        card: approvalCard(found, {
          viewer: { userId: caller.userId, isApprover: caller.role === 'approver' },
          ...(showsFailures(found) ? { skus: await deps.views.skus(caller.tenantId) } : {}),
        }),
      };
    },
  } satisfies CardAction<z.infer<typeof operationData>>,
] as CardAction[];
