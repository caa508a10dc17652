import type { LicenseLedger } from './license-ledger.ts';
import type { SimAssignedLicense, SimLicenseState } from './types.ts';

/** Service plans that provision an Exchange Online mailbox (Foundation does not). */
const MAILBOX_PLANS = new Set([
  'EXCHANGE_S_STANDARD',
  'EXCHANGE_S_ENTERPRISE',
  'EXCHANGE_S_DESKLESS',
]);

function mailboxPlanIds(ledger: LicenseLedger, skuIds: Iterable<string>): Set<string> {
  const ids = new Set<string>();
  for (const skuId of skuIds) {
    for (const plan of ledger.sku(skuId)?.servicePlans ?? []) {
      if (MAILBOX_PLANS.has(plan.servicePlanName)) {
        ids.add(plan.servicePlanId);
      }
    }
  }
  return ids;
}

/** Whether these licenses, with their disabled plans, give the user a mailbox. */
export function bringsMailbox(
  ledger: LicenseLedger,
  licenses: readonly SimAssignedLicense[],
): boolean {
  return licenses.some((license) =>
    [...mailboxPlanIds(ledger, [license.skuId])].some((id) => !license.disabledPlans.includes(id)),
  );
}

/** Whether active license states give the user a mailbox now. */
export function holdsMailbox(ledger: LicenseLedger, states: readonly SimLicenseState[]): boolean {
  const enabled = ledger.enabledPlans(states);
  return [
    ...mailboxPlanIds(
      ledger,
      states.map((s) => s.skuId),
    ),
  ].some((id) => enabled.has(id));
}

/** `SMTP:a@b` and `smtp:a@b` are one address; other kinds (SIP:, X500:) are not Exchange's. */
export function smtpAddresses(proxyAddresses: readonly string[] | undefined): string[] {
  return (proxyAddresses ?? [])
    .filter((address) => /^smtp:/i.test(address))
    .map((address) => address.slice(5).trim().toLowerCase());
}
