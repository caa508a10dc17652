/**
 * A bulk request of thousands of the demo tenant's users, stored as a typed request would be
 * (its users' items first, then the pending operation, its approvers' cards marked due), so the
 * running bot posts it to the approvers. Until bulk selection exists in chat, this is how the
 * demo shows a run of 2,000 users; it only ever talks to the stand-ins.
 */
import { randomUUID } from 'node:crypto';
import { NoticeFirstOperationStore } from '../app/notices/notice-first-operations.ts';
import type { OperationStore } from '../app/ports/operation-store.ts';
import type { OperationItemStore } from '../app/ports/operation-item-store.ts';
import type { ChangeNoticeStore } from '../app/ports/change-notice-store.ts';
import { newOperation, type PlannedItem } from '../domain/operations/new-operation.ts';
import { DEMO_PEOPLE, DEMO_TENANT_ID } from '../simulator/seed/demo-people.ts';

/** Power BI Pro: the demo tenant has it on few users, so thousands can be given it. */
export const DEMO_BULK_SKU = 'f8a1db68-be16-40ed-86d5-cb42ce701560';
const DEMO_BULK_SKU_NAME = 'Power BI Pro';
/** Longer than the untold-changes job waits before telling a notice nobody is telling. */
const NOTICE_GRACE_MS = 60_000;

interface GraphUser {
  id: string;
  userPrincipalName: string;
  displayName: string;
  usageLocation: string | null;
  userType?: string | null;
  assignedLicenses: { skuId: string }[];
}

interface GraphPage<T> {
  value: T[];
  '@odata.nextLink'?: string;
}

interface GraphSku {
  skuId: string;
  consumedUnits: number;
  prepaidUnits: { enabled: number };
}

/** What the demo request needs to reach: the simulator's URL and the store. */
export interface DemoRequestTargets {
  simulatorUrl: string;
  operations: OperationStore;
  operationItems: OperationItemStore;
  notices: ChangeNoticeStore;
}

async function graph<T>(url: string, init: RequestInit = {}): Promise<T> {
  const response = await fetch(url, {
    ...init,
    headers: {
      authorization: 'Bearer license-desk-demo',
      'content-type': 'application/json',
      ...init.headers,
    },
  });
  if (!response.ok) {
    throw new Error(
      `The simulator answered ${response.status} to ${url}: ${await response.text()}`,
    );
  }
  return (await response.json()) as T;
}

/**
 * Members of the demo tenant who can be given the SKU (a usage location, no guests, not the
 * demo's cast), those without it first: the rest have it already and are skipped, as a typed
 * request skips them.
 */
async function licensableUsers(simulatorUrl: string, skuId: string, wanted: number) {
  const without: GraphUser[] = [];
  const holding: GraphUser[] = [];
  let next: string | undefined =
    `${simulatorUrl}/v1.0/users?$select=id,userPrincipalName,displayName,usageLocation,userType,assignedLicenses&$top=999`;
  while (next !== undefined && without.length < wanted) {
    const page: GraphPage<GraphUser> = await graph(next);
    for (const user of page.value) {
      const cast = DEMO_PEOPLE.some((person) => person.id === user.id);
      if (cast || user.usageLocation === null || user.userType === 'Guest') {
        continue;
      }
      const holds = user.assignedLicenses.some((license) => license.skuId === skuId);
      (holds ? holding : without).push(user);
    }
    next = page['@odata.nextLink'];
  }
  return [...without, ...holding].slice(0, wanted).map((user) => ({
    user,
    holds: user.assignedLicenses.some((license) => license.skuId === skuId),
  }));
}

/** Buys enough seats in the simulator for the request to run without a shortfall. */
async function enoughSeats(simulatorUrl: string, skuId: string, more: number): Promise<number> {
  const skus = await graph<GraphPage<GraphSku>>(`${simulatorUrl}/v1.0/subscribedSkus`);
  const sku = skus.value.find((each) => each.skuId === skuId);
  if (sku === undefined) {
    throw new Error(`The demo tenant has no ${DEMO_BULK_SKU_NAME} subscription.`);
  }
  const needed = sku.consumedUnits + more;
  if (sku.prepaidUnits.enabled < needed) {
    await graph(`${simulatorUrl}/_simulator/skus/${skuId}`, {
      method: 'PATCH',
      body: JSON.stringify({ prepaidUnits: { enabled: needed } }),
    });
  }
  return Math.max(needed, sku.prepaidUnits.enabled);
}

/** What was stored, for the command's answer. */
export interface DemoRequest {
  operationId: string;
  users: number;
  /** Users without the license yet; the others are skipped. */
  toGive: number;
  seats: number;
  summary: string;
}

/**
 * Stores a pending request from Alex Wilber to assign Power BI Pro to `count` demo users, with
 * seats bought for them first. Fewer users than asked is an error that says how many there are.
 */
export async function storeDemoRequest(
  targets: DemoRequestTargets,
  count: number,
  now = new Date(),
): Promise<DemoRequest> {
  // No live turn tells this request: its notice is dated past the job's grace period (which
  // leaves a live teller its chance), so the bot's next pass posts the approvers' cards.
  const noticeAt = new Date(now.getTime() - NOTICE_GRACE_MS);
  const users = await licensableUsers(targets.simulatorUrl, DEMO_BULK_SKU, count);
  if (users.length < count) {
    throw new Error(
      `The demo tenant has only ${users.length} users who can get ${DEMO_BULK_SKU_NAME}: ask for that many or fewer, or start the stand-ins with a larger SIMULATOR_SIZE.`,
    );
  }
  const toGive = users.filter(({ holds }) => !holds).length;
  const seats = await enoughSeats(targets.simulatorUrl, DEMO_BULK_SKU, toGive);
  const alex = DEMO_PEOPLE.find((person) => person.role === 'requester')!;
  const summary = `Assign ${DEMO_BULK_SKU_NAME} to ${count.toLocaleString('en-US')} users`;
  const planned: PlannedItem[] = users.map(({ user, holds }) => ({
    userId: user.id,
    userPrincipalName: user.userPrincipalName,
    displayName: user.displayName,
    body: { addLicenses: [{ skuId: DEMO_BULK_SKU, disabledPlans: [] }], removeLicenses: [] },
    ...(holds ? { skipReason: `Already has ${DEMO_BULK_SKU_NAME}.` } : {}),
  }));
  const { operation, items } = newOperation({
    id: randomUUID(),
    tenantId: DEMO_TENANT_ID,
    kind: 'assign',
    requester: { userId: alex.id, displayName: alex.displayName },
    summary,
    justification: 'Demo: a bulk request, to watch a run of thousands of users',
    items: planned,
    now,
    expiresAfterMs: 72 * 3_600_000,
  });
  // As a typed request is stored: items, then the operation, its approvers' cards marked due.
  await targets.operationItems.createAll(operation.tenantId, operation.id, items);
  const operations = new NoticeFirstOperationStore(targets.operations, targets.notices, {
    now: () => noticeAt,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  });
  await operations.create(operation);
  return { operationId: operation.id, users: count, toGive, seats, summary };
}
