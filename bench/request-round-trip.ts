/**
 * `npm run bench -- request-round-trip [--duration=20] [--requesters=20] [--warmup=2]`
 *
 * The whole request journey under load: `--requesters` managers, each in a closed loop, ask for a
 * license for their own colleague (`assign Power BI Pro to …`, then `remove Power BI Pro from …`
 * next time, so seats stay level), the approval card reaches the approvers, an approver clicks
 * Approve, and the run ends with the requester's "Done" notice. A round trip is the time from the
 * request message to that notice. Everything is the embedded stack of `npm start` in this process
 * (Graph simulator, in-process Cosmos, the bot over HTTP, a local connector receiving the replies).
 * Graph throttling is off: this measures License Desk, not Graph's budget. Phases: `ask` (the
 * request turn, which already posts the approval card), `toApprovalCard` (what was left of that
 * delivery after the turn answered), `approve` (the Approve invoke) and `toDone` (the run and the
 * notices after it). `--duration` and `--warmup` are seconds: `--duration=3` for a quick look.
 *
 * Baseline, in the same run and for as long: the same changes made the way a script would, with
 * no request, approval, record or notice — each of `--requesters` callers in a closed loop calls
 * `assignLicense` (add, then remove, Power BI Pro) for colleagues of its own through the same
 * Graph adapter License Desk's runner uses. The ratio says what asking, approving, recording and
 * telling add to the bare Graph write.
 */
import { startTestStack, type TestStack } from '../test/support/stack.ts';
import { personalConversationId } from '../test/support/activities.ts';
import type { ConnectorCall } from '../test/support/connector.ts';
import { executeValue } from '../test/bot/support/replies.ts';
import { createGraphClient, GraphLicenseWriter } from '../src/graph/index.ts';
import { numberFlag } from './lib/bench-args.ts';
import { SimulatorControl } from './lib/simulator-control.ts';
import { percentile } from './lib/percentile.ts';

const POWER_BI_PRO = 'f8a1db68-be16-40ed-86d5-cb42ce701560';
const APPROVER = '00000000-0000-0000-0000-0000000000021'; // Megan Bowen, License Approvers

interface Sample {
  roundTrip: number;
  ask: number;
  toApprovalCard: number;
  approve: number;
  toDone: number;
  ok: boolean;
}

/**
 * Waits for connector calls without every waiter polling the whole list: one scanner reads each
 * new call once and hands it to whoever waits for it; a waiter first looks back from `from` (the
 * call may have come while its turn was still answering).
 */
function callWatcher(calls: readonly ConnectorCall[]) {
  const waiting: {
    matches: (call: ConnectorCall) => boolean;
    resolve: (call: ConnectorCall) => void;
  }[] = [];
  let seen = calls.length;
  const timer = setInterval(() => {
    for (; seen < calls.length; seen += 1) {
      const call = calls[seen]!;
      const index = waiting.findIndex((entry) => entry.matches(call));
      if (index >= 0) {
        waiting.splice(index, 1)[0]!.resolve(call);
      }
    }
  }, 1);
  return {
    /** The index the next call will have: where a later `next` starts looking. */
    mark: () => calls.length,
    next: (matches: (call: ConnectorCall) => boolean, from: number, timeoutMs = 30_000) => {
      const already = calls.slice(from, seen).find(matches);
      if (already) {
        return Promise.resolve(already);
      }
      return new Promise<ConnectorCall>((resolve, reject) => {
        const timeout = setTimeout(() => reject(new Error('no answer in time')), timeoutMs);
        waiting.push({
          matches,
          resolve: (call) => {
            clearTimeout(timeout);
            resolve(call);
          },
        });
      });
    },
    stop: () => clearInterval(timer),
  };
}

const cardsIn = (call: ConnectorCall) =>
  (
    (call.activity.attachments ?? []) as {
      content?: { refresh?: { action?: { data?: { operationId?: string } } } };
    }[]
  ).map((attachment) => attachment.content?.refresh?.action?.data?.operationId);

