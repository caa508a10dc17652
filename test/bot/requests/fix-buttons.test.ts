import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ALEX_WILBER, startTestStack, type TestStack } from '../../support/stack.ts';
import { cardOf, executeValue, invokedCard, shownOn } from '../support/replies.ts';

const MEGAN = '00000000-0000-0000-0000-0000000000021'; // License Approvers
const PATTI = '00000000-0000-0000-0000-0000000000024'; // License Approvers
const ADELE_UPN = 'adelev@contoso.onmicrosoft.com';
const ISAIAH_UPN = 'isaiahl@contoso.onmicrosoft.com';
const MEGAN_UPN = 'meganb@contoso.onmicrosoft.com';
const LYNNE_UPN = 'lynner@contoso.onmicrosoft.com';
const E5 = '06ebc4ee-1bb5-47dd-8120-11324bc54e06';

let stack: TestStack;

type Button = { title: string; verb: string; data?: Record<string, unknown> };

/** Every Action.Execute on a card, in card-level actions and in action sets of its body. */
function allButtons(card: unknown): Button[] {
  if (Array.isArray(card)) {
    return card.flatMap(allButtons);
  }
  if (card && typeof card === 'object') {
    const record = card as Record<string, unknown>;
    const own =
      record.type === 'Action.Execute' && typeof record.title === 'string'
        ? [
            {
              title: record.title,
              verb: String(record.verb),
              ...(record.data ? { data: record.data as Record<string, unknown> } : {}),
            },
          ]
        : [];
    return [
      ...own,
      ...Object.entries(record)
        .filter(([key]) => key !== 'refresh')
        .flatMap(([, value]) => allButtons(value)),
    ];
  }
  return [];
}

const button = (card: unknown, title: string): Button => {
  const found = allButtons(card).find((candidate) => candidate.title === title);
  if (!found) {
    throw new Error(
      `no "${title}" among ${allButtons(card)
        .map((b) => b.title)
        .join(' | ')}`,
    );
  }
  return found;
};

const click = (found: Button, as = ALEX_WILBER) =>
  stack.invoke('adaptiveCard/action', executeValue(found.verb, found.data), as);

const skuOf = (partNumber: string) => {
  const sku = stack.simulator
    .tenant()
    .subscribedSkus()
    .find((candidate) => candidate.skuPartNumber === partNumber);
  if (!sku) {
    throw new Error(`no ${partNumber} in the demo tenant`);
  }
  return sku;
};

/** Buys no more seats than are used, behind License Desk's back. */
async function useUpSeats(partNumber: string) {
  const sku = skuOf(partNumber);
  const res = await fetch(`${stack.simulator.url}/_simulator/skus/${sku.skuId}`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ prepaidUnits: { enabled: sku.consumedUnits } }),
  });
  expect(res.status).toBe(200);
  return sku.skuId;
}

beforeAll(async () => {
  stack = await startTestStack();
  await stack.installationUpdate(MEGAN);
  await stack.installationUpdate(PATTI);
  await stack.installationUpdate(ALEX_WILBER);
  // A leaver who still holds E5 directly: the first seat to reclaim.
  const tenant = stack.simulator.tenant();
  expect(
    tenant.assignUserLicense(ADELE_UPN, {
      addLicenses: [{ skuId: E5, disabledPlans: [] }],
      removeLicenses: [],
    }).ok,
  ).toBe(true);
  expect(tenant.updateUser(ADELE_UPN, { accountEnabled: false }).ok).toBe(true);
  await useUpSeats('SPE_E5');
});

// Background work of one test (redraws, notices) must not land in the next test's turns.
afterEach(() => stack.settle());

afterAll(async () => {
  await stack?.close();
});

