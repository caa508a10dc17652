import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logging.ts';
import { inMemoryTelemetry } from './in-memory-telemetry.ts';

const memory = inMemoryTelemetry();

function capture(mixin?: () => Record<string, string>) {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
        lines.push(JSON.parse(line) as Record<string, unknown>);
      }
      done();
    },
  });
  const logger = createLogger({ level: 'info', destination, ...(mixin ? { mixin } : {}) });
  return { logger, lines };
}

describe('log lines and traces', () => {
  it('carry the trace and span id of the span they are written in, and the operation id given', async () => {
    const { logger, lines } = capture(memory.telemetry.logFields);
    await memory.telemetry.span('POST /api/messages approve', {}, async () => {
      await memory.telemetry.span('GET /users/{id}', {}, async () => {
        logger.child({ operationId: 'op-1' }).info('inner');
        await Promise.resolve();
      });
      logger.info('outer');
    });
    logger.info('outside');

    const [inner, outer] = memory.spans();
    expect(lines[0]).toMatchObject({
      msg: 'inner',
      operationId: 'op-1',
      trace_id: inner?.spanContext().traceId,
      span_id: inner?.spanContext().spanId,
    });
    expect(lines[1]).toMatchObject({
      msg: 'outer',
      trace_id: outer?.spanContext().traceId,
      span_id: outer?.spanContext().spanId,
    });
    expect(inner?.spanContext().traceId).toBe(outer?.spanContext().traceId);
    expect(lines[2]).not.toHaveProperty('trace_id');
  });

  it('carry no trace fields when telemetry is off', () => {
    const { logger, lines } = capture();
    logger.info('turn');
    expect(Object.keys(lines[0] ?? {})).not.toContain('trace_id');
  });
});
