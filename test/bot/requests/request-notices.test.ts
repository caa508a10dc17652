import { describe, expect, it } from 'vitest';
import type { StoredOperation } from '../../../src/app/ports/operation-store.ts';
import { noticeFor } from '../../../src/bot/requests/request-notices.ts';

const rejected = {
  id: 'op-1',
  tenantId: 't',
  kind: 'assign',
  state: 'rejected',
  requester: { userId: 'u-alex', displayName: 'Alex Wilber' },
  summary: 'Assign Microsoft 365 E5 to 1 user',
  items: [],
  createdAt: '2026-12-01T10:00:00.000Z',
  updatedAt: '2026-12-01T10:00:00.000Z',
  expiresAt: '2026-12-04T10:00:00.000Z',
  decidedBy: { userId: 'u-megan', displayName: '**Megan** <at>Bowen</at>' },
  rejectionReason: '[Request it here](https://evil.example) _now_',
  events: [],
  etag: '"1"',
} as unknown as StoredOperation;

describe("the requester's notice", () => {
  it('shows the approver and the reason they typed literally, never as a link, bold or mention', () => {
    const text = noticeFor(rejected)!;
    expect(text).toContain('rejected by \\*\\*Megan\\*\\* \\<at\\>Bowen\\</at\\>');
    expect(text).toContain('\\[Request it here\\](https://evil.example) \\_now\\_');
    expect(text).not.toMatch(/(^|[^\\])\[Request/);
  });
});
