import type { ObjectId } from '../../domain/licensing.ts';

/** The role a caller acts in: approvers also request, and see the admin commands. */
export type Role = 'approver' | 'requester';

/** Who is asking, as the directory knows them. Always from the activity, never from text. */
export interface Caller {
  tenantId: string;
  userId: ObjectId;
  displayName: string;
  userPrincipalName: string;
  role: Role;
  /**
   * Set when an operator's approver acts in a customer tenant (`in fabrikam: …`, `tenant use`):
   * `tenantId` above is then the customer's, and this the operator's own.
   */
  actingFrom?: { tenantId: string };
}

export type IdentityRefusalCode =
  | 'NO_IDENTITY'
  | 'OTHER_TENANT'
  | 'TENANT_INACTIVE'
  | 'NOT_IN_DIRECTORY'
  | 'GUEST_NOT_ALLOWED'
  | 'NOT_A_REQUESTER';

/** Why a caller is turned away, with what to do about it in the user's words. */
export interface IdentityRefusal {
  code: IdentityRefusalCode;
  message: string;
}