describe('no seats left', () => {
  it('shows the shortfall and a "Who holds" button on the pending request card', async () => {
    const card = cardOf(await stack.personalMessage(`assign SPE_E5 to ${ISAIAH_UPN}`, ALEX_WILBER));
    expect(shownOn(card).join('\n')).toContain('1 short: buy more first');
    expect(button(card, 'Who holds Microsoft 365 E5?')).toEqual({
      title: 'Who holds Microsoft 365 E5?',
      verb: 'sku-holders',
      data: { skuId: E5, shortfall: 1 },
    });
  });

  it('lists who holds it, disabled accounts first, direct or from a group', async () => {
    const ask = cardOf(await stack.personalMessage(`assign SPE_E5 to ${ISAIAH_UPN}`, ALEX_WILBER));
    const holders = invokedCard(await click(button(ask, 'Who holds Microsoft 365 E5?')));
    const shown = shownOn(holders);
    expect(shown[0]).toBe('Who holds Microsoft 365 E5');
    expect(shown).toContain('1 seat short');
    const names = shown.filter((line) => line.endsWith('@contoso.onmicrosoft.com)'));
    expect(names[0]).toBe(`Adele Vance (${ADELE_UPN})`);
    expect(names.length).toBeGreaterThan(1);
    expect(names.length).toBeLessThanOrEqual(20);
    expect(shown).toContain('Account disabled · assigned directly');
    expect(shown.filter((line) => line.startsWith('Account disabled')).length).toBeGreaterThan(0);
    expect(shown.some((line) => line.startsWith('Account enabled'))).toBe(true);
    expect(shown.find((line) => line.startsWith('Page '))).toMatch(
      /^Page 1 of \d+ \(\d+ holders, 20 a page\)$/,
    );
    expect(button(holders, 'Next page').data).toEqual({ skuId: E5, page: 2, shortfall: 1 });
  });

  it('says which group a license comes from, with no Remove button for it', async () => {
    // Patti gets E5 only from the Executive Team group.
    const holders = [];
    for (let page = 1; page <= 40; page += 1) {
      const card = invokedCard(
        await click({ title: '', verb: 'sku-holders', data: { skuId: E5, page } }),
      );
      holders.push(card);
      if (shownOn(card).includes('Patti Fernandez (pattif@contoso.onmicrosoft.com)')) {
        break;
      }
    }
    const last = shownOn(holders.at(-1));
    const at = last.indexOf('Patti Fernandez (pattif@contoso.onmicrosoft.com)');
    expect(at).toBeGreaterThan(-1);
    expect(last[at + 1]).toMatch(/^Account enabled · from the group "Executive Team"/);
    expect(allButtons(holders.at(-1)).map((b) => b.title)).not.toContain(
      'Remove it from Patti Fernandez',
    );
  });

  it('starts a normal remove request from a direct holder', async () => {
    const holders = invokedCard(
      await click({ title: '', verb: 'sku-holders', data: { skuId: E5, shortfall: 1 } }),
    );
    const remove = button(holders, 'Remove it from Adele Vance');
    expect(remove).toEqual({
      title: 'Remove it from Adele Vance',
      verb: 'request-command',
      data: {
        command: `remove SPE_E5 from ${ADELE_UPN} because the account is disabled and its Microsoft 365 E5 seat is needed`,
      },
    });
    const request = invokedCard(await click(remove));
    const shown = shownOn(request).join('\n');
    expect(shown).toContain('Waiting for an approver');
    expect(shown).toContain('Remove Microsoft 365 E5');
    expect(shown).toContain('the account is disabled and its Microsoft 365 E5 seat is needed');
    expect(shown).toContain('Adele Vance');
  });
});

describe('mutually exclusive plans', () => {
  it('offers to assign without the plan, or turn the other one off first', async () => {
    const card = cardOf(await stack.personalMessage(`assign SPE_F1 to ${MEGAN_UPN}`, ALEX_WILBER));
    expect(shownOn(card)).toContain(
      '• Exchange Online Kiosk (in Microsoft 365 F3) and Exchange Online (Plan 2) (in Microsoft 365 E5, Office 365 E3) cannot be on together',
    );
    expect(button(card, 'Assign without Exchange Online Kiosk').data).toEqual({
      command: `assign SPE_F1 to ${MEGAN_UPN} without EXCHANGE_S_DESKLESS`,
    });
    expect(
      button(card, 'Turn off Exchange Online (Plan 2) in Microsoft 365 E5 first').data,
    ).toEqual({ command: `disable EXCHANGE_S_ENTERPRISE in SPE_E5 for ${MEGAN_UPN}` });
  });

  it('asks the request again with the plan off', async () => {
    const card = cardOf(await stack.personalMessage(`assign SPE_F1 to ${MEGAN_UPN}`, ALEX_WILBER));
    const again = invokedCard(await click(button(card, 'Assign without Exchange Online Kiosk')));
    expect(shownOn(again).join('\n')).toContain('Waiting for an approver');
    const titles = allButtons(again).map((b) => b.title);
    expect(titles).not.toContain('Assign without Exchange Online Kiosk');
    expect(titles).toContain('Assign without SharePoint Kiosk');
  });
});

describe('a missing dependency', () => {
  it('offers to assign with the needed plan on', async () => {
    // Lynne has just joined: no license gives her SharePoint yet.
    const card = cardOf(
      await stack.personalMessage(
        `assign SPE_E3 to ${LYNNE_UPN} without SHAREPOINTENTERPRISE location US`,
        ALEX_WILBER,
      ),
    );
    expect(shownOn(card)).toContain('1 plan conflict(s): Microsoft 365 may refuse them');
    expect(button(card, 'Assign with SharePoint (Plan 2) on').data).toEqual({
      command: `assign SPE_E3 to ${LYNNE_UPN} location US`,
    });
  });
});

