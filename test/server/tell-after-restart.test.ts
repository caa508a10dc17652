import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { usersOf } from '../../src/domain/operations/new-operation.ts';
import type { OperationItem } from '../../src/domain/operations/operation.ts';
import type { StoredOperation } from '../../src/app/ports/operation-store.ts';
import type { EmbeddedConfig } from '../../src/config.ts';
import { transition } from '../../src/domain/operations/state-machine.ts';
import type { ImpactRecord } from '../../src/domain/planning/impact-record.ts';
import { TELL_JOB, type RunningLicenseDesk } from '../../src/server/license-desk.ts';
import { personalConversationId } from '../support/activities.ts';
import type { LocalConnector } from '../support/connector.ts';
import { startInstances, until, type Instances } from '../support/instances.ts';

const ALEX = { userId: '00000000-0000-0000-0000-0000000000020', displayName: 'Alex Wilber' };
const MEGAN = { userId: '00000000-0000-0000-0000-0000000000021', displayName: 'Megan Bowen' };
const ADELE = { id: '00000000-0000-0000-0000-0000000000022', upn: 'adelev', name: 'Adele Vance' };
const E5 = '06ebc4ee-1bb5-47dd-8120-11324bc54e06';
const OPERATION_ID = 'op-rejected-then-crashed';
const ASKED_ID = 'op-asked-then-crashed';
const CARD_ID = 'alex-status-card';

let instances: Instances;
let config: EmbeddedConfig;
let connector: LocalConnector;

async function install(desk: RunningLicenseDesk, user: { userId: string } = ALEX): Promise<void> {
  const res = await instances.post(desk, user.userId, {
    type: 'installationUpdate',
    action: 'add',
  });
  expect(res.status).toBeLessThan(300);
}

/**
 * What instance A's store holds when it died right after Megan's Reject was written: Alex's
 * request `rejected`, its change notice untold since a minute ago, and Alex's status card still
 * showing it waiting. A never told anyone.
 */
async function rejectThenCrash(desk: RunningLicenseDesk): Promise<void> {
  const minuteAgo = new Date(Date.now() - 60_000);
  const pending = pendingRequest(OPERATION_ID, minuteAgo);
  await desk.store.operationItems.createAll(config.tenantId, OPERATION_ID, [adelesItem]);
  const created = await desk.store.operations.create(pending);
  const chat = await desk.store.conversations.findPersonal(config.tenantId, ALEX.userId);
  await desk.store.requestCards.add({
    tenantId: config.tenantId,
    operationId: OPERATION_ID,
    conversationId: chat!.conversationId,
    activityId: CARD_ID,
    reference: chat!.reference,
    audience: 'requester',
    viewerUserId: ALEX.userId,
    postedAt: minuteAgo.toISOString(),
  });
  const rejected = transition(
    pending,
    { type: 'reject', reason: 'No budget this quarter' },
    { kind: 'user', ...MEGAN, isApprover: true },
    minuteAgo,
  );
  if (!rejected.ok) {
    throw new Error(rejected.failure.message);
  }
  // As the use case's store does it: the notice first, then the change; then A died.
  await desk.store.notices.expect(config.tenantId, OPERATION_ID, 1, minuteAgo.toISOString());
  await desk.store.operations.transition(
    config.tenantId,
    OPERATION_ID,
    created.etag,
    rejected.value,
  );
}

const adelesItem: OperationItem = {
  itemId: ADELE.id,
  userId: ADELE.id,
  userPrincipalName: `${ADELE.upn}@contoso.onmicrosoft.com`,
  displayName: ADELE.name,
  body: { addLicenses: [{ skuId: E5, disabledPlans: [] }], removeLicenses: [] },
  state: 'planned',
};

/** Alex's request for Adele, pending since `at`. */
function pendingRequest(id: string, at: Date): StoredOperation {
  return {
    id,
    tenantId: config.tenantId,
    kind: 'assign',
    state: 'pending',
    requester: ALEX,
    summary: 'Assign Microsoft 365 E5 to Adele Vance',
    ...usersOf([adelesItem]),
    createdAt: at.toISOString(),
    updatedAt: at.toISOString(),
    expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
    events: [],
  };
}

/**
 * What instance A's store holds when it died right after storing Alex's request and answering
 * him, before any approver's card went out: the request pending, its notice saying the
 * approvers' copies are due (written first, as the use case's store does), none recorded.
 */
async function askThenCrash(desk: RunningLicenseDesk): Promise<void> {
  const minuteAgo = new Date(Date.now() - 60_000);
  await desk.store.notices.expectApprovals(config.tenantId, ASKED_ID, minuteAgo.toISOString());
  await desk.store.operations.create({ ...pendingRequest(ASKED_ID, minuteAgo), impact: asPlanned });
}

