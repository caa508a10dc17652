/** One request inside a JSON `$batch`, its URL relative to the version (`/users/…`). */
export interface BatchStep {
  id: string;
  method: 'POST' | 'PATCH';
  url: string;
  body: unknown;
  headers: Record<string, string>;
}

/** One inner answer of a `$batch`: each has its own status, headers and body. */
export interface BatchItemResponse {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

/** What a `$batch` POST came back with. */
export type BatchAnswer =
  /** Graph parsed the batch (200): one inner answer per step id that it answered. */
  | { kind: 'answered'; responses: Map<string, BatchItemResponse>; requestId?: string }
  /** The batch itself failed (throttled, 5xx, rejected): no step ran, or none reported. */
  | { kind: 'rejected'; status: number; headers: Headers; body: unknown }
  /** No HTTP answer: a dropped connection or a timeout. Steps may or may not have run. */
  | { kind: 'noResponse'; timedOut: boolean };

/** Sends one `$batch`; the batch writer's only link to Graph, so tests can put a fake behind it. */
export type BatchTransport = (steps: readonly BatchStep[]) => Promise<BatchAnswer>;
