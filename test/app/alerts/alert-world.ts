import type {
  AlertCardWriter,
  AlertMessage,
  AlertWriteResult,
} from '../../../src/app/ports/alert-card-writer.ts';
import { alertUseCases, type AlertUseCases } from '../../../src/app/alerts/alert-use-cases.ts';
import type { MonitorDependencies } from '../../../src/app/alerts/monitor-alerts.ts';
import { sameForEveryTenant } from '../../../src/app/ports/per-tenant.ts';
import type { StoredConversation } from '../../../src/app/ports/stores.ts';
import type { DirectoryUser, Sku } from '../../../src/domain/licensing.ts';
import {
  MemoryAlertSnapshotStore,
  MemoryAlertSubscriptionStore,
  MemoryConversationStore,
  MemoryLeaseStore,
  MemoryOperationStore,
} from '../../../src/store/index.ts';
import { recordingLogger } from '../../support/recording-logger.ts';
import { ManualClock } from '../caching/manual-clock.ts';
import { MemoryDirectory } from '../support/memory-directory.ts';

export const TENANT = 'tenant-1';
export const CHANNEL = '19:license-ops@thread.tacv2';
export const MEGAN = { userId: 'u-megan', displayName: 'Megan Bowen' };

/** One message the writer was asked for. */
export interface Written {
  how: 'post' | 'update';
  conversationId: string;
  activityId: string;
  alertIds: string[];
  solved: string[];
  summary: boolean;
}

/**
 * The bot's side of alerts as a test sees it: every post and update recorded, with an id per
 * post, answering what the test says (`done` unless told otherwise).
 */
export class RecordingAlertWriter implements AlertCardWriter {
  readonly written: Written[] = [];
  readonly answers: AlertWriteResult['outcome'][] = [];
  #next = 0;

  post(conversation: StoredConversation, message: AlertMessage): Promise<AlertWriteResult> {
    return Promise.resolve(this.#write('post', conversation, `msg-${(this.#next += 1)}`, message));
  }

  update(conversation: StoredConversation, activityId: string, message: AlertMessage) {
    return Promise.resolve(this.#write('update', conversation, activityId, message));
  }

  #write(
    how: Written['how'],
    conversation: StoredConversation,
    activityId: string,
    message: AlertMessage,
  ): AlertWriteResult {
    const outcome = this.answers.shift() ?? 'done';
    if (outcome !== 'done') {
      return { outcome };
    }
    this.written.push({
      how,
      conversationId: conversation.conversationId,
      activityId,
      alertIds: message.alerts.map((e) => e.finding.id),
      solved: message.alerts.filter((e) => e.solvedAt !== undefined).map((e) => e.finding.id),
      summary: message.summary,
    });
    return { outcome: 'done', activityId };
  }
}

const sku = (skuId: string, partNumber: string, used: number, bought: number): Sku => ({
  skuId,
  skuPartNumber: partNumber,
  appliesTo: 'User',
  capabilityStatus: 'Enabled',
  consumedUnits: used,
  prepaidUnits: { enabled: bought, warning: 0, suspended: 0, lockedOut: 0 },
  servicePlans: [],
});

/** A contractor whose Exchange license from the Contractors group failed for want of seats. */
export function contractor(
  n: number,
  error: 'CountViolation' | 'MutuallyExclusiveViolation' = 'CountViolation',
): DirectoryUser {
  return {
    id: `u-contractor-${n}`,
    displayName: `Contractor ${n}`,
    userPrincipalName: `contractor${n}@contoso.com`,
    licenseAssignmentStates: [
      {
        skuId: 'sku-exo1',
        disabledPlans: [],
        assignedByGroup: 'g-contractors',
        state: 'Error',
        error,
        lastUpdatedDateTime: null,
      },
    ],
  };
}

/** Stores shared by every "instance" of a world, as instances share Cosmos. */
export function alertWorld() {
  const clock = new ManualClock();
  const users = [contractor(1), contractor(2), contractor(3, 'MutuallyExclusiveViolation')];
  const skus = [sku('sku-e3', 'SPE_E3', 300, 400), sku('sku-exo1', 'EXCHANGESTANDARD', 40, 40)];
  const members = { 'g-contractors': users.map((u) => u.id) };
  const directory = new MemoryDirectory({
    users,
    skus,
    groups: [{ id: 'g-contractors', displayName: 'Contractors', securityEnabled: true }],
    members,
  });
  const stores = {
    subscriptions: new MemoryAlertSubscriptionStore(),
    snapshots: new MemoryAlertSnapshotStore(),
    conversations: new MemoryConversationStore(),
    leases: new MemoryLeaseStore(),
    operations: new MemoryOperationStore(),
  };
  const logger = recordingLogger();
  /** One License Desk process over the shared stores, with its own writer. */
  const instance = (
    name: string,
    writer = new RecordingAlertWriter(),
    options: Pick<MonitorDependencies, 'maxCards' | 'pace'> = {},
  ): { alerts: AlertUseCases; writer: RecordingAlertWriter } => ({
    writer,
    alerts: alertUseCases({
      directories: sameForEveryTenant(directory),
      operations: stores.operations,
      subscriptions: stores.subscriptions,
      snapshots: stores.snapshots,
      conversations: stores.conversations,
      leases: stores.leases,
      writer,
      instanceId: name,
      leaseMs: 60_000,
      clock,
      logger,
      ...options,
    }),
  });
  const subscribeChannel = async (alerts: AlertUseCases, conversationId = CHANNEL) => {
    await stores.conversations.save({
      tenantId: TENANT,
      conversationId,
      kind: 'channel',
      teamId: '19:team@thread.tacv2',
      reference: { conversation: { id: conversationId } },
      updatedAt: clock.now().toISOString(),
    });
    await alerts.subscribe(
      { tenantId: TENANT, ...MEGAN, userPrincipalName: 'meganb@contoso.com', role: 'approver' },
      { conversationId, kind: 'channel', teamId: '19:team@thread.tacv2' },
    );
  };
  return { clock, users, members, skus, directory, stores, logger, instance, subscribeChannel };
}
