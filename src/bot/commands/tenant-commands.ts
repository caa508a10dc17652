import { z } from 'zod';
import type { TenantListing } from '../../app/tenants/tenant-use-cases.ts';
import { parseTenantCommand } from '../../domain/tenants/tenant-command.ts';
import type { TextCommand } from '../routing/command.ts';

function listingLine({ tenant, consentUrl }: TenantListing): string {
  const state = tenant.operator
    ? 'your own tenant'
    : tenant.active
      ? 'active'
      : (tenant.inactiveReason ?? 'not served');
  const groups = tenant.access.approverGroupIds.length;
  const consent = consentUrl === undefined ? '' : ` Admin-consent link: ${consentUrl}`;
  return `- **${tenant.displayName}** \`${tenant.name}\` (${tenant.tenantId}): ${tenant.operator ? state : `${state}.`} ${groups} approver group${groups === 1 ? '' : 's'}.${consent}`;
}

/** `tenants`: the tenants this deployment serves, for the operator's approvers. */
export const tenantsCommand: TextCommand<string> = {
  name: 'tenants',
  aliases: ['list tenants', 'customers'],
  role: 'approver',
  summary: 'the tenants License Desk serves (an MSP’s customers): state, consent, approvers',
  example: 'tenants',
  input: z.string().max(0),
  usage: 'Just type `tenants`.',
  handle: async ({ caller, deps }) => {
    const listed = await deps.tenantAdmin.list(caller);
    if (!('tenants' in listed)) {
      return { text: listed.message };
    }
    const lines = listed.tenants.map(listingLine);
    const hint =
      listed.tenants.length === 1
        ? 'No customer tenant yet: onboard one with `tenant add <name> <tenant id> approvers <group id>`.'
        : 'Act in one with `in <name>: <command>` (e.g. `in fabrikam: licenses`), or `tenant use <name>` for every command until `tenant use home`.';
    return {
      text: [
        `License Desk serves ${lines.length} tenant${lines.length === 1 ? '' : 's'}:`,
        ...lines,
        hint,
      ].join('\n\n'),
    };
  },
};

/** `tenant add|check|suspend|resume|use …`: onboarding and managing a customer tenant. */
export const tenantCommand: TextCommand<string> = {
  name: 'tenant',
  aliases: [],
  role: 'approver',
  summary:
    'onboard a customer tenant (then its admin consents), check it, suspend or resume it, or work in it',
  example:
    'tenant add fabrikam 6f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f approvers 2b3c4d5e-6f70-4a81-9b2c-3d4e5f607182',
  input: z.string().min(1),
  usage:
    'Write `tenant add <name> <tenant id> approvers <group id>`, `tenant check <name>`, `tenant suspend <name>`, `tenant resume <name>` or `tenant use <name>`.',
  handle: async ({ caller, deps }, text) => {
    const parsed = parseTenantCommand(text);
    if (!parsed.ok) {
      return { text: parsed.failure };
    }
    return { text: (await deps.tenantAdmin.run(caller, parsed.value)).message };
  },
};
