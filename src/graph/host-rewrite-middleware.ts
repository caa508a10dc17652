import type { Context, Middleware } from '@microsoft/microsoft-graph-client';

/**
 * Sends requests built for `https://graph.microsoft.com/v1.0` to another base URL (the simulator).
 * It sits last before the HTTP handler, so the SDK's authentication, retry and telemetry handlers
 * all see a real Graph URL (the SDK attaches tokens only to Graph hosts) and the wire sees ours.
 */
export class HostRewriteMiddleware implements Middleware {
  readonly #from: string;
  readonly #to: string;
  #next: Middleware | undefined;

  constructor(from: string, to: string) {
    this.#from = from.replace(/\/+$/, '');
    this.#to = to.replace(/\/+$/, '');
  }

  async execute(context: Context): Promise<void> {
    if (this.#next === undefined) {
      throw new Error('HostRewriteMiddleware must not be last in the chain');
    }
    // The SDK types `request` as the DOM's RequestInfo; in Node it is a URL string or a Request.
    const target = context as unknown as { request: string | Request };
    const original = target.request;
    const url = typeof original === 'string' ? original : original.url;
    if (url.toLowerCase().startsWith(this.#from.toLowerCase())) {
      const rewritten = this.#to + url.slice(this.#from.length);
      target.request = typeof original === 'string' ? rewritten : new Request(rewritten, original);
    }
    try {
      await this.#next.execute(context);
    } finally {
      // The retry handler above re-enters with the same context: give it back the Graph URL.
      target.request = original;
    }
  }

  setNext(next: Middleware): void {
    this.#next = next;
  }
}
