import type { AccessSettings } from '../../app/identity/access-settings.ts';
import type { Config } from '../../config.ts';

/** Who may use License Desk, and as what, from the config. */
export function accessSettings(config: Config): AccessSettings {
  return {
    tenantId: config.tenantId,
    approverGroupIds: config.approverGroupIds,
    requesterGroupIds: config.requesterGroupIds,
    allowGuests: config.allowGuests,
  };
}
