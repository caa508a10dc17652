import type { BotAuthSettings } from '../../config.ts';
import type { BotAuthentication } from '../bot-adapter.ts';

/** How the adapter authenticates, from the bot's settings. */
export function botAuthentication(bot: BotAuthSettings): BotAuthentication {
  switch (bot.appType) {
    case 'anonymous':
      return { kind: 'anonymous' };
    case 'SingleTenant':
      return {
        kind: 'singleTenant',
        appId: bot.appId,
        appPassword: bot.appPassword,
        tenantId: bot.tenantId,
      };
    case 'UserAssignedMSI':
      return { kind: 'userAssignedMsi', appId: bot.appId, tenantId: bot.tenantId };
  }
}
