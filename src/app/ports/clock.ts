/** Time, injected so use cases and tests agree on "now" and tests never wait for real. */
export interface Clock {
  now(): Date;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}
