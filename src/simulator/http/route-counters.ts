/** Requests served per route (`GET /users/{id}`), for the control API's counters. */
export class RouteCounters {
  #byRoute = new Map<string, number>();
  #total = 0;

  record(route: string): void {
    this.#total += 1;
    this.#byRoute.set(route, (this.#byRoute.get(route) ?? 0) + 1);
  }

  snapshot(): { total: number; byRoute: Record<string, number> } {
    return { total: this.#total, byRoute: Object.fromEntries(this.#byRoute) };
  }

  reset(): void {
    this.#byRoute = new Map();
    this.#total = 0;
  }
}
