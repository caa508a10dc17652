import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveBulkAssign } from '../../support/bulk-operation.ts';
import type { TestStack } from '../../support/stack.ts';
import { executeValue, invokedCard, shownOn } from '../support/replies.ts';
import { MEGAN, startRequestStack } from '../support/request-stack.ts';

const POWER_BI_PRO = 'f8a1db68-be16-40ed-86d5-cb42ce701560';
const OPERATION_ID = 'op-bulk-summary';
const USERS = 60;
const SEATS = 45;
const CONSENT = 'application/vnd.microsoft.teams.card.file.consent';

let stack: TestStack;

beforeAll(async () => {
  stack = await startRequestStack({ size: 300 });
});

afterAll(async () => {
  await stack.close();
});

describe('a bulk run that ends with failures', () => {
  it('sums up on the card: counts, the failures grouped by reason with their fix, and the results as a CSV', async () => {
    const tenant = stack.simulator.tenant();
    const targets = tenant
      .users()
      .filter((user) => user.usageLocation !== null)
      .filter((user) => !user.licenseAssignmentStates.some((s) => s.skuId === POWER_BI_PRO))
      .slice(0, USERS)
      .map((user) => user.id);
    expect(targets).toHaveLength(USERS);
    const sku = tenant.subscribedSkus().find((s) => s.skuId === POWER_BI_PRO)!;
    // Seats for 45 of the 60: the last 15 fail for want of one.
    tenant.setPrepaidUnits(POWER_BI_PRO, sku.consumedUnits + SEATS);
    await saveBulkAssign(stack.desk.store, {
      id: OPERATION_ID,
      tenantId: stack.tenantId,
      userIds: targets,
      skuId: POWER_BI_PRO,
      state: 'approved',
    });
    await stack.desk.jobs.runNow('resume unfinished runs');
    const finished = (await stack.desk.store.operations.get(stack.tenantId, OPERATION_ID))!.value;
    expect(finished.state).toBe('partiallyFailed');
    // The operation stays small: the users are in the item store, the outcome is a summary.
    expect(finished).not.toHaveProperty('items');
    expect(finished.outcome?.counts).toMatchObject({ done: SEATS, failed: USERS - SEATS });
    expect(finished.outcome?.failures).toHaveLength(1);

    const viewed = await stack.invoke(
      'adaptiveCard/action',
      executeValue('request-view', { operationId: OPERATION_ID }),
      MEGAN,
    );
    const card = invokedCard(viewed);
    const shown = shownOn(card).join('\n');
    expect(shown).toContain(`Result: ${SEATS} done, ${USERS - SEATS} failed`);
    expect(shown).toMatch(/Failed for 15: .*Power BI Pro.* \(User \d+, .* and 10 more\)/);
    expect(shown).toContain('Results as CSV');
    // The fix for want of seats: who holds Power BI Pro, for the 15 short.
    expect(JSON.stringify(card)).toContain('sku-holders');

    const asked = await stack.invoke(
      'adaptiveCard/action',
      executeValue('request-results', { operationId: OPERATION_ID }),
      MEGAN,
    );
    // The click is answered with a line; the file's consent card comes into the chat.
    expect((asked.body as { value: string }).value).toMatch(
      /License history \(request "Assign a license to 60 users"\): 60 line\(s\)/,
    );
    const offered = asked.replies.flatMap(
      (call) => (call.activity.attachments ?? []) as { contentType: string; name: string }[],
    );
    const consent = offered.find((attachment) => attachment.contentType === CONSENT);
    expect(consent?.name).toMatch(/^license-request-results-\d{4}-\d{2}-\d{2}\.csv$/);
    // One line per user (Power BI Pro added, or failed), nothing else.
    const history = await stack.desk.store.history.query(
      stack.tenantId,
      { operationId: OPERATION_ID },
      { pageSize: 500 },
    );
    expect(history.items).toHaveLength(USERS);
    expect(history.items.filter((line) => line.result === 'failed')).toHaveLength(USERS - SEATS);
  });
});
