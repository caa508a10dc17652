import type { Tenant } from '../../tenant/tenant.ts';
import { graphErrors } from '../graph-errors.ts';
import { errorReply, jsonReply, type GraphReply } from '../reply.ts';
import type { SimulatorRuntime } from '../runtime.ts';
import { controlRouter } from './control-router.ts';

const scopedPath = /^\/tenants\/([^/]+)(\/.*)?$/i;

function summary(runtime: SimulatorRuntime, tenant: Tenant): Record<string, unknown> {
  const organization = tenant.organization();
  return {
    id: organization.id,
    displayName: organization.displayName,
    users: tenant.users().length,
    home: tenant === runtime.tenant(),
  };
}

/**
 * The runtime as the control routes of one tenant see it: `tenant()`, reset and replace act on
 * that tenant, so every route works under `/tenants/{id}` unchanged.
 */
function scopedTo(runtime: SimulatorRuntime, tenant: Tenant): SimulatorRuntime {
  if (tenant === runtime.tenant()) {
    return { ...runtime, resetTenants: () => runtime.replaceTenant(runtime.freshTenant()) };
  }
  const id = tenant.organization().id;
  return {
    ...runtime,
    tenant: () => runtime.tenantById(id) ?? tenant,
    replaceTenant: (next) => runtime.replaceTenant(next, id),
    freshTenant: () => runtime.freshTenant(id),
    resetTenants: () => runtime.replaceTenant(runtime.freshTenant(id), id),
  };
}

/**
 * Answers a control request (path relative to `/_simulator`). Plain routes act on the home
 * tenant; `/tenants` lists the tenants, `/tenants/{id}` is one of them, and `/tenants/{id}/…`
 * is any route acting on that tenant.
 */
export function handleControl(
  runtime: SimulatorRuntime,
  method: string,
  path: string,
  body: unknown,
): GraphReply | Promise<GraphReply> {
  const trimmed = path.length > 1 ? path.replace(/\/+$/, '') : path;
  if (trimmed.toLowerCase() === '/tenants') {
    return method === 'GET'
      ? jsonReply(200, { value: runtime.tenants().map((t) => summary(runtime, t)) })
      : graphErrors.methodNotAllowed();
  }
  const scoped = scopedPath.exec(trimmed);
  if (!scoped) {
    const match = controlRouter.match(method, path);
    return match.ok ? match.route.handle({ runtime, body }, match.params) : match.reply;
  }
  const tenantId = safeDecode(scoped[1] ?? '');
  const tenant = runtime.tenantById(tenantId);
  if (!tenant) {
    const known = runtime.tenants().map((t) => t.organization().id);
    return errorReply(
      404,
      'Request_ResourceNotFound',
      `The simulator has no tenant '${tenantId}'; it serves ${known.join(', ')}.`,
    );
  }
  const rest = scoped[2] ?? '/';
  if (rest === '/') {
    return method === 'GET'
      ? jsonReply(200, summary(runtime, tenant))
      : graphErrors.methodNotAllowed();
  }
  const match = controlRouter.match(method, rest);
  return match.ok
    ? match.route.handle({ runtime: scopedTo(runtime, tenant), body, tenantId }, match.params)
    : match.reply;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
