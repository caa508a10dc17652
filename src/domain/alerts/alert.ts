/** What an alert is about; each kind has its own stable id prefix (`group-errors:<groupId>`…). */
export type AlertKind = 'group-errors' | 'sku-low' | 'subscription' | 'operation-failed';

/** The button that fixes an alert's problem, as ids only (the handler reads everything again). */
export type AlertFix =
  /** Reprocess the group's members in error, or open the group. */
  | { kind: 'group'; groupId: string }
  /** Who holds the SKU, to free or buy seats. */
  | { kind: 'sku-holders'; skuId: string; shortfall: number }
  /** Nothing License Desk can do: what to do in the Microsoft 365 admin center. */
  | { kind: 'admin-center'; steps: string }
  /** The failed request's card and its results. */
  | { kind: 'operation'; operationId: string };

/** A problem found by one look at the tenant. */
export interface AlertFinding {
  /** Stable across looks and instances: `group-errors:<groupId>`, `sku-low:<skuId>`… */
  id: string;
  kind: AlertKind;
  /**
   * What makes the problem the same problem: counts, reasons, level. A finding whose fingerprint
   * is unchanged is not sent again; a different one updates the card.
   */
  fingerprint: string;
  /** One line: `Group "Contractors": 7 members without their licenses`. */
  title: string;
  /** How many users the problem touches (0 when it is not about users). */
  users: number;
  /** Why, in an admin's words. */
  reason: string;
  fix: AlertFix;
}

/** Where an alert was written in one conversation, and what it said there. */
export interface AlertDelivery {
  conversationId: string;
  /**
   * The message's id, to update it in place. Absent while the post is under way (claimed before
   * sending, so a restart or a second instance never posts it again) or when Teams gave none.
   */
  activityId?: string;
  /** Posted as a line of a summary card (several new alerts at once), not a card of its own. */
  summary: boolean;
  /** The fingerprint the message shows. */
  fingerprint: string;
  /** Whether the message shows it solved. */
  solved: boolean;
  at: string;
}

/** An alert as the tenant's snapshot keeps it between looks. */
export interface AlertEntry {
  finding: AlertFinding;
  openedAt: string;
  changedAt: string;
  /** Set once a look no longer finds it. */
  solvedAt?: string;
  deliveries: AlertDelivery[];
}

/** The tenant's alerts as last seen: what the next look compares its findings with. */
export interface AlertSnapshot {
  tenantId: string;
  alerts: AlertEntry[];
  checkedAt: string;
}
