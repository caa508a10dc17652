import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Clock } from '../../src/app/ports/clock.ts';
import { systemClock } from '../../src/graph/system-clock.ts';
import { ALERT_JOB, EXPIRY_JOB, RESUME_JOB } from '../../src/server/license-desk.ts';
import { SCHEDULE_JOB } from '../../src/server/schedule-jobs.ts';
import { FABRIKAM_TENANT_ID } from '../../src/simulator/index.ts';
import type { Speaker } from '../support/activities.ts';
import { saveBulkAssign } from '../support/bulk-operation.ts';
import type { ConnectorCall } from '../support/connector.ts';
import { ALEX_WILBER, type TestStack } from '../support/stack.ts';
import { cardOf, executeValue, textOf } from '../bot/support/replies.ts';
import { MEGAN, PATTI, startRequestStack } from '../bot/support/request-stack.ts';

/**
 * The background jobs with two tenants served (Contoso, the operator's, and Fabrikam): expiry,
 * resume, alerts and schedules each do a tenant's work with that tenant's Graph, stores and
 * conversations, and leave a suspended tenant's work alone. Jobs are run by hand (`runNow`),
 * their intervals long, so each test decides when a tick happens.
 */

const FIONA = 'f2b1c3d4-0001-4000-8000-000000000001';
const FELIX = 'f2b1c3d4-0001-4000-8000-000000000002';
const FREYA = 'f2b1c3d4-0001-4000-8000-000000000003';
const FREYA_UPN = 'freya.lind@fabrikam.example';
const ADELE = '00000000-0000-0000-0000-0000000000022';
const E3 = '05e9a617-0261-4cee-bb44-138d3ef5d965';
const E5 = '06ebc4ee-1bb5-47dd-8120-11324bc54e06';
const VISIO = 'c5928f49-12ba-48f7-ada3-0d743a3601d5';
const HOUR = 3_600_000;
const ZONE = 'Europe/London';

// License Desk's clock: real time, moved forward when a request must expire or a time pass.
let ahead = 0;
const clock: Clock = {
  now: () => new Date(Date.now() + ahead),
  sleep: (ms, signal) => systemClock.sleep(ms, signal),
};

let stack: TestStack;

const fabrikam = (aadObjectId: string): Speaker => ({ aadObjectId, tenantId: FABRIKAM_TENANT_ID });
const home = (aadObjectId: string): Speaker => ({ aadObjectId, tenantId: stack.tenantId });
const personal = (userId: string) => `a:personal-${userId}`;
const CONTOSO_CHATS = [MEGAN, PATTI, ALEX_WILBER].map(personal);
const FABRIKAM_CHATS = [FIONA, FELIX].map(personal);
const operationIdOf = (card: Record<string, unknown>): string =>
  (card.refresh as { action: { data: { operationId: string } } }).action.data.operationId;
const mentions = (call: ConnectorCall, text: string) =>
  JSON.stringify(call.activity).includes(text);

function say(text: string, as: Speaker) {
  return stack.send({ type: 'message', text, localTimezone: ZONE }, as);
}

function click(verb: string, data: Record<string, unknown>, as: Speaker) {
  return stack.send(
    { type: 'invoke', name: 'adaptiveCard/action', value: executeValue(verb, data) },
    as,
  );
}

/** A team channel's message, in the tenant of `as`. */
function inChannel(text: string, channelId: string, as: Speaker) {
  const tenantId = as.tenantId ?? stack.tenantId;
  return stack.send(
    {
      type: 'message',
      text,
      conversation: {
        id: channelId,
        conversationType: 'channel',
        tenantId,
        isGroup: true,
        name: '',
      },
      channelData: {
        tenant: { id: tenantId },
        team: { id: `${channelId}-team` },
        channel: { id: channelId },
      },
    },
    as,
  );
}

