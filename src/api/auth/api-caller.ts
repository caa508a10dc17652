import type { JWTPayload } from 'jose';
import type { Caller } from '../../app/identity/caller.ts';
import { ApiProblem } from '../problem.ts';
import { isApiRole, type ApiRole } from './api-roles.ts';

/** Who called the API, as their verified token says. */
export interface ApiCaller {
  /** The caller as the use cases know one: a user, or an app standing as its own requester. */
  caller: Caller;
  kind: 'user' | 'app';
  roles: ReadonlySet<ApiRole>;
}

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value : undefined;

/**
 * The caller a verified token names. A delegated token (`scp`) is the signed-in user (`oid`);
 * an app-only token is the app (`azp` in v2, `appid` in v1), recorded as the requester. The role
 * in chat terms comes from the app roles: `Licenses.Approve` makes an approver.
 */
export function apiCallerFrom(payload: JWTPayload, tenantId: string): ApiCaller {
  const roles = new Set(
    (Array.isArray(payload.roles) ? (payload.roles as unknown[]) : []).filter(isApiRole),
  );
  const role = roles.has('Licenses.Approve') ? 'approver' : 'requester';
  if (text(payload.scp) !== undefined) {
    const oid = text(payload.oid);
    if (oid === undefined) {
      throw new ApiProblem(401, 'TOKEN_INVALID', 'Invalid token', 'The token names no user (oid).');
    }
    const upn = text(payload.preferred_username) ?? text(payload.upn) ?? '';
    return {
      kind: 'user',
      roles,
      caller: {
        tenantId,
        userId: oid,
        displayName: text(payload.name) ?? (upn || oid),
        userPrincipalName: upn,
        role,
      },
    };
  }
  const appId = text(payload.azp) ?? text(payload.appid);
  if (appId === undefined) {
    throw new ApiProblem(401, 'TOKEN_INVALID', 'Invalid token', 'The token names no app (azp).');
  }
  return {
    kind: 'app',
    roles,
    caller: {
      tenantId,
      userId: appId,
      displayName: text(payload.app_displayname) ?? `App ${appId}`,
      userPrincipalName: '',
      role,
    },
  };
}
