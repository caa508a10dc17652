import type { CardAction, TextCommand } from '../routing/command.ts';
import { alertsCommand, alertsOffCommand, alertsOnCommand } from './alerts-commands.ts';
import { approvalsHereCommand } from './approvals-here-command.ts';
import { bulkFormActions, bulkFormCommand } from './bulk-form-actions.ts';
import { cardActions } from './card-actions.ts';
import { fixActions } from './fix-actions.ts';
import { groupFixActions } from './group-fix-actions.ts';
import { groupCommand } from './group-command.ts';
import {
  groupLicenseActions,
  groupLicenseCommand,
  licenseGroupCommand,
  unlicenseGroupCommand,
} from './group-license-commands.ts';
import { helpCommand } from './help-command.ts';
import { historyAction, historyCommand } from './history-command.ts';
import { licenseChangeCommands } from './license-change-commands.ts';
import { licensesCommand } from './licenses-command.ts';
import { priceActions } from './price-actions.ts';
import { priceCommand, priceHistoryCommand, pricesCommand } from './prices-command.ts';
import { reportAction, reportCommand, reportExportAction } from './report-command.ts';
import { requestActions } from './request-actions.ts';
import { requestFormActions, requestFormCommand } from './request-form-actions.ts';
import { rulePreviewCommand } from './rule-preview-command.ts';
import { scheduleActions, schedulesCommand } from '../schedules/schedule-commands.ts';
import { templateActions } from './template-actions.ts';
import { tenantCommand, tenantsCommand } from './tenant-commands.ts';
import { templatesAction, templatesCommand } from './templates-command.ts';
import { userCommand } from './user-command.ts';

/** Every command and card verb the bot answers; issue 4's requests register here too. */
export interface RoutingTable {
  commands: readonly TextCommand[];
  actions: readonly CardAction[];
}

/** Builds the routing table: the order is the order of `help`. */
export function createRoutingTable(): RoutingTable {
  const commands: TextCommand[] = [];
  const list = (): readonly TextCommand[] => commands;
  commands.push(
    ...licenseChangeCommands,
    requestFormCommand,
    bulkFormCommand,
    approvalsHereCommand,
    alertsOnCommand,
    alertsOffCommand,
    alertsCommand,
    licensesCommand,
    userCommand,
    groupCommand,
    groupLicenseCommand,
    licenseGroupCommand,
    unlicenseGroupCommand,
    rulePreviewCommand,
    historyCommand,
    reportCommand,
    schedulesCommand,
    templatesCommand,
    pricesCommand,
    priceCommand,
    priceHistoryCommand,
    tenantsCommand,
    tenantCommand,
    helpCommand(list),
  );
  return {
    commands,
    actions: [
      ...cardActions(list),
      ...requestActions,
      ...fixActions,
      ...groupFixActions,
      ...requestFormActions,
      ...bulkFormActions,
      ...groupLicenseActions,
      historyAction,
      reportAction,
      reportExportAction,
      templatesAction,
      ...templateActions,
      ...priceActions,
      ...scheduleActions,
    ],
  };
}
