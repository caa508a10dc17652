import { requestCost } from './cost.ts';
import {
  defaultThrottleOptions,
  parseThrottleOptionsPatch,
  resourceUnitBudget,
  type ThrottleOptions,
} from './options.ts';
import { TokenBucket } from './token-bucket.ts';

export {
  defaultThrottleOptions,
  parseThrottleOptionsPatch,
  throttleOptionsPatchSchema,
  type ThrottleOptions,
} from './options.ts';
export { requestCost, type RequestCost } from './cost.ts';

/** One request as the throttle sees it; `path` is relative to the version (`/users/x/assignLicense`). */
export interface ThrottledRequest {
  appId: string;
  tenantId: string;
  method: string;
  path: string;
  query: URLSearchParams;
  tenantUserCount: number;
}

export type ThrottleDecision =
  | {
      allowed: true;
      resourceUnits: number;
      writes: number;
      /**
       * For `x-ms-throttle-limit-percentage`: the share of the app+tenant budget in use, given
       * only above 0.8 as Graph does, so a client can slow down before it meets 429s.
       */
      limitPercentage?: number;
    }
  | {
      allowed: false;
      /** For `Retry-After`: whole seconds until the exceeded budget has room, at least 1. */
      retryAfterSeconds: number;
      /** For `x-ms-throttle-scope`: `<Scope>/<Limit>/<ApplicationId>/<TenantId>`. */
      scope: string;
      /** For `x-ms-throttle-information`. */
      information: 'ResourceUnitLimitExceeded' | 'WriteLimitExceeded';
    };

export interface ThrottleCounters {
  /** Requests let through. */
  allowed: number;
  resourceUnitsSpent: number;
  writesSpent: number;
  /** 429s served, in total and by scope kind (`Tenant_Application/Write`, …). */
  throttled: number;
  throttledByScope: Record<string, number>;
}

interface Limit {
  scope:
    | 'Tenant_Application/ReadWrite'
    | 'Tenant_Application/Write'
    | 'Tenant/Write'
    | 'Application/ReadWrite'
    | 'Application/Write';
  information: 'ResourceUnitLimitExceeded' | 'WriteLimitExceeded';
  key: string;
  cost: number;
  capacity: number;
  windowMs: number;
}

/**
 * Graph's identity-and-access throttling for one simulator: token buckets per
 * application+tenant (resource units by tenant size, writes), per tenant (writes of all apps)
 * and per application. A refused request spends nothing. The clock is injected.
 */
export class Throttle {
  readonly #now: () => number;
  #options: ThrottleOptions;
  #buckets = new Map<string, TokenBucket>();
  #counters: ThrottleCounters = emptyCounters();

  constructor(options: Partial<ThrottleOptions> = {}, now: () => number = Date.now) {
    this.#options = { ...defaultThrottleOptions, ...parseThrottleOptionsPatch(options) };
    this.#now = now;
  }

  /** Charges a request against every limit it falls under, or refuses it without charging. */
  charge(request: ThrottledRequest): ThrottleDecision {
    const cost = requestCost(request.method, request.path, request.query);
    if (!this.#options.enabled) {
      this.#spend(cost.resourceUnits, cost.writes);
      return { allowed: true, ...cost };
    }
    const now = this.#now();
    const limits = this.#limits(request, cost.resourceUnits, cost.writes).filter((l) => l.cost > 0);
    let worst: { limit: Limit; waitMs: number } | null = null;
    for (const limit of limits) {
      const waitMs = this.#bucket(limit, now).waitMs(limit.cost, now);
      if (waitMs > 0 && (worst === null || waitMs > worst.waitMs)) {
        worst = { limit, waitMs };
      }
    }
    if (worst !== null) {
      this.#counters.throttled += 1;
      const byScope = this.#counters.throttledByScope;
      byScope[worst.limit.scope] = (byScope[worst.limit.scope] ?? 0) + 1;
      return {
        allowed: false,
        retryAfterSeconds: Math.max(1, Math.ceil(worst.waitMs / 1000)),
        scope: `${worst.limit.scope}/${request.appId}/${request.tenantId}`,
        information: worst.limit.information,
      };
    }
    let usage = 0;
    for (const limit of limits) {
      const bucket = this.#bucket(limit, now);
      bucket.take(limit.cost, now);
      if (limit.scope.startsWith('Tenant_Application/')) {
        usage = Math.max(usage, bucket.usage(now));
      }
    }
    this.#spend(cost.resourceUnits, cost.writes);
    return usage > 0.8
      ? { allowed: true, ...cost, limitPercentage: Math.round(usage * 100) / 100 }
      : { allowed: true, ...cost };
  }

  /** Changes budgets or windows at run time; buckets keep what they hold, up to the new size. */
  configure(options: Partial<ThrottleOptions>): void {
    this.#options = { ...this.#options, ...parseThrottleOptionsPatch(options) };
    // Capacities are re-read from the options on the next charge of each bucket.
  }

  options(): ThrottleOptions {
    return { ...this.#options };
  }

  counters(): ThrottleCounters {
    return { ...this.#counters, throttledByScope: { ...this.#counters.throttledByScope } };
  }

  resetCounters(): void {
    this.#counters = emptyCounters();
  }

  /** Full buckets and zero counters (options are kept). */
  reset(): void {
    this.#buckets = new Map();
    this.resetCounters();
  }

  #limits(request: ThrottledRequest, units: number, writes: number): Limit[] {
    const o = this.#options;
    const { appId, tenantId } = request;
    return [
      {
        scope: 'Tenant_Application/ReadWrite',
        information: 'ResourceUnitLimitExceeded',
        key: `ru|${appId}|${tenantId}`,
        cost: units,
        capacity: resourceUnitBudget(o, request.tenantUserCount),
        windowMs: o.resourceUnitWindowMs,
      },
      {
        scope: 'Tenant_Application/Write',
        information: 'WriteLimitExceeded',
        key: `w|${appId}|${tenantId}`,
        cost: writes,
        capacity: o.writeBudget,
        windowMs: o.writeWindowMs,
      },
      {
        scope: 'Tenant/Write',
        information: 'WriteLimitExceeded',
        key: `tw|${tenantId}`,
        cost: writes,
        capacity: o.tenantWriteBudget,
        windowMs: o.tenantWriteWindowMs,
      },
      {
        scope: 'Application/ReadWrite',
        information: 'ResourceUnitLimitExceeded',
        key: `aru|${appId}`,
        cost: units,
        capacity: o.applicationResourceUnitBudget,
        windowMs: o.applicationResourceUnitWindowMs,
      },
      {
        scope: 'Application/Write',
        information: 'WriteLimitExceeded',
        key: `aw|${appId}`,
        cost: writes,
        capacity: o.applicationWriteBudget,
        windowMs: o.applicationWriteWindowMs,
      },
    ];
  }

  #bucket(limit: Limit, now: number): TokenBucket {
    let bucket = this.#buckets.get(limit.key);
    if (bucket === undefined) {
      bucket = new TokenBucket(limit.capacity, limit.windowMs, now);
      this.#buckets.set(limit.key, bucket);
    } else {
      bucket.resize(limit.capacity, limit.windowMs, now);
    }
    return bucket;
  }

  #spend(units: number, writes: number): void {
    this.#counters.allowed += 1;
    this.#counters.resourceUnitsSpent += units;
    this.#counters.writesSpent += writes;
  }
}

function emptyCounters(): ThrottleCounters {
  return { allowed: 0, resourceUnitsSpent: 0, writesSpent: 0, throttled: 0, throttledByScope: {} };
}
