import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { RESUME_JOB } from '../../src/server/license-desk.ts';
import { SKUS } from '../../src/simulator/seed/demo-skus.ts';
import { saveBulkAssign } from '../support/bulk-operation.ts';
import { ALEX_WILBER, startTestStack, type TestStack } from '../support/stack.ts';
import { inMemoryTelemetry } from './in-memory-telemetry.ts';
import { apiClient } from '../api/support/api-client.ts';

// The composition root loads Azure Monitor when the setting is there: here it gets in-memory
// exporters instead, so the real path (setting → dynamic import → spans) runs end to end.
const memory = vi.hoisted(() => ({
  current: undefined as ReturnType<typeof inMemoryTelemetry> | undefined,
}));
vi.mock('../../src/telemetry/azure-monitor.ts', () => ({
  startAzureMonitor: () => {
    memory.current = inMemoryTelemetry();
    return memory.current.telemetry;
  },
}));

const CONNECTION_STRING =
  'InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://127.0.0.1:9/';

const recorded = () => {
  if (memory.current === undefined) {
    throw new Error('telemetry was not started from the setting');
  }
  return memory.current;
};

describe('telemetry of a running License Desk', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack({
      size: 60,
      env: { APPLICATIONINSIGHTS_CONNECTION_STRING: CONNECTION_STRING },
    });
  });

  afterAll(async () => {
    await stack?.close();
  });

  it('names the request span of a turn by its command, with its outcome and no message text', async () => {
    const turn = await stack.personalMessage('user Alex Wilber', ALEX_WILBER);
    expect(turn.status).toBe(200);
    const request = recorded()
      .spans()
      .find(
        (span) =>
          span.kind === SpanKind.SERVER && span.attributes['license_desk.command'] === 'user',
      );
    expect(request?.name).toBe('POST /api/messages user');
    expect(request?.attributes).toMatchObject({
      'http.route': '/api/messages',
      'http.response.status_code': 200,
      'license_desk.outcome': expect.any(String),
      'license_desk.conversation_type': 'personal',
    });
    const everything = JSON.stringify(
      recorded()
        .spans()
        .map((span) => ({ name: span.name, attributes: span.attributes, events: span.events })),
    );
    expect(everything).not.toContain('Alex Wilber');
  });

  it('makes a REST API call a request span named by its route template, never its ids', async () => {
    const api = await apiClient(stack);
    const token = await api.userToken(ALEX_WILBER, ['Licenses.Read']);
    const read = await api.call('GET', '/api/automation/bulk-licenses/operations/no-such-id', {
      token,
    });
    expect(read.status).toBe(404);
    const request = recorded()
      .spans()
      .find(
        (span) =>
          span.kind === SpanKind.SERVER &&
          span.attributes['http.route'] === '/api/automation/bulk-licenses/operations/:id',
      );
    expect(request?.name).toBe('GET /api/automation/bulk-licenses/operations/:id');
    expect(request?.attributes['http.response.status_code']).toBe(404);
    expect(JSON.stringify(request?.attributes)).not.toContain('no-such-id');
  });

  it("makes every Graph request a dependency span under the turn, with Graph's request ids", async () => {
    const turn = await stack.personalMessage('licenses', ALEX_WILBER);
    expect(turn.status).toBe(200);
    const spans = recorded().spans();
    const request = spans.find((span) => span.name === 'POST /api/messages licenses');
    const graph = spans.filter(
      (span) =>
        span.kind === SpanKind.CLIENT &&
        span.attributes['peer.service'] === 'Microsoft Graph' &&
        span.spanContext().traceId === request?.spanContext().traceId,
    );
    expect(graph.length).toBeGreaterThan(0);
    for (const span of graph) {
      expect(span.name).toMatch(/^(GET|POST|PATCH|DELETE) \/[A-Za-z$/{}.]*$/);
      expect(span.attributes['graph.request_id']).toMatch(/\S/);
      expect(span.attributes['graph.client_request_id']).toMatch(/\S/);
      expect(span.attributes['http.response.status_code']).toBe(200);
    }
  });

  it('makes every Cosmos write of an item a dependency span with its container and RU charge', () => {
    const writes = recorded()
      .spans()
      .filter(
        (span) =>
          span.kind === SpanKind.CLIENT &&
          span.attributes['db.system.name'] === 'azure.cosmosdb' &&
          span.attributes['db.cosmosdb.resource_type'] === 'docs' &&
          /^(create|upsert|replace|batch|patch)$/i.test(
            String(span.attributes['db.operation.name']),
          ),
      );
    expect(writes.length).toBeGreaterThan(0);
    for (const span of writes) {
      expect(span.attributes['db.cosmosdb.request_charge']).toBeTypeOf('number');
      expect(span.attributes['db.collection.name']).toMatch(/\S/);
      expect(span.status.code).not.toBe(SpanStatusCode.ERROR);
    }
  });

  it('records turn latency by command', async () => {
    const points = await recorded().points('license_desk.turn.duration_ms');
    expect(points.map((point) => point.attributes.command)).toEqual(
      expect.arrayContaining(['user', 'licenses']),
    );
  });

  it('counts the state changes of a run and the users it processed, by result', async () => {
    const tenant = stack.simulator.tenant();
    const skuId = SKUS.SPE_E5;
    const userIds = tenant
      .users()
      .filter((user) => user.usageLocation !== null)
      .filter((user) => !user.licenseAssignmentStates.some((state) => state.skuId === skuId))
      .slice(0, 3)
      .map((user) => user.id);
    const sku = tenant.subscribedSkus().find((held) => held.skuId === skuId);
    expect(tenant.setPrepaidUnits(skuId, (sku?.consumedUnits ?? 0) + 10).ok).toBe(true);
    // An approved run a stopped process left: the resume job runs it through the real stack.
    await saveBulkAssign(stack.desk.store, {
      id: 'telemetry-run',
      tenantId: stack.tenantId,
      userIds,
      skuId,
      state: 'approved',
    });
    await stack.desk.jobs.runNow(RESUME_JOB);
    await stack.settle();

    const changes = await recorded().points('license_desk.operations.state_changes');
    expect(changes.map((point) => [point.attributes.from, point.attributes.state])).toEqual(
      expect.arrayContaining([['approved', 'running']]),
    );
    const processed = await recorded().points('license_desk.users.processed');
    expect(processed.map((point) => [point.attributes.result, point.value])).toEqual([['done', 3]]);
  });
});
