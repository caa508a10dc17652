import { ConfigError } from './load-config.ts';

/**
 * For `main`: runs `load`, and when the settings are unusable prints the list of problems (no
 * stack trace) and ends the process with exit code 1. Any other error is not ours to hide.
 */
export function loadConfigOrExit<T>(
  load: () => T,
  io: { writeError(text: string): void; exit(code: number): never } = {
    writeError: (text) => process.stderr.write(text),
    exit: (code) => process.exit(code),
  },
): T {
  try {
    return load();
  } catch (error) {
    if (error instanceof ConfigError) {
      io.writeError(`${error.message}\n`);
      return io.exit(1);
    }
    throw error;
  }
}
