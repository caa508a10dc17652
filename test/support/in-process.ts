import { isInProcess, type InProcessServices } from '../../src/embedded/embedded-services.ts';
import type { RunningLicenseDesk } from '../../src/server/license-desk.ts';

/**
 * The stand-ins `desk` started in this process, for tests that read or change the demo tenant
 * directly; an error when it runs on others (`npm run stand-ins`) or in production mode.
 */
export function inProcessStandIns(desk: RunningLicenseDesk): InProcessServices {
  if (desk.embedded === undefined || !isInProcess(desk.embedded)) {
    throw new Error('This test needs the stand-ins started in its own process (no STANDINS).');
  }
  return desk.embedded;
}
