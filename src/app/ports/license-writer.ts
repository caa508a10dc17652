import type { DynamicGroupBody } from '../../domain/dynamic-rules/dynamic-group-body.ts';
import type { LicensingFailure } from '../../domain/errors.ts';
import type { AssignLicenseBody, DirectoryUser, ObjectId } from '../../domain/licensing.ts';

/** One write of a bulk run; `key` is the caller's own id for checkpointing (e.g. an item id). */
export type LicenseWrite =
  | { key: string; kind: 'assignLicense'; userId: ObjectId; body: AssignLicenseBody }
  | { key: string; kind: 'setUsageLocation'; userId: ObjectId; usageLocation: string }
  | { key: string; kind: 'reprocess'; userId: ObjectId };

/** The settled end of one write; every write given to a bulk run yields exactly one outcome. */
export type LicenseWriteOutcome =
  | { key: string; ok: true; requestId?: string; attempts: number }
  | { key: string; ok: false; failure: LicensingFailure; attempts: number };

/**
 * License changes in the tenant. Single writes reject with a `LicensingError`; bulk writes never
 * reject for one item's failure: they stream an outcome per item.
 */
export interface LicenseWriter {
  assignUserLicenses(userId: ObjectId, body: AssignLicenseBody): Promise<DirectoryUser>;
  /** Accepted for background processing (Graph answers 202). */
  assignGroupLicenses(groupId: ObjectId, body: AssignLicenseBody): Promise<void>;
  setUsageLocation(userId: ObjectId, usageLocation: string): Promise<void>;
  reprocessUser(userId: ObjectId): Promise<void>;
  /**
   * Creates a security group whose members Entra keeps by its rule (`POST /groups`), and answers
   * its id: the one directory write License Desk makes, for a dynamic group an approver approved
   * to license.
   */
  createDynamicGroup(body: DynamicGroupBody): Promise<ObjectId>;
  /** Runs many writes with batching, throttling and retries; outcomes come in completion order. */
  writeMany(
    writes: AsyncIterable<LicenseWrite> | Iterable<LicenseWrite>,
    options?: { signal?: AbortSignal },
  ): AsyncIterable<LicenseWriteOutcome>;
}
