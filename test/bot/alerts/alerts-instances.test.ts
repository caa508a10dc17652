import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningLicenseDesk } from '../../../src/server/license-desk.ts';
import { ALERT_JOB } from '../../../src/server/license-desk.ts';
import type { ConnectorCall } from '../../support/connector.ts';
import { startInstances, type Instances } from '../../support/instances.ts';
import { alertTitlesOf, cardsIn, MEGAN } from './alerts-support.ts';

const OPS = '19:license-ops@thread.tacv2';
const DESK = '19:service-desk@thread.tacv2';

let instances: Instances;
beforeAll(async () => {
  instances = await startInstances();
});
afterAll(async () => {
  await instances.close();
});

/** `alerts on` typed by Megan in a channel, posted to one instance. */
async function alertsOn(desk: RunningLicenseDesk, channelId: string): Promise<void> {
  const res = await instances.post(desk, MEGAN, {
    type: 'message',
    text: 'alerts on',
    conversation: {
      id: channelId,
      conversationType: 'channel',
      tenantId: instances.config.tenantId,
      isGroup: true,
      name: 'Licensing',
    },
    channelData: {
      tenant: { id: instances.config.tenantId },
      team: { id: '19:it@thread.tacv2' },
      channel: { id: channelId },
    },
  });
  expect(res.status).toBe(200);
}

/** The alert messages posted (not updated) in a channel, with the alerts each carries. */
const posts = (channelId: string): ConnectorCall[] =>
  instances.connector.calls.filter(
    (call) =>
      call.conversationId === channelId &&
      call.kind !== 'update' &&
      cardsIn(call).some((card) => JSON.stringify(card).includes('alert')),
  );
const alertsPosted = (channelId: string): string[] =>
  posts(channelId).flatMap((call) => cardsIn(call).flatMap(alertTitlesOf));

describe('the alert monitor with several instances', () => {
  it('sends each alert once when two instances look at once, and nothing again after a restart', async () => {
    const a = await instances.start();
    const b = await instances.start();
    await alertsOn(a, OPS);
    await Promise.all([a.jobs.runNow(ALERT_JOB), b.jobs.runNow(ALERT_JOB)]);
    await Promise.all([a.settled(), b.settled()]);
    const sent = alertsPosted(OPS);
    expect(sent.length).toBeGreaterThan(0);
    expect(sent.some((title) => title.startsWith('Group "Contractors"'))).toBe(true);
    expect(new Set(sent).size).toBe(sent.length);

    // A is stopped and started again; B and the new one look once more: nothing is new.
    await a.close();
    const restarted = await instances.start();
    await Promise.all([restarted.jobs.runNow(ALERT_JOB), b.jobs.runNow(ALERT_JOB)]);
    await Promise.all([restarted.settled(), b.settled()]);
    expect(alertsPosted(OPS)).toEqual(sent);
  });

  it('posts an alert once through Teams throttling (429), after waiting', async () => {
    const desk = await instances.start();
    await alertsOn(desk, DESK);
    await desk.jobs.runNow(ALERT_JOB);
    await desk.settled();

    // A product first given seats to spare (any alert about it solved), then seats cut below
    // what is used: over-used, a new problem.
    const sku = (await desk.directory.listSkus()).find((s) => s.consumedUnits >= 3)!;
    await instances.simulator(`/skus/${sku.skuId}`, 'PATCH', {
      prepaidUnits: { enabled: sku.consumedUnits + 100 },
    });
    await desk.jobs.runNow(ALERT_JOB);
    await desk.settled();
    await instances.simulator(`/skus/${sku.skuId}`, 'PATCH', {
      prepaidUnits: { enabled: sku.consumedUnits - 2 },
    });
    const before = alertsPosted(DESK);
    const refusedBefore = instances.connector.refused.length;
    instances.connector.refuseNext({ kind: 'reply', status: 429, times: 2 });
    await desk.jobs.runNow(ALERT_JOB);
    await desk.settled();

    // Both subscribed channels get it: the first post met the two 429s, waited and went in.
    const refused = instances.connector.refused.slice(refusedBefore);
    expect(refused).toHaveLength(2);
    expect(refused.every((call) => call.conversationId === refused[0]!.conversationId)).toBe(true);
    const added = alertsPosted(DESK).slice(before.length);
    expect(added.filter((title) => title.includes('over-used'))).toHaveLength(1);
    for (const channelId of [OPS, DESK]) {
      const titles = alertsPosted(channelId);
      expect(titles.filter((title) => title.includes('over-used'))).toHaveLength(1);
      expect(new Set(titles).size).toBe(titles.length);
    }
  });
});
