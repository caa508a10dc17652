import { randomUUID } from 'node:crypto';
import { LicensingError } from '../domain/errors.ts';
import type { Logger } from '../app/ports/logger.ts';

/**
 * The one place a failure becomes words for the user: a licensing failure's admin message, or
 * an apology with a reference the admins can find in the logs. Never a stack or an SDK message.
 */
export function userFacingError(error: unknown, logger: Logger): { text: string; outcome: string } {
  if (error instanceof LicensingError) {
    logger.warn({ code: error.code, failure: error.failure }, 'licensing failure shown to user');
    const retry = error.failure.retryable ? ' Please try again in a minute.' : '';
    return { text: `${error.failure.message}${retry}`, outcome: `failed:${error.code}` };
  }
  const correlationId = randomUUID();
  logger.error({ err: error, correlationId }, 'turn failed');
  return {
    text:
      'Sorry, something went wrong on my side and I could not answer. ' +
      `If it keeps happening, give your IT admins this reference: ${correlationId}.`,
    outcome: 'error',
  };
}
