import { describe, expect, it } from 'vitest';
import { describeScheduledChange } from '../../../src/domain/schedules/describe-scheduled-change.ts';
import type { ScheduledChange } from '../../../src/domain/schedules/schedule.ts';

describe('describeScheduledChange', () => {
  it.each<[string, ScheduledChange, string]>([
    [
      'an assignment to a group',
      {
        kind: 'assign',
        license: 'Power BI Pro',
        users: [],
        withoutPlans: [],
        selection: { kind: 'group', group: 'Sales' },
      },
      'Assign Power BI Pro to group "Sales"',
    ],
    [
      'an assignment to named people, leaving plans off',
      {
        kind: 'assign',
        license: 'E3',
        users: ['adele@contoso.com', 'megan@contoso.com'],
        withoutPlans: ['Teams', 'Yammer'],
      },
      'Assign E3 without Teams, Yammer to adele@contoso.com, megan@contoso.com',
    ],
    [
      'an assignment from a file whose rows name the licenses',
      { kind: 'assign', license: '', users: [], withoutPlans: [], selection: { kind: 'file' } },
      'Assign the licenses in the file to the users in the file',
    ],
    [
      'a removal of one SKU from a filter',
      {
        kind: 'remove',
        license: { scope: 'sku', sku: 'Visio' },
        users: [],
        selection: { kind: 'filter', filter: 'department eq "Sales"' },
      },
      'Remove Visio from users where department eq "Sales"',
    ],
    [
      'a removal of every license, keeping mailboxes',
      {
        kind: 'remove',
        license: { scope: 'all' },
        users: ['leaver@contoso.com'],
        keepMailbox: true,
      },
      'Remove every direct license from leaver@contoso.com, keeping mailboxes',
    ],
    [
      'a transfer',
      {
        kind: 'transfer',
        users: [],
        fromSku: 'E3',
        toSku: 'E5',
        selection: { kind: 'group', group: 'Execs' },
      },
      'Transfer group "Execs" from E3 to E5',
    ],
    [
      'plans enabled in a named SKU',
      {
        kind: 'modify',
        action: 'enable',
        plans: ['Teams'],
        sku: 'E3',
        users: ['adele@contoso.com'],
      },
      'Enable Teams in E3 for adele@contoso.com',
    ],
    [
      'plans disabled wherever the users hold them',
      {
        kind: 'modify',
        action: 'disable',
        plans: ['Yammer', 'Sway'],
        users: [],
        selection: { kind: 'group', group: 'Sales' },
      },
      'Disable Yammer, Sway for group "Sales"',
    ],
  ])('reads %s in one line', (_case, change, line) => {
    expect(describeScheduledChange(change)).toBe(line);
  });
});
