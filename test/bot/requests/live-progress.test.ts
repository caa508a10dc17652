import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { usersOf } from '../../../src/domain/operations/new-operation.ts';
import type { StoredOperation } from '../../../src/app/ports/operation-store.ts';
import type { ConnectorCall } from '../../support/connector.ts';
import { ALEX_WILBER, type TestStack } from '../../support/stack.ts';
import { executeValue, shownOn } from '../support/replies.ts';
import { MEGAN, startRequestStack } from '../support/request-stack.ts';

const POWER_BI_PRO = 'f8a1db68-be16-40ed-86d5-cb42ce701560';
const USERS = 150;
const OPERATION_ID = 'op-live-progress';
/** The approval card Megan clicks: a copy the bot records from the click. */
const MEGANS_CARD = 'megans-approval-card';

let stack: TestStack;

const shown = (call: ConnectorCall): string =>
  shownOn(
    ((call.activity.attachments ?? []) as { content: Record<string, unknown> }[])[0]?.content,
  ).join('\n');

async function faults(body: Record<string, number>): Promise<void> {
  await fetch(`${stack.simulator.url}/_simulator/faults`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

/** A pending request of Alex's to give Power BI Pro to `USERS` people, as chat would save it. */
async function bulkRequest(): Promise<void> {
  const tenant = stack.simulator.tenant();
  const users = tenant
    .users()
    .filter((user) => user.usageLocation !== null)
    .filter((user) => !user.licenseAssignmentStates.some((state) => state.skuId === POWER_BI_PRO))
    .slice(0, USERS);
  expect(users).toHaveLength(USERS);
  const sku = tenant.subscribedSkus().find((each) => each.skuId === POWER_BI_PRO)!;
  expect(tenant.setPrepaidUnits(POWER_BI_PRO, sku.consumedUnits + USERS).ok).toBe(true);
  const now = new Date().toISOString();
  const items = users.map((user) => ({
    itemId: user.id,
    userId: user.id,
    userPrincipalName: user.userPrincipalName,
    displayName: user.displayName,
    body: { addLicenses: [{ skuId: POWER_BI_PRO, disabledPlans: [] }], removeLicenses: [] },
    state: 'planned' as const,
  }));
  const operation: StoredOperation = {
    id: OPERATION_ID,
    tenantId: stack.tenantId,
    kind: 'assign',
    state: 'pending',
    requester: { userId: ALEX_WILBER, displayName: 'Alex Wilber' },
    summary: `Assign Power BI Pro to ${USERS} users`,
    ...usersOf(items),
    createdAt: now,
    updatedAt: now,
    expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
    events: [],
  };
  await stack.desk.store.operationItems.createAll(stack.tenantId, OPERATION_ID, items);
  await stack.desk.store.operations.create(operation);
}

beforeAll(async () => {
  stack = await startRequestStack({ size: 400 });
});

afterAll(async () => {
  await stack?.close();
});

describe('live progress on the cards of a run', () => {
  it("shows the approver's copy how far the run got, before it is drawn done", async () => {
    await bulkRequest();
    // Each write takes a while: the run outlasts its first checkpoints.
    await faults({ writeLatencyMs: 300, maxLatencyMs: 300 });
    try {
      const approval = await stack.invoke(
        'adaptiveCard/action',
        executeValue('request-approve', { operationId: OPERATION_ID }),
        MEGAN,
        { replyToId: MEGANS_CARD },
      );
      expect(approval.status).toBe(200);
      await stack.waitForCalls(
        (call) =>
          call.kind === 'update' && call.activityId === MEGANS_CARD && /\nDone\n/.test(shown(call)),
        { timeoutMs: 30_000 },
      );
      await stack.settle();
    } finally {
      await faults({ writeLatencyMs: 0, maxLatencyMs: 0 });
    }

    const redraws = stack.replies
      .filter((call) => call.kind === 'update' && call.activityId === MEGANS_CARD)
      .map(shown);
    // Redraws for a state change come too (the start, with every user still to do): progress is
    // what comes with a rate.
    const progress = redraws.filter((text) => /users\/(s|min) · /.test(text));
    expect(progress.length).toBeGreaterThan(0);
    for (const text of progress) {
      expect(text).toMatch(
        new RegExp(`\\n\\d+% · \\d+ of ${USERS} done · 0 failed · 0 skipped · \\d+ left\\n`),
      );
      expect(text).toMatch(/users\/(s|min) · (about .+ left|finishing)\n/);
    }
    // Progress came before the end, and none after it.
    expect(redraws.at(-1)).toMatch(/\nDone\n/);
    expect(redraws.at(-1)).not.toContain(`of ${USERS} done`);
    const last = await stack.desk.store.operations.get(stack.tenantId, OPERATION_ID);
    expect(last?.value.state).toBe('succeeded');
  }, 60_000);
});
