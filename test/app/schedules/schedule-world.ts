import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import type { Caller } from '../../../src/app/identity/caller.ts';
import type { Clock } from '../../../src/app/ports/clock.ts';
import type { ApprovalDrawing } from '../../../src/app/ports/operation-notifier.ts';
import type { StoredOperation } from '../../../src/app/ports/operation-store.ts';
import { sameForEveryTenant } from '../../../src/app/ports/per-tenant.ts';
import type { SchedulePreview } from '../../../src/app/ports/schedule-notifier.ts';
import type { RequestDependencies } from '../../../src/app/requests/request-deps.ts';
import { requestUseCases } from '../../../src/app/requests/request-use-cases.ts';
import { runUseCases } from '../../../src/app/runs/run-use-cases.ts';
import type { ScheduleDependencies } from '../../../src/app/schedules/schedule-deps.ts';
import { scheduleUseCases } from '../../../src/app/schedules/schedule-use-cases.ts';
import { parseLicenseCommand } from '../../../src/domain/commands/grammar.ts';
import type { HistoryEvent } from '../../../src/domain/history/history-event.ts';
import type { StoredOperationItem } from '../../../src/app/ports/operation-item-store.ts';
import type { ItemState } from '../../../src/domain/operations/operation.ts';
import { defaultApprovalPolicy } from '../../../src/domain/policy/approval-policy.ts';
import type {
  Schedule,
  ScheduleEvent,
  ScheduleRun,
} from '../../../src/domain/schedules/schedule.ts';
import { createGraphClient, GraphDirectory, GraphLicenseWriter } from '../../../src/graph/index.ts';
import { startSimulator, type RunningSimulator } from '../../../src/simulator/index.ts';
import { openCosmosStore, type CosmosStore } from '../../../src/store/index.ts';
import type { ScheduleAsk } from '../../../src/app/schedules/ask-schedule.ts';
import { recordingLogger } from '../../support/recording-logger.ts';

export const POWER_BI_PRO = 'f8a1db68-be16-40ed-86d5-cb42ce701560';
export const E3 = '05e9a617-0261-4cee-bb44-138d3ef5d965';
export const E5 = '06ebc4ee-1bb5-47dd-8120-11324bc54e06';
/** A group of the demo tenant with no group license: the tests set its members. */
export const GROUP = 'Sales EMEA';

/** Time a test moves: every instance of a test reads the same one. */
export class VirtualClock implements Clock {
  #now: Date;
  constructor(start: string) {
    this.#now = new Date(start);
  }
  now(): Date {
    return new Date(this.#now);
  }
  set(at: string | Date): void {
    this.#now = new Date(at);
  }
  advance(ms: number): void {
    this.#now = new Date(this.#now.getTime() + ms);
  }
  /** Waits (a moment of real time) without moving the virtual time. */
  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, Math.min(ms, 5)));
  }
}

/** What the schedule notifier was told, in order. */
export interface ScheduleNotices {
  asked: { schedule: Schedule; preview: SchedulePreview }[];
  changed: { schedule: Schedule; event: ScheduleEvent }[];
  runStarted: { schedule: Schedule; operation: StoredOperation }[];
  ran: { schedule: Schedule; run: ScheduleRun }[];
}

/** `at` as run operation ids write it: 2026-12-08T02:00:00.000Z → 20261208T020000000Z. */
export const compact = (at: string): string => at.replace(/[-:.]/g, '');

/** A license command with a time, read as chat would read it. */
export function scheduleAsk(text: string, timeZone = 'UTC'): ScheduleAsk {
  const parsed = parseLicenseCommand(text);
  if (!parsed.ok || parsed.value.kind === 'request' || parsed.value.when === undefined) {
    throw new Error(`Not a scheduled change: ${text} (${JSON.stringify(parsed)})`);
  }
  const { when, justification, ...command } = parsed.value;
  return {
    command: command,
    when: when,
    ...(justification ? { justification } : {}),
    timeZone,
  };
}

/**
 * One Cosmos stand-in (for the whole file) and, for each test, a fresh Graph simulator, tenant
 * partition and virtual clock; `instance(id)` wires one License Desk instance's schedule use
 * cases over them, with its runs collected for the test to await.
 */
