import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectorCall } from '../../support/connector.ts';
import { ALEX_WILBER, type TestStack, type TurnResult } from '../../support/stack.ts';
import { buttonsOf, cardOf, executeValue, invokedCard, shownOn } from '../support/replies.ts';
import { startRequestStack } from '../support/request-stack.ts';

const MEGAN = '00000000-0000-0000-0000-0000000000021'; // License Approvers
const PATTI = '00000000-0000-0000-0000-0000000000024'; // License Approvers
const E5 = '06ebc4ee-1bb5-47dd-8120-11324bc54e06';
const ISAIAH = 'isaiahl@contoso.onmicrosoft.com';
const LYNNE = 'lynner@contoso.onmicrosoft.com'; // no usage location yet

let stack: TestStack;

type Card = Record<string, unknown>;
interface Element {
  type: string;
  id?: string;
  value?: string;
  isRequired?: boolean;
  choices?: { title: string; value: string }[];
}

const shown = (card: unknown) => shownOn(card).join('\n');
const said = (call: ConnectorCall): string =>
  typeof call.activity.text === 'string' ? call.activity.text : '';
const personal = (userId: string) => `a:personal-${userId}`;
const cardsIn = (call: ConnectorCall) =>
  ((call.activity.attachments ?? []) as { content: Card }[]).map((a) => a.content);
const operationIdOf = (card: Card): string =>
  (card.refresh as { action: { data: { operationId: string } } }).action.data.operationId;

/** Every input of a card, containers included. */
function inputsOf(card: unknown): Element[] {
  if (Array.isArray(card)) {
    return card.flatMap(inputsOf);
  }
  if (card && typeof card === 'object') {
    const record = card as Record<string, unknown>;
    const own =
      typeof record.type === 'string' && record.type.startsWith('Input.')
        ? [record as unknown as Element]
        : [];
    return [...own, ...Object.values(record).flatMap(inputsOf)];
  }
  return [];
}

const input = (card: Card, id: string) => inputsOf(card).find((element) => element.id === id);

/** What Teams would post for the card's inputs (toggles, texts, choices), id → value. */
const values = (card: Card): Record<string, string> =>
  Object.fromEntries(inputsOf(card).map((element) => [element.id!, element.value ?? '']));

const toggles = (card: Card): Record<string, string> =>
  Object.fromEntries(
    inputsOf(card)
      .filter((element) => element.type === 'Input.Toggle')
      .map((element) => [element.id!, element.value!]),
  );

/** Clicks a card's button with what its inputs hold plus `typed`, as Teams posts it. */
function click(card: Card, title: string, typed: Record<string, string>, as: string) {
  const button = buttonsOf(card).find((b) => b.title === title);
  if (!button) {
    throw new Error(`no "${title}" on ${shown(card)}`);
  }
  return stack.invoke(
    'adaptiveCard/action',
    executeValue(button.verb, { ...values(card), ...typed, ...button.data }),
    as,
  );
}

async function openForm(as: string, text = 'request'): Promise<Card> {
  return cardOf(await stack.personalMessage(text, as));
}

const choiceFor = (form: Card, title: RegExp): string => {
  const found = input(form, 'license')!.choices!.find((choice) => title.test(choice.title));
  if (!found) {
    throw new Error(`no license choice like ${title}`);
  }
  return found.value;
};

/** Step 1 filled in and "Next" clicked: the plans card (or step 1 again with a message). */
async function next(
  as: string,
  fields: { users: string; license: RegExp; justification?: string },
): Promise<Card> {
  const form = await openForm(as);
  return invokedCard(
    await click(
      form,
      'Next',
      {
        users: fields.users,
        license: choiceFor(form, fields.license),
        justification: fields.justification ?? '',
      },
      as,
    ),
  );
}

async function itemsOf(operationId: string, state: 'planned' | 'done' = 'planned') {
  const page = await stack.desk.store.operationItems.listByState(
    stack.tenantId,
    operationId,
    state,
  );
  return page.items.map((item) => item.value);
}

async function licensesOf(upn: string) {
  const res = await fetch(`${stack.simulator.url}/_simulator/users/${upn}/licenses`);
  const body = (await res.json()) as {
    assignedLicenses: { skuId: string; disabledPlans: string[] }[];
  };
  return body.assignedLicenses;
}

async function operationCount(): Promise<number> {
  const page = await stack.desk.store.operations.listByRequester(stack.tenantId, ALEX_WILBER, {
    pageSize: 100,
  });
  return page.items.length;
}

const invokedText = (turn: TurnResult): string => {
  const body = turn.body as { type: string; value: unknown };
  return body.type === 'application/vnd.microsoft.activity.message' ? String(body.value) : '';
};