async function licensesIn(tenantPath: string, upn: string): Promise<string[] | undefined> {
  const res = await fetch(`${stack.simulator.url}/_simulator${tenantPath}/users/${upn}/licenses`);
  if (res.status === 404) {
    return undefined;
  }
  const body = (await res.json()) as { assignedLicenses: { skuId: string }[] };
  return body.assignedLicenses.map((license) => license.skuId);
}
const fabrikamLicenses = (user: string) => licensesIn(`/tenants/${FABRIKAM_TENANT_ID}`, user);
const contosoLicenses = (user: string) => licensesIn('', user);

/** Asks in chat; the operation id from the asker's status card. */
async function ask(text: string, as: Speaker): Promise<string> {
  const sent = await say(text, as);
  return operationIdOf(
    cardOf({ ...sent, replies: sent.replies.filter((c) => c.kind !== 'update') }),
  );
}

const stateOf = async (tenantId: string, operationId: string) =>
  (await stack.desk.store.operations.get(tenantId, operationId))?.value.state;

/** Suspends Fabrikam (the operator's approver), runs `during`, then serves it again. */
async function whileSuspended(during: () => Promise<void>): Promise<void> {
  expect(textOf(await say('tenant suspend fabrikam', home(MEGAN)))).toContain('Suspended');
  try {
    await during();
  } finally {
    expect(textOf(await say('tenant resume fabrikam', home(MEGAN)))).toContain('served again');
  }
}

beforeAll(async () => {
  stack = await startRequestStack({
    clock,
    size: 60,
    env: {
      APPROVAL_EXPIRY_HOURS: '1',
      EXPIRY_SWEEP_SECONDS: '86400',
      RESUME_INTERVAL_SECONDS: '3600',
      ALERT_INTERVAL_SECONDS: '86400',
      SCHEDULE_CHECK_SECONDS: '3600',
    },
  });
  await stack.installationUpdate(ADELE);
  for (const person of [FIONA, FELIX]) {
    await stack.send(
      { type: 'installationUpdate', action: 'add' },
      { aadObjectId: person, tenantId: FABRIKAM_TENANT_ID },
    );
  }
});

afterEach(async () => {
  ahead = 0;
  await stack.settle();
});

afterAll(async () => {
  await stack?.close();
});

describe('the expiry job', () => {
  it("expires each tenant's undecided requests, tells each only in its own chats, and skips a suspended tenant", async () => {
    const theirs = await ask(
      `assign E5 to ${FREYA_UPN} because she leads the roll-out`,
      fabrikam(FELIX),
    );
    const ours = await ask(
      'assign Microsoft 365 E5 to adelev@contoso.onmicrosoft.com because she joins security',
      home(ALEX_WILBER),
    );
    await stack.settle();

    // Suspended, Fabrikam's request is left as it is; Contoso's expires.
    await whileSuspended(async () => {
      ahead = 2 * HOUR;
      expect(await stack.desk.jobs.runNow(EXPIRY_JOB)).toBe(true);
      expect(await stateOf(stack.tenantId, ours)).toBe('expired');
      expect(await stateOf(FABRIKAM_TENANT_ID, theirs)).toBe('pending');
    });

    const first = stack.replies.length;
    expect(await stack.desk.jobs.runNow(EXPIRY_JOB)).toBe(true);
    expect(await stateOf(FABRIKAM_TENANT_ID, theirs)).toBe('expired');
    await stack.waitForCalls(
      (call) => call.conversationId === personal(FELIX) && mentions(call, 'expired'),
    );
    await stack.settle();
    const told = stack.replies.slice(first).filter((call) => mentions(call, theirs));
    expect(told.length).toBeGreaterThan(0);
    expect(told.filter((call) => !FABRIKAM_CHATS.includes(call.conversationId))).toEqual([]);
    // Neither tenant's history holds the other's request.
    const history = async (tenantId: string) =>
      (await stack.desk.store.history.query(tenantId, {})).items.map((e) => e.operationId);
    expect(await history(FABRIKAM_TENANT_ID)).toContain(theirs);
    expect(await history(FABRIKAM_TENANT_ID)).not.toContain(ours);
    expect(await history(stack.tenantId)).not.toContain(theirs);
    expect(await fabrikamLicenses(FREYA_UPN)).not.toContain(E5);
  });
});

