import type { LicenseWrite } from '../app/ports/license-writer.ts';
import type { FailureSubject } from './graph-error-mapper.ts';
import { userPath } from './odata.ts';

/** One write as Graph takes it: method, path relative to the version, JSON body. */
export interface WriteRequest {
  method: 'POST' | 'PATCH';
  path: string;
  body: unknown;
  subject: FailureSubject;
}

/** The Graph request for one write of a bulk run (the same request a single write sends). */
export function writeRequestFor(write: LicenseWrite): WriteRequest {
  const subject: FailureSubject = { kind: 'user', id: write.userId };
  switch (write.kind) {
    case 'assignLicense':
      return {
        method: 'POST',
        path: `${userPath(write.userId)}/assignLicense`,
        body: { addLicenses: write.body.addLicenses, removeLicenses: write.body.removeLicenses },
        subject,
      };
    case 'setUsageLocation':
      return {
        method: 'PATCH',
        path: userPath(write.userId),
        body: { usageLocation: write.usageLocation },
        subject,
      };
    case 'reprocess':
      return {
        method: 'POST',
        path: `${userPath(write.userId)}/reprocessLicenseAssignment`,
        body: {},
        subject,
      };
  }
}
