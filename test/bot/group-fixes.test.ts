import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SimUser } from '../../src/simulator/tenant/types.ts';
import type { ConnectorCall } from '../support/connector.ts';
import { ALEX_WILBER, type TestStack, type TurnResult } from '../support/stack.ts';
import { cardOf, executeValue, invokedCard, shownOn } from './support/replies.ts';
import { MEGAN, PATTI, startRequestStack } from './support/request-stack.ts';

const EXCHANGESTANDARD = '4b9405b0-7788-4568-add1-99614e613b69';
const SPE_E3 = '05e9a617-0261-4cee-bb44-138d3ef5d965';

let stack: TestStack;
let contractors: string;

const tenant = () => stack.simulator.tenant();
const shown = (card: unknown) => shownOn(card).join('\n');
const personal = (userId: string) => `a:personal-${userId}`;
const cardsIn = (call: ConnectorCall) =>
  ((call.activity.attachments ?? []) as { content: Record<string, unknown> }[]).map(
    (attachment) => attachment.content,
  );
const said = (turn: TurnResult): string => {
  const body = turn.body as { type: string; value: unknown };
  expect(body.type).toBe('application/vnd.microsoft.activity.message');
  return String(body.value);
};

interface Action {
  type: string;
  title: string;
  verb?: string;
  data?: Record<string, unknown>;
  card?: Record<string, unknown>;
}
/** Every action of a card, wherever it is (action sets in the body, show-cards), in order. */
function actionsOf(card: unknown): Action[] {
  if (Array.isArray(card)) {
    return card.flatMap(actionsOf);
  }
  if (card && typeof card === 'object') {
    const record = card as Record<string, unknown>;
    const own =
      typeof record.type === 'string' && record.type.startsWith('Action.')
        ? [record as unknown as Action]
        : [];
    return [...own, ...Object.values(record).flatMap(actionsOf)];
  }
  return [];
}
const verbs = (card: unknown) => actionsOf(card).flatMap((a) => (a.verb ? [a.verb] : []));

/** Contractors in error from the group for `error`, as the simulator holds them. */
function inError(error: string): SimUser[] {
  const members = tenant().membersWithLicenseErrors(contractors);
  return (members.ok ? members.value : []).filter((user) =>
    user.licenseAssignmentStates.some(
      (s) => s.assignedByGroup === contractors && s.error === error,
    ),
  );
}
async function buySeats(count: number): Promise<void> {
  const sku = tenant()
    .subscribedSkus()
    .find((s) => s.skuId === EXCHANGESTANDARD)!;
  const res = await fetch(`${stack.simulator.url}/_simulator/skus/${EXCHANGESTANDARD}`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ prepaidUnits: { enabled: sku.consumedUnits + count } }),
  });
  expect(res.status).toBe(200);
}
const click = (verb: string, data: Record<string, unknown>, as: string) =>
  stack.invoke('adaptiveCard/action', executeValue(verb, data), as, { replyToId: 'group-card-1' });
/** The group card License Desk posts into `userId`'s chat once a fix has settled. */
async function resultCard(userId: string, after: number): Promise<Record<string, unknown>> {
  const [posted] = await stack.waitForCalls(
    (call) =>
      stack.replies.indexOf(call) >= after &&
      call.conversationId === personal(userId) &&
      call.kind !== 'update' &&
      cardsIn(call).some((card) => shown(card).includes('Contractors')),
    { timeoutMs: 30_000 },
  );
  return cardsIn(posted!)[0]!;
}

beforeAll(async () => {
  // Seats change behind the bot's back: every card reads them anew.
  stack = await startRequestStack({ readCacheTimes: { skusMs: 0 } });
  contractors = tenant()
    .groups()
    .find((g) => g.displayName === 'Contractors')!.id;
});

afterAll(async () => {
  await stack?.close();
});