describe('the resume job', () => {
  it('runs a Fabrikam run left approved in Fabrikam only, and leaves it alone while Fabrikam is suspended', async () => {
    expect(await fabrikamLicenses(FREYA)).not.toContain(VISIO);
    await whileSuspended(async () => {
      await saveBulkAssign(
        {
          operations: stack.desk.store.operations,
          operationItems: stack.desk.store.operationItems,
        },
        {
          id: 'left-in-fabrikam',
          tenantId: FABRIKAM_TENANT_ID,
          userIds: [FREYA],
          skuId: VISIO,
          state: 'approved',
        },
      );
      await stack.desk.jobs.runNow(RESUME_JOB);
      expect(await stateOf(FABRIKAM_TENANT_ID, 'left-in-fabrikam')).toBe('approved');
    });
    await stack.desk.jobs.runNow(RESUME_JOB);
    await stack.settle();
    expect(await stateOf(FABRIKAM_TENANT_ID, 'left-in-fabrikam')).toBe('succeeded');
    expect(await fabrikamLicenses(FREYA)).toContain(VISIO);
    expect(await contosoLicenses(FREYA)).toBeUndefined();
  });

  it('two tenants’ runs under one operation id each run their own users in their own tenant', async () => {
    const stores = {
      operations: stack.desk.store.operations,
      operationItems: stack.desk.store.operationItems,
    };
    // A Contoso user without E5, and a seat for them.
    const contoso = stack.simulator.tenant();
    const someone = contoso
      .users()
      .find(
        (user) =>
          user.usageLocation !== null &&
          !user.licenseAssignmentStates.some((state) => state.skuId === E5),
      )!;
    const e5 = contoso.subscribedSkus().find((sku) => sku.skuId === E5)!;
    expect(contoso.setPrepaidUnits(E5, e5.consumedUnits + 5).ok).toBe(true);
    // The items container is partitioned by operation id: both tenants' items share a partition.
    await saveBulkAssign(stores, {
      id: 'twin-run',
      tenantId: stack.tenantId,
      userIds: [someone.id],
      skuId: E5,
      state: 'running',
    });
    await saveBulkAssign(stores, {
      id: 'twin-run',
      tenantId: FABRIKAM_TENANT_ID,
      userIds: [FELIX],
      skuId: VISIO,
      state: 'running',
    });
    await stack.desk.jobs.runNow(RESUME_JOB);
    await stack.settle();
    const outcome = async (tenantId: string) => {
      const found = await stack.desk.store.operations.get(tenantId, 'twin-run');
      return { state: found?.value.state, counts: found?.value.checkpoint?.counts };
    };
    expect(await outcome(stack.tenantId)).toMatchObject({
      state: 'succeeded',
      counts: { done: 1, failed: 0 },
    });
    expect(await outcome(FABRIKAM_TENANT_ID)).toMatchObject({
      state: 'succeeded',
      counts: { done: 1, failed: 0 },
    });
    expect(await contosoLicenses(someone.id)).toContain(E5);
    expect(await fabrikamLicenses(FELIX)).toContain(VISIO);
  });
});

