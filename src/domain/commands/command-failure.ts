import type { Result } from '../errors.ts';
import type { CommandFailure, LicenseCommand } from './license-command.ts';

/** The outcome of reading one command. */
export type CommandResult = Result<LicenseCommand, CommandFailure>;

/** A refusal of a command with what was wrong and the right form to copy. */
export function commandFailure(
  code: CommandFailure['code'],
  message: string,
  example: string,
): CommandResult {
  return { ok: false, failure: { code, message, example } };
}