/** The impact and reasons the use case saved with the request when it planned it. */
const asPlanned: ImpactRecord = {
  seats: [
    {
      skuId: E5,
      name: 'Microsoft 365 E5',
      total: 15,
      usedBefore: 14,
      usedAfter: 15,
      availableAfter: 0,
      shortfall: 0,
    },
  ],
  moreSeats: 0,
  cost: [{ currency: 'USD', before: 798, after: 855, delta: 57 }],
  unpriced: [],
  noopCount: 0,
  blockedCount: 0,
  usageLocationsToSet: 0,
  conflictCount: 0,
  conflicts: [],
  reasons: ['Licenses for managers need an approver.'],
};

beforeAll(async () => {
  instances = await startInstances();
  ({ config, connector } = instances);
});

afterAll(async () => {
  await instances?.close();
});

describe('a change stored by a process that died before telling it', () => {
  it('is told by the next instances: the card redrawn and the requester told, once', async () => {
    const a = await instances.start();
    await install(a);
    await rejectThenCrash(a);
    await a.close();
    const chat = personalConversationId(ALEX.userId);
    const before = connector.calls.length;
    const since = () =>
      connector.calls.slice(before).filter((call) => call.conversationId === chat);

    // Two instances start at once; each runs the job at start-up and again right after.
    const [b, c] = await Promise.all([instances.start(), instances.start()]);
    await Promise.all([b.jobs.runNow(TELL_JOB), c.jobs.runNow(TELL_JOB)]);
    const told = await until(since, (calls) => calls.length >= 2);
    await Promise.all([b.jobs.runNow(TELL_JOB), c.jobs.runNow(TELL_JOB)]);

    expect(since().map((call) => call.kind)).toEqual(['update', 'reply']);
    expect(told[0]!.activityId).toBe(CARD_ID);
    expect(JSON.stringify(told[0]!.activity)).toContain('No budget this quarter');
    expect(told[1]!.activity.text).toBe(
      'Your request "Assign Microsoft 365 E5 to Adele Vance" was rejected by Megan Bowen: No budget this quarter',
    );
    const notice = await b.store.notices.get(config.tenantId, OPERATION_ID);
    expect(notice!.value).toMatchObject({ told: 1, due: 1 });
    // The audit line A never wrote is written before the change counted as told.
    const history = await b.store.history.query(config.tenantId, { userId: ADELE.id });
    expect(
      history.items
        .filter((line) => line.operationId === OPERATION_ID)
        .map((line) => [line.change, line.message, line.approver?.displayName]),
    ).toEqual([['rejected', 'No budget this quarter', 'Megan Bowen']]);
  });
});

describe('a request stored by a process that died before posting its approvers’ cards', () => {
  it('has them posted by the next instances, one set, recorded so later changes redraw them', async () => {
    const a = await instances.start();
    await install(a);
    await install(a, MEGAN);
    await askThenCrash(a);
    await a.close();
    const megansChat = personalConversationId(MEGAN.userId);
    const before = connector.calls.length;
    const posts = () =>
      connector.calls.slice(before).filter((call) => call.conversationId === megansChat);

    const [b, c] = await Promise.all([instances.start(), instances.start()]);
    await Promise.all([b.jobs.runNow(TELL_JOB), c.jobs.runNow(TELL_JOB)]);
    await until(posts, (calls) => calls.length >= 1);
    await Promise.all([b.jobs.runNow(TELL_JOB), c.jobs.runNow(TELL_JOB)]);

    expect(posts().map((call) => call.kind)).toEqual(['reply']);
    const card = JSON.stringify(posts()[0]!.activity);
    expect(card).toContain('Assign Microsoft 365 E5 to Adele Vance');
    expect(card).toContain('Approve');
    // The approver reads what the request was planned to cost, as on a card posted live.
    expect(card).toContain('Microsoft 365 E5: 14 → 15 of 15 seats used');
    expect(card).toContain('Monthly cost: $798.00 → $855.00 (+$57.00)');
    expect(card).toContain('Licenses for managers need an approver.');
    const copies = await b.store.requestCards.list(config.tenantId, ASKED_ID);
    expect(copies.map((copy) => [copy.audience, copy.conversationId])).toEqual([
      ['approvers', megansChat],
    ]);
    const notice = await b.store.notices.get(config.tenantId, ASKED_ID);
    expect(notice!.value.approvalsDue).toBeUndefined();
  });
});
