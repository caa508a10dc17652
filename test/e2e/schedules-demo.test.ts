import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Clock } from '../../src/app/ports/clock.ts';
import type { Schedule } from '../../src/domain/schedules/schedule.ts';
import { systemClock } from '../../src/graph/system-clock.ts';
import { cardsOf, executeValue, shownOn, textOf } from '../bot/support/replies.ts';
import { MEGAN, PATTI, startRequestStack } from '../bot/support/request-stack.ts';
import type { ConnectorCall } from '../support/connector.ts';
import type { TestStack, TurnResult } from '../support/stack.ts';

/**
 * Issue 12's "Done when", through `POST /api/messages` only: a recurring rule typed with Teams'
 * `localTimezone`, approved by a second approver with a bound, listed by `schedules`, run now
 * twice (the second run picks up only the member added since), a one-time transfer that starts
 * by itself once its time has passed (License Desk's clock moved past it), and a bad time refused
 * with nothing stored. The tenant and the stores are read only to assert.
 */

const POWER_BI_PRO = 'f8a1db68-be16-40ed-86d5-cb42ce701560';
const M365_E3 = '05e9a617-0261-4cee-bb44-138d3ef5d965';
const M365_E5 = '06ebc4ee-1bb5-47dd-8120-11324bc54e06';
const ZONE = 'Europe/Berlin';
/** Groups of the demo tenant (seed 1, 200 people) with direct members and no Power BI Pro. */
const CANDIDATE_GROUPS = ['Sales EMEA', 'Sales', 'Marketing Team'];

// License Desk's clock: real time, moved forward when the one-time schedule's time must pass.
let ahead = 0;
const clock: Clock = {
  now: () => new Date(Date.now() + ahead),
  sleep: (ms, signal) => systemClock.sleep(ms, signal),
};

let stack: TestStack;
/** A, who asks, and B, the second approver, who decides and runs. */
const A = MEGAN;
const B = PATTI;

const personal = (userId: string) => `a:personal-${userId}`;
const shown = (card: unknown) => shownOn(card).join('\n');
const cardsIn = (call: ConnectorCall): Record<string, unknown>[] =>
  ((call.activity.attachments ?? []) as { content: Record<string, unknown> }[]).map(
    (attachment) => attachment.content,
  );

/** Every Action.Execute anywhere on a card (in action sets too): verb and data. */
function actionsOf(
  card: unknown,
): { title?: string; verb: string; data: Record<string, unknown> }[] {
  if (Array.isArray(card)) {
    return card.flatMap(actionsOf);
  }
  if (card && typeof card === 'object') {
    const record = card as Record<string, unknown>;
    const own =
      record.type === 'Action.Execute' && typeof record.verb === 'string'
        ? [
            {
              ...(typeof record.title === 'string' ? { title: record.title } : {}),
              verb: record.verb,
              data: (record.data ?? {}) as Record<string, unknown>,
            },
          ]
        : [];
    return [
      ...own,
      ...Object.entries(record)
        .filter(([key]) => key !== 'data')
        .flatMap(([, value]) => actionsOf(value)),
    ];
  }
  return [];
}

const said = (turn: TurnResult) => textOf(turn);

/** A message typed in `as`'s personal chat, with Teams' `localTimezone` as Berlin. */
function type(text: string, as: string): Promise<TurnResult> {
  return stack.send(
    { type: 'message', text, localTimezone: ZONE },
    { aadObjectId: as, tenantId: stack.tenantId },
  );
}

/** A click on an Action.Execute in `as`'s personal chat. */
function click(verb: string, data: Record<string, unknown>, as: string): Promise<TurnResult> {
  return stack.invoke('adaptiveCard/action', executeValue(verb, data), as, {
    replyToId: `card-${verb}`,
    localTimezone: ZONE,
  });
}

/** What an invoke answered: its card's text, or the text it sent. */
function answerOf(turn: TurnResult): string {
  const body = turn.body as { type?: string; value?: unknown } | undefined;
  if (body?.type === 'application/vnd.microsoft.card.adaptive') {
    return shown(body.value);
  }
  return [typeof body?.value === 'string' ? body.value : '', said(turn)].join('\n');
}

const GRAPH = { authorization: 'Bearer test' };

async function graph<T>(url: string): Promise<T> {
  const res = await fetch(`${stack.simulator.url}${url}`, { headers: GRAPH });
  expect(res.status, url).toBe(200);
  return (await res.json()) as T;
}