export function scheduleWorld(start = '2026-12-07T10:00:00.000Z') {
  let store: CosmosStore | undefined;
  let simulator: RunningSimulator | undefined;
  const world = {
    tenantId: '',
    clock: new VirtualClock(start),
    runs: [] as Promise<unknown>[],
    requestNotices: {
      asked: [] as { operation: StoredOperation; drawing: ApprovalDrawing }[],
      changed: [] as { id: string; from: string; to: string }[],
    },
    notices: {
      asked: [],
      changed: [],
      runStarted: [],
      ran: [],
    } as ScheduleNotices,
    get store(): CosmosStore {
      if (!store) {
        throw new Error('The store is not open yet.');
      }
      return store;
    },
    get sim(): RunningSimulator {
      if (!simulator) {
        throw new Error('The simulator is not started yet.');
      }
      return simulator;
    },
  };

  beforeAll(async () => {
    store = await openCosmosStore({ kind: 'embedded', database: `schedules-${randomUUID()}` });
  });
  afterAll(async () => {
    await store?.close();
  });
  beforeEach(async () => {
    simulator = await startSimulator({ port: 0, size: 300 });
    world.tenantId = `tenant-${randomUUID()}`;
    world.clock = new VirtualClock(start);
    world.runs = [];
    world.requestNotices.asked = [];
    world.requestNotices.changed = [];
    world.notices = { asked: [], changed: [], runStarted: [], ran: [] };
  });
  afterEach(async () => {
    await Promise.allSettled(world.runs);
    await simulator?.close();
  });

  let ids = 0;
  function requestDeps(instanceId: string): RequestDependencies {
    const client = createGraphClient({
      graphBaseUrl: world.sim.graphBaseUrl,
      credential: { kind: 'staticToken', token: 'license-desk-tests' },
    });
    const s = world.store;
    return {
      directory: sameForEveryTenant(new GraphDirectory(client, { objectIds: 'testTool' })),
      licenses: sameForEveryTenant(new GraphLicenseWriter(client, {})),
      operations: s.operations,
      operationItems: s.operationItems,
      history: s.history,
      templates: s.templates,
      approvalChannels: s.approvalChannels,
      prices: s.prices,
      policy: defaultApprovalPolicy,
      notifier: {
        changed: (operation, from) => {
          world.requestNotices.changed.push({ id: operation.id, from, to: operation.state });
          return Promise.resolve();
        },
        asked: (operation, drawing) => {
          world.requestNotices.asked.push({ operation, drawing });
          return Promise.resolve();
        },
      },
      leases: s.leases,
      instanceId,
      clock: world.clock,
      logger: recordingLogger(),
      newId: () => `${instanceId}-id-${(ids += 1)}`,
    };
  }

  /** One instance: its request, run and schedule use cases over the shared stand-ins. */
  function instance(
    instanceId: string,
    options: { claimMs?: number; start?: ScheduleDependencies['runs']['start'] } = {},
  ) {
    const requests = requestDeps(instanceId);
    const runs = runUseCases(requests);
    const notices = world.notices;
    const deps: ScheduleDependencies = {
      schedules: world.store.schedules,
      requests,
      runs: {
        start:
          options.start ??
          ((tenantId, id) => {
            world.runs.push(runs.run(tenantId, id));
          }),
      },
      notifier: {
        asked: (schedule, preview) => (
          notices.asked.push({ schedule, preview }),
          Promise.resolve([])
        ),
        changed: (schedule, event) => (
          notices.changed.push({ schedule, event }),
          Promise.resolve()
        ),
        runStarted: (schedule, operation) => (
          notices.runStarted.push({ schedule, operation }),
          Promise.resolve()
        ),
        ran: (schedule, run) => (notices.ran.push({ schedule, run }), Promise.resolve()),
      },
      clock: world.clock,
      logger: recordingLogger(),
      instanceId,
      ...(options.claimMs === undefined ? {} : { claimMs: options.claimMs }),
      newId: () => `schedule-${(ids += 1)}`,
    };
    return {
      deps,
      schedules: scheduleUseCases(deps),
      requests: requestUseCases(requests),
      runs,
    };
  }

  /** A person of the test tenant (not in the directory: the use cases only name them). */
  function caller(name: string, role: Caller['role']): Caller {
    return {
      tenantId: world.tenantId,
      userId: `user-${name}`,
      displayName: name,
      userPrincipalName: `${name}@contoso.com`,
      role,
    };
  }

  /** Waits for every run started so far (and those they start). */
  async function runsSettled(): Promise<void> {
    for (let seen = 0; seen < world.runs.length;) {
      const batch = world.runs.slice(seen);
      seen = world.runs.length;
      await Promise.all(batch);
    }
  }

  /** `count` users who can take Power BI Pro and do not hold it, with seats for 20 more. */
  function licensableUsers(count: number, skip: readonly string[] = []): string[] {
    const tenant = world.sim.tenant();
    const ids = tenant
      .users()
      .filter((user) => user.usageLocation !== null && user.accountEnabled)
      .filter((user) => !user.licenseAssignmentStates.some((s) => s.skuId === POWER_BI_PRO))
      .filter((user) => !skip.includes(user.id))
      .slice(0, count)
      .map((user) => user.id);
    expect(ids).toHaveLength(count);
    const sku = tenant.subscribedSkus().find((s) => s.skuId === POWER_BI_PRO)!;
    expect(tenant.setPrepaidUnits(POWER_BI_PRO, sku.consumedUnits + count + 20).ok).toBe(true);
    return ids;
  }

  function groupId(name = GROUP): string {
    const group = world.sim
      .tenant()
      .groups()
      .find((g) => g.displayName === name);
    expect(group).toBeDefined();
    return group!.id;
  }

  /** Makes `name` hold exactly `memberIds` (directly). */
  function setMembers(memberIds: readonly string[], name = GROUP): void {
    const tenant = world.sim.tenant();
    const id = groupId(name);
    for (const member of [...tenant.findGroup(id)!.memberIds]) {
      expect(tenant.removeGroupMember(id, member).ok).toBe(true);
    }
    for (const member of memberIds) {
      expect(tenant.addGroupMember(id, member).ok).toBe(true);
    }
  }

  function addMember(memberId: string, name = GROUP): void {
    expect(world.sim.tenant().addGroupMember(groupId(name), memberId).ok).toBe(true);
  }

  /** The SKUs a user holds in the simulator. */
  function skusOf(userId: string): string[] {
    const user = world.sim.tenant().findUser(userId);
    expect(user).toBeDefined();
    return user!.licenseAssignmentStates.map((state) => state.skuId);
  }

  /** Gives a user Power BI Pro directly in the simulator (not through License Desk). */
  function licenseDirectly(userId: string, skuId = POWER_BI_PRO): void {
    const done = world.sim.tenant().assignUserLicense(userId, {
      addLicenses: [{ skuId, disabledPlans: [] }],
      removeLicenses: [],
    });
    expect(done.ok).toBe(true);
  }

  /** Every operation a person asked for (a rule's runs are asked by its owner), oldest first. */
  async function operationsOf(requesterId: string): Promise<StoredOperation[]> {
    const all: StoredOperation[] = [];
    let token: string | undefined;
    do {
      const page = await world.store.operations.listByRequester(world.tenantId, requesterId, {
        pageSize: 100,
        ...(token ? { continuationToken: token } : {}),
      });
      all.push(...page.items);
      token = page.continuationToken;
    } while (token);
    return all.sort((a, b) => a.id.localeCompare(b.id));
  }

  /** Every history line of the test tenant. */
  async function history(): Promise<HistoryEvent[]> {
    const all: HistoryEvent[] = [];
    let token: string | undefined;
    do {
      const page = await world.store.history.query(world.tenantId, undefined, {
        pageSize: 100,
        ...(token ? { continuationToken: token } : {}),
      });
      all.push(...page.items);
      token = page.continuationToken;
    } while (token);
    return all;
  }

  /** Every item of an operation, whatever its state. */
  async function itemsOf(operationId: string): Promise<StoredOperationItem[]> {
    const states: ItemState[] = ['planned', 'sent', 'done', 'failed', 'skipped', 'cancelled'];
    const all: StoredOperationItem[] = [];
    for (const state of states) {
      const page = await world.store.operationItems.listByState(
        world.tenantId,
        operationId,
        state,
        {
          pageSize: 100,
        },
      );
      all.push(...page.items.map((item) => item.value));
    }
    return all;
  }

  return Object.assign(world, {
    instance,
    caller,
    runsSettled,
    licensableUsers,
    setMembers,
    addMember,
    skusOf,
    licenseDirectly,
    operationsOf,
    history,
    itemsOf,
  });
}
