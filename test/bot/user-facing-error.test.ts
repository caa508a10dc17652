import { describe, expect, it } from 'vitest';
import { userFacingError } from '../../src/bot/user-facing-error.ts';
import { LicensingError } from '../../src/domain/errors.ts';
import { recordingLogger } from '../support/recording-logger.ts';

describe('what the user sees of a failure', () => {
  it("shows a licensing failure's admin message, and says when trying again may help", () => {
    const logger = recordingLogger();
    const throttled = new LicensingError({
      code: 'THROTTLED',
      message: 'Microsoft Graph is busy right now.',
      retryable: true,
      graphMessage: 'Too many requests from tenant abc',
    });
    const shown = userFacingError(throttled, logger);
    expect(shown).toEqual({
      text: 'Microsoft Graph is busy right now. Please try again in a minute.',
      outcome: 'failed:THROTTLED',
    });
    expect(shown.text).not.toContain('tenant abc');
  });

  it('apologises with a reference for anything else, and logs the detail under that reference', () => {
    const logger = recordingLogger();
    const shown = userFacingError(
      new TypeError("Cannot read properties of undefined (reading 'id')"),
      logger,
    );
    expect(shown.text).not.toContain('Cannot read');
    const reference = /reference: ([0-9a-f-]{36})\.$/.exec(shown.text)?.[1];
    expect(reference).toBeDefined();
    expect(logger.lines).toEqual([
      expect.objectContaining({
        level: 'error',
        fields: expect.objectContaining({ correlationId: reference }),
      }),
    ]);
  });
});
