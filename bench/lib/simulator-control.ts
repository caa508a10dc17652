/** The simulator's control API (`/_simulator/…`), as the benchmarks use it. */
export class SimulatorControl {
  readonly #url: string;

  constructor(url: string) {
    this.#url = url;
  }

  async #call(method: string, path: string, body?: unknown): Promise<unknown> {
    const response = await fetch(`${this.#url}/_simulator${path}`, {
      method,
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (!response.ok) {
      throw new Error(`${method} /_simulator${path} answered ${response.status}: ${text}`);
    }
    return text.length === 0 ? undefined : (JSON.parse(text) as unknown);
  }

  reset(): Promise<unknown> {
    return this.#call('POST', '/reset');
  }

  setFaults(faults: Record<string, unknown>): Promise<unknown> {
    return this.#call('PUT', '/faults', faults);
  }

  setThrottle(throttle: Record<string, unknown>): Promise<unknown> {
    return this.#call('PUT', '/throttle', throttle);
  }

  /** The home tenant's seats of a SKU, or with `tenantId` those of that tenant. */
  setSeats(skuId: string, enabled: number, tenantId?: string): Promise<unknown> {
    const scope = tenantId === undefined ? '' : `/tenants/${encodeURIComponent(tenantId)}`;
    return this.#call('PATCH', `${scope}/skus/${skuId}`, { prepaidUnits: { enabled } });
  }

  resetCounters(): Promise<unknown> {
    return this.#call('POST', '/counters/reset');
  }

  counters(): Promise<unknown> {
    return this.#call('GET', '/counters');
  }
}

/** Finds a numeric counter by any of its likely names, anywhere in the counters document. */
export function findCounter(counters: unknown, names: readonly string[]): number | undefined {
  if (typeof counters !== 'object' || counters === null) {
    return undefined;
  }
  for (const [key, value] of Object.entries(counters)) {
    if (names.includes(key) && typeof value === 'number') {
      return value;
    }
  }
  for (const value of Object.values(counters)) {
    const found = findCounter(value, names);
    if (found !== undefined) {
      return found;
    }
  }
  return undefined;
}
