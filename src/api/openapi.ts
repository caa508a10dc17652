import { z } from 'zod';
import type { ApiRoute } from './api-route.ts';
import { ROLES_GRANTING } from './auth/api-roles.ts';

export const OPENAPI_PATH = '/api/openapi.json';

const jsonSchema = (schema: z.ZodType, io: 'input' | 'output') => {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, {
    io,
    target: 'draft-2020-12',
    unrepresentable: 'any',
  });
  return rest;
};

/** `/api/users/:id` → `/api/users/{id}` */
export const openApiPath = (path: string): string => path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

const problemSchema = {
  type: 'object',
  required: ['type', 'title', 'status', 'detail', 'code', 'instance'],
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    code: {
      type: 'string',
      description:
        'Stable: what a client branches on. Among them: VALIDATION_FAILED, MALFORMED_JSON, MALFORMED_CSV, UNSUPPORTED_MEDIA_TYPE, BODY_TOO_LARGE, CSV_ROWS_INVALID, IDEMPOTENCY_KEY_REUSED, REQUEST_REFUSED, NOTHING_TO_DO, RATE_LIMITED, TOKEN_*, TENANT_NOT_SERVED, ROLE_MISSING, OPERATION_NOT_FOUND.',
    },
    instance: { type: 'string' },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        properties: { field: { type: 'string' }, message: { type: 'string' } },
      },
    },
    choices: { type: 'array', items: { type: 'string' } },
    rows: {
      type: 'array',
      description: 'CSV_ROWS_INVALID: the first wrong rows of a CSV body.',
      items: {
        type: 'object',
        required: ['line', 'reason', 'message', 'fix'],
        properties: {
          line: { type: 'integer', description: 'The line of the file the row ends on.' },
          reason: {
            type: 'string',
            enum: [
              'malformed',
              'duplicate',
              'unknown user',
              'unknown SKU',
              'unknown plan',
              'plan not in SKU',
            ],
          },
          message: { type: 'string', description: 'What is wrong with it.' },
          fix: { type: 'string', description: 'How to put it right.' },
        },
      },
    },
  },
};

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});

/** Path and query parameters from a route's object schemas. */
function parameters(route: ApiRoute): unknown[] {
  const from = (schema: z.ZodType | undefined, where: 'path' | 'query') => {
    if (schema === undefined) {
      return [];
    }
    const json = jsonSchema(schema, 'input') as {
      properties?: Record<string, { description?: string }>;
      required?: string[];
    };
    return Object.entries(json.properties ?? {}).map(([name, property]) => ({
      name,
      in: where,
      required: where === 'path' || (json.required ?? []).includes(name),
      ...(property.description ? { description: property.description } : {}),
      schema: property,
    }));
  };
  const headers = Object.entries(route.headers ?? {}).map(([name, header]) => ({
    name,
    in: 'header',
    required: false,
    description: header.description,
    schema: jsonSchema(header.schema, 'input'),
  }));
  // A CSV body's query parameters are never required: a JSON body does without them.
  const csv = from(route.csv?.query, 'query').map((parameter) => ({
    ...parameter,
    required: false,
  }));
  return [...from(route.params, 'path'), ...from(route.query, 'query'), ...csv, ...headers];
}

/** The OpenAPI 3.1 document of `routes`, from the same zod schemas that validate them. */
export function openApiDocument(routes: readonly ApiRoute[]): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const responses: Record<string, unknown> = {};
    for (const [status, answer] of Object.entries(route.responses)) {
      responses[status] =
        answer.schema === undefined
          ? problem(answer.description)
          : {
              description: answer.description,
              ...(answer.headers
                ? {
                    headers: Object.fromEntries(
                      Object.entries(answer.headers).map(([name, description]) => [
                        name,
                        { description, schema: { type: 'string' } },
                      ]),
                    ),
                  }
                : {}),
              content: {
                'application/json': { schema: jsonSchema(answer.schema, 'output') },
                ...(answer.csv
                  ? { 'text/csv': { schema: { type: 'string', description: answer.csv } } }
                  : {}),
              },
            };
    }
    responses['400'] ??= problem('A path, query, header or body field is not valid.');
    responses['401'] = problem('No token, or one that is expired or not for this API.');
    responses['403'] = problem('A role the route needs is missing, or the tenant is not served.');
    responses['429'] = problem('Too many requests: see Retry-After.');
    (paths[openApiPath(route.path)] ??= {})[route.method] = {
      operationId: route.operationId,
      summary: route.summary,
      description: `App roles: ${ROLES_GRANTING[route.permission].join(' or ')}.`,
      parameters: parameters(route),
      ...(route.body
        ? {
            requestBody: {
              required: true,
              content: {
                'application/json': { schema: jsonSchema(route.body, 'input') },
                ...(route.csv
                  ? {
                      'text/csv': {
                        schema: { type: 'string', description: route.csv.description },
                      },
                    }
                  : {}),
              },
            },
          }
        : {}),
      responses,
      security: [{ entraId: [] }],
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'License Desk API',
      version: '1.0.0',
      description:
        'Microsoft 365 license requests, approved in Teams like the chat’s: the same planner, policy, approval cards, runs and history.',
    },
    paths,
    components: {
      schemas: { Problem: problemSchema },
      securitySchemes: {
        entraId: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description:
            'An Entra ID access token for License Desk’s API, with the app role Licenses.Read, Licenses.Request or Licenses.Approve.',
        },
      },
    },
  };
}