/** Asks as Alex, approves as Megan, and reads the card once the run has ended. */
async function approvedAndRun(text: string, beforeApproval: () => Promise<unknown>) {
  const asked = cardOf(await stack.personalMessage(text, ALEX_WILBER));
  const operationId = (asked.refresh as { action: { data: { operationId: string } } }).action.data
    .operationId;
  await beforeApproval();
  const approvedAt = stack.replies.length;
  await click({ title: 'Approve', verb: 'request-approve', data: { operationId } }, MEGAN);
  for (let tries = 0; tries < 100; tries += 1) {
    const card = invokedCard(
      await click({ title: '', verb: 'request-view', data: { operationId } }, MEGAN),
    );
    if (shownOn(card).includes('Failed')) {
      // The requester is told in the background; wait for it so the telling cannot land in the
      // middle of the next test's turn in the same chat.
      await stack.waitForCalls(
        (call) =>
          stack.replies.indexOf(call) >= approvedAt &&
          call.kind !== 'update' &&
          call.conversationId === `a:personal-${ALEX_WILBER}` &&
          JSON.stringify(call.activity).includes('Not done'),
      );
      return card;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the run did not fail');
}

describe('a run that fails at Microsoft 365', () => {
  it('asks for the usage location a user lost before the run, then asks again with it', async () => {
    const lynne = LYNNE_UPN;
    const tenant = stack.simulator.tenant();
    expect(tenant.updateUser(lynne, { usageLocation: 'US' }).ok).toBe(true);
    const failed = await approvedAndRun(`assign POWER_BI_PRO to ${lynne}`, () =>
      Promise.resolve(tenant.updateUser(lynne, { usageLocation: null })),
    );
    const fix = button(failed, 'Set the usage location and ask again');
    expect(fix.verb).toBe('fix-location');
    const location = invokedCard(await click(fix));
    expect(shownOn(location).join('\n')).toContain('usage location');
    const again = button(location, 'Set it and ask again');
    const asked = invokedCard(
      await click({ ...again, data: { ...again.data, location: 'fr' } }, ALEX_WILBER),
    );
    const shown = shownOn(asked).join('\n');
    expect(shown).toContain('Waiting for an approver');
    expect(shown).toContain('1 will get a usage location first');
  });

  it('shows the failed user with the "Who holds" button', async () => {
    let skuId = '';
    const failed = await approvedAndRun(`assign PROJECTPROFESSIONAL to ${ISAIAH_UPN}`, async () => {
      // Seats run out behind License Desk's back between the request and its approval.
      skuId = await useUpSeats('PROJECTPROFESSIONAL');
    });
    expect(button(failed, 'Who holds Planner and Project Plan 3?').data).toEqual({
      skuId,
      shortfall: 1,
    });
  });

  it('offers to assign without the plan Microsoft 365 found exclusive', async () => {
    // Exchange Plan 1 (from Office 365 E1) and Plan 2 exclude each other in the simulator's
    // tenant; License Desk's own rules let Microsoft 365 decide, so the run is refused.
    const tenant = stack.simulator.tenant();
    const e1 = skuOf('STANDARDPACK').skuId;
    const someone = tenant
      .users()
      .find(
        (user) =>
          user.accountEnabled &&
          user.usageLocation !== null &&
          user.licenseAssignmentStates.length === 0,
      )!.userPrincipalName;
    expect(
      tenant.assignUserLicense(someone, {
        addLicenses: [{ skuId: e1, disabledPlans: [] }],
        removeLicenses: [],
      }).ok,
    ).toBe(true);
    const failed = await approvedAndRun(
      `assign ENTERPRISEPACK to ${someone} because the audit project starts Monday`,
      () => Promise.resolve(),
    );
    const fix = button(failed, 'Assign without Exchange Online (Plan 2)');
    // The fix is asked for the same reason: approvers of it see why.
    expect(fix.data).toEqual({
      command: `assign ENTERPRISEPACK to ${someone} without EXCHANGE_S_ENTERPRISE because the audit project starts Monday`,
    });
    const again = invokedCard(await click(fix));
    expect(shownOn(again).join('\n')).toContain('Waiting for an approver');
  });

  it("redraws the requester's own copy with the button, named", async () => {
    await approvedAndRun(`assign PROJECTPROFESSIONAL to ${ADELE_UPN}`, () => Promise.resolve());
    const redrawn = await stack.waitForCalls(
      (call) =>
        call.kind === 'update' &&
        call.conversationId === `a:personal-${ALEX_WILBER}` &&
        allButtons(call.activity).some(
          (b) => b.title === 'Who holds Planner and Project Plan 3?',
        ) &&
        JSON.stringify(call.activity).includes('Adele Vance'),
    );
    expect(redrawn.length).toBeGreaterThan(0);
  });
});