/** Requesters who are not approvers, each with a colleague who can get Power BI Pro directly. */
function cast(stack: TestStack, count: number) {
  const tenant = stack.simulator.tenant();
  const approvers = new Set(
    tenant
      .groups()
      .filter((group) => group.displayName === 'License Approvers')
      .flatMap((group) => group.memberIds),
  );
  const people = tenant
    .users()
    .filter(
      (user) =>
        user.accountEnabled &&
        user.usageLocation !== null &&
        !approvers.has(user.id) &&
        user.licenseAssignmentStates.every((state) => state.skuId !== POWER_BI_PRO),
    );
  if (people.length < count * 3) {
    throw new Error(`The demo tenant has ${people.length} suitable people, ${count * 3} needed.`);
  }
  return Array.from({ length: count }, (_, i) => ({
    requester: people[2 * i]!,
    target: people[2 * i + 1]!,
    /** The baseline's colleague: changed by direct Graph writes only. */
    direct: people[2 * count + i]!,
  }));
}

async function main(): Promise<void> {
  const durationMs = numberFlag('duration', 20) * 1000;
  const warmupMs = numberFlag('warmup', 2) * 1000;
  const requesters = numberFlag('requesters', 20);
  const stack = await startTestStack({ size: 1_000 });
  const watcher = callWatcher(stack.connector.calls);
  try {
    const simulator = new SimulatorControl(stack.simulator.url);
    await simulator.setThrottle({ enabled: false });
    // The demo tenant's Power BI Pro is nearly full: buy a seat per requester, as an admin would.
    const powerBi = (await stack.desk.directory.listSkus()).find((s) => s.skuId === POWER_BI_PRO)!;
    await simulator.setSeats(POWER_BI_PRO, powerBi.consumedUnits + 2 * requesters);
    const pairs = cast(stack, requesters);
    await stack.installationUpdate(APPROVER);
    for (const { requester } of pairs) {
      await stack.installationUpdate(requester.id);
    }
    console.log(
      `request-round-trip: ${requesters} requesters, ${durationMs / 1000} s (after ${warmupMs / 1000} s warm-up), one approver`,
    );

    const samples: Sample[] = [];
    let errors = 0;
    const started = performance.now();
    const measureFrom = started + warmupMs;
    const deadline = measureFrom + durationMs;
    await Promise.all(
      pairs.map(async ({ requester, target }) => {
        const personal = personalConversationId(requester.id);
        for (let turn = 0; performance.now() < deadline; turn += 1) {
          const text =
            turn % 2 === 0
              ? `assign Power BI Pro to ${target.userPrincipalName}`
              : `remove Power BI Pro from ${target.userPrincipalName}`;
          try {
            const from = watcher.mark();
            const t0 = performance.now();
            const asked = await stack.personalMessage(text, requester.id);
            const operationId = asked.replies.flatMap(cardsIn).find((id) => id !== undefined);
            if (!operationId) {
              throw new Error(`no request card for "${text}"`);
            }
            const t1 = performance.now();
            await watcher.next(
              (call) =>
                call.conversationId === personalConversationId(APPROVER) &&
                cardsIn(call).includes(operationId),
              from,
            );
            const t2 = performance.now();
            const approved = await stack.invoke(
              'adaptiveCard/action',
              executeValue('request-approve', { operationId }),
              APPROVER,
              { replyToId: `approval-${operationId}` },
            );
            if (approved.status !== 200) {
              throw new Error(`approve answered ${approved.status}`);
            }
            const t3 = performance.now();
            const notice = await watcher.next(
              (call) =>
                call.conversationId === personal &&
                typeof call.activity.text === 'string' &&
                /^(Done|Not done)/.test(call.activity.text) &&
                call.activity.text.includes('Power BI Pro'),
              from,
            );
            const t4 = performance.now();
            if (!String(notice.activity.text).startsWith('Done')) {
              throw new Error(String(notice.activity.text));
            }
            if (t0 >= measureFrom) {
              samples.push({
                roundTrip: t4 - t0,
                ask: t1 - t0,
                toApprovalCard: t2 - t1,
                approve: t3 - t2,
                toDone: t4 - t3,
                ok: String(notice.activity.text).startsWith('Done'),
              });
            }
          } catch (error) {
            errors += 1;
            console.error(`  ${requester.displayName}: ${(error as Error).message}`);
          }
        }
      }),
    );
    const elapsed = (performance.now() - measureFrom) / 1000;
    const figures = (pick: (sample: Sample) => number) => {
      const sorted = samples.map(pick).sort((a, b) => a - b);
      return {
        p50: percentile(sorted, 50, 1),
        p95: percentile(sorted, 95, 1),
        p99: percentile(sorted, 99, 1),
        max: percentile(sorted, 100, 1),
      };
    };
    const roundTrip = figures((s) => s.roundTrip);
    const phases = {
      ask: figures((s) => s.ask),
      toApprovalCard: figures((s) => s.toApprovalCard),
      approve: figures((s) => s.approve),
      toDone: figures((s) => s.toDone),
    };
    const baseline = await directWrites(stack, pairs, durationMs);
    const failed = samples.filter((sample) => !sample.ok).length;
    const perSecond = Math.round((samples.length / elapsed) * 100) / 100;
    console.log(
      `round trips ${samples.length}  ${perSecond}/s  p50 ${roundTrip.p50} ms  p95 ${roundTrip.p95} ms  ` +
        `p99 ${roundTrip.p99} ms  max ${roundTrip.max} ms  not done ${failed}  errors ${errors}`,
    );
    for (const [name, phase] of Object.entries(phases)) {
      console.log(
        `  ${name.padEnd(15)} p50 ${phase.p50} ms  p95 ${phase.p95} ms  p99 ${phase.p99} ms`,
      );
    }
    const ratio = Math.round((roundTrip.p50 / baseline.p50) * 100) / 100;
    console.log(
      `baseline (direct assignLicense, no request/approval/record/notice): ${baseline.count} writes  ` +
        `${baseline.perSecond}/s  p50 ${baseline.p50} ms  p95 ${baseline.p95} ms  p99 ${baseline.p99} ms  ` +
        `errors ${baseline.errors}`,
    );
    console.log(`round trip p50 / direct write p50: ${ratio}`);
    console.log(
      JSON.stringify({
        bench: 'request-round-trip',
        requesters,
        durationSeconds: durationMs / 1000,
        roundTrips: samples.length,
        roundTripsPerSecond: perSecond,
        roundTripMs: roundTrip,
        phasesMs: phases,
        notDone: failed,
        errors,
        baseline,
        p50RatioToDirectWrite: ratio,
      }),
    );
  } finally {
    watcher.stop();
    await stack.close();
  }
}

