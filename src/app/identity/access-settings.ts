/** Who may use the bot in which role, from the configuration. */
export interface AccessSettings {
  /** The only tenant whose users are served. */
  tenantId: string;
  /** Entra groups whose transitive members approve requests. */
  approverGroupIds: string[];
  /** Entra groups whose transitive members may ask; empty means everyone in the tenant. */
  requesterGroupIds: string[];
  /** Whether guest accounts (`userType` Guest) may use License Desk at all; off by default. */
  allowGuests: boolean;
}
