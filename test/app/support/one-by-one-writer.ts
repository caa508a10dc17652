import type {
  LicenseWrite,
  LicenseWriteOutcome,
  LicenseWriter,
} from '../../../src/app/ports/license-writer.ts';
import { LicensingError, type LicensingFailure } from '../../../src/domain/errors.ts';

const unexpected: LicensingFailure = {
  code: 'UNKNOWN',
  message: 'Microsoft 365 gave an unexpected answer.',
  retryable: true,
};

/**
 * A writer whose bulk writes go one at a time through its own single-write methods, looked up at
 * each call: a test that replaces `assignUserLicenses` (to hold a call open, fail it, or stop the
 * process in the middle) sees every write of a run, in order. Like the batch writer, it sends
 * nothing new once `signal` aborts and then ends by throwing its reason.
 */
export function oneByOne(writer: LicenseWriter): LicenseWriter {
  const wrapped: LicenseWriter = {
    assignUserLicenses: (userId, body) => writer.assignUserLicenses(userId, body),
    assignGroupLicenses: (groupId, body) => writer.assignGroupLicenses(groupId, body),
    setUsageLocation: (userId, location) => writer.setUsageLocation(userId, location),
    reprocessUser: (userId) => writer.reprocessUser(userId),
    createDynamicGroup: (body) => writer.createDynamicGroup(body),
    async *writeMany(writes, options): AsyncIterable<LicenseWriteOutcome> {
      for await (const write of writes) {
        if (options?.signal?.aborted === true) {
          break;
        }
        yield await send(wrapped, write);
      }
      if (options?.signal?.aborted === true) {
        throw options.signal.reason;
      }
    },
  };
  return wrapped;
}

async function send(writer: LicenseWriter, write: LicenseWrite): Promise<LicenseWriteOutcome> {
  try {
    switch (write.kind) {
      case 'assignLicense':
        await writer.assignUserLicenses(write.userId, write.body);
        break;
      case 'setUsageLocation':
        await writer.setUsageLocation(write.userId, write.usageLocation);
        break;
      case 'reprocess':
        await writer.reprocessUser(write.userId);
        break;
    }
    return { key: write.key, ok: true, attempts: 1 };
  } catch (error) {
    const failure = error instanceof LicensingError ? error.failure : unexpected;
    return { key: write.key, ok: false, failure, attempts: 1 };
  }
}
