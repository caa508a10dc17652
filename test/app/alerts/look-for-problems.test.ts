import { describe, expect, it } from 'vitest';
import { lookForProblems } from '../../../src/app/alerts/look-for-problems.ts';
import type { StoredOperation } from '../../../src/app/ports/operation-store.ts';
import type { OperationOutcome } from '../../../src/domain/operations/operation.ts';
import { MemoryOperationStore } from '../../../src/store/index.ts';
import { recordingLogger } from '../../support/recording-logger.ts';
import { pendingOperation, plannedFor } from '../../store/support/operation-fixtures.ts';
import { MemoryDirectory } from '../support/memory-directory.ts';
import { TENANT } from './alert-world.ts';

const NOW = new Date('2026-12-06T08:00:00.000Z');
const DAY = 86_400_000;

const outcome = (failed: number, reason = 'No seats left'): OperationOutcome => ({
  counts: { planned: 0, sent: 0, done: 3 - failed, failed, skipped: 0, cancelled: 0 },
  notReached: 0,
  failures:
    failed === 0
      ? []
      : [
          {
            code: 'NO_SEATS',
            reason,
            count: failed,
            names: ['User 0'],
            first: {
              itemId: 'user-0000',
              userId: 'user-0000',
              userPrincipalName: 'user0@contoso.com',
              displayName: 'User 0',
              body: plannedFor(0).body,
              state: 'failed',
              note: reason,
            },
            sameChange: [],
            sameChangeIsAll: false,
          },
        ],
  skips: [],
  otherFailures: 0,
  firstResults: [],
});

function ended(
  state: 'failed' | 'partiallyFailed' | 'succeeded',
  daysAgo: number,
  failed: number,
): StoredOperation {
  const at = new Date(NOW.getTime() - daysAgo * DAY).toISOString();
  return {
    ...pendingOperation(TENANT),
    state,
    finishedAt: at,
    updatedAt: at,
    outcome: outcome(failed),
  };
}

const subscription = (id: string, status: string, nextLifecycleDateTime: string | null) => ({
  id,
  skuId: 'sku-e3',
  skuPartNumber: 'SPE_E3',
  status,
  nextLifecycleDateTime,
  totalLicenses: 400,
  isTrial: false,
});

const sku = {
  skuId: 'sku-e3',
  skuPartNumber: 'SPE_E3',
  appliesTo: 'User',
  capabilityStatus: 'Enabled' as const,
  consumedUnits: 300,
  prepaidUnits: { enabled: 400, warning: 0, suspended: 0, lockedOut: 0 },
  servicePlans: [],
};

describe('one look at a tenant', () => {
  it('finds requests that failed in the last 7 days, wholly or in part, with their reason and button', async () => {
    const operations = new MemoryOperationStore();
    const recent = ended('failed', 1, 3);
    const partly = ended('partiallyFailed', 6, 1);
    for (const operation of [recent, partly, ended('failed', 8, 3), ended('succeeded', 1, 0)]) {
      await operations.create(operation);
    }
    const look = await lookForProblems(
      { directory: new MemoryDirectory({}), operations, logger: recordingLogger() },
      TENANT,
      NOW,
    );
    expect(look.findings).toEqual([
      {
        id: `operation-failed:${recent.id}`,
        kind: 'operation-failed',
        fingerprint: 'failed:3',
        title: 'Request failed: Assign Microsoft 365 E3',
        users: 3,
        reason: 'No seats left',
        fix: { kind: 'operation', operationId: recent.id },
      },
      expect.objectContaining({
        id: `operation-failed:${partly.id}`,
        title: 'Request partly failed: Assign Microsoft 365 E3',
        users: 1,
      }),
    ]);
  });

  it('finds subscriptions in their grace period, suspended, or due within 30 days, with the admin center steps', async () => {
    const directory = new MemoryDirectory({
      skus: [sku],
      subscriptions: [
        subscription('c-warning', 'Warning', null),
        subscription('c-suspended', 'Suspended', null),
        subscription('c-due', 'Enabled', '2026-12-20T00:00:00Z'),
        subscription('c-later', 'Enabled', '2027-06-01T00:00:00Z'),
      ],
    });
    const look = await lookForProblems(
      { directory, operations: new MemoryOperationStore(), logger: recordingLogger() },
      TENANT,
      NOW,
    );
    expect(look.findings.map((f) => [f.id, f.fingerprint, f.title, f.users])).toEqual([
      ['subscription:c-warning', 'warning', 'Microsoft 365 E3: expired, in its grace period', 300],
      ['subscription:c-suspended', 'suspended', 'Microsoft 365 E3: suspended', 300],
      [
        'subscription:c-due',
        'expiring:2026-12-20',
        'Microsoft 365 E3: 400 licenses renew or expire on 2026-12-20',
        300,
      ],
    ]);
    expect(look.findings[2]?.fix).toEqual({
      kind: 'admin-center',
      steps: expect.stringContaining('Microsoft 365 admin center › Billing › Your products'),
    });
    expect([...look.checked].sort()).toEqual([
      'group-errors',
      'operation-failed',
      'sku-low',
      'subscription',
    ]);
  });

  it('skips subscriptions with a log line when the directory has none to give (404), and a kind it cannot read', async () => {
    const logger = recordingLogger();
    const directory = new MemoryDirectory({ skus: [sku] });
    directory.listGroupsWithLicenseErrors = () => Promise.reject(new Error('Graph is down'));
    const look = await lookForProblems(
      { directory, operations: new MemoryOperationStore(), logger },
      TENANT,
      NOW,
    );
    expect([...look.checked].sort()).toEqual(['operation-failed', 'sku-low']);
    expect(logger.lines.map((line) => line.message)).toEqual([
      'alerts: could not check this kind of problem now',
      'alerts: the directory serves no /directory/subscriptions (404): subscription alerts skipped',
    ]);
  });
});
