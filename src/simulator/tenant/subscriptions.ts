import { createHash } from 'node:crypto';
import { graphDateTime } from './graph-date.ts';
import type { SeedSubscription, SimSku, SimSubscription, SubscriptionStatus } from './types.ts';

/** A GUID made from text: the same text gives the same id, so derived ids survive a reset. */
export function stableGuid(seed: string): string {
  const hex = createHash('sha1').update(seed).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const DAY_MS = 86_400_000;

/** What the control API may change on a subscription. */
export interface SubscriptionChange {
  status?: SubscriptionStatus;
  nextLifecycleDateTime?: string | null;
  totalLicenses?: number;
  isTrial?: boolean;
}

/**
 * The tenant's commercial subscriptions, kept consistent with its SKUs: every change to a
 * subscription sets its SKU's `prepaidUnits` and `capabilityStatus` again, and a change to a
 * SKU's enabled seats (buying or cancelling) lands on its Enabled subscriptions.
 */
export class SubscriptionBook {
  readonly #subscriptions: SimSubscription[];
  readonly #skus: ReadonlyMap<string, SimSku>;

  constructor(
    seed: readonly SeedSubscription[] | undefined,
    skus: readonly SimSku[],
    tenantId: string,
    startedAt: Date,
  ) {
    this.#skus = new Map(skus.map((sku) => [sku.skuId, sku]));
    if (seed === undefined) {
      // One subscription per kind of units a SKU holds (most hold only enabled ones), bought
      // long ago and renewing half a year after the tenant starts.
      const next = graphDateTime(new Date(startedAt.getTime() + 180 * DAY_MS));
      this.#subscriptions = skus.flatMap((sku) => {
        const buckets = (
          [
            ['Enabled', sku.prepaidUnits.enabled],
            ['Warning', sku.prepaidUnits.warning],
            ['Suspended', sku.prepaidUnits.suspended],
            ['LockedOut', sku.prepaidUnits.lockedOut],
          ] as const
        ).filter(([, units]) => units > 0);
        const held = buckets.length > 0 ? buckets : [[sku.capabilityStatus, 0] as const];
        return held.map(([status, totalLicenses], index) => ({
          id: stableGuid(`${tenantId}/${sku.skuId}${index === 0 ? '' : `/${index}`}`),
          commerceSubscriptionId: stableGuid(`commerce/${tenantId}/${sku.skuId}/${index}`),
          skuId: sku.skuId,
          status,
          totalLicenses,
          isTrial: false,
          createdDateTime: '2019-01-01T00:00:00Z',
          nextLifecycleDateTime: next,
        }));
      });
      return;
    }
    this.#subscriptions = seed.map((entry) => {
      const { nextLifecycleDateTime, nextLifecycleInDays, ...rest } = entry as SeedSubscription & {
        nextLifecycleDateTime?: string | null;
        nextLifecycleInDays?: number;
      };
      return {
        ...rest,
        nextLifecycleDateTime:
          nextLifecycleInDays === undefined
            ? (nextLifecycleDateTime ?? null)
            : graphDateTime(new Date(startedAt.getTime() + nextLifecycleInDays * DAY_MS)),
      };
    });
    for (const skuId of new Set(this.#subscriptions.map((s) => s.skuId))) {
      this.#recount(skuId);
    }
  }

  list(): SimSubscription[] {
    return this.#subscriptions.map((subscription) => ({ ...subscription }));
  }

  /** By id, or by commerce subscription id (Graph's alternate key). */
  find(id: string): SimSubscription | undefined {
    const lower = id.toLowerCase();
    const found = this.#subscriptions.find(
      (s) => s.id.toLowerCase() === lower || s.commerceSubscriptionId.toLowerCase() === lower,
    );
    return found ? { ...found } : undefined;
  }

  /** Ids of a SKU's subscriptions, as `subscribedSku.subscriptionIds` lists them. */
  idsOf(skuId: string): string[] {
    return this.#subscriptions.filter((s) => s.skuId === skuId).map((s) => s.id);
  }

  update(id: string, change: SubscriptionChange): SimSubscription | undefined {
    const lower = id.toLowerCase();
    const subscription = this.#subscriptions.find((s) => s.id.toLowerCase() === lower);
    if (!subscription) {
      return undefined;
    }
    Object.assign(subscription, change);
    this.#recount(subscription.skuId);
    return { ...subscription };
  }

  /** Seats bought or cancelled: the SKU's Enabled subscriptions absorb the difference. */
  setEnabledUnits(skuId: string, enabled: number): void {
    const active = this.#subscriptions.filter((s) => s.skuId === skuId && s.status === 'Enabled');
    let delta = enabled - active.reduce((sum, s) => sum + s.totalLicenses, 0);
    if (active.length === 0) {
      if (delta > 0) {
        this.#subscriptions.push({
          id: stableGuid(`${skuId}/${this.#subscriptions.length}`),
          commerceSubscriptionId: stableGuid(`commerce/${skuId}/${this.#subscriptions.length}`),
          skuId,
          status: 'Enabled',
          totalLicenses: delta,
          isTrial: false,
          createdDateTime: graphDateTime(new Date()),
          nextLifecycleDateTime: null,
        });
      }
    } else if (delta >= 0) {
      active[0]!.totalLicenses += delta;
    } else {
      for (const subscription of [...active].reverse()) {
        const cut = Math.min(subscription.totalLicenses, -delta);
        subscription.totalLicenses -= cut;
        delta += cut;
      }
    }
    this.#recount(skuId);
  }

  #recount(skuId: string): void {
    const sku = this.#skus.get(skuId);
    if (!sku) {
      return;
    }
    const mine = this.#subscriptions.filter((s) => s.skuId === skuId);
    const units = (status: SubscriptionStatus) =>
      mine.filter((s) => s.status === status).reduce((sum, s) => sum + s.totalLicenses, 0);
    sku.prepaidUnits = {
      enabled: units('Enabled'),
      warning: units('Warning'),
      suspended: units('Suspended'),
      lockedOut: units('LockedOut'),
    };
    const order: SubscriptionStatus[] = ['Enabled', 'Warning', 'Suspended', 'LockedOut'];
    sku.capabilityStatus =
      order.find((status) => mine.some((s) => s.status === status && s.totalLicenses > 0)) ??
      order.find((status) => mine.some((s) => s.status === status)) ??
      'Deleted';
  }
}
