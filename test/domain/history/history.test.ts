import { describe, expect, it } from 'vitest';
import { historyCsvRows, neutraliseCell, toCsv } from '../../../src/domain/history/history-csv.ts';
import {
  historyEventId,
  historyEventsForDecision,
  historyEventsForItem,
  type HistoryEvent,
} from '../../../src/domain/history/history-event.ts';
import { parseHistoryQuery, parseSince } from '../../../src/domain/history/history-query.ts';
import { newOperation } from '../../../src/domain/operations/new-operation.ts';
import type { Operation, OperationItem } from '../../../src/domain/operations/operation.ts';
import { e3, o365e3 } from '../fixtures/tenant.ts';

const now = new Date('2026-11-23T10:00:00.000Z');
const megan = { userId: 'u-megan', displayName: 'Megan Bowen' };
const adele = { userId: 'u-adele', displayName: 'Adele Vance' };

function transferOperation(
  kind: Operation['kind'] = 'transfer',
): Operation & { items: OperationItem[] } {
  const { operation, items } = newOperation({
    id: 'op-7',
    tenantId: 't-1',
    kind,
    requester: megan,
    summary: 'Transfer',
    items: [
      {
        userId: 'u-1',
        userPrincipalName: 'lynne@contoso.com',
        displayName: 'Lynne',
        body: {
          addLicenses: [{ skuId: e3.skuId, disabledPlans: ['p-teams'] }],
          removeLicenses: [o365e3.skuId],
        },
      },
    ],
    now,
    expiresAfterMs: 1000,
  });
  return { ...operation, decidedBy: adele, items };
}

