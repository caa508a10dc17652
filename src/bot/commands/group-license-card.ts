import { planDisplayName, skuDisplayName } from '../../domain/catalogue/display-names.ts';
import { renderCard } from '../cards/render-card.ts';
import type { CommandTurn, Reply } from '../routing/command.ts';
import { showGroup } from './group-command.ts';

/**
 * `group license <group>`: the group's card of what it hands out, with Add license, and
 * Change plans / Remove license on each. A name matching several groups gets the group choice.
 */
export async function showGroupLicenses(
  turn: CommandTurn,
  query: string | { id: string },
): Promise<Reply> {
  const found = await turn.deps.views.group(turn.caller.tenantId, query, 1);
  if (found.kind !== 'found') {
    return showGroup(turn, query, 1);
  }
  const view = found.view;
  return {
    card: renderCard('group-license', {
      title: `Licenses of ${view.displayName}`,
      groupId: view.id,
      members: String(view.memberCount),
      processing: view.processing,
      inError: `${view.errorCount}${view.errorCountCapped ? '+' : ''}`,
      licenses: view.licenses.map((license) => ({
        name: license.name,
        partNumber: license.partNumber,
        disabledPlans: license.disabledPlans,
      })),
      note: 'Changes here go to an approver other than you, with a preview of what every member gets; Entra then applies them to the members in the background.',
    }),
  };
}

/** The form to add a license to a group, or to change the plans of one it hands out. */
export async function groupLicenseForm(
  turn: CommandTurn,
  groupId: string,
  partNumber?: string,
  remove = false,
): Promise<Reply> {
  const found = await turn.deps.groupLicenses.licensing(turn.caller.tenantId, groupId);
  if (found === null) {
    return { text: 'That group no longer exists. Type `group license <name>` to find it again.' };
  }
  const { group, skus } = found;
  const userSkus = skus.filter((sku) => sku.appliesTo === 'User');
  const sku = partNumber
    ? userSkus.find(
        (candidate) => candidate.skuPartNumber.toLowerCase() === partNumber.toLowerCase(),
      )
    : undefined;
  if (partNumber && sku === undefined) {
    return { text: `This tenant has no ${partNumber} any more.` };
  }
  if (sku && remove) {
    return {
      card: renderCard('group-license-form', {
        title: `Remove ${skuDisplayName(sku)} from ${group.displayName}`,
        intro:
          'Members lose it unless a direct license or another group covers them: the request shows who. Mailboxes and files stay 30 days after a license goes. An approver other than you decides.',
        groupId: group.id,
        skus: [],
        license: '',
        fixedLicense: sku.skuPartNumber,
        plans: [],
        off: '',
        action: 'unlicense',
        submitTitle: 'Preview and ask to remove it',
      }),
    };
  }
  if (sku) {
    const held = (group.assignedLicenses ?? []).find((license) => license.skuId === sku.skuId);
    const userPlans = sku.servicePlans.filter((plan) => plan.appliesTo !== 'Company');
    return {
      card: renderCard('group-license-form', {
        title: `${skuDisplayName(sku)} in ${group.displayName}`,
        intro:
          'Pick the plans to turn off for every member of the group. An approver other than you decides; Entra then applies it to each member.',
        groupId: group.id,
        skus: [],
        license: '',
        fixedLicense: sku.skuPartNumber,
        plans: userPlans.map((plan) => ({
          title: planDisplayName(plan),
          value: plan.servicePlanName,
        })),
        off: userPlans
          .filter((plan) => held?.disabledPlans.includes(plan.servicePlanId) === true)
          .map((plan) => plan.servicePlanName)
          .join(','),
        action: 'license',
        submitTitle: 'Preview and ask',
      }),
    };
  }
  return {
    card: renderCard('group-license-form', {
      title: `Add a license to ${group.displayName}`,
      intro:
        'Every member of the group gets it (direct members: Entra does not pass licenses to nested groups). You will see the preview with the request; an approver other than you decides.',
      groupId: group.id,
      skus: userSkus.map((candidate) => ({
        title: `${skuDisplayName(candidate)} (${candidate.skuPartNumber})`,
        value: candidate.skuPartNumber,
      })),
      license: '',
      fixedLicense: '',
      plans: [],
      off: '',
      action: 'license',
      submitTitle: 'Preview and ask',
    }),
  };
}
