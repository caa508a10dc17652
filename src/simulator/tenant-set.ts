import { Tenant, type TenantOptions } from './tenant/tenant.ts';
import type { TenantSeed } from './tenant/types.ts';

interface Entry {
  /** The seed the tenant started from, kept untouched for resets. */
  readonly pristine: TenantSeed;
  current: Tenant;
}

const key = (id: string): string => id.toLowerCase();

/**
 * The tenants one simulator serves: the home tenant (what reset and seed replace, and what a
 * token without `tid` reaches) and others keyed by organization id. Graph compares tenant ids
 * without regard to case, and so does this.
 */
export class TenantSet {
  readonly #options: TenantOptions;
  readonly #home: Entry;
  readonly #others = new Map<string, Entry>();

  constructor(home: TenantSeed, others: readonly TenantSeed[], options: TenantOptions) {
    this.#options = options;
    // Checked before any tenant starts, so a refused start leaves no timers behind.
    const ids = new Set([key(home.organization.id)]);
    for (const seed of others) {
      if (ids.has(key(seed.organization.id))) {
        throw new Error(`The simulator was given two tenants with id ${seed.organization.id}.`);
      }
      ids.add(key(seed.organization.id));
    }
    this.#home = this.#entry(home);
    for (const seed of others) {
      this.#others.set(key(seed.organization.id), this.#entry(seed));
    }
  }

  home(): Tenant {
    return this.#home.current;
  }

  /** The tenant with that organization id; the home tenant is looked up by its current id. */
  byId(id: string): Tenant | undefined {
    return this.#find(id)?.current;
  }

  /** The home tenant first, then the others in the order they were given. */
  all(): Tenant[] {
    return [this.#home.current, ...[...this.#others.values()].map((entry) => entry.current)];
  }

  /** Puts `next` in place of the tenant with that id (the home tenant by default). */
  replace(next: Tenant, tenantId?: string): void {
    const entry = this.#entryFor(tenantId);
    const previous = entry.current;
    entry.current = next;
    if (previous !== next) {
      previous.dispose();
    }
  }

  /** A new tenant from the pristine seed of the tenant with that id (by default the home one). */
  fresh(tenantId?: string): Tenant {
    return new Tenant(structuredClone(this.#entryFor(tenantId).pristine), this.#options);
  }

  /** Every tenant back to its pristine seed. */
  resetAll(): void {
    for (const entry of [this.#home, ...this.#others.values()]) {
      entry.current.dispose();
      entry.current = new Tenant(structuredClone(entry.pristine), this.#options);
    }
  }

  dispose(): void {
    for (const tenant of this.all()) {
      tenant.dispose();
    }
  }

  #entry(seed: TenantSeed): Entry {
    // The tenant mutates what it is given: keep a pristine copy for resets.
    const pristine = structuredClone(seed);
    return { pristine, current: new Tenant(structuredClone(pristine), this.#options) };
  }

  #find(id: string): Entry | undefined {
    return key(this.#home.current.organization().id) === key(id)
      ? this.#home
      : this.#others.get(key(id));
  }

  #entryFor(tenantId: string | undefined): Entry {
    const entry = tenantId === undefined ? this.#home : this.#find(tenantId);
    if (!entry) {
      throw new Error(`The simulator has no tenant with id ${tenantId}.`);
    }
    return entry;
  }
}