describe('history events', () => {
  it('have deterministic ids from operation, user, change and SKU', () => {
    expect(historyEventId('op-7', 'u-1', 'added', 'sku-1')).toBe('op-7:u-1:added:sku-1');
    expect(historyEventId('op/7', 'u-1', 'rejected')).toBe('op_7:u-1:rejected:-');
  });

  it('record one event per SKU added and removed, with who asked and who approved', () => {
    const operation = transferOperation();
    const item = { ...operation.items[0]!, state: 'done' as const };
    const events = historyEventsForItem(operation, item, now, 'req-123');
    expect(events).toEqual([
      {
        id: `op-7:u-1:added:${e3.skuId}`,
        tenantId: 't-1',
        operationId: 'op-7',
        at: now.toISOString(),
        change: 'added',
        userId: 'u-1',
        userPrincipalName: 'lynne@contoso.com',
        skuId: e3.skuId,
        disabledPlans: ['p-teams'],
        requester: megan,
        approver: adele,
        result: 'succeeded',
        graphRequestId: 'req-123',
      },
      expect.objectContaining({
        id: `op-7:u-1:removed:${o365e3.skuId}`,
        change: 'removed',
        skuId: o365e3.skuId,
      }),
    ]);
  });

  it('give the same ids when written again', () => {
    const operation = transferOperation();
    const item = { ...operation.items[0]!, state: 'done' as const };
    expect(historyEventsForItem(operation, item, now).map((e) => e.id)).toEqual(
      historyEventsForItem(operation, item, new Date('2026-11-24T00:00:00Z')).map((e) => e.id),
    );
  });

  it('record a failure with its code and reason', () => {
    const operation = transferOperation();
    const item = {
      ...operation.items[0]!,
      state: 'failed' as const,
      failure: { code: 'NO_SEATS' as const, message: 'No seats left.', retryable: false },
    };
    expect(historyEventsForItem(operation, item, now)[0]).toMatchObject({
      result: 'failed',
      failureCode: 'NO_SEATS',
      message: 'No seats left.',
    });
  });

  it('record a skipped user with why', () => {
    const operation = { ...transferOperation(), decidedBy: undefined };
    const item = { ...operation.items[0]!, state: 'skipped' as const, note: 'already has it' };
    const [event] = historyEventsForItem(operation, item, now);
    expect(event).toMatchObject({ result: 'skipped', message: 'already has it' });
    expect(event!.approver).toBeUndefined();
  });

  it('record the usage location a done item set, before its licenses', () => {
    const operation = transferOperation();
    const item = { ...operation.items[0]!, setUsageLocation: 'DE', state: 'done' as const };
    const events = historyEventsForItem(operation, item, now, 'req-9');
    expect(events.map((event) => event.change)).toEqual(['usageLocationSet', 'added', 'removed']);
    expect(events[0]).toEqual({
      id: 'op-7:u-1:usageLocationSet:-',
      tenantId: 't-1',
      operationId: 'op-7',
      at: now.toISOString(),
      change: 'usageLocationSet',
      userId: 'u-1',
      userPrincipalName: 'lynne@contoso.com',
      usageLocation: 'DE',
      requester: megan,
      approver: adele,
      result: 'succeeded',
      message: 'Usage location set to DE',
    });
  });

  it('record the usage location of a failed item only when it was written', () => {
    const operation = transferOperation();
    const item = {
      ...operation.items[0]!,
      setUsageLocation: 'DE',
      state: 'failed' as const,
      failure: { code: 'NO_SEATS' as const, message: 'No seats left.', retryable: false },
    };
    const written = historyEventsForItem(operation, item, now, undefined, true);
    expect(written[0]).toMatchObject({ change: 'usageLocationSet', result: 'succeeded' });
    expect(written[0]).not.toHaveProperty('failureCode');
    expect(written[1]).toMatchObject({
      change: 'added',
      result: 'failed',
      failureCode: 'NO_SEATS',
    });
    const notWritten = historyEventsForItem(operation, item, now);
    expect(notWritten.map((event) => event.change)).toEqual(['added', 'removed']);
  });

  it('call a modify a change of plans', () => {
    const operation = transferOperation('modify');
    const item = { ...operation.items[0]!, state: 'done' as const };
    expect(historyEventsForItem(operation, item, now)[0]!.change).toBe('plansChanged');
  });

  it('record rejections, one per user, with the reason', () => {
    expect(
      historyEventsForDecision(
        transferOperation(),
        transferOperation().items,
        'rejected',
        'no budget',
        now,
      ),
    ).toEqual([
      {
        id: 'op-7:u-1:rejected:-',
        tenantId: 't-1',
        operationId: 'op-7',
        at: now.toISOString(),
        change: 'rejected',
        userId: 'u-1',
        userPrincipalName: 'lynne@contoso.com',
        requester: megan,
        approver: adele,
        result: 'skipped',
        message: 'no budget',
      },
    ]);
    const refused = historyEventsForDecision(
      { ...transferOperation(), decidedBy: undefined },
      transferOperation().items,
      'refused',
      'not allowed',
      now,
    );
    expect(refused[0]!.approver).toBeUndefined();
  });

  it('record an expiry, one per user, with no approver', () => {
    const expired = historyEventsForDecision(
      { ...transferOperation(), decidedBy: undefined },
      transferOperation().items,
      'expired',
      'nobody decided within 72 hours',
      now,
    );
    expect(expired).toEqual([
      expect.objectContaining({
        id: 'op-7:u-1:expired:-',
        change: 'expired',
        result: 'skipped',
        message: 'nobody decided within 72 hours',
      }),
    ]);
    expect(expired[0]!.approver).toBeUndefined();
  });
});

