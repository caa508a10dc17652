import { describe, expect, it } from 'vitest';
import { subscriptionTrouble } from '../../../src/domain/alerts/subscription-alert.ts';

const now = new Date('2026-12-06T08:00:00.000Z');

describe('subscriptions that need an admin', () => {
  it.each([
    ['in its grace period', 'Warning', null, { kind: 'warning' }],
    ['suspended', 'Suspended', null, { kind: 'suspended' }],
    ['locked out', 'LockedOut', null, { kind: 'suspended' }],
    [
      'enabled, next date in 12 days',
      'Enabled',
      '2026-12-18T08:00:00Z',
      { kind: 'expiring', days: 12 },
    ],
    ['enabled, next date passed', 'Enabled', '2026-12-01T00:00:00Z', { kind: 'expiring', days: 0 }],
    [
      'enabled, next date in 30 days',
      'Enabled',
      '2027-01-05T08:00:00Z',
      { kind: 'expiring', days: 30 },
    ],
    ['enabled, next date in 31 days', 'Enabled', '2027-01-06T08:00:00Z', undefined],
    ['enabled, no date', 'Enabled', null, undefined],
    ['deleted', 'Deleted', null, undefined],
  ])('%s', (_rule, status, nextLifecycleDateTime, expected) => {
    expect(subscriptionTrouble({ status, nextLifecycleDateTime }, now, 30)).toEqual(expected);
  });
});
