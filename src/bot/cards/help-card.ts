import type { Role } from '../../app/identity/caller.ts';
import type { TextCommand } from '../routing/command.ts';
import { allows } from '../routing/command.ts';
import type { HelpCardData, WelcomeCardData } from './card-data.ts';

/** What approvers do beyond asking, until the approval commands of the next release land. */
const ADMIN_NOTES = [
  "Requests from managers come to the license admins' channel as approval cards.",
  'Use `group <name>` to see members whose group-assigned licenses failed, and why.',
  'Seat warnings in `licenses` tell you when to buy more before requests start failing.',
  'A request with a rule (`every night at 02:00`) comes to you as a schedule request: set how much one run may change, then approve; `schedules` pauses, runs or deletes them.',
];

function commandsFor(role: Role, commands: readonly TextCommand[]): HelpCardData['commands'] {
  return commands
    .filter((command) => allows(role, command.role))
    .map(({ name, summary, example }) => ({ name, summary, example }));
}

/** The `help` card for a role: only the commands this caller may run, with examples. */
export function helpCardData(role: Role, commands: readonly TextCommand[]): HelpCardData {
  return {
    title: 'What I can do',
    intro:
      role === 'approver'
        ? 'You are a license admin: you can look everything up, and you approve license requests.'
        : 'You can look up licenses, people and groups. Commands are not case-sensitive.',
    commands: commandsFor(role, commands),
    adminNotes: role === 'approver' ? ADMIN_NOTES : [],
    footer: 'Type a command in the chat. In a channel or group chat, @mention me first.',
  };
}

/** The welcome card for a role: what License Desk does for this person, and where to start. */
export function welcomeCardData(
  role: Role,
  firstName: string,
  commands: readonly TextCommand[],
): WelcomeCardData {
  const approver = role === 'approver';
  return {
    greeting: firstName ? `Hi ${firstName}, I'm License Desk` : "Hi, I'm License Desk",
    whatItDoes:
      'I help your organisation manage Microsoft 365 licenses from Teams: see which licenses are ' +
      'free, what a colleague has, and why a group could not license someone.',
    roleLine: approver ? 'As a license admin you can:' : 'As a requester you can:',
    forYou: approver
      ? [
          'check seats left in every subscription, with warnings before they run out',
          "look up anyone's licenses and where they come from",
          'see groups whose licenses failed and the reason for each member',
          'approve or reject license requests from managers (approval cards)',
        ]
      : [
          'check which licenses are available in your organisation',
          "look up a colleague's licenses and plans",
          'see what licenses a group gives its members',
        ],
    examples: commandsFor(role, commands).map((command) => command.example),
  };
}
