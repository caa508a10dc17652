import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardOf, shownOn } from '../bot/support/replies.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';

const MEGAN = '00000000-0000-0000-0000-0000000000021'; // License Approvers
const LYNNE = 'lynner@contoso.onmicrosoft.com';
const POWER_BI_PRO = 'f8a1db68-be16-40ed-86d5-cb42ce701560';

let stack: TestStack;
const tenant = () => stack.simulator.tenant();
const said = (text: unknown): string => (typeof text === 'string' ? text : '');

beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack.close();
});

/** The "N of M used" line the licenses card shows for Power BI Pro. */
async function powerBiSeatsShown(): Promise<string | undefined> {
  const lines = shownOn(cardOf(await stack.personalMessage('licenses', MEGAN)));
  const name = lines.findIndex((line) => line.startsWith('Power BI Pro'));
  return lines
    .slice(name)
    .find((line) => /^\d+ of \d+ used/.test(line))
    ?.match(/^\d+ of \d+ used/)?.[0];
}

const powerBi = () =>
  tenant()
    .subscribedSkus()
    .find((sku) => sku.skuId === POWER_BI_PRO)!;

describe('seat counts kept for a few seconds', () => {
  it("shows License Desk's own assignment in the very next licenses card", async () => {
    const before = powerBi().consumedUnits;
    expect(await powerBiSeatsShown()).toBe(`${before} of ${powerBi().prepaidUnits.enabled} used`);

    // An approver's own single-user assign runs at once.
    await stack.personalMessage(`assign Power BI Pro to ${LYNNE} location GB`, MEGAN);
    await stack.waitForCalls(
      (call) =>
        call.conversationId === `a:personal-${MEGAN}` && /^Done/.test(said(call.activity.text)),
    );
    expect(powerBi().consumedUnits).toBe(before + 1);
    expect(await powerBiSeatsShown()).toBe(
      `${before + 1} of ${powerBi().prepaidUnits.enabled} used`,
    );
  });

  it('shows a change made outside License Desk only once the seconds are up', async () => {
    const shownBefore = await powerBiSeatsShown();
    const sku = powerBi();
    expect(tenant().setPrepaidUnits(sku.skuId, sku.prepaidUnits.enabled + 50).ok).toBe(true);
    try {
      expect(await powerBiSeatsShown()).toBe(shownBefore);
    } finally {
      tenant().setPrepaidUnits(sku.skuId, sku.prepaidUnits.enabled);
    }
  });
});
