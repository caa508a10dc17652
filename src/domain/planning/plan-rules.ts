import type { ServicePlanId } from '../licensing.ts';

/**
 * A rule between service plans, kept as data the admins can extend. Microsoft's own list is
 * neither complete nor current, so a rule only warns in the preview: Graph's answer decides.
 */
export type PlanRule =
  | { kind: 'mutuallyExclusive'; planIds: [ServicePlanId, ServicePlanId] }
  | { kind: 'dependsOn'; planId: ServicePlanId; requiresAnyOf: ServicePlanId[] };

const ids = {
  exchangePlan1: '9aaf7827-d63c-4b61-89c3-182f06f82e5c',
  exchangePlan2: 'efb87545-963c-4e0d-99df-69c6916d9eb0',
  exchangeKiosk: '4a82b400-a79f-41a4-b4e2-e94f5787b113',
  sharePointPlan1: 'c7699d2e-19aa-44de-8edf-1736da088ca1',
  sharePointPlan2: '5dbe027f-2339-4123-9542-606e4d348a72',
  sharePointKiosk: '902b47e5-dcb2-4fdc-858b-c63a90a2bdb9',
  officeForTheWeb: 'e95bec33-7c88-4a70-8e19-b10bd9d0c014',
  skypePlan2: '0feaeb32-d00e-4d66-bd5a-43b5b83db82c',
  audioConferencing: '3e26ee1f-8a5f-4d52-aee2-b81ce45c8f40',
};

/**
 * The documented rules worth warning about: Exchange Kiosk with a full Exchange plan, and the
 * SharePoint variants, are exclusive (Exchange Plan 1 and Plan 2 may coexist now, so no rule);
 * Office for the web needs a SharePoint plan; Audio Conferencing needs Skype for Business.
 */
export const defaultPlanRules: readonly PlanRule[] = [
  { kind: 'mutuallyExclusive', planIds: [ids.exchangeKiosk, ids.exchangePlan1] },
  { kind: 'mutuallyExclusive', planIds: [ids.exchangeKiosk, ids.exchangePlan2] },
  { kind: 'mutuallyExclusive', planIds: [ids.sharePointKiosk, ids.sharePointPlan1] },
  { kind: 'mutuallyExclusive', planIds: [ids.sharePointKiosk, ids.sharePointPlan2] },
  { kind: 'mutuallyExclusive', planIds: [ids.sharePointPlan1, ids.sharePointPlan2] },
  {
    kind: 'dependsOn',
    planId: ids.officeForTheWeb,
    requiresAnyOf: [ids.sharePointPlan1, ids.sharePointPlan2, ids.sharePointKiosk],
  },
  { kind: 'dependsOn', planId: ids.audioConferencing, requiresAnyOf: [ids.skypePlan2] },
];

/** Every plan the rules name: whether any rule is broken depends on these plans only. */
export function rulePlanIds(rules: readonly PlanRule[]): Set<ServicePlanId> {
  return new Set(
    rules.flatMap((rule) =>
      rule.kind === 'mutuallyExclusive' ? rule.planIds : [rule.planId, ...rule.requiresAnyOf],
    ),
  );
}
