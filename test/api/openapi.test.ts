import restify from 'restify';
import { describe, expect, it } from 'vitest';
import { apiRoutes } from '../../src/api/api-routes.ts';
import type { ApiUseCases } from '../../src/api/api-use-cases.ts';
import { mountApi } from '../../src/api/mount-api.ts';
import { OPENAPI_PATH, openApiDocument, openApiPath } from '../../src/api/openapi.ts';
import { RateLimiter } from '../../src/api/rate-limit.ts';
import { recordingLogger } from '../support/recording-logger.ts';

const unused = (): never => {
  throw new Error('not called: the document is built from the route table alone');
};
const uses: ApiUseCases = {
  requests: { ask: unused, preview: unused, decide: unused },
  groupLicenses: { ask: unused },
  history: { read: unused },
  reports: { monthly: unused, export: unused },
  operations: { get: unused, list: unused, items: unused },
  runs: { start: unused },
};

type Document = {
  paths: Record<string, Record<string, { requestBody?: unknown; parameters: { name: string }[] }>>;
};

describe('the OpenAPI document', () => {
  const routes = apiRoutes(uses);
  const document = openApiDocument(routes) as Document;

  it('names every route the server registers, and nothing else', () => {
    const server = restify.createServer();
    mountApi(server, {
      routes,
      authenticate: unused,
      rateLimit: new RateLimiter(1),
      bodyLimitBytes: 1024,
      documents: { [OPENAPI_PATH]: document },
      logger: recordingLogger(),
    });
    // restify's types leave getDebugInfo out: what it returns, as far as this test reads it.
    const debug = (
      server as unknown as { getDebugInfo(): { routes: { method: string; path: string }[] } }
    ).getDebugInfo();
    const registered = debug.routes
      .filter((route) => route.path !== OPENAPI_PATH)
      .map((route) => `${route.method.toLowerCase()} ${openApiPath(route.path)}`)
      .sort();
    const documented = Object.entries(document.paths)
      .flatMap(([path, methods]) => Object.keys(methods).map((method) => `${method} ${path}`))
      .sort();
    expect(registered.length).toBeGreaterThan(0);
    expect(documented).toEqual(registered);
  });

  it('describes bodies and parameters from the zod schemas that validate them', () => {
    const post = document.paths['/api/identity/users/{id}/licenses']?.post;
    expect(post?.requestBody).toMatchObject({
      content: {
        'application/json': {
          schema: { properties: { justification: { type: 'string' } } },
        },
      },
    });
    expect(post?.parameters.map((parameter) => parameter.name)).toEqual(['id', 'Idempotency-Key']);
    const history = document.paths['/api/identity/licenses/assignment-history']?.get;
    expect(history?.parameters.map((parameter) => parameter.name)).toContain('continuationToken');
  });

  it('describes the CSV body of the bulk routes, its query parameters, and no CSV elsewhere', () => {
    for (const action of ['assign', 'remove', 'modify']) {
      const post = document.paths[`/api/automation/bulk-licenses/${action}`]?.post;
      expect(post?.requestBody).toMatchObject({
        content: { 'application/json': {}, 'text/csv': { schema: { type: 'string' } } },
      });
      expect(post?.parameters.map((parameter) => parameter.name)).toContain('justification');
    }
    const assign = document.paths['/api/automation/bulk-licenses/assign']?.post;
    expect(assign?.parameters.map((parameter) => parameter.name)).toEqual(
      expect.arrayContaining(['sku', 'disabledPlans', 'usageLocation', 'Idempotency-Key']),
    );
    const single = document.paths['/api/identity/users/{id}/licenses']?.post;
    expect(JSON.stringify(single?.requestBody)).not.toContain('text/csv');
    const problem = (document as unknown as { components: { schemas: { Problem: unknown } } })
      .components.schemas.Problem;
    expect(JSON.stringify(problem)).toContain('IDEMPOTENCY_KEY_REUSED');
    expect(JSON.stringify(problem)).toContain('CSV_ROWS_INVALID');
  });

  it('keeps naming the history route parameters', () => {
    const history = document.paths['/api/identity/licenses/assignment-history']?.get;
    expect(history?.parameters.map((parameter) => parameter.name)).toContain('continuationToken');
  });
});
