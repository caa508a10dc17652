/** One line a component logged. */
export interface LogLine {
  level: 'debug' | 'info' | 'warn' | 'error';
  message: string;
  fields: Record<string, unknown>;
}

/** A pino-compatible logger that keeps its lines in memory, for asserting on what was logged. */
export interface RecordingLogger {
  lines: LogLine[];
  debug(fields: object | string, message?: string): void;
  info(fields: object | string, message?: string): void;
  warn(fields: object | string, message?: string): void;
  error(fields: object | string, message?: string): void;
  child(bindings: Record<string, unknown>): RecordingLogger;
}

export function recordingLogger(
  lines: LogLine[] = [],
  bindings: Record<string, unknown> = {},
): RecordingLogger {
  const write =
    (level: LogLine['level']) =>
    (fields: object | string, message?: string): void => {
      if (typeof fields === 'string') {
        lines.push({ level, message: fields, fields: { ...bindings } });
      } else {
        lines.push({
          level,
          message: message ?? '',
          fields: { ...bindings, ...(fields as Record<string, unknown>) },
        });
      }
    };
  return {
    lines,
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    child: (more) => recordingLogger(lines, { ...bindings, ...more }),
  };
}