describe('CSV export', () => {
  it('neutralises values a spreadsheet would run as formulas', () => {
    for (const value of ['=HYPERLINK("x")', '+1', '-2+3', '@SUM(A1)', '\tx', '\rx']) {
      expect(neutraliseCell(value)).toBe(`'${value}`);
    }
    expect(neutraliseCell('adele@contoso.com')).toBe('adele@contoso.com');
  });

  it('quotes fields with commas, quotes and line breaks, after neutralising', () => {
    expect(toCsv([['a,b', 'say "hi"', 'two\nlines', '=1,2']])).toBe(
      '"a,b","say ""hi""","two\nlines","\'=1,2"\r\n',
    );
  });

  it('writes a header and one row per event, with product names', () => {
    const event: HistoryEvent = {
      id: 'x',
      tenantId: 't',
      operationId: 'op-7',
      at: now.toISOString(),
      change: 'added',
      userId: 'u',
      userPrincipalName: 'lynne@contoso.com',
      skuId: e3.skuId,
      disabledPlans: ['p1', 'p2'],
      requester: { userId: 'm', displayName: '=cmd|calc' },
      approver: adele,
      result: 'succeeded',
      graphRequestId: 'req-1',
    };
    const rows = historyCsvRows(
      [
        event,
        { ...event, skuId: 'other', approver: undefined, disabledPlans: undefined },
        { ...event, skuId: undefined, message: 'no budget', graphRequestId: undefined },
      ],
      [e3],
    );
    expect(rows[0]).toEqual([
      'Time',
      'User',
      'Change',
      'License',
      'Disabled plans',
      'Result',
      'Requested by',
      'Approved by',
      'Operation',
      'Reason',
      'Graph request id',
    ]);
    expect(rows[1]).toEqual([
      now.toISOString(),
      'lynne@contoso.com',
      'added',
      'Microsoft 365 E3',
      'p1 p2',
      'succeeded',
      '=cmd|calc',
      'Adele Vance',
      'op-7',
      '',
      'req-1',
    ]);
    expect(rows[2]!.slice(3, 8)).toEqual(['other', '', 'succeeded', '=cmd|calc', '']);
    expect(rows[3]!.slice(3, 4)).toEqual(['']);
    expect(rows[3]![9]).toBe('no budget');
    expect(toCsv(rows)).toContain(",'=cmd|calc,");
  });
});

describe('history query', () => {
  const query = (text: string) => parseHistoryQuery(text, now);

  it('reads every filter, in any order', () => {
    expect(query('history for adele@contoso.com by Megan Bowen sku E3 since 2026-01-31')).toEqual({
      ok: true,
      value: {
        export: false,
        user: 'adele@contoso.com',
        by: 'Megan Bowen',
        sku: 'E3',
        since: '2026-01-31T00:00:00.000Z',
      },
    });
    expect(query('History since yesterday license Power BI Pro')).toEqual({
      ok: true,
      value: { export: false, since: '2026-11-22T00:00:00.000Z', sku: 'Power BI Pro' },
    });
  });

  it('reads an export with no filter', () => {
    expect(query('history export')).toEqual({ ok: true, value: { export: true } });
    expect(query('history')).toEqual({ ok: true, value: { export: false } });
  });

  it('refuses what it cannot read, with an example', () => {
    expect(query('history since someday')).toMatchObject({
      ok: false,
      failure: { code: 'INVALID_DATE', example: expect.stringContaining('history') },
    });
    expect(query('history of adele')).toMatchObject({
      ok: false,
      failure: { code: 'UNKNOWN_FILTER' },
    });
    expect(query('history for ')).toMatchObject({ ok: false, failure: { code: 'EMPTY_FILTER' } });
    expect(query('licenses')).toMatchObject({ ok: false, failure: { code: 'NOT_HISTORY' } });
  });
});

describe('since dates', () => {
  it('reads today, relative periods and ISO dates', () => {
    expect(parseSince('today', now)).toBe('2026-11-23T00:00:00.000Z');
    expect(parseSince('7 days ago', now)).toBe('2026-11-16T10:00:00.000Z');
    expect(parseSince('2 weeks', now)).toBe('2026-11-09T10:00:00.000Z');
    expect(parseSince('1 month', now)).toBe('2026-10-24T10:00:00.000Z');
    expect(parseSince('1 year', now)).toBe('2025-11-23T10:00:00.000Z');
  });

  it('refuses a date that does not exist', () => {
    expect(parseSince('2026-02-31', now)).toBeUndefined();
    expect(parseSince('31/01/2026', now)).toBeUndefined();
  });
});
