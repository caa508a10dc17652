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
    code: { type: 'string', description: 'Stable: what a client branches on.' },
    instance: { type: 'string' },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        properties: { field: { type: 'string' }, message: { type: 'string' } },
      },
    },
    choices: { type: 'array', items: { type: 'string' } },
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
  return [...from(route.params, 'path'), ...from(route.query, 'query'), ...headers];
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
              content: { 'application/json': { schema: jsonSchema(answer.schema, 'output') } },
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
              content: { 'application/json': { schema: jsonSchema(route.body, 'input') } },
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
