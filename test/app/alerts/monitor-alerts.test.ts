import { describe, expect, it } from 'vitest';
import { alertWorld, CHANNEL, contractor, TENANT } from './alert-world.ts';

const GROUP = 'group-errors:g-contractors';
const EXO = 'sku-low:sku-exo1';

describe('the alert monitor', () => {
  it('sends each new problem once, as a card of its own, and nothing on a look that finds the same', async () => {
    const world = alertWorld();
    const { alerts, writer } = world.instance('instance-a');
    await world.subscribeChannel(alerts);
    await alerts.monitor([TENANT]);
    expect(writer.written).toEqual([
      {
        how: 'post',
        conversationId: CHANNEL,
        activityId: 'msg-1',
        alertIds: [GROUP],
        solved: [],
        summary: false,
      },
      {
        how: 'post',
        conversationId: CHANNEL,
        activityId: 'msg-2',
        alertIds: [EXO],
        solved: [],
        summary: false,
      },
    ]);
    await alerts.monitor([TENANT]);
    expect(writer.written).toHaveLength(2);
  });

  it('looks at no tenant without subscribers', async () => {
    const world = alertWorld();
    const { alerts, writer } = world.instance('instance-a');
    await alerts.monitor([TENANT]);
    expect(writer.written).toEqual([]);
    expect(await world.stores.snapshots.get(TENANT)).toBeNull();
  });

  it('sends nothing again after a restart: the next process reads what was sent from the snapshot', async () => {
    const world = alertWorld();
    const first = world.instance('instance-a');
    await world.subscribeChannel(first.alerts);
    await first.alerts.monitor([TENANT]);
    const restarted = world.instance('instance-a-restarted');
    await restarted.alerts.monitor([TENANT]);
    expect(first.writer.written).toHaveLength(2);
    expect(restarted.writer.written).toEqual([]);
  });

  it('sends each alert once when two instances look at the same moment', async () => {
    const world = alertWorld();
    const a = world.instance('instance-a');
    const b = world.instance('instance-b');
    await world.subscribeChannel(a.alerts);
    await Promise.all([a.alerts.monitor([TENANT]), b.alerts.monitor([TENANT])]);
    await Promise.all([a.alerts.monitor([TENANT]), b.alerts.monitor([TENANT])]);
    const posted = [...a.writer.written, ...b.writer.written].flatMap((w) => w.alertIds);
    expect(posted.sort()).toEqual([GROUP, EXO].sort());
  });

  it('announces a solved problem by updating its card in place, then forgets it', async () => {
    const world = alertWorld();
    const { alerts, writer } = world.instance('instance-a');
    await world.subscribeChannel(alerts);
    await alerts.monitor([TENANT]);
    // An admin bought seats and Entra reprocessed the contractors.
    for (const user of world.users) {
      user.licenseAssignmentStates = [];
    }
    world.skus[1]!.prepaidUnits.enabled = 60;
    await alerts.monitor([TENANT]);
    expect(writer.written.slice(2)).toEqual([
      {
        how: 'update',
        conversationId: CHANNEL,
        activityId: 'msg-1',
        alertIds: [GROUP],
        solved: [GROUP],
        summary: false,
      },
      {
        how: 'update',
        conversationId: CHANNEL,
        activityId: 'msg-2',
        alertIds: [EXO],
        solved: [EXO],
        summary: false,
      },
    ]);
    await alerts.monitor([TENANT]);
    expect(writer.written).toHaveLength(4);
    expect((await world.stores.snapshots.get(TENANT))?.value.alerts).toEqual([]);
  });

  it('updates the card in place when the problem grows, and not when only the time passes', async () => {
    const world = alertWorld();
    const { alerts, writer } = world.instance('instance-a');
    await world.subscribeChannel(alerts);
    await alerts.monitor([TENANT]);
    const newcomer = contractor(4);
    world.users.push(newcomer);
    world.members['g-contractors'].push(newcomer.id);
    await alerts.monitor([TENANT]);
    expect(writer.written.slice(2)).toEqual([
      {
        how: 'update',
        conversationId: CHANNEL,
        activityId: 'msg-1',
        alertIds: [GROUP],
        solved: [],
        summary: false,
      },
    ]);
    world.clock.advance(3_600_000);
    await alerts.monitor([TENANT]);
    expect(writer.written).toHaveLength(3);
  });

  it('summarises a storm of new problems in one card', async () => {
    const world = alertWorld();
    for (let i = 0; i < 6; i += 1) {
      world.skus.push({ ...world.skus[1]!, skuId: `sku-out-${i}`, skuPartNumber: `OUT_${i}` });
    }
    const { alerts, writer } = world.instance('instance-a');
    await world.subscribeChannel(alerts);
    await alerts.monitor([TENANT]);
    // The group's own card, three seat alerts' own, and one summary of the other four.
    expect(writer.written.map((w) => [w.summary, w.alertIds.length])).toEqual([
      [false, 1],
      [false, 1],
      [false, 1],
      [false, 1],
      [true, 4],
    ]);
    expect(writer.written[0]?.alertIds).toEqual([GROUP]);
  });

  it('posts again on the next look what Teams refused as busy, and never what may have gone in', async () => {
    const world = alertWorld();
    const { alerts, writer } = world.instance('instance-a');
    await world.subscribeChannel(alerts);
    writer.answers.push('later');
    await alerts.monitor([TENANT]);
    expect(writer.written).toEqual([]);
    writer.answers.push('failed');
    await alerts.monitor([TENANT]);
    expect(writer.written.map((w) => w.alertIds)).toEqual([[EXO]]);
    await alerts.monitor([TENANT]);
    expect(writer.written.map((w) => w.alertIds)).toEqual([[EXO]]);
  });

  it('unsubscribes a conversation the bot is no longer in', async () => {
    const world = alertWorld();
    const { alerts, writer } = world.instance('instance-a');
    await world.subscribeChannel(alerts);
    writer.answers.push('gone');
    await alerts.monitor([TENANT]);
    expect(await alerts.isSubscribed(TENANT, CHANNEL)).toBe(false);
    expect(writer.written).toEqual([]);
  });

  it('keeps an alert open when its kind cannot be read now, and says solved only once it can', async () => {
    const world = alertWorld();
    const { alerts, writer } = world.instance('instance-a');
    await world.subscribeChannel(alerts);
    await alerts.monitor([TENANT]);
    const listSkus = world.directory.listSkus.bind(world.directory);
    world.directory.listSkus = () => Promise.reject(new Error('Graph is not answering'));
    world.skus[1]!.prepaidUnits.enabled = 60;
    await alerts.monitor([TENANT]);
    expect(writer.written).toHaveLength(2);
    world.directory.listSkus = listSkus;
    await alerts.monitor([TENANT]);
    expect(writer.written.slice(2).map((w) => [w.how, w.solved])).toEqual([['update', [EXO]]]);
  });

  it('keeps to Teams’ pace in a conversation: half a second between writes, 20 a look at most', async () => {
    const world = alertWorld();
    for (let i = 0; i < 24; i += 1) {
      world.skus.push({ ...world.skus[1]!, skuId: `sku-out-${i}`, skuPartNumber: `OUT_${i}` });
    }
    const waits: number[] = [];
    const { alerts, writer } = world.instance('instance-a', undefined, {
      maxCards: 100,
      pace: (ms) => {
        waits.push(ms);
        return Promise.resolve();
      },
    });
    await world.subscribeChannel(alerts);
    await alerts.monitor([TENANT]);
    expect(writer.written).toHaveLength(20);
    expect(waits).toEqual(Array.from({ length: 19 }, () => 500));
    await alerts.monitor([TENANT]);
    expect(writer.written).toHaveLength(26);
    expect(new Set(writer.written.flatMap((w) => w.alertIds)).size).toBe(26);
  });
});
