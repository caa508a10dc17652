import { z } from 'zod';
import { errorReply, jsonReply, type GraphReply } from '../reply.ts';
import type { Route } from '../router.ts';
import type { SimulatorRuntime } from '../runtime.ts';

/**
 * The control API's handlers see the runtime and the parsed JSON body. Under
 * `/tenants/{tenantId}` the runtime is scoped to that tenant (its `tenant()` is that tenant).
 */
export interface ControlContext {
  runtime: SimulatorRuntime;
  body: unknown;
  /** Set when the route was reached under `/tenants/{tenantId}`. */
  tenantId?: string;
}

const seedSchema = z.object({
  seed: z.number().int().optional(),
  size: z.number().int().min(1).max(200_000).optional(),
});
const skuPatchSchema = z.object({
  prepaidUnits: z.object({ enabled: z.number().int().min(0) }),
});
const servicePlansSchema = z.object({
  servicePlans: z.array(
    z.object({
      servicePlanId: z.string().min(1),
      servicePlanName: z.string().min(1),
      appliesTo: z.string().default('User'),
    }),
  ),
});
const memberSchema = z.object({ memberId: z.string().min(1) });
const deviceSchema = z.object({
  displayName: z.string().min(1),
  deviceId: z.string().min(1).optional(),
  operatingSystem: z.string().min(1).nullable().optional(),
  accountEnabled: z.boolean().optional(),
});
const contactSchema = z.object({
  displayName: z.string().min(1),
  mail: z.string().min(1).nullable().optional(),
});

const subscriptionPatchSchema = z
  .object({
    status: z.enum(['Enabled', 'Warning', 'Suspended', 'Deleted', 'LockedOut']).optional(),
    nextLifecycleDateTime: z.iso.datetime().nullable().optional(),
    totalLicenses: z.number().int().min(0).optional(),
    isTrial: z.boolean().optional(),
  })
  .strict();
const proxyAddressesSchema = z.object({
  proxyAddresses: z.array(
    z.string().regex(/^[A-Za-z0-9]+:.+$/, 'expected TYPE:address, e.g. smtp:ann@contoso.com'),
  ),
});
const provisioningErrorSchema = z.object({
  error: z
    .enum([
      'CountViolation',
      'MutuallyExclusiveViolation',
      'DependencyViolation',
      'ProhibitedInUsageLocationViolation',
      'UniquenessViolation',
      'Other',
    ])
    .default('Other'),
});

function invalid(message: string): GraphReply {
  return errorReply(400, 'BadRequest', message);
}

function parse<T>(
  schema: z.ZodType<T>,
  body: unknown,
): { ok: true; value: T } | { ok: false; reply: GraphReply } {
  const parsed = schema.safeParse(body ?? {});
  return parsed.success
    ? { ok: true, value: parsed.data }
    : { ok: false, reply: invalid(z.prettifyError(parsed.error)) };
}

/** Applies a configuration change whose validation throws a `RangeError` in plain words. */
function configure(apply: () => void, read: () => unknown): GraphReply {
  try {
    apply();
  } catch (error: unknown) {
    if (error instanceof RangeError) {
      return invalid(error.message);
    }
    throw error;
  }
  return jsonReply(200, read());
}

function counters(runtime: SimulatorRuntime): Record<string, unknown> {
  const throttle = runtime.throttle.counters();
  const faults = runtime.faults.counters();
  return {
    requests: runtime.routes.snapshot(),
    resourceUnitsSpent: throttle.resourceUnitsSpent,
    writesSpent: throttle.writesSpent,
    throttled: throttle.throttled,
    throttledByScope: throttle.throttledByScope,
    faultsInjected: faults.injected,
    faultsAfterProcessing: faults.afterProcessing,
    totalDelayMs: faults.totalDelayMs,
  };
}

function route(
  method: string,
  pattern: string,
  handle: Route<ControlContext>['handle'],
): Route<ControlContext> {
  return { method, pattern, handle };
}

