import { describe, expect, it } from 'vitest';
import type { BatchItemResponse } from '../../../src/graph/batch/batch-transport.ts';
import { judgeBatch } from '../../../src/graph/batch/batch-verdict.ts';
import { writeRequestFor } from '../../../src/graph/license-write-request.ts';

const SKU = '05e9a617-0261-4cee-bb44-138d3ef5d965';
const item = (userId: string) => ({
  request: writeRequestFor({
    key: userId,
    kind: 'assignLicense',
    userId,
    body: { addLicenses: [{ skuId: SKU, disabledPlans: [] }], removeLicenses: [] },
  }),
});
const error = (code: string, message: string) => ({ error: { code, message } });

describe('batch verdict', () => {
  it('sorts inner answers into done, failed, throttled and transient', () => {
    const batch = ['u1', 'u2', 'u3', 'u4', 'u5'].map(item);
    const verdict = judgeBatch(
      batch,
      {
        kind: 'answered',
        requestId: 'outer-1',
        responses: new Map<string, BatchItemResponse>([
          ['1', { status: 200, headers: { 'x-ms-throttle-limit-percentage': '0.92' }, body: {} }],
          [
            '2',
            {
              status: 400,
              headers: {},
              body: error(
                'Request_BadRequest',
                `Subscription ${SKU} does not have any available licenses.`,
              ),
            },
          ],
          [
            '3',
            { status: 429, headers: { 'Retry-After': '5' }, body: error('TooManyRequests', 'x') },
          ],
          ['4', { status: 503, headers: {}, body: error('serviceNotAvailable', 'x') }],
        ]),
      },
      0,
    );

    expect(verdict.items.map((v) => v.kind)).toEqual([
      'done',
      'failed',
      'throttled',
      'transient',
      'transient',
    ]);
    expect(verdict.items[0]).toMatchObject({ requestId: 'outer-1' });
    expect(verdict.items[1]).toMatchObject({ failure: { code: 'NO_SEATS', requestId: 'outer-1' } });
    expect(verdict).toMatchObject({ accepted: 2, retryAfterSeconds: 5, limitShare: 0.92 });
  });

  it('throttles every write of a batch refused with 429, with its Retry-After', () => {
    const verdict = judgeBatch(
      [item('u1'), item('u2')],
      {
        kind: 'rejected',
        status: 429,
        headers: new Headers({ 'Retry-After': '9' }),
        body: error('TooManyRequests', 'x'),
      },
      0,
    );
    expect(verdict.items.every((v) => v.kind === 'throttled')).toBe(true);
    expect(verdict.retryAfterSeconds).toBe(9);
  });

  it('fails every write of a batch Graph refused as invalid, and retries none', () => {
    const verdict = judgeBatch(
      [item('u1')],
      {
        kind: 'rejected',
        status: 400,
        headers: new Headers(),
        body: error('BadRequest', 'Invalid batch payload format.'),
      },
      0,
    );
    expect(verdict.items[0]).toMatchObject({
      kind: 'failed',
      failure: { code: 'INVALID_REQUEST' },
    });
  });
});
