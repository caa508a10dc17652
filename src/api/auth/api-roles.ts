/** The app roles License Desk's API defines, for apps (application permissions) and users. */
export const API_ROLES = ['Licenses.Read', 'Licenses.Request', 'Licenses.Approve'] as const;

export type ApiRole = (typeof API_ROLES)[number];

/** What a route needs the caller to be able to do. */
export type ApiPermission = 'read' | 'request';

/**
 * Which roles grant a permission: `Licenses.Read` reads the tenant's operations and history,
 * `Licenses.Request` asks for changes (and reads the operations it asked for), `Licenses.Approve`
 * does both, as an approver does in chat.
 */
export const ROLES_GRANTING: Readonly<Record<ApiPermission, readonly ApiRole[]>> = {
  read: ['Licenses.Read', 'Licenses.Request', 'Licenses.Approve'],
  request: ['Licenses.Request', 'Licenses.Approve'],
};

/** Whether the caller reads every operation of the tenant, not only those they asked for. */
export const readsWholeTenant = (roles: ReadonlySet<ApiRole>): boolean =>
  roles.has('Licenses.Read') || roles.has('Licenses.Approve');

export const isApiRole = (role: unknown): role is ApiRole =>
  typeof role === 'string' && (API_ROLES as readonly string[]).includes(role);