async function licensesOf(userId: string): Promise<string[]> {
  const body = await graph<{ assignedLicenses: { skuId: string }[] }>(
    `/_simulator/users/${userId}/licenses`,
  );
  return body.assignedLicenses.map((license) => license.skuId);
}

async function groupIdOf(name: string): Promise<string> {
  const found = await graph<{ value: { id: string }[] }>(
    `/v1.0/groups?$filter=${encodeURIComponent(`displayName eq '${name}'`)}&$select=id`,
  );
  expect(found.value).toHaveLength(1);
  return found.value[0]!.id;
}

interface Member {
  id: string;
  userPrincipalName: string;
}

async function usersIn(groupId: string): Promise<Member[]> {
  const found = await graph<{ value: (Member & { '@odata.type'?: string })[] }>(
    `/v1.0/groups/${groupId}/transitiveMembers?$select=id,userPrincipalName&$top=999`,
  );
  return found.value.filter((member) => typeof member.userPrincipalName === 'string');
}

async function withoutPowerBi(members: Member[]): Promise<Member[]> {
  const held = await Promise.all(members.map((member) => licensesOf(member.id)));
  return members.filter((_, index) => !held[index]!.includes(POWER_BI_PRO));
}

/** Every user of the tenant, for a newcomer to add and a user to transfer. */
async function allUsers(): Promise<(Member & { usageLocation: string | null })[]> {
  const found = await graph<{ value: (Member & { usageLocation: string | null })[] }>(
    '/v1.0/users?$select=id,userPrincipalName,usageLocation&$top=999',
  );
  return found.value;
}

const schedulesStored = async (): Promise<Schedule[]> =>
  (await stack.desk.store.schedules.list(stack.tenantId)).map((entry) => entry.value);

