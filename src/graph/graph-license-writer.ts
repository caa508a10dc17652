import type { DynamicGroupBody } from '../domain/dynamic-rules/dynamic-group-body.ts';
import type { Client } from '@microsoft/microsoft-graph-client';
import type { Clock } from '../app/ports/clock.ts';
import type {
  LicenseWrite,
  LicenseWriteOutcome,
  LicenseWriter,
} from '../app/ports/license-writer.ts';
import { LicensingError } from '../domain/errors.ts';
import type { AssignLicenseBody, DirectoryUser, ObjectId } from '../domain/licensing.ts';
import { runBatchWrites, type BatchWriterOptions } from './batch/batch-writer.ts';
import { graphBatchTransport } from './batch/graph-batch-transport.ts';
import { GRAPH_WRITE_BUDGET, WritePacer } from './batch/write-pacer.ts';
import { toUser } from './directory-records.ts';
import { callGraph, type GraphCall } from './graph-call.ts';
import { graphErrorDetails } from './graph-error-body.ts';
import { mapGraphError, mapNoResponse, type FailureSubject } from './graph-error-mapper.ts';
import { writeRequestFor } from './license-write-request.ts';
import { groupPath } from './odata.ts';
import { systemClock } from './system-clock.ts';

/** Tuning of bulk runs; everything but the client has a default fit for Graph. */
export type GraphLicenseWriterOptions = Partial<Omit<BatchWriterOptions, 'transport'>> & {
  /** How long one `$batch` may take before it counts as lost (default 120 s). */
  batchTimeoutMs?: number;
};

/**
 * The `LicenseWriter` port over Microsoft Graph. Single writes go through the SDK's own retry
 * handler and reject with a `LicensingError`; bulk writes go through the batch writer.
 */
export class GraphLicenseWriter implements LicenseWriter {
  readonly #client: Client;
  readonly #options: GraphLicenseWriterOptions;
  readonly #clock: Clock;
  // One writer per tenant, one pacer per writer: every run in the tenant shares its write budget.
  readonly #pacer: WritePacer;

  constructor(client: Client, options: GraphLicenseWriterOptions = {}) {
    this.#client = client;
    this.#options = options;
    this.#clock = options.clock ?? systemClock;
    this.#pacer =
      options.pacer ??
      new WritePacer(options.budget ?? GRAPH_WRITE_BUDGET, {
        safety: options.safety ?? 0.98,
        ...(options.random ? { random: options.random } : {}),
      });
  }

  async assignUserLicenses(userId: ObjectId, body: AssignLicenseBody): Promise<DirectoryUser> {
    const answer = await this.#write({ key: userId, kind: 'assignLicense', userId, body });
    return toUser(answer);
  }

  async assignGroupLicenses(groupId: ObjectId, body: AssignLicenseBody): Promise<void> {
    await this.#send(
      {
        method: 'POST',
        path: `${groupPath(groupId)}/assignLicense`,
        body: { addLicenses: body.addLicenses, removeLicenses: body.removeLicenses },
      },
      { kind: 'group', id: groupId },
    );
  }

  async setUsageLocation(userId: ObjectId, usageLocation: string): Promise<void> {
    await this.#write({ key: userId, kind: 'setUsageLocation', userId, usageLocation });
  }

  async reprocessUser(userId: ObjectId): Promise<void> {
    await this.#write({ key: userId, kind: 'reprocess', userId });
  }

  async createDynamicGroup(body: DynamicGroupBody): Promise<ObjectId> {
    const created = await this.#send(
      { method: 'POST', path: '/groups', body: { ...body } },
      { kind: 'group', id: body.displayName },
    );
    const id = (created as { id?: unknown } | null)?.id;
    if (typeof id !== 'string' || id === '') {
      throw new LicensingError({
        code: 'UNKNOWN',
        message: 'Microsoft 365 created the group but did not say its id: look for it in Entra.',
        retryable: false,
      });
    }
    return id;
  }

  writeMany(
    writes: AsyncIterable<LicenseWrite> | Iterable<LicenseWrite>,
    options?: { signal?: AbortSignal },
  ): AsyncIterable<LicenseWriteOutcome> {
    const transport = graphBatchTransport(
      this.#client,
      this.#options.batchTimeoutMs === undefined
        ? undefined
        : { timeoutMs: this.#options.batchTimeoutMs },
    );
    return runBatchWrites(
      writes,
      { ...this.#options, clock: this.#clock, transport, pacer: this.#pacer },
      options?.signal,
    );
  }

  #write(write: LicenseWrite): Promise<unknown> {
    const request = writeRequestFor(write);
    return this.#send(
      { method: request.method, path: request.path, body: request.body },
      request.subject,
    );
  }

  async #send(call: GraphCall, subject: FailureSubject): Promise<unknown> {
    const result = await callGraph(this.#client, call);
    if (result.kind === 'noResponse') {
      throw new LicensingError(mapNoResponse(result.timedOut), { cause: result.error });
    }
    if (result.status >= 200 && result.status < 300) {
      return result.body;
    }
    const details = graphErrorDetails(
      result.status,
      result.headers,
      result.body,
      this.#clock.now().getTime(),
    );
    throw new LicensingError(mapGraphError(details, subject));
  }
}
