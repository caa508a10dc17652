import type { AlertFinding, AlertKind } from '../../domain/alerts/alert.ts';
import type { Sku } from '../../domain/licensing.ts';
import type { Directory } from '../ports/directory.ts';
import type { Logger } from '../ports/logger.ts';
import type { OperationStore } from '../ports/operation-store.ts';
import { groupErrorFindings } from './group-findings.ts';
import { operationFindings } from './operation-findings.ts';
import { skuFindings } from './sku-findings.ts';
import { subscriptionFindings } from './subscription-findings.ts';

/** Where a look reads the tenant: its directory and its requests. */
export interface ProblemSources {
  directory: Directory;
  operations: Pick<OperationStore, 'listByState'>;
  logger: Logger;
}

/** What one look at a tenant found, and which kinds of problem it could check. */
export interface Look {
  findings: AlertFinding[];
  /** A kind missing here could not be read: its open alerts are not taken as solved. */
  checked: Set<AlertKind>;
}

const ORDER: readonly AlertKind[] = ['group-errors', 'sku-low', 'subscription', 'operation-failed'];

/**
 * Looks at a tenant for every kind of problem: groups with members in license errors, SKUs short
 * of seats, subscriptions expiring or not working, requests that failed. Each kind is read on
 * its own: one that fails (Graph down, throttled) is logged and left unchecked, the others count.
 */
export async function lookForProblems(
  sources: ProblemSources,
  tenantId: string,
  now: Date,
): Promise<Look> {
  const { directory, logger } = sources;
  const look: Look = { findings: [], checked: new Set() };
  const check = async (kind: AlertKind, read: () => Promise<AlertFinding[] | null>) => {
    try {
      const found = await read();
      if (found !== null) {
        look.findings.push(...found);
        look.checked.add(kind);
      }
    } catch (error) {
      logger.warn(
        { err: error, tenantId, kind },
        'alerts: could not check this kind of problem now',
      );
    }
  };
  let skus: Sku[] | undefined;
  const readSkus = async () => (skus ??= await directory.listSkus());
  await check('group-errors', () => groupErrorFindings(directory));
  await check('sku-low', async () => skuFindings(await readSkus()));
  await check('subscription', async () => {
    const subscriptions = await directory.listCompanySubscriptions();
    if (subscriptions === null) {
      logger.info(
        { tenantId },
        'alerts: the directory serves no /directory/subscriptions (404): subscription alerts skipped',
      );
      return null;
    }
    return subscriptionFindings(subscriptions, await readSkus(), now);
  });
  await check('operation-failed', () => operationFindings(sources.operations, tenantId, now));
  look.findings.sort((a, b) => ORDER.indexOf(a.kind) - ORDER.indexOf(b.kind));
  return look;
}