/** The local wall-clock time of `at` in `zone`: "YYYY-MM-DD HH:MM". */
function wallClock(at: Date, zone: string): string {
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
      .formatToParts(at)
      .map((part) => [part.type, part.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

beforeAll(async () => {
  // A, B and Alex have the app: no approvers' channel, so approval cards go to approvers' chats.
  stack = await startRequestStack({ clock, env: { SCHEDULE_CHECK_SECONDS: '1' } });
}, 60_000);

afterAll(async () => {
  await stack?.close();
});

describe("issue 12's schedules, typed and clicked in Teams", () => {
  let groupName = '';
  let groupId = '';
  let scheduleId = '';
  let firstLicensed: Member[] = [];
  // The one-time transfer: its user, its time, its request and its schedule.
  let user: Member | undefined;
  let due: Date | undefined;
  let operationId = '';
  let onceId = '';

  it('A types a nightly rule in Berlin time; B gets its approval card and approves it with a bound', async () => {
    for (const name of CANDIDATE_GROUPS) {
      const id = await groupIdOf(name);
      const members = await usersIn(id);
      if (members.length > 0 && (await withoutPowerBi(members)).length > 0) {
        groupName = name;
        groupId = id;
        break;
      }
    }
    expect(groupName, 'a demo group with members without Power BI Pro').not.toBe('');
    firstLicensed = await withoutPowerBi(await usersIn(groupId));
    // The organisation bought Power BI Pro for them (the demo tenant has 10 seats, 8 used).
    const bought = await fetch(`${stack.simulator.url}/_simulator/skus/${POWER_BI_PRO}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ prepaidUnits: { enabled: 100 } }),
    });
    expect(bought.status).toBe(200);

    const asked = await type(
      `assign Power BI Pro to group "${groupName}" every night at 02:00 because new joiners need reports`,
      A,
    );
    const reply = said(asked);
    expect(reply).toContain('Asked for approval');
    expect(reply).toContain('every night at 02:00 (Europe/Berlin)');

    const stored = await schedulesStored();
    expect(stored).toHaveLength(1);
    const schedule = stored[0]!;
    expect(schedule).toMatchObject({
      state: 'pending',
      owner: { userId: A },
      timing: { kind: 'recurring', cron: '0 2 * * *', timeZone: ZONE },
      justification: 'new joiners need reports',
    });
    scheduleId = schedule.id;

    // The schedule approval card, in B's chat (not in A's: A may not approve their own rule).
    const [posted] = await stack.waitForCalls(
      (call) =>
        call.conversationId === personal(B) &&
        cardsIn(call).some((card) => shown(card).includes('Schedule request')),
    );
    const approvalCard = cardsIn(posted!).find((card) => shown(card).includes('Schedule request'))!;
    expect(shown(approvalCard)).toContain(`Assign Power BI Pro to group "${groupName}"`);
    expect(shown(approvalCard)).toContain('every night at 02:00 (Europe/Berlin)');
    expect(
      stack.replies.some(
        (call) =>
          call.conversationId === personal(A) &&
          cardsIn(call).some((card) => shown(card).includes('Schedule request')),
      ),
    ).toBe(false);

    // B clicks Approve with the bound typed in (as Teams posts the click with the card's inputs).
    const approved = await click(
      'schedule-approve',
      { scheduleId, boundUsers: '50', boundSeats: '50' },
      B,
    );
    expect(approved.status).toBe(200);
    const after = (await stack.desk.store.schedules.get(stack.tenantId, scheduleId))!.value;
    expect(after, answerOf(approved)).toMatchObject({
      state: 'active',
      bound: { users: 50, seats: 50 },
      decidedBy: { userId: B },
    });
    // The next run is the next 02:00 in Berlin (01:00 or 00:00 UTC).
    expect(after.nextDueAt).toBeDefined();
    expect(wallClock(new Date(after.nextDueAt!), ZONE)).toMatch(/ 02:00$/);
    await stack.settle();
    // Every posted copy is redrawn decided, so no one finds Approve on a stale one.
    expect(after.approvalCards?.map((copy) => copy.activityId)).toContain(posted!.sentId);
    const redrawn = await stack.waitForCalls(
      (call) =>
        call.kind === 'update' &&
        call.conversationId === personal(B) &&
        call.activityId === posted!.sentId,
    );
    const decided = cardsIn(redrawn.at(-1)!)[0]!;
    expect(shown(decided)).toContain('Approved by Patti Fernandez');
    expect(actionsOf(decided).map((action) => action.verb)).not.toContain('schedule-approve');
  });

  it("B's schedule approval card offers the bound inputs, Approve and Reject", () => {
    const posted = stack.replies.filter(
      (call) =>
        call.conversationId === personal(B) &&
        cardsIn(call).some((card) => shown(card).includes('Schedule request')),
    );
    expect(posted.length).toBeGreaterThan(0);
    const card = cardsIn(posted[0]!).find((c) => shown(c).includes('Schedule request'))!;
    const verbs = actionsOf(card).map((action) => action.verb);
    expect(verbs).toEqual(expect.arrayContaining(['schedule-approve', 'schedule-reject']));
    expect(JSON.stringify(card)).toContain('"boundUsers"');
    expect(JSON.stringify(card)).toContain('"boundSeats"');
  });

  it('`schedules` lists the rule with its next run', async () => {
    const schedule = (await stack.desk.store.schedules.get(stack.tenantId, scheduleId))!.value;
    const listed = await type('schedules', A);
    const cards = cardsOf(listed);
    expect(cards, said(listed)).toHaveLength(1);
    const text = shown(cards[0]);
    expect(text).toContain(schedule.summary);
    expect(text).toContain('every night at 02:00');
    // The next run, as admins read it: "Sun 2026-12-07 02:00 Europe/Berlin".
    const next = wallClock(new Date(schedule.nextDueAt!), ZONE);
    expect(text).toContain(`${next} ${ZONE}`);
    expect(
      actionsOf(cards[0]).some(
        (action) => action.verb === 'schedule-run-now' && action.data.scheduleId === scheduleId,
      ),
    ).toBe(true); // an approver's list offers Run now on every schedule
  });

  it('B clicks Run now: the members without Power BI Pro get it', async () => {
    expect(firstLicensed.length).toBeGreaterThan(0);
    const ran = await click('schedule-run-now', { scheduleId }, B);
    expect(ran.status).toBe(200);
    expect(answerOf(ran)).toContain('Ran ');
    await stack.settle();
    await waitForLicensed(firstLicensed);
    const schedule = (await stack.desk.store.schedules.get(stack.tenantId, scheduleId))!.value;
    expect(schedule.runCount).toBe(1);
    expect(schedule.lastRun).toMatchObject({ result: 'started' });
    const operation = (await stack.desk.store.operations.get(
      stack.tenantId,
      schedule.lastRun!.operationId!,
    ))!.value;
    expect(operation.userCount).toBe(firstLicensed.length);
  });

  it('a member added since: Run now again licenses exactly that one user', async () => {
    const members = new Set((await usersIn(groupId)).map((member) => member.id));
    const candidates = (await allUsers()).filter(
      (user) => !members.has(user.id) && user.usageLocation,
    );
    let newcomer: Member | undefined;
    for (const user of candidates) {
      if (!(await licensesOf(user.id)).includes(POWER_BI_PRO)) {
        newcomer = user;
        break;
      }
    }
    expect(newcomer, 'a user outside the group without Power BI Pro').toBeDefined();
    const added = await fetch(`${stack.simulator.url}/_simulator/groups/${groupId}/members`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ memberId: newcomer!.id }),
    });
    expect(added.status, await added.clone().text()).toBe(204);
    const before = await licensedCount(await usersIn(groupId));

    const ran = await click('schedule-run-now', { scheduleId }, B);
    expect(ran.status).toBe(200);
    expect(answerOf(ran)).toContain('Ran ');
    await stack.settle();
    await waitForLicensed([newcomer!]);
    expect(await licensedCount(await usersIn(groupId))).toBe(before + 1);

    const schedule = (await stack.desk.store.schedules.get(stack.tenantId, scheduleId))!.value;
    expect(schedule.runCount).toBe(2);
    const operationId = schedule.lastRun!.operationId!;
    const operation = (await stack.desk.store.operations.get(stack.tenantId, operationId))!.value;
    expect(operation.userCount).toBe(1);
    const counts = await stack.desk.store.operationItems.countByState(stack.tenantId, operationId);
    expect(Object.values(counts).reduce((sum, count) => sum + count, 0)).toBe(1);
  });

  it('A edits the rule on the schedules card: it waits for approval again, and B approves the edit', async () => {
    const listed = cardsOf(await type('schedules', A))[0]!;
    const box = JSON.stringify(listed).match(
      new RegExp(`"id":"change-${scheduleId}","label":"[^"]*","value":"((?:[^"\\\\]|\\\\.)*)"`),
    );
    expect(box, 'the Edit box of the rule').not.toBeNull();
    const current = JSON.parse(`"${box![1]}"`) as string;
    expect(current).toBe(
      `assign Power BI Pro to group "${groupName}" every night at 02:00 because new joiners need reports`,
    );
    const wrong = await click(
      'schedule-edit',
      { scheduleId, [`change-${scheduleId}`]: current.replace('02:00', '26:00') },
      A,
    );
    expect(answerOf(wrong)).toContain('write times as HH:MM on a 24-hour clock');
    expect((await stack.desk.store.schedules.get(stack.tenantId, scheduleId))!.value.state).toBe(
      'active',
    );

    const edited = await click(
      'schedule-edit',
      {
        scheduleId,
        [`change-${scheduleId}`]: current.replace('every night at 02:00', 'every Monday at 06:00'),
      },
      A,
    );
    expect(answerOf(edited)).toContain('it waits for an approver again');
    const pending = (await stack.desk.store.schedules.get(stack.tenantId, scheduleId))!.value;
    expect(pending).toMatchObject({
      state: 'pending',
      timing: { kind: 'recurring', cron: '0 6 * * 1', timeZone: ZONE },
      editedBy: { userId: A },
    });
    expect(pending.bound).toBeUndefined();
    expect(pending.nextDueAt).toBeUndefined();

    const approved = await click(
      'schedule-approve',
      { scheduleId, boundUsers: '20', boundSeats: '20' },
      B,
    );
    expect(approved.status).toBe(200);
    const after = (await stack.desk.store.schedules.get(stack.tenantId, scheduleId))!.value;
    expect(after).toMatchObject({ state: 'active', bound: { users: 20, seats: 20 } });
    expect(wallClock(new Date(after.nextDueAt!), ZONE)).toMatch(/^Mon .* 06:00$|06:00$/);
    await stack.settle();
  });

  it('A asks for a transfer a couple of minutes ahead in Berlin time; B approves it', async () => {
    // Someone with E3 and without E5, whom nobody else touches in this file.
    user = undefined;
    for (const candidate of await allUsers()) {
      const held = await licensesOf(candidate.id);
      if (held.includes(M365_E3) && !held.includes(M365_E5) && candidate.usageLocation) {
        user = candidate;
        break;
      }
    }
    expect(user, 'a user with Microsoft 365 E3 and not E5').toBeDefined();
    // Two minutes ahead on the minute: still ahead when the message arrives.
    due = new Date(Math.ceil((clock.now().getTime() + 120_000) / 60_000) * 60_000);
    const at = wallClock(due, ZONE);
    const before = (await schedulesStored()).length;

    const asked = await type(
      `transfer ${user!.userPrincipalName} from Microsoft 365 E3 to Microsoft 365 E5 at ${at} because she moves to security`,
      A,
    );
    const answer = [said(asked), ...cardsOf(asked).map(shown)].join('\n');
    expect(answer).toContain(`${at}`);
    const stored = await schedulesStored();
    expect(stored).toHaveLength(before + 1);
    const once = stored.find((schedule) => schedule.timing.kind === 'once')!;
    expect(once).toMatchObject({ state: 'active', owner: { userId: A } });
    expect(once.nextDueAt).toBe(due.toISOString());
    operationId = once.operationId!;
    onceId = once.id;
    let operation = (await stack.desk.store.operations.get(stack.tenantId, operationId))!.value;
    // Every transfer needs an approver, and A may not approve their own: B approves it on the
    // approval card in B's chat.
    expect(operation.state).toBe('pending');
    await stack.waitForCalls(
      (call) =>
        call.conversationId === personal(B) &&
        cardsIn(call).some((card) =>
          actionsOf(card).some(
            (action) =>
              action.verb === 'request-approve' && action.data.operationId === operationId,
          ),
        ),
    );
    const approved = await click('request-approve', { operationId }, B);
    expect(approved.status).toBe(200);
    operation = (await stack.desk.store.operations.get(stack.tenantId, operationId))!.value;
    expect(operation.state).toBe('approved');
    expect(operation.decidedBy?.userId).toBe(B);
  });

  it('the one-time transfer waits for its time, then the job starts it by itself', async () => {
    const operation = (await stack.desk.store.operations.get(stack.tenantId, operationId))!.value;
    expect(operation.startAt).toBe(due!.toISOString());
    // Not before its time: the job (every second) leaves it alone.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(await licensesOf(user!.id)).toContain(M365_E3);
    expect((await stack.desk.store.operations.get(stack.tenantId, operationId))!.value.state).toBe(
      'approved',
    );

    // License Desk's clock past the time: the job starts it.
    ahead = due!.getTime() - Date.now() + 2_000;
    await expect
      .poll(async () => await licensesOf(user!.id), { timeout: 20_000, interval: 200 })
      .toEqual(expect.arrayContaining([M365_E5]));
    expect(await licensesOf(user!.id)).not.toContain(M365_E3);
    await expect
      .poll(
        async () => (await stack.desk.store.schedules.get(stack.tenantId, onceId))!.value.lastRun,
        { timeout: 10_000, interval: 100 },
      )
      .toMatchObject({ result: 'started', operationId });
  });

  it('a group license change takes a time too: stored for approval, starting then', async () => {
    const reply = await type(
      `license group "${groupName}" with Power BI Pro in 7 days because the reports move to the group`,
      A,
    );
    expect(said(reply)).toMatch(
      /Scheduled for \w{3} \d{4}-\d{2}-\d{2} \d{2}:\d{2} Europe\/Berlin, once approved/,
    );
    const schedule = (await schedulesStored()).find(
      (entry) => entry.timing.kind === 'once' && entry.timing.phrase === 'in 7 days',
    );
    expect(schedule).toMatchObject({ state: 'active', owner: { userId: A } });
    const operation = (await stack.desk.store.operations.get(
      stack.tenantId,
      schedule!.operationId!,
    ))!.value;
    expect(operation).toMatchObject({
      state: 'pending',
      startAt: schedule!.nextDueAt,
      group: { displayName: groupName },
    });
    const refused = await type(
      `license group "${groupName}" with Power BI Pro every night at 02:00 because the reports`,
      A,
    );
    expect(said(refused)).toContain('schedule the change once');
  });

  it('a bad time is refused with a sentence naming HH:MM, and nothing is stored', async () => {
    const before = await schedulesStored();
    const refused = await type('assign Power BI Pro to group "X" every night at 25:00', A);
    const reply = said(refused);
    expect(reply).toContain('HH:MM');
    expect(reply).toContain('25:00');
    expect(await schedulesStored()).toEqual(before);
  });
});

async function licensedCount(members: Member[]): Promise<number> {
  const held = await Promise.all(members.map((member) => licensesOf(member.id)));
  return held.filter((skus) => skus.includes(POWER_BI_PRO)).length;
}

async function waitForLicensed(members: Member[]): Promise<void> {
  await expect
    .poll(
      async () => {
        const held = await Promise.all(members.map((member) => licensesOf(member.id)));
        return held.filter((skus) => !skus.includes(POWER_BI_PRO)).length;
      },
      { timeout: 20_000, interval: 100, message: 'members still without Power BI Pro' },
    )
    .toBe(0);
}
