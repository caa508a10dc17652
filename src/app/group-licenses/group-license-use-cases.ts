import type { GroupLicenseCommand } from '../../domain/group-licenses/group-license-command.ts';
import type { DirectoryGroup, Sku } from '../../domain/licensing.ts';
import type { Caller } from '../identity/caller.ts';
import type { RequestDependencies } from '../requests/request-deps.ts';
import { askDynamicGroup, type DynamicGroupAsk } from './ask-dynamic-group.ts';
import { askGroupLicense, type GroupLicenseOutcome } from './ask-group-license.ts';

/** Changing what a group licenses: asked in chat, approved by another approver, run by Entra. */
export interface GroupLicenseUseCases {
  /**
   * Plans a group license change with its preview and stores it pending; its approvers' cards
   * are posted by the notifier. Approval runs it like any request (`runs.start`).
   */
  ask(
    caller: Caller,
    command: GroupLicenseCommand,
    options?: { operationId?: string; requestFingerprint?: string },
  ): Promise<GroupLicenseOutcome>;
  /**
   * Asks to create a dynamic group with a previewed rule and license it: pending another
   * approver, with the rule's members counted as the preview.
   */
  createDynamic(
    caller: Caller,
    asked: DynamicGroupAsk,
    options?: { operationId?: string },
  ): Promise<GroupLicenseOutcome>;
  /** A group as it is now, with the tenant's SKUs: what the group license form offers. */
  licensing(
    tenantId: string,
    groupId: string,
  ): Promise<{ group: DirectoryGroup; skus: Sku[] } | null>;
}

/** The group license use cases over `deps`, wired once by the composition root. */
export function groupLicenseUseCases(deps: RequestDependencies): GroupLicenseUseCases {
  return {
    ask: (caller, command, options) => askGroupLicense(deps, caller, command, options),
    createDynamic: (caller, asked, options) => askDynamicGroup(deps, caller, asked, options),
    licensing: async (tenantId, groupId) => {
      const directory = deps.directory.forTenant(tenantId);
      const [group, skus] = await Promise.all([directory.findGroup(groupId), directory.listSkus()]);
      return group === null ? null : { group, skus };
    },
  };
}
