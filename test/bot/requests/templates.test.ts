import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Clock } from '../../../src/app/ports/clock.ts';
import { systemClock } from '../../../src/graph/index.ts';
import {
  ALEX_WILBER,
  startTestStack,
  type TestStack,
  type TurnResult,
} from '../../support/stack.ts';
import { cardOf, executeValue, invokedCard, shownOn } from '../support/replies.ts';

const MEGAN = '00000000-0000-0000-0000-0000000000021'; // License Approvers

let stack: TestStack;

// License Desk's clock: real time, moved past the SKU cache when the simulator's SKUs change.
let ahead = 0;
const clock: Clock = {
  now: () => new Date(Date.now() + ahead),
  sleep: (ms, signal) => systemClock.sleep(ms, signal),
};

const shown = (card: unknown) => shownOn(card).join('\n');
const click = (verb: string, data: Record<string, unknown>, as = MEGAN) =>
  stack.invoke('adaptiveCard/action', executeValue(verb, data), as);
const said = (turn: TurnResult): string => {
  const body = turn.body as { type: string; value: unknown };
  expect(body.type).toBe('application/vnd.microsoft.activity.message');
  return String(body.value);
};

interface CardAction {
  type: string;
  title: string;
  verb?: string;
  data?: Record<string, unknown>;
  card?: { actions: CardAction[] };
}

/** Every action on a card, ShowCard sub-cards included, as Teams would offer them. */
function actionsOf(card: unknown): CardAction[] {
  if (Array.isArray(card)) {
    return card.flatMap(actionsOf);
  }
  if (card && typeof card === 'object') {
    const record = card as Record<string, unknown>;
    const own =
      typeof record.type === 'string' && record.type.startsWith('Action.')
        ? [record as unknown as CardAction]
        : [];
    return [...own, ...Object.values(record).flatMap(actionsOf)];
  }
  return [];
}

const action = (card: unknown, title: string) => {
  const found = actionsOf(card).find((a) => a.title === title);
  if (!found) {
    throw new Error(`no "${title}" on ${shown(card)}`);
  }
  return found;
};

/** The toggles of a plans card, id → value, as the form would submit them. */
function toggles(card: unknown): Record<string, string> {
  const all: Record<string, string> = {};
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) {
      node.forEach(walk);
    } else if (node && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      if (record.type === 'Input.Toggle') {
        all[String(record.id)] = String(record.value);
      }
      Object.values(record).forEach(walk);
    }
  };
  walk(card);
  return all;
}

async function storedNamed(name: string) {
  const all = await stack.desk.store.templates.list(stack.tenantId);
  return all.find((template) => template.value.name === name);
}

/** New template → name and licenses → plans → save, as an approver clicks through it. */
async function create(name: string, skus: string, off: string[] = []) {
  const list = cardOf(await stack.personalMessage('templates', MEGAN));
  const form = invokedCard(await click('template-edit', action(list, 'New template').data ?? {}));
  const offered = JSON.stringify(form);
  for (const sku of skus.split(',')) {
    expect(offered).toContain(`"value":"${sku}"`);
  }
  const next = action(form, 'Next: service plans');
  const plans = invokedCard(await click(next.verb!, { ...next.data, name, description: '', skus }));
  const inputs = toggles(plans);
  for (const key of off) {
    inputs[key] = 'false';
  }
  const saveButton = action(plans, 'Save template');
  return click(saveButton.verb!, { ...saveButton.data, name, description: '', ...inputs });
}

beforeAll(async () => {
  stack = await startTestStack({ clock });
});

// Background work of one test (redraws, notices) must not land in the next test's turns.
afterEach(() => stack.settle());

afterAll(async () => {
  await stack?.close();
});

