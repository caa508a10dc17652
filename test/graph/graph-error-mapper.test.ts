import { describe, expect, it } from 'vitest';
import { graphErrorDetails } from '../../src/graph/graph-error-body.ts';
import { mapGraphError, mapNoResponse } from '../../src/graph/graph-error-mapper.ts';

const SKU = '05e9a617-0261-4cee-bb44-138d3ef5d965';
const PLAN_A = '9aaf7827-d63c-4b61-89c3-182f06f82e5c';
const PLAN_B = 'efb87545-963c-4e0d-99df-69c6916d9eb0';
const user = { kind: 'user', id: 'adelev@contoso.onmicrosoft.com' } as const;

function fromGraph(
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
) {
  const details = graphErrorDetails(
    status,
    new Headers(headers),
    { error: { code, message } },
    Date.parse('2026-01-01T00:00:00Z'),
  );
  return mapGraphError(details, user);
}

describe('Graph error mapper', () => {
  it.each([
    ['no seats', `Subscription ${SKU} does not have any available licenses.`, 'NO_SEATS'],
    [
      'no seats, reworded',
      'License assignment failed because there are not enough licenses.',
      'NO_SEATS',
    ],
    [
      'missing usage location',
      'License assignment cannot be done for user with invalid usage location.',
      'USAGE_LOCATION_MISSING',
    ],
    [
      'invalid usage location on PATCH',
      "Invalid value specified for property 'usageLocation' of resource 'User'.",
      'USAGE_LOCATION_INVALID',
    ],
    [
      'mutually exclusive',
      `License assignment failed because service plans ${PLAN_A},${PLAN_B} are mutually exclusive.`,
      'MUTUALLY_EXCLUSIVE_PLANS',
    ],
    [
      'missing dependency',
      `License assignment failed because service plan ${PLAN_A} depends on the service plan(s) ${PLAN_B}.`,
      'MISSING_DEPENDENCY',
    ],
    [
      'assigned by group',
      'User license is inherited from a group membership and it cannot be removed directly from the user.',
      'ASSIGNED_BY_GROUP',
    ],
    [
      'plan not in SKU',
      `Service plan ${PLAN_A} is not part of the license ${SKU}.`,
      'PLAN_NOT_IN_SKU',
    ],
    [
      'unknown SKU',
      `License ${SKU} does not correspond to a valid company License.`,
      'SKU_NOT_FOUND',
    ],
    ['anything else', 'One or more properties contains invalid values.', 'INVALID_REQUEST'],
  ])('maps %s to its stable code', (_, message, code) => {
    const failure = fromGraph(400, 'Request_BadRequest', message);
    expect(failure.code).toBe(code);
    expect(failure.retryable).toBe(false);
    expect(failure.graphMessage).toBe(message);
    expect(failure.message).not.toContain(message);
  });

  it('names the SKU without seats and the plans in conflict', () => {
    expect(
      fromGraph(
        400,
        'Request_BadRequest',
        `Subscription ${SKU} does not have any available licenses.`,
      ).skuId,
    ).toBe(SKU);
    expect(
      fromGraph(
        400,
        'Request_BadRequest',
        `License assignment failed because service plans ${PLAN_A},${PLAN_B} are mutually exclusive.`,
      ).planIds,
    ).toEqual([PLAN_A, PLAN_B]);
  });

  it('maps statuses: 404 user, 403, 401, 429 with Retry-After, 5xx', () => {
    expect(fromGraph(404, 'Request_ResourceNotFound', "Resource 'x' does not exist").code).toBe(
      'USER_NOT_FOUND',
    );
    expect(mapGraphError({ status: 404 }, { kind: 'group', id: 'g1' })).toMatchObject({
      code: 'GROUP_NOT_FOUND',
      groupId: 'g1',
    });
    expect(
      fromGraph(
        403,
        'Authorization_RequestDenied',
        'Insufficient privileges to complete the operation.',
      ).code,
    ).toBe('PERMISSION_DENIED');
    expect(fromGraph(401, 'InvalidAuthenticationToken', 'Access token is empty.').code).toBe(
      'PERMISSION_DENIED',
    );
    const throttled = fromGraph(429, 'TooManyRequests', 'Too many requests', {
      'Retry-After': '7',
      'request-id': 'r-1',
    });
    expect(throttled).toMatchObject({
      code: 'THROTTLED',
      retryable: true,
      retryAfterSeconds: 7,
      requestId: 'r-1',
    });
    expect(throttled.message).toContain('7 seconds');
    expect(fromGraph(503, 'serviceNotAvailable', 'x')).toMatchObject({
      code: 'UNAVAILABLE',
      retryable: true,
    });
    expect(fromGraph(504, 'GatewayTimeout', 'x')).toMatchObject({
      code: 'UNAVAILABLE',
      retryable: true,
    });
    expect(fromGraph(409, 'Conflict', 'x')).toMatchObject({ code: 'UNKNOWN', retryable: false });
  });

  it('reads Retry-After as an HTTP date and the request id from the body', () => {
    const details = graphErrorDetails(
      429,
      new Headers({ 'Retry-After': 'Thu, 01 Jan 2026 00:00:30 GMT' }),
      { error: { code: 'TooManyRequests', message: 'x', innerError: { 'request-id': 'inner-1' } } },
      Date.parse('2026-01-01T00:00:00Z'),
    );
    expect(details).toMatchObject({ retryAfterSeconds: 30, requestId: 'inner-1' });
  });

  it('says which user was not found, never with Graph raw text', () => {
    const failure = fromGraph(404, 'Request_ResourceNotFound', "Resource 'adelev' does not exist");
    expect(failure.message).toContain('adelev@contoso.onmicrosoft.com');
    expect(failure.message).not.toContain('Resource');
  });

  it('treats a lost connection and a timeout as retryable outages', () => {
    expect(mapNoResponse(false)).toMatchObject({ code: 'UNAVAILABLE', retryable: true });
    expect(mapNoResponse(true).message).toContain('too long');
  });
});