/** `/_simulator/…`: test and demo controls, without auth. */
export const controlRoutes: readonly Route<ControlContext>[] = [
  // Every tenant back to its seed, with the simulator's throttle, faults and counters; under
  // `/tenants/{id}` only that tenant (throttle, faults and counters are the simulator's).
  route('POST', '/reset', ({ runtime, tenantId }) => {
    runtime.resetTenants();
    if (tenantId === undefined) {
      runtime.throttle.reset();
      runtime.faults.reset();
      runtime.routes.reset();
    }
    return jsonReply(200, { reset: true, users: runtime.tenant().users().length });
  }),
  route('POST', '/seed', ({ runtime, body, tenantId }) => {
    if (tenantId !== undefined) {
      // A demo seed is Contoso (its ids and people): only the home tenant may become it.
      return invalid('Only the home tenant is re-seeded (POST /_simulator/seed); reset this one.');
    }
    const parsed = parse(seedSchema, body);
    if (!parsed.ok) {
      return parsed.reply;
    }
    const tenant = runtime.demoTenant(parsed.value.seed ?? 42, parsed.value.size ?? 3000);
    runtime.replaceTenant(tenant);
    return jsonReply(200, { users: tenant.users().length, groups: tenant.groups().length });
  }),
  route('GET', '/users/{id}/licenses', ({ runtime }, p) => {
    const outcome = runtime.tenant().snapshotUserLicenses(p['id'] ?? '');
    return outcome.ok
      ? jsonReply(200, outcome.value)
      : errorReply(outcome.error.status, outcome.error.code, outcome.error.message);
  }),
  route('GET', '/counters', ({ runtime }) => jsonReply(200, counters(runtime))),
  route('POST', '/counters/reset', ({ runtime }) => {
    runtime.throttle.resetCounters();
    runtime.faults.resetCounters();
    runtime.routes.reset();
    return jsonReply(200, counters(runtime));
  }),
  route('GET', '/faults', ({ runtime }) => jsonReply(200, runtime.faults.options())),
  route('PUT', '/faults', ({ runtime, body }) =>
    configure(
      () => runtime.faults.configure(body as Parameters<typeof runtime.faults.configure>[0]),
      () => runtime.faults.options(),
    ),
  ),
  route('GET', '/throttle', ({ runtime }) => jsonReply(200, runtime.throttle.options())),
  route('PUT', '/throttle', ({ runtime, body }) =>
    configure(
      () => runtime.throttle.configure(body as Parameters<typeof runtime.throttle.configure>[0]),
      () => runtime.throttle.options(),
    ),
  ),
  route('PATCH', '/skus/{skuId}', ({ runtime, body }, p) => {
    const parsed = parse(skuPatchSchema, body);
    if (!parsed.ok) {
      return parsed.reply;
    }
    const outcome = runtime
      .tenant()
      .setPrepaidUnits(p['skuId'] ?? '', parsed.value.prepaidUnits.enabled);
    if (!outcome.ok) {
      return errorReply(outcome.error.status, outcome.error.code, outcome.error.message);
    }
    const sku = runtime
      .tenant()
      .subscribedSkus()
      .find((s) => s.skuId === p['skuId']);
    return jsonReply(200, sku ?? {});
  }),
  route('PUT', '/skus/{skuId}/servicePlans', ({ runtime, body }, p) => {
    const parsed = parse(servicePlansSchema, body);
    if (!parsed.ok) {
      return parsed.reply;
    }
    const outcome = runtime.tenant().setServicePlans(p['skuId'] ?? '', parsed.value.servicePlans);
    if (!outcome.ok) {
      return errorReply(outcome.error.status, outcome.error.code, outcome.error.message);
    }
    const sku = runtime
      .tenant()
      .subscribedSkus()
      .find((s) => s.skuId === p['skuId']);
    return jsonReply(200, sku ?? {});
  }),
  route('POST', '/groups/{id}/members', ({ runtime, body }, p) => {
    const parsed = parse(memberSchema, body);
    if (!parsed.ok) {
      return parsed.reply;
    }
    const outcome = runtime.tenant().addGroupMember(p['id'] ?? '', parsed.value.memberId);
    return outcome.ok
      ? { status: 204 }
      : errorReply(outcome.error.status, outcome.error.code, outcome.error.message);
  }),
  // A new device or organisational contact, made a direct member of the group: 201 with it.
  route('POST', '/groups/{id}/devices', ({ runtime, body }, p) => {
    const parsed = parse(deviceSchema, body);
    if (!parsed.ok) {
      return parsed.reply;
    }
    const outcome = runtime.tenant().addDeviceToGroup(p['id'] ?? '', parsed.value);
    return outcome.ok
      ? jsonReply(201, outcome.value)
      : errorReply(outcome.error.status, outcome.error.code, outcome.error.message);
  }),
  route('POST', '/groups/{id}/contacts', ({ runtime, body }, p) => {
    const parsed = parse(contactSchema, body);
    if (!parsed.ok) {
      return parsed.reply;
    }
    const outcome = runtime.tenant().addOrgContactToGroup(p['id'] ?? '', {
      displayName: parsed.value.displayName,
      mail: parsed.value.mail ?? null,
    });
    return outcome.ok
      ? jsonReply(201, outcome.value)
      : errorReply(outcome.error.status, outcome.error.code, outcome.error.message);
  }),
  route('DELETE', '/groups/{id}/members/{memberId}', ({ runtime }, p) => {
    const outcome = runtime.tenant().removeGroupMember(p['id'] ?? '', p['memberId'] ?? '');
    return outcome.ok
      ? { status: 204 }
      : errorReply(outcome.error.status, outcome.error.code, outcome.error.message);
  }),
  // A subscription renewed, expiring or lapsing: its SKU's units and status follow.
  route('PATCH', '/subscriptions/{id}', ({ runtime, body }, p) => {
    const parsed = parse(subscriptionPatchSchema, body);
    if (!parsed.ok) {
      return parsed.reply;
    }
    const change = Object.fromEntries(
      Object.entries(parsed.value).filter(([, value]) => value !== undefined),
    );
    const outcome = runtime.tenant().updateSubscription(p['id'] ?? '', change);
    return outcome.ok
      ? jsonReply(200, outcome.value)
      : errorReply(outcome.error.status, outcome.error.code, outcome.error.message);
  }),
  // What an admin does in the admin centre or Exchange (Graph holds proxyAddresses read-only).
  route('PUT', '/users/{id}/proxyAddresses', ({ runtime, body }, p) => {
    const parsed = parse(proxyAddressesSchema, body);
    if (!parsed.ok) {
      return parsed.reply;
    }
    const outcome = runtime.tenant().setProxyAddresses(p['id'] ?? '', parsed.value.proxyAddresses);
    return outcome.ok
      ? jsonReply(200, { id: outcome.value.id, proxyAddresses: outcome.value.proxyAddresses })
      : errorReply(outcome.error.status, outcome.error.code, outcome.error.message);
  }),
  // A service could not provision one of the user's licenses: ActiveWithError until fixed.
  route('PUT', '/users/{id}/provisioningErrors/{skuId}', ({ runtime, body }, p) => {
    const parsed = parse(provisioningErrorSchema, body);
    if (!parsed.ok) {
      return parsed.reply;
    }
    const outcome = runtime
      .tenant()
      .setProvisioningError(p['id'] ?? '', p['skuId'] ?? '', parsed.value.error);
    return outcome.ok
      ? jsonReply(200, { licenseAssignmentStates: outcome.value.licenseAssignmentStates })
      : errorReply(outcome.error.status, outcome.error.code, outcome.error.message);
  }),
  route('DELETE', '/users/{id}/provisioningErrors/{skuId}', ({ runtime }, p) => {
    const outcome = runtime.tenant().clearProvisioningError(p['id'] ?? '', p['skuId'] ?? '');
    return outcome.ok
      ? { status: 204 }
      : errorReply(outcome.error.status, outcome.error.code, outcome.error.message);
  }),
  // Who a dynamic membership rule would hold now, without creating a group (Entra's "Validate
  // rules"); a bad rule gets the same 400 as POST /groups.
  route('POST', '/dynamic-rules/evaluate', ({ runtime, body }) => {
    const rule =
      typeof body === 'object' && body !== null
        ? (body as Record<string, unknown>)['membershipRule']
        : undefined;
    const outcome = runtime.tenant().evaluateMembershipRule(rule);
    return outcome.ok
      ? jsonReply(200, { count: outcome.value.length, memberIds: outcome.value.map((u) => u.id) })
      : errorReply(outcome.error.status, outcome.error.code, outcome.error.message);
  }),
  route('GET', '/prices', ({ runtime }) => jsonReply(200, runtime.tenant().monthlyPrices())),
  route('POST', '/settle', async ({ runtime }) => {
    await runtime.tenant().settle();
    return jsonReply(200, { settled: true });
  }),
];
