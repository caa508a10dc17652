import type { ConversationAccount } from 'botbuilder';
import type { HistoryEvent } from '../../../src/domain/history/history-event.ts';
import { ALEX_WILBER, type TestStack } from '../../support/stack.ts';

const MEGAN = '00000000-0000-0000-0000-0000000000021';
const ADELE = '00000000-0000-0000-0000-0000000000022';
const E5 = '06ebc4ee-1bb5-47dd-8120-11324bc54e06';

/**
 * History line `i` of operation `operationId`: Alex's request, approved by Megan, that gave Adele
 * E5, written at minute `i` of January `day`, 2026. `overrides` changes any field.
 */
export function historyLine(
  tenantId: string,
  operationId: string,
  day: number,
  i: number,
  overrides: Partial<HistoryEvent> = {},
): HistoryEvent {
  return {
    id: `${operationId}:${ADELE}:added:${i}`,
    tenantId,
    operationId,
    at: new Date(Date.UTC(2026, 0, day, 0, i)).toISOString(),
    change: 'added',
    userId: ADELE,
    userPrincipalName: 'adelev@contoso.onmicrosoft.com',
    skuId: E5,
    requester: { userId: ALEX_WILBER, displayName: 'Alex Wilber' },
    approver: { userId: MEGAN, displayName: 'Megan Bowen' },
    result: 'succeeded',
    ...overrides,
  };
}

/**
 * The history an export test starts from: two lines for Adele (the second refused, with cells a
 * spreadsheet would run), and one of operation `otherOperationId` for Megan, asked by Megan.
 */
export function exportableHistory(
  line: (i: number, overrides?: Partial<HistoryEvent>) => HistoryEvent,
  otherOperationId: string,
): HistoryEvent[] {
  return [
    line(1),
    line(2, {
      change: 'refused',
      result: 'failed',
      message: '=HYPERLINK("http://evil.example","click")',
      requester: { userId: ALEX_WILBER, displayName: '@Alex, the "manager"' },
    }),
    line(3, {
      id: `${otherOperationId}:x`,
      operationId: otherOperationId,
      userId: MEGAN,
      userPrincipalName: 'meganb@contoso.onmicrosoft.com',
      requester: { userId: MEGAN, displayName: 'Megan Bowen' },
      approver: undefined,
    }),
  ];
}

/** `history export` asked of the bot with an @mention in a channel conversation, by `as`. */
export function askExportInChannel(
  stack: TestStack,
  conversation: ConversationAccount,
  as: string,
) {
  return stack.send(
    {
      type: 'message',
      conversation,
      text: '<at>License Desk</at> history export',
      entities: [
        {
          type: 'mention',
          mentioned: { id: '28:license-desk-bot', name: 'License Desk' },
          text: '<at>License Desk</at>',
        },
      ],
    },
    { aadObjectId: as, tenantId: stack.tenantId },
  );
}
