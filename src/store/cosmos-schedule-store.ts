import { operationState, person } from './operation-documents.ts';
import type { Container } from '@azure/cosmos';
import { z } from 'zod';
import type { Schedule } from '../domain/schedules/schedule.ts';
import type { ScheduleStore } from '../app/ports/schedule-store.ts';
import type { Versioned } from '../app/ports/stores.ts';
import { parseDocument } from './documents.ts';
import { createVersioned, deleteIfMatch, readVersioned, replaceIfMatch } from './etag-guard.ts';
import { queryAll } from './paging.ts';

const selection = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('group'), group: z.string() }),
  z.object({ kind: z.literal('filter'), filter: z.string() }),
  z.object({ kind: z.literal('file') }),
]);

const reasoned = {
  justification: z.string().optional(),
  pilot: z.number().int().min(1).optional(),
  selection: selection.optional(),
};

const change = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('assign'),
    license: z.string(),
    users: z.array(z.string()),
    withoutPlans: z.array(z.string()),
    usageLocation: z.string().optional(),
    ...reasoned,
  }),
  z.object({
    kind: z.literal('remove'),
    license: z.discriminatedUnion('scope', [
      z.object({ scope: z.literal('sku'), sku: z.string() }),
      z.object({ scope: z.literal('all') }),
    ]),
    users: z.array(z.string()),
    keepMailbox: z.boolean().optional(),
    ...reasoned,
  }),
  z.object({
    kind: z.literal('transfer'),
    users: z.array(z.string()),
    fromSku: z.string(),
    toSku: z.string(),
    ...reasoned,
  }),
  z.object({
    kind: z.literal('modify'),
    action: z.enum(['enable', 'disable']),
    plans: z.array(z.string()),
    sku: z.string().optional(),
    users: z.array(z.string()),
    ...reasoned,
  }),
]);

const timing = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('once'),
    phrase: z.string(),
    local: z.string(),
    timeZone: z.string(),
  }),
  z.object({
    kind: z.literal('recurring'),
    phrase: z.string(),
    cron: z.string(),
    timeZone: z.string(),
  }),
]);

/**
 * A schedule as the `schedules` container holds it, checked on every read and write (see
 * `documents.ts`); zod's stripping also drops Cosmos' system properties.
 */
export const scheduleSchema = z.object({
  // The schedule id is the Cosmos id as is: it may not hold these.
  id: z
    .string()
    .min(1)
    .max(255)
    .regex(/^[^/\\?#]+$/, 'may not contain /, \\, ? or #'),
  tenantId: z.string().min(1),
  state: z.enum(['pending', 'active', 'paused', 'done', 'rejected', 'cancelled']),
  owner: person,
  change: change.optional(),
  summary: z.string(),
  justification: z.string().optional(),
  timing,
  bound: z.object({ users: z.number(), seats: z.number() }).optional(),
  operationId: z.string().optional(),
  nextDueAt: z.string().optional(),
  claim: z.object({ dueAt: z.string(), holder: z.string(), expiresAt: z.string() }).optional(),
  approvalCards: z
    .array(
      z.object({
        conversationId: z.string(),
        activityId: z.string(),
        reference: z.record(z.string(), z.unknown()),
      }),
    )
    .optional(),
  lastRun: z
    .object({
      dueAt: z.string(),
      ranAt: z.string(),
      result: z.enum(['started', 'askedApproval', 'nothingToDo', 'problem']),
      late: z.boolean().optional(),
      operationId: z.string().optional(),
      message: z.string(),
      operationState: operationState.optional(),
    })
    .optional(),
  runCount: z.number().int().nonnegative(),
  decidedBy: person.optional(),
  editedBy: person.optional(),
  decidedAt: z.string().optional(),
  rejectionReason: z.string().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
  events: z.array(
    z.object({
      type: z.enum(['request', 'approve', 'reject', 'pause', 'resume', 'edit', 'cancel', 'runNow']),
      by: z.union([person, z.literal('system')]),
      at: z.string(),
      reason: z.string().optional(),
    }),
  ),
}) satisfies z.ZodType<Schedule>;

/**
 * Soonest due first, those with nothing due last, then by id so that equal times keep one order
 * everywhere. Sorted in code: the Cosmos-compatible test server's ORDER BY is not trusted with
 * missing fields, and one tenant's schedules are few.
 */
export function bySoonestDue(a: Versioned<Schedule>, b: Versioned<Schedule>): number {
  const left = a.value.nextDueAt;
  const right = b.value.nextDueAt;
  if (left !== right) {
    if (left === undefined) {
      return 1;
    }
    if (right === undefined) {
      return -1;
    }
    return left < right ? -1 : 1;
  }
  return a.value.id < b.value.id ? -1 : a.value.id > b.value.id ? 1 : 0;
}

const parse = (document: unknown): Schedule => parseDocument(scheduleSchema, document, 'schedules');

/**
 * Schedules in the `schedules` container (partition: tenant), one item per schedule whose id is
 * the schedule's. Every write but `create` is guarded by the caller's ETag, so two instances
 * claiming one due time cannot both win.
 */
export class CosmosScheduleStore implements ScheduleStore {
  readonly #container: Container;

  constructor(container: Container) {
    this.#container = container;
  }

  async create(schedule: Schedule): Promise<Versioned<Schedule>> {
    const saved = await createVersioned<Schedule>(this.#container, scheduleSchema.parse(schedule));
    return { value: parse(saved.value), etag: saved.etag };
  }

  async get(tenantId: string, scheduleId: string): Promise<Versioned<Schedule> | undefined> {
    const found = await readVersioned<Schedule>(this.#container, scheduleId, tenantId);
    return found === null ? undefined : { value: parse(found.value), etag: found.etag };
  }

  async replace(schedule: Schedule, etag: string): Promise<Versioned<Schedule>> {
    const valid = scheduleSchema.parse(schedule);
    const saved = await replaceIfMatch<Schedule>(this.#container, valid, valid.tenantId, etag);
    return { value: parse(saved.value), etag: saved.etag };
  }

  delete(tenantId: string, scheduleId: string, etag: string): Promise<boolean> {
    return deleteIfMatch(this.#container, scheduleId, tenantId, etag);
  }

  async list(tenantId: string): Promise<Versioned<Schedule>[]> {
    return this.#query({
      query: 'SELECT * FROM c WHERE c.tenantId = @tenantId',
      parameters: [{ name: '@tenantId', value: tenantId }],
      tenantId,
    });
  }

  async due(tenantId: string, now: Date): Promise<Versioned<Schedule>[]> {
    // UTC ISO strings of one format order as text the way their instants do.
    return this.#query({
      query:
        'SELECT * FROM c WHERE c.tenantId = @tenantId AND c.state = @active' +
        ' AND IS_DEFINED(c.nextDueAt) AND c.nextDueAt <= @now',
      parameters: [
        { name: '@tenantId', value: tenantId },
        { name: '@active', value: 'active' },
        { name: '@now', value: now.toISOString() },
      ],
      tenantId,
    });
  }

  async #query(spec: {
    query: string;
    parameters: { name: string; value: string }[];
    tenantId: string;
  }): Promise<Versioned<Schedule>[]> {
    const documents = await queryAll<Schedule & { _etag: string }>(
      this.#container,
      { query: spec.query, parameters: spec.parameters },
      spec.tenantId,
    );
    return documents
      .map((document) => ({ value: parse(document), etag: document._etag }))
      .sort(bySoonestDue);
  }
}
