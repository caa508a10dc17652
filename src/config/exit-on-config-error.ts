import { ConfigError } from './load-config.ts';

/** How `main` reports unusable settings; tests pass their own. */
export interface ExitIo {
  writeError(text: string): void;
  exit(code: number): never;
}

const processIo: ExitIo = {
  writeError: (text) => process.stderr.write(text),
  exit: (code) => process.exit(code),
};

/**
 * For `main`: when `error` says the settings are unusable, prints the list of problems (no stack
 * trace) and ends the process with exit code 1. Any other error is not ours to hide: rethrown.
 */
export function exitOnConfigError(error: unknown, io: ExitIo = processIo): never {
  if (error instanceof ConfigError) {
    io.writeError(`${error.message}\n`);
    return io.exit(1);
  }
  throw error;
}

/** For `main`: runs `load`, ending the process as `exitOnConfigError` does when it fails. */
export function loadConfigOrExit<T>(load: () => T, io: ExitIo = processIo): T {
  try {
    return load();
  } catch (error) {
    return exitOnConfigError(error, io);
  }
}