describe('the alert job', () => {
  it("alerts a Fabrikam group's license errors in Fabrikam's subscribed channel only, and Contoso's in Contoso's", async () => {
    const fabrikamOps = '19:fabrikam-ops@thread.tacv2';
    const contosoOps = '19:contoso-ops@thread.tacv2';
    expect(textOf(await inChannel('alerts on', fabrikamOps, fabrikam(FIONA)))).toContain(
      'Alerts are on',
    );
    expect(textOf(await inChannel('alerts on', contosoOps, home(MEGAN)))).toContain(
      'Alerts are on',
    );

    // Fabrikam's E3 seats all taken, then Freya joins "Fabrikam Sales" (E3 by group): an error.
    const tenant = stack.simulator.tenant(FABRIKAM_TENANT_ID);
    const sales = tenant.groups().find((g) => g.displayName === 'Fabrikam Sales')!;
    const e3 = tenant.subscribedSkus().find((s) => s.skuId === E3)!;
    expect(tenant.setPrepaidUnits(E3, e3.consumedUnits).ok).toBe(true);
    expect(tenant.addGroupMember(sales.id, FREYA).ok).toBe(true);
    await expect
      .poll(() => {
        const inError = tenant.membersWithLicenseErrors(sales.id);
        return inError.ok ? inError.value.length : 0;
      })
      .toBeGreaterThan(0);

    const first = stack.replies.length;
    await stack.desk.jobs.runNow(ALERT_JOB);
    await stack.waitForCalls(
      (call) => call.conversationId === fabrikamOps && mentions(call, 'Fabrikam Sales'),
    );
    await stack.waitForCalls(
      (call) => call.conversationId === contosoOps && mentions(call, 'Contractors'),
    );
    await stack.settle();
    const sent = stack.replies.slice(first);
    expect(sent.filter((c) => c.conversationId === contosoOps && mentions(c, 'Fabrikam'))).toEqual(
      [],
    );
    expect(
      sent.filter((c) => c.conversationId === fabrikamOps && mentions(c, 'Contractors')),
    ).toEqual([]);
    expect(
      sent
        .filter((c) => ![fabrikamOps, contosoOps].includes(c.conversationId))
        .map((c) => c.conversationId),
    ).toEqual([]);
    const snapshot = async (tenantId: string) =>
      JSON.stringify((await stack.desk.store.alertSnapshots.get(tenantId))?.value ?? null);
    expect(await snapshot(FABRIKAM_TENANT_ID)).not.toContain('Contractors');
    expect(await snapshot(stack.tenantId)).not.toContain('Fabrikam Sales');
  });
});

describe('the schedule job', () => {
  it('runs a Fabrikam one-time change at its time, in Fabrikam only, its cards in Fabrikam’s chats', async () => {
    const due = new Date(Math.ceil((clock.now().getTime() + 10 * 60_000) / 60_000) * 60_000);
    const at = wallClock(due, ZONE);
    const asked = await say(
      `assign E5 to ${FREYA_UPN} at ${at} because she leads the security review`,
      fabrikam(FELIX),
    );
    const schedules = await stack.desk.store.schedules.list(FABRIKAM_TENANT_ID);
    const once = schedules.find((s) => s.value.timing.kind === 'once')?.value;
    expect(once, JSON.stringify(asked.replies)).toBeDefined();
    expect(await stack.desk.store.schedules.list(stack.tenantId)).toEqual([]);
    const operationId = once!.operationId!;
    await stack.waitForCalls(
      (call) => call.conversationId === personal(FIONA) && mentions(call, operationId),
    );
    expect((await click('request-approve', { operationId }, fabrikam(FIONA))).status).toBe(200);
    expect(await stateOf(FABRIKAM_TENANT_ID, operationId)).toBe('approved');

    // Not yet its time: nothing runs.
    await stack.desk.jobs.runNow(SCHEDULE_JOB);
    expect(await fabrikamLicenses(FREYA_UPN)).not.toContain(E5);

    const first = stack.replies.length;
    ahead = due.getTime() - Date.now() + 2_000;
    await stack.desk.jobs.runNow(SCHEDULE_JOB);
    await expect
      .poll(() => fabrikamLicenses(FREYA_UPN), { timeout: 20_000, interval: 200 })
      .toContain(E5);
    await stack.settle();
    expect(await stateOf(FABRIKAM_TENANT_ID, operationId)).toBe('succeeded');
    expect(await contosoLicenses(FREYA_UPN)).toBeUndefined();
    const told = stack.replies.slice(first).filter((call) => mentions(call, operationId));
    expect(told.filter((call) => CONTOSO_CHATS.includes(call.conversationId))).toEqual([]);
  });
});

function wallClock(moment: Date, zone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(moment)
      .map((part) => [part.type, part.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}
