import { z } from 'zod';
import type { AlertPlace } from '../../app/alerts/alert-use-cases.ts';
import { moreText, SUMMARY_LINES, summaryLine } from '../alerts/alert-cards.ts';
import { renderCard } from '../cards/render-card.ts';
import type { CommandTurn, TextCommand } from '../routing/command.ts';
import { keepThisConversation, kindOf } from '../save-conversation.ts';

const KIND_NAMES: Record<AlertPlace['kind'], string> = {
  channel: 'this channel',
  groupChat: 'this group chat',
  personal: 'our chat',
};

const every = (seconds: number): string =>
  seconds % 60 === 0 ? `${seconds / 60} minute${seconds === 60 ? '' : 's'}` : `${seconds} seconds`;

/** Where this turn happens, kept (written through) so alerts can be posted here later. */
async function rememberPlace({ caller, deps, place }: CommandTurn): Promise<AlertPlace> {
  const kind = await keepThisConversation(caller, place, deps);
  return {
    conversationId: place.conversationId,
    kind,
    ...(place.teamId !== undefined ? { teamId: place.teamId } : {}),
  };
}

/**
 * `alerts on`: an approver subscribes this channel, group chat or personal chat to proactive
 * alerts, posted from the monitor's next look on (within `ALERT_INTERVAL_SECONDS`).
 */
export const alertsOnCommand: TextCommand<string> = {
  name: 'alerts on',
  aliases: ['alert on'],
  role: 'approver',
  summary:
    'post alerts here: groups with members in license errors, licenses running out, subscriptions expiring, failed requests',
  example: 'alerts on',
  input: z.string().max(0),
  usage:
    'Type just `alerts on` in the channel, group chat or personal chat that should get alerts.',
  handle: async (turn) => {
    const place = await rememberPlace(turn);
    const isNew = await turn.deps.alerts.subscribe(turn.caller, place);
    return {
      text: `${isNew ? 'Alerts are on' : 'Alerts were already on'} in ${KIND_NAMES[place.kind]}: I look at the tenant every ${every(turn.deps.alertIntervalSeconds)} (the first look within that time) and post each new problem once (several at once in one summary), with its fix, and update its card when it is solved. \`alerts\` shows the open problems now; \`alerts off\` stops them.`,
    };
  },
};

/** `alerts off`: stops alerts in this conversation. */
export const alertsOffCommand: TextCommand<string> = {
  name: 'alerts off',
  aliases: ['alert off'],
  role: 'approver',
  summary: 'stop posting alerts here',
  example: 'alerts off',
  input: z.string().max(0),
  usage: 'Type just `alerts off` where alerts should stop.',
  handle: async ({ caller, deps, place }) => {
    const was = await deps.alerts.unsubscribe(caller.tenantId, place.conversationId);
    const here = KIND_NAMES[kindOf(place.conversationType)];
    return {
      text: was
        ? `Alerts are off in ${here}. Cards already posted stay as they are.`
        : `Alerts were not on in ${here}: nothing to stop. Type \`alerts on\` to get them here.`,
    };
  },
};

/** `alerts`: the open problems as a look finds them now, whether alerts are on here or not. */
export const alertsCommand: TextCommand<string> = {
  name: 'alerts',
  aliases: ['alert', 'problems'],
  role: 'approver',
  summary: 'the open problems now, each with its fix',
  example: 'alerts',
  input: z.string().max(0),
  usage: 'Type just `alerts` (or `alerts on` / `alerts off`).',
  handle: async ({ caller, deps, place }) => {
    const [look, subscribed] = await Promise.all([
      deps.alerts.openProblems(caller.tenantId),
      deps.alerts.isSubscribed(caller.tenantId, place.conversationId),
    ]);
    const notChecked = (['group-errors', 'sku-low', 'subscription', 'operation-failed'] as const)
      .filter((kind) => !look.checked.has(kind))
      .map((kind) => NOT_CHECKED[kind]);
    const shown = look.findings.slice(0, SUMMARY_LINES);
    const intro = [
      subscribed
        ? 'Alerts are on here: new problems are posted as they appear.'
        : 'Alerts are off here: type `alerts on` to have new problems posted as they appear.',
      notChecked.length > 0 ? `Not checked now: ${notChecked.join('; ')}.` : '',
    ]
      .filter((part) => part !== '')
      .join(' ');
    return {
      card: renderCard('alert-summary', {
        title:
          look.findings.length === 0
            ? '✅ No open problems'
            : `⚠️ ${look.findings.length} open problem${look.findings.length === 1 ? '' : 's'} now`,
        intro,
        alerts: shown.map((finding) => summaryLine(finding)),
        more: moreText(look.findings.length, shown.length, 'the most pressing come first.'),
      }),
    };
  },
};

const NOT_CHECKED = {
  'group-errors': 'groups with members in license errors (the directory did not answer)',
  'sku-low': 'seats (the directory did not answer)',
  subscription: 'subscription expiry (the directory does not give subscriptions)',
  'operation-failed': 'failed requests (the store did not answer)',
} as const;
