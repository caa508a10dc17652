/**
 * The client side of `bench/turn-latency`, in its own process: the local connector the bots
 * reply to and the closed-loop conversations that time each turn. Keeping both out of the bots'
 * process means the bots' event loop and CPU time hold only their own work (in production the
 * connector and the clients are other machines), and the same holds for both bots measured.
 *
 * Protocol over the IPC channel: the driver first sends `{ kind: 'ready', serviceUrl }`; each
 * `{ kind: 'run', … }` it receives runs one slice and answers with a `SliceResult`;
 * `{ kind: 'stop' }` closes the connector and exits.
 */
import type { Activity } from 'botbuilder';
import { z } from 'zod';
import { DEMO_PEOPLE } from '../../src/simulator/seed/demo-tenant.ts';
import { teamsActivity } from '../../test/support/activities.ts';
import { startLocalConnector } from '../../test/support/connector.ts';
import { fullGc } from './full-gc.ts';

const runSlice = z.object({
  kind: z.literal('run'),
  botUrl: z.string(),
  tenantId: z.string(),
  ms: z.number().positive(),
  rampMs: z.number().min(0),
  concurrency: z.number().int().positive(),
});
const command = z.discriminatedUnion('kind', [runSlice, z.object({ kind: z.literal('stop') })]);

/** One slice's raw turn times (ms, as measured here at the client) and failures. */
export interface SliceResult {
  kind: 'slice';
  /** The turns sent after the ramp, each as the client timed it. */
  latencies: number[];
  errors: number;
  /** How long the measured part (after the ramp) lasted. */
  seconds: number;
  /** Every turn answered, ramp included: what the slice's CPU time was spent on. */
  allTurns: number;
  /** CPU time (user + system) this process spent on the slice: the client and the connector. */
  cpuMicros: number;
}

const upns = DEMO_PEOPLE.map((person) => person.userPrincipalName);
/** The read-only commands of issue 3, alternating; each conversation looks up other people. */
const messageFor = (turn: number, conversation: number): string =>
  turn % 2 === 0 ? 'licenses' : `user ${upns[(turn + conversation) % upns.length]!}`;

/**
 * Runs `concurrency` closed-loop conversations against one bot for `rampMs + ms`, timing the
 * turns sent after the ramp: the ramp takes the load from idle to steady (connections opened
 * again after the other bot's slice) before anything counts, and the load does not stop there.
 */
async function run(
  slice: z.infer<typeof runSlice>,
  serviceUrl: string,
  firstTurn: Map<string, number>,
): Promise<SliceResult> {
  const latencies: number[] = [];
  let errors = 0;
  let allTurns = 0;
  const cpuBefore = process.cpuUsage();
  const measuredFrom = performance.now() + slice.rampMs;
  const deadline = measuredFrom + slice.ms;
  await Promise.all(
    Array.from({ length: slice.concurrency }, async (_, conversation) => {
      const person = DEMO_PEOPLE[conversation % DEMO_PEOPLE.length]!;
      const conversationId = `a:bench-${conversation}-${person.id}`;
      // Each conversation goes on where its last slice stopped, so the messages keep alternating.
      const key = `${slice.botUrl} ${conversationId}`;
      let turn = firstTurn.get(key) ?? 0;
      for (; performance.now() < deadline; turn += 1) {
        const activity: Activity = teamsActivity(
          serviceUrl,
          { aadObjectId: person.id, tenantId: slice.tenantId, name: person.displayName },
          {
            text: messageFor(turn, conversation),
            conversation: {
              id: conversationId,
              conversationType: 'personal',
              tenantId: slice.tenantId,
              isGroup: false,
              name: '',
            },
          },
        );
        const sent = performance.now();
        try {
          const res = await fetch(`${slice.botUrl}/api/messages`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(activity),
          });
          await res.arrayBuffer();
          const took = performance.now() - sent;
          allTurns += 1;
          if (sent < measuredFrom) {
            continue;
          }
          if (res.status === 200) {
            latencies.push(took);
          } else {
            errors += 1;
          }
        } catch {
          if (sent >= measuredFrom) {
            errors += 1;
          }
        }
      }
      firstTurn.set(key, turn);
    }),
  );
  const seconds = (performance.now() - measuredFrom) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  return { kind: 'slice', latencies, errors, seconds, allTurns, cpuMicros: cpu.user + cpu.system };
}

async function main(): Promise<void> {
  const connector = await startLocalConnector({ record: false });
  const firstTurn = new Map<string, number>();
  const collect = fullGc();
  const send = (message: unknown): void => {
    process.send!(message);
  };
  process.on('message', (raw: unknown) => {
    const message = command.parse(raw);
    if (message.kind === 'stop') {
      void connector.close().then(() => process.disconnect());
      return;
    }
    collect();
    run(message, connector.serviceUrl, firstTurn).then(send, (error: unknown) => {
      console.error(error);
      process.exit(1);
    });
  });
  send({ kind: 'ready', serviceUrl: connector.serviceUrl });
}

await main();