describe('templates', () => {
  it('lists the seeded templates with their license and plans by name, read-only for requesters', async () => {
    const card = cardOf(await stack.personalMessage('templates', ALEX_WILBER));
    const text = shown(card);
    for (const name of ['Standard Employee', 'Executive', 'Frontline Worker', 'Email Only']) {
      expect(text).toContain(name);
    }
    expect(text).toMatch(/Microsoft 365 E3: .*Microsoft Teams/);
    expect(text).toContain('Microsoft 365 E5: all service plans on');
    expect(actionsOf(card)).toHaveLength(0);
  });

  it('says when a SKU lost or gained plans since the template was saved', async () => {
    await stack.desk.store.templates.create({
      id: 'drifted',
      tenantId: stack.tenantId,
      updatedAt: new Date().toISOString(),
      name: 'Drifted',
      licenses: [
        {
          skuPartNumber: 'POWER_BI_PRO',
          enabledPlans: ['BI_AZURE_P2', 'RETIRED_PLAN'],
          knownPlans: ['BI_AZURE_P2', 'RETIRED_PLAN'],
        },
      ],
    });
    const text = shown(cardOf(await stack.personalMessage('templates', MEGAN)));
    expect(text).toMatch(/⚠ Power BI Pro no longer has RETIRED_PLAN/);
    expect(text).toMatch(/now also has .*\(off in this template\)/);
  });

  it('lets an approver create one: name, licenses, then plan toggles', async () => {
    const saved = invokedCard(await create('Analyst', 'POWER_BI_PRO,EXCHANGESTANDARD', []));
    expect(shown(saved)).toContain('Saved "Analyst"');
    expect(shown(saved)).toContain('Power BI Pro: all service plans on');
    const stored = await storedNamed('Analyst');
    expect(stored?.value.licenses.map((l) => l.skuPartNumber)).toEqual([
      'POWER_BI_PRO',
      'EXCHANGESTANDARD',
    ]);
  });

  it('keeps the plans an approver turned off, and lists the ones on', async () => {
    const sku = (await stack.desk.directory.listSkus()).find((s) => s.skuPartNumber === 'SPE_E3')!;
    const [first, ...rest] = sku.servicePlans.map((plan) => plan.servicePlanName);
    const saved = invokedCard(await create('E3 minus one', 'SPE_E3', [`plan:SPE_E3:${first}`]));
    expect(shown(saved)).toContain('Saved "E3 minus one"');
    const stored = await storedNamed('E3 minus one');
    expect(stored?.value.licenses[0]).toMatchObject({
      skuPartNumber: 'SPE_E3',
      enabledPlans: rest,
    });
  });

  it('refuses a name already taken, whatever its case', async () => {
    expect(said(await create('executive', 'SPE_E5'))).toContain(
      'There is already a template called "executive"',
    );
  });

  it('refuses to save over a change made after the form was opened', async () => {
    const list = cardOf(await stack.personalMessage('templates', MEGAN));
    const edit = actionsOf(list).find(
      (a) => a.title === 'Edit' && a.data?.templateId === 'frontline-worker',
    )!;
    const form = invokedCard(await click(edit.verb!, edit.data!));
    const next = action(form, 'Next: service plans');
    const plans = invokedCard(
      await click(next.verb!, {
        ...next.data,
        name: 'Frontline Worker',
        description: '',
        skus: 'SPE_F1',
      }),
    );
    const saveButton = action(plans, 'Save template');
    const body = { ...saveButton.data, name: 'Frontline', description: '', ...toggles(plans) };
    // Another approver saves first.
    expect(
      shown(invokedCard(await click(saveButton.verb!, { ...body, name: 'Frontline (2026)' }))),
    ).toContain('Saved');
    expect(said(await click(saveButton.verb!, body))).toContain('Someone changed');
    expect(await storedNamed('Frontline (2026)')).toBeDefined();
  });

  it('deletes one with its confirmation, once', async () => {
    const list = cardOf(await stack.personalMessage('templates', MEGAN));
    const remove = action(list, 'Delete Email Only');
    expect(remove.data).toMatchObject({ templateId: 'email-only' });
    const after = invokedCard(await click(remove.verb!, remove.data!));
    expect(shown(after)).toContain('Deleted "Email Only"');
    expect(shownOn(after).filter((line) => line === 'Email Only')).toHaveLength(0);
    expect(await storedNamed('Email Only')).toBeUndefined();
    expect(said(await click(remove.verb!, remove.data!))).toContain('already deleted');
  });

  it('is for approvers only, whatever the card carries', async () => {
    expect(
      said(await click('template-delete', { templateId: 'executive', etag: '*' }, ALEX_WILBER)),
    ).toContain('Only license admins');
    expect(await storedNamed('Executive')).toBeDefined();
  });

  it('pages the list, the same for requesters, with buttons that lead to the next and back', async () => {
    const before = (await stack.desk.store.templates.list(stack.tenantId)).length;
    for (let i = 1; i <= 9; i += 1) {
      await stack.desk.store.templates.create({
        id: `paged-${i}`,
        tenantId: stack.tenantId,
        updatedAt: new Date().toISOString(),
        name: `Paged ${String(i).padStart(2, '0')}`,
        licenses: [{ skuPartNumber: 'POWER_BI_PRO', enabledPlans: 'all' }],
      });
    }
    const total = before + 9;
    const pages = Math.ceil(total / 8);
    expect(pages).toBeGreaterThan(1);
    const first = cardOf(await stack.personalMessage('templates', ALEX_WILBER));
    expect(shown(first)).toContain(`Page 1 of ${pages} (${total} templates)`);
    expect(shownOn(first).filter((line) => line.startsWith('Paged ')).length).toBeLessThan(9);
    expect(actionsOf(first).map((a) => a.title)).toEqual(['Next page']);
    const seen = new Set(shownOn(first).filter((line) => /^Paged \d\d$/.test(line)));
    let card: Record<string, unknown> = first;
    for (let page = 2; page <= pages; page += 1) {
      const next = action(card, 'Next page');
      expect(next.data).toEqual({ page });
      card = invokedCard(await click(next.verb!, next.data!, ALEX_WILBER));
      expect(shown(card)).toContain(`Page ${page} of ${pages}`);
      shownOn(card)
        .filter((line) => /^Paged \d\d$/.test(line))
        .forEach((line) => seen.add(line));
    }
    expect(seen.size).toBe(9);
    expect(actionsOf(card).map((a) => a.title)).toEqual(['Previous page']);
    const back = action(card, 'Previous page');
    expect(shown(invokedCard(await click(back.verb!, back.data!, ALEX_WILBER)))).toContain(
      `Page ${pages - 1} of ${pages}`,
    );
    // An approver's pages keep New template, and every card stays under Teams' limit.
    const approverCard = cardOf(await stack.personalMessage('templates', MEGAN));
    expect(actionsOf(approverCard).map((a) => a.title)).toContain('New template');
    expect(Buffer.byteLength(JSON.stringify(approverCard))).toBeLessThan(28 * 1024);
  });

  it('says when the SKU of a seeded template gained or lost plans since it was seeded', async () => {
    const seeded = await stack.desk.store.templates.get(stack.tenantId, 'standard-employee');
    const e3Known = seeded?.value.licenses.find((l) => l.skuPartNumber === 'SPE_E3')?.knownPlans;
    expect(e3Known?.length).toBeGreaterThan(0);
    expect(shown(cardOf(await stack.personalMessage('templates', MEGAN)))).not.toContain(
      'Microsoft 365 E3 no longer',
    );
    const e3 = (await stack.desk.directory.listSkus()).find((s) => s.skuPartNumber === 'SPE_E3')!;
    const plans = (servicePlans: { servicePlanId: string; servicePlanName: string }[]) =>
      fetch(`${stack.simulator.url}/_simulator/skus/${e3.skuId}/servicePlans`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ servicePlans }),
      });
    const original = e3.servicePlans.map(({ servicePlanId, servicePlanName }) => ({
      servicePlanId,
      servicePlanName,
    }));
    const changed = [
      ...original.filter((plan) => plan.servicePlanName !== 'INTUNE_A'),
      {
        servicePlanId: '11111111-2222-3333-4444-555555555555',
        servicePlanName: 'NEW_COPILOT_PLAN',
      },
    ];
    expect((await plans(changed)).status).toBe(200);
    try {
      ahead += 60_000; // past the SKU cache
      const text = shown(cardOf(await stack.personalMessage('templates', MEGAN)));
      expect(text).toMatch(
        /⚠ Microsoft 365 E3 no longer has Microsoft Intune.* and now also has NEW_COPILOT_PLAN \(off in this template\)/,
      );
    } finally {
      expect((await plans(original)).status).toBe(200);
      ahead += 60_000;
    }
  });
});