beforeAll(async () => {
  // No approvers' channel: approval cards go to each approver's own chat.
  stack = await startRequestStack();
});

// Background work of one test (redraws, notices) must not land in the next test's turns.
afterEach(() => stack.settle());

afterAll(async () => {
  await stack?.close();
});

describe('the request form', () => {
  it('`request` opens it: people, products and templates told apart, a required reason', async () => {
    const form = await openForm(ALEX_WILBER);
    expect(input(form, 'users')).toMatchObject({ type: 'Input.Text', isRequired: true });
    const titles = input(form, 'license')!.choices!.map((choice) => choice.title);
    expect(titles).toContainEqual(
      expect.stringMatching(/^Product: Microsoft 365 E5 · \d+ of \d+ seats free$/),
    );
    expect(titles).toContainEqual(expect.stringMatching(/^Template: Executive \(Microsoft 365 E5/));
    expect(input(form, 'justification')).toMatchObject({ isRequired: true });
    expect(buttonsOf(form).map((b) => b.verb)).toEqual(['request-form-plans']);
    // Approvers may leave the reason out; `new request` is the same form.
    expect(input(await openForm(MEGAN, 'new request'), 'justification')).toMatchObject({
      isRequired: false,
    });
  });

  it('is in help', async () => {
    const help = shown(cardOf(await stack.personalMessage('help', ALEX_WILBER)));
    expect(help).toMatch(/request/);
    expect(help).toContain('a form to ask for a license');
  });

  it('says on the card when nobody matches, keeping what was typed', async () => {
    const card = await next(ALEX_WILBER, {
      users: 'nobody-like-this@contoso.onmicrosoft.com',
      license: /Microsoft 365 E5 ·/,
      justification: 'New starter',
    });
    expect(shown(card)).toContain(
      'I found nobody matching "nobody-like-this@contoso.onmicrosoft.com"',
    );
    expect(input(card, 'users')!.value).toBe('nobody-like-this@contoso.onmicrosoft.com');
    expect(input(card, 'justification')!.value).toBe('New starter');
    expect(input(card, 'license')!.value).toMatch(/^sku:/);
  });

  it('asks for a reason before going on when a requester gave none', async () => {
    const card = await next(ALEX_WILBER, { users: ISAIAH, license: /Microsoft 365 E5 ·/ });
    expect(shown(card)).toContain('Say why they need it');
    expect(buttonsOf(card).map((b) => b.title)).toEqual(['Next']);
  });

  it('lets them pick when a name fits several people, then goes on with the one picked', async () => {
    const byFirstName = new Map<string, number>();
    for (const user of stack.simulator.tenant().users()) {
      const first = user.displayName.split(' ')[0]!;
      byFirstName.set(first, (byFirstName.get(first) ?? 0) + 1);
    }
    const name = [...byFirstName].find(([, count]) => count >= 2 && count <= 5)![0];
    const asked = await next(ALEX_WILBER, {
      users: `${name}, ${ISAIAH}`,
      license: /Microsoft 365 E5 ·/,
      justification: 'Project work',
    });
    expect(shown(asked)).toContain(`Several people match "${name}"`);
    const picked = input(asked, 'chosen')!.choices![1]!;
    const plans = invokedCard(await click(asked, 'Next', { chosen: picked.value }, ALEX_WILBER));
    expect(shown(plans)).toContain(picked.value);
    expect(shown(plans)).toContain(`Isaiah Langer · ${ISAIAH}`);
  });

  it('shows every plan of Microsoft 365 E5 on, and no location for someone who has one', async () => {
    const plans = await next(ALEX_WILBER, {
      users: ISAIAH,
      license: /Microsoft 365 E5 ·/,
      justification: 'x',
    });
    const sku = (await stack.desk.directory.listSkus()).find((s) => s.skuId === E5)!;
    const switches = toggles(plans);
    expect(Object.keys(switches)).toHaveLength(sku.servicePlans.length);
    expect(Object.values(switches).every((value) => value === 'true')).toBe(true);
    expect(shown(plans)).toContain('Product: Microsoft 365 E5');
    expect(input(plans, 'location')).toBeUndefined();
    expect(buttonsOf(plans).map((b) => b.title)).toEqual(['Send request', 'Back']);
    const back = invokedCard(await click(plans, 'Back', {}, ALEX_WILBER));
    expect(input(back, 'users')!.value).toBe(ISAIAH);
    expect(input(back, 'license')!.value).toBe(`sku:${E5}`);
    expect(input(back, 'justification')!.value).toBe('x');
  });
});

describe('sending the form', () => {
  it('asks for E5 with two plans off: approvers see why, and the tenant gets exactly that', async () => {
    const plans = await next(ALEX_WILBER, {
      users: ISAIAH,
      license: /Microsoft 365 E5 ·/,
      justification: 'Moves to the security team',
    });
    const sku = (await stack.desk.directory.listSkus()).find((s) => s.skuId === E5)!;
    const [first, second] = sku.servicePlans;
    const off = {
      [`plan:SPE_E5:${first!.servicePlanName}`]: 'false',
      [`plan:SPE_E5:${second!.servicePlanName}`]: 'false',
    };
    const sent = await click(plans, 'Send request', off, ALEX_WILBER);
    const status = invokedCard(sent);
    expect(shown(status)).toContain('Waiting for an approver');
    const operationId = operationIdOf(status);

    const [posted] = await stack.waitForCalls(
      (call) =>
        call.conversationId === personal(MEGAN) &&
        cardsIn(call).some((c) => 'refresh' in c && operationIdOf(c) === operationId),
    );
    const approval = cardsIn(posted!)[0]!;
    expect(shown(approval)).toContain('Moves to the security team');
    expect(shown(approval)).toContain('Isaiah Langer');
    const stored = await stack.desk.store.operations.get(stack.tenantId, operationId);
    expect(stored?.value.justification).toBe('Moves to the security team');
    const [item] = await itemsOf(operationId);
    expect(item!.body.addLicenses).toEqual([
      { skuId: E5, disabledPlans: [first!.servicePlanId, second!.servicePlanId] },
    ]);

    const approved = await stack.invoke(
      'adaptiveCard/action',
      executeValue('request-approve', { operationId }),
      MEGAN,
    );
    expect(shown(invokedCard(approved))).toContain('Approved by Megan Bowen');
    await stack.waitForCalls(
      (call) => call.conversationId === personal(ALEX_WILBER) && said(call).startsWith('Done'),
    );
    const e5 = (await licensesOf(ISAIAH)).find((license) => license.skuId === E5);
    expect(new Set(e5?.disabledPlans)).toEqual(
      new Set([first!.servicePlanId, second!.servicePlanId]),
    );
  });

  it('refuses a When it cannot read, on the form, and stores nothing', async () => {
    const plans = await next(ALEX_WILBER, {
      users: ISAIAH,
      license: /Power BI Pro ·/,
      justification: 'Reports from next month',
    });
    const before = await stack.desk.store.schedules.list(stack.tenantId);
    const sent = await click(plans, 'Send request', { when: 'every night at 25:00' }, ALEX_WILBER);
    expect(shown(invokedCard(sent))).toContain('write times as HH:MM on a 24-hour clock');
    expect(await stack.desk.store.schedules.list(stack.tenantId)).toEqual(before);
  });

  it('with a When, asks for it then: the request waits for approval and says when it starts', async () => {
    const plans = await next(ALEX_WILBER, {
      users: LYNNE,
      license: /Power BI Pro ·/,
      justification: 'Reports from next month',
    });
    const sent = await click(
      plans,
      'Send request',
      { when: 'at 2099-01-15 22:00 UTC', location: 'US' },
      ALEX_WILBER,
    );
    const status = invokedCard(sent);
    expect(shown(status)).toContain('Scheduled: starts Thu 2099-01-15 22:00 UTC, not before.');
    const operationId = operationIdOf(status);
    const stored = await stack.desk.store.operations.get(stack.tenantId, operationId);
    expect(stored?.value).toMatchObject({ state: 'pending', startAt: '2099-01-15T22:00:00.000Z' });
    const schedules = await stack.desk.store.schedules.list(stack.tenantId);
    expect(schedules.map((entry) => entry.value)).toContainEqual(
      expect.objectContaining({
        operationId,
        state: 'active',
        nextDueAt: '2099-01-15T22:00:00.000Z',
      }),
    );
  });

  it('asks for a usage location for someone without one, and sets the one given', async () => {
    const plans = await next(MEGAN, { users: 'Lynne Robbins', license: /Power BI Pro ·/ });
    expect(shown(plans)).toContain(`Lynne Robbins · ${LYNNE} · no usage location yet`);
    expect(input(plans, 'location')).toMatchObject({ value: 'US', isRequired: true });
    const wrong = invokedCard(await click(plans, 'Send request', { location: 'ZZ' }, MEGAN));
    expect(shown(wrong)).toContain('"ZZ" is not a country');
    expect(input(wrong, 'location')!.value).toBe('ZZ');

    // An approver's own single assign runs at once, with no reason needed.
    const sent = invokedCard(await click(wrong, 'Send request', { location: 'gb' }, MEGAN));
    expect(shown(sent)).toContain('about to run');
    await stack.waitForCalls(
      (call) => call.conversationId === personal(MEGAN) && said(call).startsWith('Done'),
    );
    const [item] = await itemsOf(operationIdOf(sent), 'done');
    expect(item?.setUsageLocation).toBe('GB');
    const lynne = stack.simulator
      .tenant()
      .users()
      .find((u) => u.userPrincipalName === LYNNE);
    expect(lynne?.usageLocation).toBe('GB');
  });

  it('offers a template with its own plan choices, and sends it with one more plan off', async () => {
    const plans = await next(ALEX_WILBER, {
      users: 'adelev@contoso.onmicrosoft.com',
      license: /^Template: Standard Employee/,
      justification: 'Back from leave',
    });
    expect(shown(plans)).toContain('Template: Standard Employee');
    const switches = toggles(plans);
    expect(switches['plan:SPE_E3:TEAMS1']).toBe('true');
    const templateOff = Object.entries(switches).filter(([, value]) => value === 'false');
    expect(templateOff.length).toBeGreaterThan(0);
    expect(Object.keys(switches).some((id) => id.startsWith('plan:POWER_BI_PRO:'))).toBe(true);

    const turnedOn = invokedCard(
      await click(plans, 'Send request', { [templateOff[0]![0]]: 'true' }, ALEX_WILBER),
    );
    expect(shown(turnedOn)).toContain('The template Standard Employee keeps');

    const sent = invokedCard(
      await click(
        turnedOn,
        'Send request',
        { [templateOff[0]![0]]: 'false', 'plan:SPE_E3:TEAMS1': 'false' },
        ALEX_WILBER,
      ),
    );
    expect(shown(sent)).toContain('Waiting for an approver');
    const items = await itemsOf(operationIdOf(sent));
    const sku = (await stack.desk.directory.listSkus()).find((s) => s.skuPartNumber === 'SPE_E3')!;
    const idOf = (name: string) =>
      sku.servicePlans.find((p) => p.servicePlanName === name)!.servicePlanId;
    const e3 = items[0]!.body.addLicenses.find((license) => license.skuId === sku.skuId)!;
    expect(new Set(e3.disabledPlans)).toEqual(
      new Set([...templateOff.map(([id]) => idOf(id.split(':')[2]!)), idOf('TEAMS1')]),
    );
  });

  it('refuses switches that are not plans of the chosen license, and sends nothing', async () => {
    const plans = await next(ALEX_WILBER, {
      users: ISAIAH,
      license: /Power BI Pro ·/,
      justification: 'Reports',
    });
    const before = await operationCount();
    for (const forged of ['plan:POWER_BI_PRO:NOT_A_PLAN', 'plan:SPE_E5:TEAMS1']) {
      const refused = invokedCard(
        await click(plans, 'Send request', { [forged]: 'false' }, ALEX_WILBER),
      );
      expect(shown(refused)).toContain(
        `"${forged.slice(5)}" is not a service plan of Power BI Pro`,
      );
      expect(buttonsOf(refused).map((b) => b.title)).toEqual(['Send request', 'Back']);
    }
    const noReason = invokedCard(
      await click(plans, 'Send request', { justification: '' }, ALEX_WILBER),
    );
    expect(shown(noReason)).toContain('Say why they need it');
    expect(await operationCount()).toBe(before);
  });

  it('checks the card data again on send: a forged license or person is refused', async () => {
    const forged = await stack.invoke(
      'adaptiveCard/action',
      executeValue('request-form-send', {
        users: ISAIAH,
        license: 'sku:00000000-0000-0000-0000-000000000000',
        justification: 'x',
      }),
      ALEX_WILBER,
    );
    expect(shown(invokedCard(forged))).toContain('That license is not offered in this tenant');
    const nobody = await stack.invoke(
      'adaptiveCard/action',
      executeValue('request-form-send', {
        users: 'ghost@contoso.onmicrosoft.com',
        license: `sku:${E5}`,
        justification: 'x',
      }),
      ALEX_WILBER,
    );
    expect(shown(invokedCard(nobody))).toContain('I found nobody matching "ghost@');
    expect(invokedText(nobody)).toBe('');
  });
});

describe('a typed reason', () => {
  it('`… because <reason>` reaches the approvers and the record like the form’s', async () => {
    const turn = await stack.personalMessage(
      'assign Power BI Pro to pattif@contoso.onmicrosoft.com because she reviews the sales reports',
      ALEX_WILBER,
    );
    const operationId = operationIdOf(cardOf(turn));
    const stored = await stack.desk.store.operations.get(stack.tenantId, operationId);
    expect(stored?.value.justification).toBe('she reviews the sales reports');
    const [posted] = await stack.waitForCalls(
      (call) =>
        call.conversationId === personal(PATTI) &&
        cardsIn(call).some((c) => 'refresh' in c && operationIdOf(c) === operationId),
    );
    expect(shown(cardsIn(posted!)[0])).toContain('she reviews the sales reports');
  });
});