/** The baseline: the same changes as bare Graph writes, one closed loop per caller. */
async function directWrites(stack: TestStack, pairs: ReturnType<typeof cast>, durationMs: number) {
  const writer = new GraphLicenseWriter(createGraphClient(stack.desk.config.graph));
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  const deadline = started + durationMs;
  await Promise.all(
    pairs.map(async ({ direct }) => {
      for (let turn = 0; performance.now() < deadline; turn += 1) {
        const body =
          turn % 2 === 0
            ? { addLicenses: [{ skuId: POWER_BI_PRO, disabledPlans: [] }], removeLicenses: [] }
            : { addLicenses: [], removeLicenses: [POWER_BI_PRO] };
        const t0 = performance.now();
        try {
          await writer.assignUserLicenses(direct.id, body);
          latencies.push(performance.now() - t0);
        } catch (error) {
          errors += 1;
          console.error(`  direct write for ${direct.displayName}: ${(error as Error).message}`);
        }
      }
    }),
  );
  const sorted = latencies.sort((a, b) => a - b);
  const seconds = (performance.now() - started) / 1000;
  return {
    count: sorted.length,
    perSecond: Math.round((sorted.length / seconds) * 100) / 100,
    p50: percentile(sorted, 50, 1),
    p95: percentile(sorted, 95, 1),
    p99: percentile(sorted, 99, 1),
    errors,
  };
}

await main();
