import { setTimeout as sleep } from 'node:timers/promises';
import type { FaultDecision } from '../faults/faults.ts';
import type { Caller } from './caller.ts';
import { graphErrors } from './graph-errors.ts';
import type { GraphRequest } from './graph-request.ts';
import type { GraphReply } from './reply.ts';
import type { SimulatorRuntime } from './runtime.ts';

/**
 * Runs one Graph request the way Graph's front door would: the fault injector decides a
 * latency and maybe a failure (503/504 before anything happened, or after a write took effect,
 * or a dropped connection), the throttle charges the caller's budgets (429 without waiting),
 * then the route answers in the caller's tenant (the token's `tid`). Used for plain requests and
 * for each request inside a `$batch`.
 */
export async function runGraphRequest(
  runtime: SimulatorRuntime,
  caller: Caller,
  request: GraphRequest,
): Promise<GraphReply> {
  const match = runtime.graphRouter.match(request.method, request.path);
  runtime.routes.record(match.ok ? match.name : `${request.method.toUpperCase()} (unknown route)`);
  const drawn = runtime.faults.next({ method: request.method, path: request.path });
  // Inside a `$batch` a lost backend connection is that request's 504; the batch's own
  // connection is what drops (see runBatch).
  const fault: FaultDecision =
    request.inBatch === true && drawn.fault === 'drop' ? { ...drawn, fault: '504' } : drawn;
  if (fault.fault !== 'none' && !fault.afterProcessing) {
    await pause(fault.delayMs);
    return faultReply(fault);
  }
  const tenant = runtime.tenantById(caller.tenantId);
  if (!tenant) {
    // The server checked the token's tenant; only a re-seeded home tenant (new id) lands here.
    return graphErrors.invalidAudience();
  }
  const decision = runtime.throttle.charge({
    appId: caller.appId,
    tenantId: caller.tenantId,
    method: request.method.toUpperCase(),
    path: request.path,
    query: request.query,
    tenantUserCount: tenant.users().length,
  });
  if (!decision.allowed) {
    return graphErrors.tooManyRequests(
      decision.retryAfterSeconds,
      decision.scope,
      decision.information,
    );
  }
  await pause(fault.delayMs);
  // A reset during the latency replaced the tenant: answer from the one that is there now.
  const serving = runtime.tenantById(caller.tenantId) ?? tenant;
  const reply = match.ok
    ? await match.route.handle({ tenant: serving, filters: runtime.filters, request }, match.params)
    : match.reply;
  if (fault.fault !== 'none') {
    // The write took effect, but the client sees a gateway failure or a dropped connection.
    return faultReply(fault);
  }
  // What the request cost, as Graph reports it on identity-and-access responses.
  const headers: Record<string, string> = {
    ...reply.headers,
    'x-ms-resource-unit': String(decision.resourceUnits),
  };
  if (decision.limitPercentage !== undefined) {
    headers['x-ms-throttle-limit-percentage'] = String(decision.limitPercentage);
  }
  return { ...reply, headers };
}

function faultReply(decision: FaultDecision): GraphReply {
  switch (decision.fault) {
    case '503':
      return graphErrors.serviceUnavailable();
    case '504':
      return graphErrors.gatewayTimeout();
    default:
      return { status: 0, drop: true };
  }
}

async function pause(ms: number): Promise<void> {
  if (ms > 0) {
    await sleep(ms);
  }
}
