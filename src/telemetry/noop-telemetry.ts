import type { ActiveSpan, Telemetry } from '../app/ports/telemetry.ts';

const NO_SPAN: ActiveSpan = {
  rename: () => undefined,
  set: () => undefined,
  event: () => undefined,
  fail: () => undefined,
};

/** Telemetry off: spans just run their work, metrics go nowhere, nothing is loaded. */
export const noopTelemetry: Telemetry = {
  span: (_name, _attributes, fn) => fn(NO_SPAN),
  count: () => undefined,
  record: () => undefined,
  active: () => NO_SPAN,
  shutdown: () => Promise.resolve(),
};