describe('group errors and their fixes, in the chat', () => {
  it('an approver sees the members in error grouped by reason, each with its fix as a button', async () => {
    const card = cardOf(await stack.personalMessage('group Contractors', MEGAN));
    const text = shown(card);

    expect(text).toContain('Why members are in error');
    for (const [error, title] of [
      ['CountViolation', 'Not enough licenses'],
      ['MutuallyExclusiveViolation', 'Conflicting service plans'],
      ['ProhibitedInUsageLocationViolation', 'Not available in their country'],
      ['UniquenessViolation', 'Duplicate email address'],
    ] as const) {
      const members = inError(error);
      expect(members.length).toBeGreaterThan(0);
      expect(text).toContain(
        `${title} · ${members.length} member${members.length === 1 ? '' : 's'} (${error})`,
      );
      expect(text).toContain(members[0]!.displayName);
    }
    expect(text).toContain(
      'Fix: Buy more seats or free some (see who holds it), then reprocess them.',
    );
    expect(text).toContain('usage location (CN)');

    const actions = actionsOf(card);
    const all = tenant().membersWithLicenseErrors(contractors);
    const count = all.ok ? all.value.length : 0;
    expect(actions).toContainEqual(
      expect.objectContaining({
        title: `Reprocess all ${count} members in error`,
        verb: 'group-reprocess',
        data: { groupId: contractors },
      }),
    );
    expect(actions).toContainEqual(
      expect.objectContaining({
        title: 'Who holds Exchange Online (Plan 1)',
        verb: 'sku-holders',
        data: { skuId: EXCHANGESTANDARD, shortfall: expect.anything() as unknown },
      }),
    );
    expect(actions).toContainEqual(
      expect.objectContaining({
        title: expect.stringMatching(
          /^Remove the conflicting direct license: Microsoft 365 E3/,
        ) as unknown,
        verb: 'group-remove-direct',
        data: { groupId: contractors, skuId: SPE_E3 },
      }),
    );
    const location = actions.find((a) => a.title === 'Set usage location')!;
    expect(location.type).toBe('Action.ShowCard');
    expect(verbs(location.card)).toEqual(['group-set-location']);
    const [duplicate] = inError('UniquenessViolation');
    expect(actions).toContainEqual(
      expect.objectContaining({
        title: `Reprocess ${duplicate!.displayName}`,
        verb: 'user-reprocess',
        data: { userId: duplicate!.id, groupId: contractors },
      }),
    );
    expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThan(28 * 1024);
  });

  it('a requester reads the same reasons without any fix button, and cannot click one', async () => {
    const card = cardOf(await stack.personalMessage('group Contractors', ALEX_WILBER));
    expect(shown(card)).toContain('Not enough licenses');
    expect(verbs(card).filter((verb) => verb !== 'group' && verb !== 'group-license')).toEqual([]);

    const refused = await click('group-reprocess', { groupId: contractors }, ALEX_WILBER);
    expect(said(refused)).toContain('Only license admins can do that');
  });

  it('seats bought, Reprocess all: the answer shows those members no longer in error', async () => {
    const short = inError('CountViolation');
    await buySeats(short.length);
    const after = stack.replies.length;

    const clicked = invokedCard(await click('group-reprocess', { groupId: contractors }, MEGAN));
    expect(shown(clicked)).toContain('Reprocessing every member in error…');
    // While it runs, nobody clicks twice.
    expect(verbs(clicked)).not.toContain('group-reprocess');

    const result = await resultCard(MEGAN, after);
    const text = shown(result);
    expect(text).toMatch(/Reprocessed \d+ members of "Contractors"\./);
    expect(text).toContain(`No longer in error: ${short.map((u) => u.displayName).join(', ')}`);
    expect(text).toContain(
      'Still in error: Conflicting service plans (MutuallyExclusiveViolation)',
    );
    expect(text).not.toContain('Not enough licenses');
    for (const user of short) {
      expect(text).not.toContain(user.userPrincipalName);
    }
    expect(inError('CountViolation')).toEqual([]);

    const history = await stack.personalMessage(
      `history for ${short[0]!.userPrincipalName}`,
      MEGAN,
    );
    expect(shown(cardOf(history))).toContain('group licenses reprocessed');
  });

  it('Set usage location: a code is asked for, then set and reprocessed, with the result', async () => {
    const abroad = inError('ProhibitedInUsageLocationViolation');
    await buySeats(abroad.length);
    expect(
      said(await click('group-set-location', { groupId: contractors, location: '' }, MEGAN)),
    ).toContain('Type the usage location first');
    expect(
      said(await click('group-set-location', { groupId: contractors, location: 'Narnia' }, MEGAN)),
    ).toContain('"Narnia" is not a country I know');
    const after = stack.replies.length;

    const clicked = invokedCard(
      await click('group-set-location', { groupId: contractors, location: 'Singapore' }, MEGAN),
    );
    expect(shown(clicked)).toContain('to SG, then reprocessing them');

    const text = shown(await resultCard(MEGAN, after));
    expect(text).toContain(`Usage location set to SG for ${abroad.length} member`);
    expect(text).toContain(`No longer in error: ${abroad.map((u) => u.displayName).join(', ')}`);
    expect(text).not.toContain('Not available in their country');
    expect(tenant().findUser(abroad[0]!.id)!.usageLocation).toBe('SG');
  });

  it('Remove the conflicting direct license asks for a removal, approved like a typed one', async () => {
    const [clashing] = inError('MutuallyExclusiveViolation');
    const answer = invokedCard(
      await click('group-remove-direct', { groupId: contractors, skuId: SPE_E3 }, MEGAN),
    );
    expect(shown(answer)).toContain('Waiting for an approver');
    // Nothing removed yet: Patti (another approver) gets the request to decide.
    expect(
      tenant()
        .findUser(clashing!.id)!
        .licenseAssignmentStates.some((s) => s.skuId === SPE_E3 && s.assignedByGroup === null),
    ).toBe(true);
    const [posted] = await stack.waitForCalls(
      (call) =>
        call.conversationId === personal(PATTI) &&
        cardsIn(call).some(
          (card) => 'refresh' in card && shown(card).includes(clashing!.displayName),
        ),
    );
    expect(shown(cardsIn(posted!)[0])).toContain(
      'conflicts with the licenses of the group "Contractors"',
    );
  });

  it('a click for a group or a person no longer there, or a license nobody clashes with, says so', async () => {
    const gone = '00000000-0000-0000-0000-0000000009999';
    expect(said(await click('group-reprocess', { groupId: gone }, MEGAN))).toBe(
      'That group no longer exists in your organisation.',
    );
    expect(
      said(
        await click(
          'group-remove-direct',
          { groupId: contractors, skuId: EXCHANGESTANDARD },
          MEGAN,
        ),
      ),
    ).toBe('No member of "Contractors" is in conflict because of that license now.');
    const after = stack.replies.length;
    expect(said(await click('user-reprocess', { userId: gone }, MEGAN))).toBe(
      'Reprocessing them… I will post the result here once Entra has processed it.',
    );
    const [posted] = await stack.waitForCalls(
      (call) => stack.replies.indexOf(call) >= after && call.conversationId === personal(MEGAN),
    );
    expect(posted!.activity.text).toBe('That person no longer exists in your organisation.');
  });

  it('Reprocess one user: still in error until the duplicate address is fixed, then fixed', async () => {
    const [duplicate] = inError('UniquenessViolation');
    await buySeats(1);
    const before = stack.replies.length;
    invokedCard(
      await click('user-reprocess', { userId: duplicate!.id, groupId: contractors }, MEGAN),
    );
    expect(shown(await resultCard(MEGAN, before))).toContain(
      `Still in error: Duplicate email address (UniquenessViolation): ${duplicate!.displayName}`,
    );

    await fetch(`${stack.simulator.url}/_simulator/users/${duplicate!.id}/proxyAddresses`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ proxyAddresses: [`SMTP:${duplicate!.userPrincipalName}`] }),
    });
    const after = stack.replies.length;
    const clicked = invokedCard(
      await click('user-reprocess', { userId: duplicate!.id, groupId: contractors }, MEGAN),
    );
    expect(shown(clicked)).toContain(`Reprocessing ${duplicate!.displayName}…`);
    const text = shown(await resultCard(MEGAN, after));
    expect(text).toContain(`Reprocessed 1 member of "Contractors".`);
    expect(text).toContain(`No longer in error: ${duplicate!.displayName}`);
    expect(text).not.toContain('Duplicate email address');
  });
});
