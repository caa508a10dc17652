import { createRoutingTable } from '../../src/bot/commands/command-table.ts';

/** Where a Teams bot can be added; each has its own command menu. */
export type MenuScope = 'personal' | 'team' | 'groupChat';

export const MENU_SCOPES: readonly MenuScope[] = ['personal', 'team', 'groupChat'];

/** Teams shows at most 10 commands per scope, with titles of 32 and descriptions of 128 chars. */
export const MENU_LIMITS = { commands: 10, title: 32, description: 128 } as const;

/** One entry of a scope's command menu, as the manifest's `commandLists` holds it. */
export interface MenuCommand {
  title: string;
  description: string;
}

/** One scope's menu in the manifest. */
export interface CommandList {
  scopes: MenuScope[];
  commands: MenuCommand[];
}

/**
 * The commands kept out of a scope's menu, and why: the menu has room for 10 and the bot has more.
 * They still work when typed and `help` lists them all. A new command in the routing table
 * appears in every menu unless it is named here, so the test fails until someone decides.
 */
/** The price table is for license admins only: they type it, and `help` shows them how. */
const PRICES_LEFT_OUT = {
  prices: 'for license admins only; help lists it for them',
  price: 'set on the prices card, or typed by license admins',
  'prices history': 'a button on the prices card',
} as const;

/** The bulk form: the menus are full, and `assign`/`request` are the way in most people need. */
const BULK_LEFT_OUT = {
  bulk: 'the menu is full; help lists it, and the typed bulk commands do the same',
} as const;

/** Rule previews: typed by admins who plan dynamic groups, with the rule after them. */
const RULES_LEFT_OUT = {
  'preview rule': 'typed with an Entra rule after it; the menu is full, and help lists it',
} as const;

/** Alerts: switched on once per conversation by a license admin, who reads them in help. */
const ALERTS_LEFT_OUT = {
  'alerts on': 'typed once by a license admin where alerts should go; help lists it',
  'alerts off': 'typed once where alerts should stop; help lists it',
  alerts: 'for license admins; the menu is full, and help lists it',
} as const;

/** Group licenses: typed with a group and a license after them, or reached from the group card. */
const GROUP_LICENSES_LEFT_OUT = {
  'group license': 'the Manage licenses button of the group card opens it; help lists it',
  'license group': 'typed with a group and a license after it; help shows how',
  'unlicense group':
    'typed with a group and a license after it, or Remove on the group license card',
} as const;

/** Schedules: reached by typing, or from the cards a schedule's owner and approvers get. */
const SCHEDULES_LEFT_OUT = {
  schedules: 'the menu is full; help lists it, and schedule cards come to who needs them',
} as const;

/** The monthly report: for license admins at the end of a month; the menus are full. */
const REPORT_LEFT_OUT = {
  report: 'for license admins once a month; the menu is full, and help lists it',
} as const;

/** Many tenants: the operator's approvers onboard and manage customers rarely; help lists it. */
const TENANTS_LEFT_OUT = {
  tenants: "for the operator's license admins, rarely; the menu is full, and help lists it",
  tenant: 'onboarding takes ids typed in full; help shows how',
} as const;

export const LEFT_OUT_OF_MENU: Readonly<Record<MenuScope, Readonly<Record<string, string>>>> = {
  personal: {
    ...PRICES_LEFT_OUT,
    ...BULK_LEFT_OUT,
    ...RULES_LEFT_OUT,
    ...ALERTS_LEFT_OUT,
    ...GROUP_LICENSES_LEFT_OUT,
    ...SCHEDULES_LEFT_OUT,
    ...REPORT_LEFT_OUT,
    ...TENANTS_LEFT_OUT,
    'approvals here': 'it routes approval cards to a channel or group chat, not a personal chat',
    enable: 'service plans are switched on in the request form',
    disable: 'service plans are switched off in the request form',
  },
  team: {
    ...PRICES_LEFT_OUT,
    ...BULK_LEFT_OUT,
    ...RULES_LEFT_OUT,
    ...ALERTS_LEFT_OUT,
    ...GROUP_LICENSES_LEFT_OUT,
    ...SCHEDULES_LEFT_OUT,
    ...REPORT_LEFT_OUT,
    ...TENANTS_LEFT_OUT,
    enable: 'service plans are switched on in the request form',
    disable: 'service plans are switched off in the request form',
    transfer: 'rare enough to type; help shows how',
  },
  groupChat: {
    ...PRICES_LEFT_OUT,
    ...BULK_LEFT_OUT,
    ...RULES_LEFT_OUT,
    ...ALERTS_LEFT_OUT,
    ...GROUP_LICENSES_LEFT_OUT,
    ...SCHEDULES_LEFT_OUT,
    ...REPORT_LEFT_OUT,
    ...TENANTS_LEFT_OUT,
    enable: 'service plans are switched on in the request form',
    disable: 'service plans are switched off in the request form',
    transfer: 'rare enough to type; help shows how',
  },
};

/** A summary as a menu line: no Markdown (the menu shows it raw), first letter capitalised. */
function menuDescription(summary: string): string {
  const plain = summary.replaceAll('`', '').replace(/\s+/g, ' ').trim();
  return `${plain.charAt(0).toUpperCase()}${plain.slice(1)}`;
}

/**
 * The manifest's `commandLists`, one per scope, from the bot's own routing table in `help`
 * order: the menu says what the bot answers, in the same words as `help`.
 */
export function commandListsFromRoutes(): CommandList[] {
  const { commands } = createRoutingTable();
  return MENU_SCOPES.map((scope) => ({
    scopes: [scope],
    commands: commands
      .filter((command) => !(command.name in LEFT_OUT_OF_MENU[scope]))
      .map((command) => ({ title: command.name, description: menuDescription(command.summary) })),
  }));
}
