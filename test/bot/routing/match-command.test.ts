import { describe, expect, it } from 'vitest';
import { createRoutingTable } from '../../../src/bot/commands/command-table.ts';
import { matchCommand } from '../../../src/bot/routing/match-command.ts';

const { commands, actions } = createRoutingTable();
const route = (text: string) => {
  const match = matchCommand(text, commands);
  return match.kind === 'matched'
    ? { command: match.command.name, argument: match.argument }
    : match;
};

describe('routing table', () => {
  it('registers each command once, with a schema, a role and a help example', () => {
    expect(commands.map((c) => c.name)).toEqual([
      'assign',
      'remove',
      'transfer',
      'enable',
      'disable',
      'request',
      'bulk',
      'approvals here',
      'alerts on',
      'alerts off',
      'alerts',
      'licenses',
      'user',
      'group',
      'group license',
      'license group',
      'unlicense group',
      'preview rule',
      'history',
      'report',
      'schedules',
      'templates',
      'prices',
      'price',
      'prices history',
      'tenants',
      'tenant',
      'help',
    ]);
    for (const command of commands) {
      expect(command.example.length).toBeGreaterThan(0);
      expect(matchCommand(command.example, commands)).toMatchObject({ kind: 'matched', command });
    }
    expect(actions.map((a) => a.verb)).toEqual([
      'licenses',
      'user',
      'group',
      'help',
      'request-approve',
      'request-continue',
      'request-reject',
      'request-cancel',
      'request-command',
      'selection-confirm',
      'selection-upload',
      'request-results',
      'request-preview',
      'request-view',
      'sku-holders',
      'fix-location',
      'group-reprocess',
      'user-reprocess',
      'group-set-location',
      'group-remove-direct',
      'request-form',
      'request-form-plans',
      'request-form-send',
      'bulk-form',
      'bulk-form-count',
      'bulk-form-preview',
      'bulk-form-submit',
      'group-license',
      'group-license-form',
      'group-license-ask',
      'rule-group-create',
      'history',
      'report',
      'report-export',
      'templates',
      'template-edit',
      'template-plans',
      'template-save',
      'template-delete',
      'prices',
      'price-edit',
      'price-save',
      'prices-import',
      'prices-history',
      'schedule-pause',
      'schedule-resume',
      'schedule-run-now',
      'schedule-cancel',
      'schedule-delete',
      'schedule-approve',
      'schedule-edit',
      'schedule-reject',
    ]);
  });

  it('is case-insensitive and forgiving about spaces, punctuation and spelling', () => {
    for (const text of [
      'licenses',
      'LICENSES',
      '  licenses  ',
      'licenses?',
      'Show licenses!',
      'licences',
      'show   licences.',
    ]) {
      expect(route(text)).toEqual({ command: 'licenses', argument: '' });
    }
  });

  it("keeps the argument's own case and drops only the ends", () => {
    expect(route('user   Adele.Vance@Contoso.com ')).toEqual({
      command: 'user',
      argument: 'Adele.Vance@Contoso.com',
    });
    expect(route('Group Sales and Marketing?')).toEqual({
      command: 'group',
      argument: 'Sales and Marketing',
    });
    expect(route('licenses for Adele')).toEqual({ command: 'user', argument: 'Adele' });
  });

  it('tells the price table, one price and the price history apart', () => {
    expect(route('prices')).toEqual({ command: 'prices', argument: '' });
    expect(route('Price "Microsoft 365 E3" 36.00 EUR')).toEqual({
      command: 'price',
      argument: '"Microsoft 365 E3" 36.00 EUR',
    });
    expect(route('prices history')).toEqual({ command: 'prices history', argument: '' });
    expect(route('price history')).toEqual({ command: 'prices history', argument: '' });
  });

  it('reads the tenant commands and keeps `tenants` apart from `tenant …`', () => {
    expect(route('tenants')).toEqual({ command: 'tenants', argument: '' });
    expect(route('tenant check fabrikam')).toEqual({
      command: 'tenant',
      argument: 'check fabrikam',
    });
  });

  it('reads the monthly report with its month, or its export', () => {
    expect(route('report')).toEqual({ command: 'report', argument: '' });
    expect(route('Report this month')).toEqual({ command: 'report', argument: 'this month' });
    expect(route('monthly report 2026-01')).toEqual({ command: 'report', argument: '2026-01' });
    expect(route('report export 2026-01')).toEqual({
      command: 'report',
      argument: 'export 2026-01',
    });
  });

  it('does not take a longer word for a command', () => {
    expect(route('users')).toMatchObject({ kind: 'unknown' });
    expect(route('helpdesk please')).toMatchObject({ kind: 'unknown' });
  });

  it('suggests the closest command for a typo, and nothing for nonsense', () => {
    expect(route('licnses')).toEqual({ kind: 'unknown', suggestion: 'licenses' });
    expect(route('grup Sales')).toEqual({ kind: 'unknown', suggestion: 'group' });
    expect(route('hepl')).toEqual({ kind: 'unknown', suggestion: 'help' });
    expect(route('xyzzy quux')).toEqual({ kind: 'unknown' });
  });

  it('answers empty and invisible-only text as empty', () => {
    expect(route('')).toEqual({ kind: 'empty' });
    expect(route(' \u200b \n ')).toEqual({ kind: 'empty' });
  });

  it('validates arguments with the command schema', () => {
    const user = commands.find((c) => c.name === 'user')!;
    expect(user.input.safeParse('').success).toBe(false);
    expect(user.input.safeParse('x'.repeat(300)).success).toBe(false);
    expect(user.input.safeParse(' adele ').data).toBe('adele');
  });

  it('validates card data and keeps only ids and page numbers', () => {
    const page = actions.find((a) => a.verb === 'group')!;
    expect(page.data.safeParse({ licenseDesk: 'group', id: 'g1', page: '3' }).data).toEqual({
      id: 'g1',
      page: 3,
    });
    expect(page.data.safeParse({ licenseDesk: 'group', page: 2 }).success).toBe(false);
    expect(page.data.safeParse({ licenseDesk: 'group', id: 'g1', page: -1 }).success).toBe(false);
  });
});
