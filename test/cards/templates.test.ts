import { describe, expect, it } from 'vitest';
import type { CardDataByTemplate } from '../../src/bot/cards/card-data.ts';
import { expandCard, renderCard, MAX_CARD_BYTES } from '../../src/bot/cards/render-card.ts';
import { cardTemplates, type CardName } from '../../src/bot/cards/templates.ts';
import { MAX_PASTED_CSV } from '../../src/bot/commands/bulk-form-values.ts';
import { cardProblems } from './support/validate-card.ts';

const pager = {
  label: 'Page 2 of 3 (45 items)',
  hasNext: true,
  hasPrevious: true,
  next: 3,
  previous: 1,
};
const long = (n: number) => 'Microsoft 365 Apps for enterprise (device) '.repeat(n).trim();
const fixKinds = ['request', 'location', 'holders'] as const;
const fixes = (count: number) =>
  Array.from({ length: count }, (_, i) => ({
    kind: fixKinds[i % 3]!,
    title: `Turn off Exchange Online (Plan 2) in Microsoft 365 E5 first ${i}`,
    command: `disable EXCHANGE_S_ENTERPRISE in SPE_E5 for ${'person@contoso.onmicrosoft.com, '.repeat(10)}`,
    skuId: '06ebc4ee-1bb5-47dd-8120-11324bc54e06',
    shortfall: 3,
  }));

/** A pasted CSV as long as the bulk form takes, and the values its steps carry with it. */
const bulkCsv =
  `UserPrincipalName,LicenseSKU,DisabledPlans\n${'person.number.1@contoso.onmicrosoft.com,SPE_E5,"TEAMS1"\n'.repeat(100)}`.slice(
    0,
    MAX_PASTED_CSV,
  );
const bulkValues = {
  method: 'csv',
  who: bulkCsv,
  operation: 'assign',
  license: 'template:standard-employee',
  toLicense: 'sku:06ebc4ee-1bb5-47dd-8120-11324bc54e06',
  plans: long(10),
  location: 'FR',
  justification: 'x'.repeat(1_000),
  when: 'with a grace period of 30 days Europe/Berlin '.repeat(4).slice(0, 200),
};
const { method: _method, who: _who, ...bulkCarried } = bulkValues;
const bulkRows = Array.from({ length: 10 }, (_, i) => ({
  line: `Line ${i + 2} (unknown user): "person.number.${i}@contoso.onmicrosoft.com" is not a user of this tenant.`,
}));

/** Data that turns every optional part of each template on, at the size of a full page. */
const fullData: CardDataByTemplate = {
  help: {
    title: 'What I can do',
    intro: 'intro',
    commands: [{ name: 'licenses', summary: 'seats', example: 'licenses' }],
    adminNotes: ['approve requests'],
    footer: 'footer',
  },
  welcome: {
    greeting: 'Hi Adele',
    whatItDoes: 'what',
    roleLine: 'As a requester you can:',
    forYou: ['check seats'],
    examples: ['licenses', 'user adele@contoso.com'],
  },
  licenses: {
    organisation: 'Contoso',
    summary: '45 subscriptions',
    skus: Array.from({ length: 15 }, (_, i) => ({
      name: `${long(2)} ${i}`,
      availableText: '-3 available',
      availableColor: 'Attention' as const,
      details: '103 of 100 used · active · $36.00 per user/month',
      warning: 'Over-used by 3 seats: buy more or remove some.',
    })),
    pager,
  },
  user: {
    id: 'u1',
    displayName: 'Adele Vance',
    userPrincipalName: 'adele@contoso.com',
    details: 'Retail Manager · Retail · Seattle',
    usageLocation: 'US',
    accountText: 'enabled',
    licenseCountText: '9 products',
    licenses: Array.from({ length: 3 }, () => ({
      name: 'Microsoft 365 E5',
      partNumber: 'SPE_E5',
      sources: [
        { from: 'Assigned directly', state: 'working', problem: '' },
        { from: 'From group "Sales and Marketing Licensing"', state: 'Error', problem: long(3) },
      ],
      // E5 names about 90 plans: a page of three such products is the worst case.
      enabledPlans: Array.from(
        { length: 95 },
        (_, i) => `Microsoft Defender for Office 365 ${i}`,
      ).join(', '),
      disabledPlans: 'none',
    })),
    pager,
  },
  group: {
    id: 'g1',
    displayName: 'Sales',
    description: 'Everyone in sales',
    memberCountText: '5000',
    processing: 'Complete',
    errorCount: 450,
    errorCountText: '450',
    licenses: Array.from({ length: 5 }, () => ({
      name: 'Microsoft 365 E3',
      partNumber: 'SPE_E3',
      disabledPlans: long(4),
    })),
    notice: `Reprocessed 450 members of "Sales".\n\nStill in error: ${long(6)}`,
    noticeColor: 'Warning',
    canFix: true,
    reprocessAllTitle: 'Reprocess all 450 members in error',
    // Every reason at once, each with as many fix buttons as it can have.
    reasons: [
      { kind: 'holders', fix: { kind: 'holders' as const, skuId: 'sku-e3', shortfall: 12 } },
      { kind: 'removeDirect', fix: { kind: 'removeDirect' as const, skuId: 'sku-e3' } },
      { kind: 'removeDirect', fix: { kind: 'removeDirect' as const, skuId: 'sku-e5' } },
      { kind: 'location', fix: { kind: 'location' as const, placeholder: 'US' } },
      { kind: 'reprocessUser', fix: { kind: 'reprocessUser' as const, userId: 'u1' } },
      { kind: 'reprocessUser', fix: { kind: 'reprocessUser' as const, userId: 'u2' } },
    ].map(({ fix }, i) => ({
      heading: `Conflicting service plans · 120 members (MutuallyExclusiveViolation) ${i}`,
      happened: long(4),
      fix: long(3),
      who: 'Who: Person number 1 with a long name, Person number 2 with a long name, Person number 3 with a long name, Person number 4 with a long name, Person number 5 with a long name and 115 more',
      active: '3 of them still have the license working (Entra says "active with error").',
      // One usage-location box per card: only one reason asks for it.
      fixes: Array.from({ length: fix.kind === 'location' ? 1 : 3 }, (_, j) => ({
        ...fix,
        title: `${long(1)} ${j}`,
      })),
    })),
    membersInError: Array.from({ length: 20 }, (_, i) => ({
      id: `00000000-0000-0000-0000-0000000000${String(i).padStart(2, '0')}`,
      displayName: `Person number ${i} with a long name`,
      userPrincipalName: `person.number.${i}@contoso.onmicrosoft.com`,
      reasons: `Microsoft 365 E3: ${long(3)}\nPower BI Pro: ${long(3)}`,
    })),
    pager,
  },
  choice: {
    question: 'Several users match "a". Which one?',
    verb: 'user',
    choices: Array.from({ length: 10 }, (_, i) => ({
      id: `u${i}`,
      title: `Person ${i}`,
      subtitle: 'x@contoso.com',
    })),
    more: true,
    moreText: 'Only the first 10 are listed.',
  },
  history: {
    title: 'License history (for Adele Vance, Microsoft 365 E3, since 2026-01-31)',
    empty: false,
    events: Array.from({ length: 10 }, () => ({
      line: '2026-11-23 10:02 · person.number.1@contoso.onmicrosoft.com: Microsoft 365 E5 added',
      details: `asked by Alex Wilber · approved by Megan Bowen · failed · ${long(4)}`,
      color: 'Attention' as const,
    })),
    hasNext: true,
    next: 'x'.repeat(1_000),
    filter: { userId: 'u1', adminId: 'u2', skuId: 's1', since: '2026-01-31T00:00:00.000Z' },
  },
  'history-download': {
    about: 'License history (for Adele Vance, Microsoft 365 E3, since 2026-01-31): 5,000 line(s).',
    note: 'The link works once, for 10 minutes, and only for you.',
    url: `http://127.0.0.1:3978/exports/${'x'.repeat(43)}`,
  },
  'fix-location': {
    message: long(5),
    suggestion: 'US',
    command: `assign Microsoft 365 E5 to ${'person@contoso.onmicrosoft.com, '.repeat(40)}`,
  },
  'selection-confirm': {
    counted:
      '52,000 users match users where department eq "Sales" (1,200 without usage location, 30 disabled)',
    sample:
      'Adele Vance, Alex Wilber, Diego Siciliani, Grady Archie, Henrietta Mueller and 51,995 more',
    question:
      'That is more people than I plan without asking. Check the count, then plan it: nothing changes until it is approved.',
    count: '52,000',
    command: `assign Microsoft 365 E5 to users where ${'department eq "Sales" or '.repeat(60)}city eq "Paris"`,
  },
  'selection-upload': {
    text: 'This chat cannot send files: upload the CSV here, then come back and press the button.',
    columns: 'UserPrincipalName (or ObjectId), LicenseSKU, DisabledPlans',
    url: 'http://127.0.0.1:3978/uploads/0123456789abcdef0123456789abcdef',
    command: 'assign Microsoft 365 E5 from this file because the sales team grows',
    token: '0123456789abcdef0123456789abcdef',
  },
  'request-choice': {
    question: '"E5" could be Microsoft 365 E5 or Office 365 E5: which one?',
    choices: Array.from({ length: 10 }, (_, i) => ({
      title: `Microsoft 365 E5 ${i}`,
      subtitle: 'x@contoso.com',
      command: `assign Microsoft 365 E5 to ${'person@contoso.onmicrosoft.com, '.repeat(40)}`,
    })),
  },
  approval: {
    operationId: '6f1c2b1e-8c1d-4f7a-9d53-0c1e2f3a4b5c',
    title: 'License request: Assign Microsoft 365 E3 to 1 user',
    stateText: 'Waiting for an approver',
    stateColor: 'Warning',
    requester: 'Alex Wilber',
    targets: Array.from({ length: 20 }, (_, i) => `Person number ${i}`).join(', '),
    summary: 'Assign Microsoft 365 E3 to 20 users',
    justification: long(5),
    impact: Array.from({ length: 26 }, (_, i) => ({ line: `${long(2)} ${i}` })),
    policyNote: 'Requests from people who are not license approvers need an approver.',
    fixes: fixes(5),
    hasFixes: true,
    canDecide: true,
    canContinue: false,
    canCancel: false,
    cancelTitle: 'Cancel request',
    canExport: false,
    canPreview: false,
    refreshUserIds: Array.from({ length: 60 }, (_, i) => `29:approver-${i}`),
    progress: [
      {
        done: 56,
        failed: 1,
        skipped: 5,
        left: 38,
        counts: '61% · 1,134 of 2,000 done · 3 failed · 100 skipped · 763 left',
        pace: '177 users/s · about 4 s left',
      },
    ],
  },
  templates: {
    title: 'Saved "Standard Employee". License templates',
    empty: false,
    canEdit: true,
    templates: Array.from({ length: 12 }, (_, i) => ({
      id: `template-${i}`,
      etag: '"00000000-0000-0000-0000-000000000000"',
      name: `Template number ${i} with a long name`,
      description: long(2),
      licenses: [`Microsoft 365 E3: ${long(3)}`, 'Power BI Pro: all service plans on'],
      drift: [
        'Microsoft 365 E3 no longer has Sway and now also has Microsoft Loop (off in this template).',
      ],
      canEdit: true,
    })),
    pager,
  },
  'template-form': {
    title: 'Edit template: Standard Employee',
    templateId: 'standard-employee',
    etag: '"00000000-0000-0000-0000-000000000000"',
    name: 'Standard Employee',
    description: long(2),
    skus: 'SPE_E3,POWER_BI_PRO',
    choices: Array.from({ length: 40 }, (_, i) => ({
      title: `${long(1)} ${i}`,
      value: `SKU_${i}`,
    })),
  },
  'template-plans': {
    title: 'Service plans to turn on',
    templateId: 'standard-employee',
    etag: '"00000000-0000-0000-0000-000000000000"',
    name: 'Standard Employee',
    description: long(2),
    skus: 'SPE_E5,PROJECTPROFESSIONAL',
    // Microsoft 365 E5 has about 90 plans: the template with E5 and another SKU is the worst case.
    licenses: [90, 20].map((count, sku) => ({
      product: `Product ${sku}`,
      plans: Array.from({ length: count }, (_, i) => ({
        id: `plan:SKU_${sku}:MICROSOFT_DEFENDER_FOR_OFFICE_365_PLAN_${i}`,
        title: `Microsoft Defender for Office 365 (Plan 2) ${i}`,
        value: i % 2 === 0 ? ('true' as const) : ('false' as const),
      })),
    })),
  },
  'request-form': {
    title: 'New license request',
    message: long(2),
    users: 'person@contoso.onmicrosoft.com, '.repeat(40),
    usersExample: 'adelev@contoso.onmicrosoft.com, megan',
    license: 'template:standard-employee',
    licenseChoices: Array.from({ length: 60 }, (_, i) => ({
      title: `Product: ${long(1)} ${i} · 1000 of 2000 seats free`,
      value: `sku:06ebc4ee-1bb5-47dd-8120-11324bc54e0${i}`,
    })),
    justification: long(20),
    justificationLabel: 'Why they need it (the approver reads this)',
    justificationRequired: true,
    choose: {
      question: 'Several people match "person". Which one?',
      typed: 'person',
      choices: Array.from({ length: 5 }, (_, i) => ({
        title: `Person number ${i} with a long name (person.number.${i}@contoso.onmicrosoft.com)`,
        value: `person.number.${i}@contoso.onmicrosoft.com`,
      })),
    },
  },
  'request-form-plans': {
    title: 'New license request',
    message: long(2),
    users: 'person@contoso.onmicrosoft.com,'.repeat(20),
    license: 'template:standard-employee',
    people: Array.from({ length: 20 }, (_, i) => ({
      line: `Person number ${i} with a long name · person.number.${i}@contoso.onmicrosoft.com · no usage location yet`,
    })),
    licenseLine: 'Template: Standard Employee (Microsoft 365 E5, Project Plan 5)',
    plansNote: 'Turn off the service plans they should not get.',
    // Microsoft 365 E5 has about 90 plans: a template with E5 and another SKU is the worst case.
    licenses: [90, 20].map((count, sku) => ({
      product: `Product ${sku}`,
      plans: Array.from({ length: count }, (_, i) => ({
        id: `plan:SKU_${sku}:MICROSOFT_DEFENDER_FOR_OFFICE_365_PLAN_${i}`,
        title: `Microsoft Defender for Office 365 (Plan 2) ${i}`,
        value: i % 2 === 0 ? ('true' as const) : ('false' as const),
      })),
    })),
    askLocation: true,
    locationNote: 'Lynne Robbins has no usage location yet: say where they use the services.',
    location: 'US',
    justification: long(20),
    justificationLabel: 'Why they need it (the approver reads this)',
    justificationRequired: true,
    when: 'every Monday and Thursday at 06:00 Europe/Berlin',
  },
  'fix-options': { message: long(5), fixes: fixes(5) },
  // The pasted CSV rides twice in the buttons of steps 2 and 3, at its longest.
  'bulk-form': {
    title: 'Bulk license change',
    message: long(3),
    methods: ['group', 'filter', 'csv', 'people'].map((method, i) => ({
      title: `Method ${i}`,
      method,
      style: i === 2 ? ('positive' as const) : ('default' as const),
    })),
    method: 'csv',
    methodLine: 'The people in the rows of a CSV',
    who: bulkCsv,
    whoLabel: 'CSV, header first',
    whoPlaceholder: 'UserPrincipalName,LicenseSKU,DisabledPlans',
    whoHint: long(5),
    whoMultiline: true,
    whoMaxLength: MAX_PASTED_CSV,
    carried: bulkCarried,
  },
  'bulk-form-what': {
    title: 'Bulk license change',
    message: long(3),
    counted: `1,247 users match the users in the file (12 without usage location, 3 disabled, 40 rows left out)`,
    sample: `${long(2)}, ${long(2)} and 1,242 more`,
    rowsNote: '40 rows of the CSV left out (the others go on); the first 10:',
    rows: bulkRows,
    values: bulkValues,
    operationChoices: Array.from({ length: 5 }, (_, i) => ({ title: long(1), value: `op${i}` })),
    licenseLabel: long(3),
    licenseChoices: Array.from({ length: 40 }, (_, i) => ({
      title: `Product: ${long(1)} ${i} · 1000 of 2000 seats free`,
      value: `sku:06ebc4ee-1bb5-47dd-8120-11324bc54e0${i}`,
    })),
    toLicenseChoices: Array.from({ length: 40 }, (_, i) => ({
      title: `Product: ${long(1)} ${i} · 1000 of 2000 seats free`,
      value: `sku:06ebc4ee-1bb5-47dd-8120-11324bc54e0${i}`,
    })),
    askLocation: true,
    locationNote: long(3),
    location: 'FR',
  },
  'bulk-form-review': {
    title: 'Bulk license change',
    summary: `Assign ${long(2)} to 1,247 users`,
    counted: '1,247 users match the users in the file (12 without usage location, 3 disabled)',
    impact: Array.from({ length: 16 }, () => ({
      line: `${long(2)}: 900 → 1,000 of 1,000 seats used`,
    })),
    approval: `Needs 2 different approvers: ${long(5)}`,
    rowsNote: '40 rows of the CSV left out (the others go on); the first 10:',
    rows: bulkRows,
    typed: `Typed, this is: assign ${long(1)} from this file because ${'x'.repeat(1_000)}`,
    values: bulkValues,
  },
  prices: {
    title: 'License prices (per user, per month)',
    message: `${long(2)} now costs $57.00 per user/month (was $54.00). Cost previews use it from now on.`,
    summary: '45 licenses; 12 without a price, which cost previews leave out.',
    note: 'Prices are in 2 currencies (EUR, USD): cost previews show each currency on its own line and never add them up.',
    page: 2,
    skus: Array.from({ length: 15 }, (_, i) => ({
      skuId: `06ebc4ee-1bb5-47dd-8120-11324bc54e0${i}`,
      name: `${long(2)} ${i}`,
      details: `MICROSOFT_365_APPS_FOR_ENTERPRISE_DEVICE_${i} · set by Person number ${i} with a long name on 2026-11-23`,
      priceText: '$16,074.00 per user/month',
      priceColor: 'Default' as const,
      editTitle: `Edit MICROSOFT_365_APPS_FOR_ENTERPRISE_DEVICE_${i}`,
    })),
    pager,
    csvHelp:
      'Paste a CSV with the header SkuPartNumber,MonthlyPrice,Currency, one license a line, e.g. SPE_E5,57.00,USD. Or send the .csv file in this chat with the text "prices".',
  },
  'price-form': {
    title: `Price of ${long(2)} (MICROSOFT_365_APPS_FOR_ENTERPRISE_DEVICE)`,
    current: 'Now $57.00 per user/month, set by Person number 1 with a long name on 2026-11-23.',
    message: long(4),
    skuId: '06ebc4ee-1bb5-47dd-8120-11324bc54e06',
    amount: '57.00',
    currency: 'USD',
    page: 3,
  },
  report: {
    title: 'License report: September 2026 so far',
    period: '1 September to 30 September 2026 (UTC), the month so far',
    facts: [
      { title: 'Requests that changed something', value: '12,345' },
      ...[
        'Licenses assigned',
        'Licenses removed',
        'Transfers',
        'Plans changed',
        'Usage locations set',
        'Group licenses reprocessed',
        'Group license changes',
      ].map((title) => ({ title: `· ${title}`, value: '1,234' })),
      { title: 'Users changed', value: '10,000' },
      { title: 'Groups changed', value: '40' },
      { title: 'Failed changes (not counted)', value: '12' },
    ],
    hasSkus: true,
    // REPORT_CARD_SKUS lines, each as long as Graph's names get.
    skus: Array.from({ length: 25 }, (_, i) => ({
      name: `${long(2)} ${i} (MICROSOFT_365_APPS_FOR_ENTERPRISE_DEVICE_${i})`,
      seats: '+12,345 added · −12,345 removed · net 0',
      cost: '+$16,074,000.00 · −€1,234,567.00',
      costColor: 'Default' as const,
      details:
        "12 plan change(s) · group licenses (seats through Entra): 3 added, 2 removed, 1 plan change(s) · price at the change, today's where none was recorded",
    })),
    more: 'and 175 more licenses: in the CSV.',
    totals: [
      { title: 'Seats', value: '+12,345 added · −12,345 removed · net 0' },
      { title: 'Cost change per month', value: '+$16,074,000.00 · −€1,234,567.00 · +£3.00' },
      { title: 'Plan changes', value: '1,234' },
    ],
    notes: [
      "Changes are priced at the monthly price per seat they had then; where the price history has none, at today's.",
      `No price set for ${Array.from({ length: 10 }, () => long(1)).join(', ')}: their seat changes are not in the cost change.`,
      'Group license changes are counted apart: their seats are consumed through Entra.',
    ],
    month: '2026-09',
    previous: '2026-08',
    previousTitle: 'Previous month (August 2026)',
  },
  'price-history': {
    title: 'Price history',
    empty: false,
    changes: Array.from({ length: 10 }, (_, i) => ({
      line: `2026-11-23 10:02 · ${long(2)} (MICROSOFT_365_APPS_FOR_ENTERPRISE_DEVICE_${i}): $16,074.00 → $16,131.00`,
      details: 'by Person number 1 with a long name · from a CSV',
    })),
    hasNext: true,
    next: 'x'.repeat(1_000),
  },
  'price-import': {
    title: 'Price import',
    summary: 'Saved 25 prices; 3 already had that price; 40 rows not imported (below).',
    hasProblems: true,
    problems: Array.from(
      { length: 25 },
      (_, i) =>
        `Line ${i + 2}: "MICROSOFT_365_APPS_FOR_ENTERPRISE_DEVICE_${i}" is not a license of this tenant (did you mean MICROSOFT_365_APPS_FOR_ENTERPRISE_DEVICE?). "1,000.005" is not a price: write digits with a dot before the cents, e.g. 36.00. "US$" is not a currency code: use the 3-letter ISO 4217 code, e.g. USD or EUR.`,
    ),
    moreProblems: '… and 15 more rows not imported.',
    hasSaved: true,
    saved: Array.from(
      { length: 25 },
      (_, i) =>
        `${long(2)} (MICROSOFT_365_APPS_FOR_ENTERPRISE_DEVICE_${i}): $16,074.00 → $16,131.00`,
    ),
    moreSaved: '',
  },
  'group-license': {
    title: `Licenses of ${long(1)}`,
    groupId: '06ebc4ee-1bb5-47dd-8120-11324bc54e06',
    members: '12,345',
    processing: 'In progress: Entra is applying licenses to members',
    inError: '500+',
    licenses: Array.from({ length: 10 }, (_, i) => ({
      name: `${long(1)} ${i}`,
      partNumber: `MICROSOFT_365_APPS_FOR_ENTERPRISE_DEVICE_${i}`,
      disabledPlans: long(1),
    })),
    note: long(2),
  },
  'group-license-form': {
    title: `Microsoft 365 E5 in ${long(1)}`,
    intro: long(2),
    groupId: '06ebc4ee-1bb5-47dd-8120-11324bc54e06',
    skus: Array.from({ length: 40 }, (_, i) => ({
      title: `${long(1)} ${i}`,
      value: `MICROSOFT_365_APPS_FOR_ENTERPRISE_DEVICE_${i}`,
    })),
    license: '',
    fixedLicense: 'SPE_E5',
    plans: Array.from({ length: 90 }, (_, i) => ({
      title: `Service plan number ${i} with a long display name`,
      value: `SERVICE_PLAN_NUMBER_${i}`,
    })),
    off: 'SERVICE_PLAN_NUMBER_1,SERVICE_PLAN_NUMBER_2',
    action: 'license',
    submitTitle: 'Preview and ask',
  },
  'rule-preview': {
    rule: '(user.department -ne "Sales with a long name") -and '.repeat(60),
    countText: '12,345 of 50,000 users would be members.',
    sample: Array.from({ length: 10 }, (_, i) => ({
      name: `Person number ${i} with a long name`,
      upn: `person.number.${i}@contoso.onmicrosoft.com`,
    })),
    sampleMore: 'and 12,335 more',
    hasLicense: true,
    licenseTitle: `A group with this rule giving ${long(2)} would need`,
    licenseFacts: Array.from({ length: 8 }, (_, i) => ({
      title: `${long(1)} ${i} seats`,
      value: '12,345 needed, 76 free: 12,269 short',
    })),
    notes: Array.from({ length: 8 }, () => ({ text: long(4), color: 'Attention' as const })),
    canCreate: true,
    createNote: long(3),
    license: `${long(2)} without ${long(2)}`,
  },
  'rule-preview-error': {
    before: `…${'x'.repeat(200)}`,
    at: 'y'.repeat(200),
    after: `${'z'.repeat(200)}…`,
    message: `At character 3073 ("zzzzzzzzzzzzzzzzzzzzzzz…"): ${long(3)}.`,
    expected: 'a shorter rule',
    example: `For example: preview rule ${long(3)}`,
  },
  'sku-holders': {
    title: 'Who holds Microsoft 365 E5',
    skuId: '06ebc4ee-1bb5-47dd-8120-11324bc54e06',
    seats: '500 of 500 used, 0 available',
    shortfall: 3,
    shortfallText: '3 seats short',
    summary: long(3),
    holders: Array.from({ length: 20 }, (_, i) => ({
      name: `Person number ${i} with a long name`,
      upn: `person.number.${i}@contoso.onmicrosoft.com`,
      status: `Account disabled · direct, and from the groups ${long(2)}`,
      color: 'Attention' as const,
      canRemove: true,
      removeTitle: `Remove it from Person number ${i} with a long name`,
      removeCommand: `remove SPE_E5 from person.number.${i}@contoso.onmicrosoft.com`,
    })),
    pager,
  },
  alert: {
    headline: '⚠️ Alert updated',
    color: 'Attention',
    title: `Group "${long(2)}": 1000 members or more without their licenses`,
    usersText: '1000 affected',
    since: '2026-12-06 08:00 UTC',
    status: 'Open, changed at 2026-12-06 09:00 UTC',
    reason: Array.from({ length: 6 }, () => `200 members: ${long(3)}`).join('\n'),
    steps: long(4),
    showFix: true,
    groupId: '7f3c2a10-1111-4c5d-a1b2-8f3c0c7c1c22',
    skuId: '4b9405b0-7788-4568-add1-99614e613b69',
    shortfall: 12,
    operationId: 'op-1',
  },
  'alert-summary': {
    title: '⚠️ 200 new problems (200 still open)',
    intro: long(3),
    alerts: Array.from({ length: 15 }, (_, i) => ({
      line: `Group "${long(2)} ${i}": 1000 members or more without their licenses`,
      details: long(14).slice(0, 600),
      color: 'Attention' as const,
      groupId: i % 3 === 0 ? `group-${i}` : '',
      skuId: i % 3 === 1 ? '4b9405b0-7788-4568-add1-99614e613b69' : '',
      shortfall: 3,
      operationId: i % 3 === 2 ? `op-${i}` : '',
    })),
    more: '… and 185 more: type `alerts` to see them all with their fixes.',
  },
  schedules: {
    title: 'Schedules',
    scope: 'Every schedule of your organisation, soonest first (you are a license approver).',
    notice: `Ran "${long(6)}" now: ${long(6)}`,
    noticeColor: 'Good',
    empty: true,
    // The render function drops rows until the card fits (`schedulesCard`): a page this long fits.
    schedules: Array.from({ length: 9 }, (_, i) => ({
      scheduleId: `7f3c2a10-1111-4c5d-a1b2-8f3c0c7c1c${i}`,
      summary: `Assign ${long(6)}`.slice(0, 300),
      facts: [
        { title: 'When', value: 'every night at 02:00 (Europe/Berlin)' },
        { title: 'State', value: 'paused: runs nothing until an approver resumes it' },
        { title: 'Next run', value: 'Fri 2027-01-15 02:00 Europe/Berlin' },
        { title: 'Last run', value: `${long(6)}`.slice(0, 300) },
        { title: 'Asked by', value: `Person number ${i} with a long name` },
        { title: 'Each run', value: 'at most 50 users and 50 new seats a run' },
      ],
      canPause: true,
      canResume: false,
      canRunNow: true,
      canCancel: true,
      canDelete: true,
      canEdit: true,
      editText: `assign Power BI Pro to group "${long(3)}" every night at 02:00 because ${long(3)}`,
      hasButtons: true,
    })),
    more: '… and 75 more (the ones due latest).',
  },
  'schedule-approval': {
    scheduleId: '7f3c2a10-1111-4c5d-a1b2-8f3c0c7c1c22',
    title: 'Schedule request',
    stateText: 'Waiting for approval',
    stateColor: 'Warning',
    owner: 'Person with a long name',
    summary: `Assign ${long(6)}`,
    timing: 'every night at 02:00 (Europe/Berlin)',
    firstRun: 'Fri 2027-01-15 02:00 Europe/Berlin',
    justification: 'x'.repeat(1_000),
    decided: `Approved by ${long(2)} on Fri 2027-01-15 02:00 Europe/Berlin; each run changes at most 50 users and 50 new seats a run.`,
    nowTitle: 'If it ran now',
    now: Array.from({ length: 20 }, (_, i) => ({ line: `${long(3)} ${i}` })),
    canDecide: true,
    boundUsers: 50,
    boundSeats: 50,
  },
};

const names = Object.keys(cardTemplates) as CardName[];

describe('card templates', () => {
  it.each(names)('%s is a valid Adaptive Card 1.5 once expanded', (name) => {
    const card = expandCard(name, fullData[name]);
    expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });
    expect(cardProblems(card)).toEqual([]);
    // Every binding found its data: nothing like "${name}" reaches the user.
    expect(JSON.stringify(card)).not.toContain('${');
  });

  it.each(names)('%s stays under 28 KB with a full page of long data', (name) => {
    const attachment = renderCard(name, fullData[name]);
    expect(Buffer.byteLength(JSON.stringify(attachment))).toBeLessThan(MAX_CARD_BYTES);
  });

  it('leaves the imported template untouched', () => {
    const before = JSON.stringify(cardTemplates.licenses);
    renderCard('licenses', fullData.licenses);
    expect(JSON.stringify(cardTemplates.licenses)).toBe(before);
  });

  it('puts page numbers in the buttons and hides the ones that lead nowhere', () => {
    const first = expandCard('licenses', {
      ...fullData.licenses,
      pager: { ...pager, hasPrevious: false, next: 2, previous: 0 },
    }) as { actions: unknown[] };
    expect(first.actions).toEqual([
      { type: 'Action.Execute', title: 'Next page', verb: 'licenses', data: { page: 2 } },
    ]);
  });

  it('refuses a card over 28 KB instead of letting Teams bounce it', () => {
    const huge = {
      ...fullData.group,
      membersInError: Array.from({ length: 200 }, () => fullData.group.membersInError[0]!),
    };
    expect(() => renderCard('group', huge)).toThrow(/over 28672/);
  });

  it('gives approvers Approve and Reject with a reason box, carrying the operation id only', () => {
    const card = expandCard('approval', fullData.approval) as {
      refresh: { userIds: unknown };
      actions: { verb: string; data: unknown }[];
      body: { type: string; id?: string }[];
    };
    expect(card.refresh.userIds).toEqual(fullData.approval.refreshUserIds);
    expect(card.actions.map((action) => action.verb)).toEqual([
      'request-approve',
      'request-reject',
    ]);
    expect(card.actions[0]!.data).toEqual({ operationId: fullData.approval.operationId });
    expect(card.body.some((element) => element.id === 'reason')).toBe(true);
  });

  it('shows the status without buttons to whoever may not decide', () => {
    const card = expandCard('approval', { ...fullData.approval, canDecide: false }) as {
      actions?: unknown[];
      body: { type: string }[];
    };
    expect(card.actions ?? []).toEqual([]);
    expect(card.body.some((element) => element.type === 'Input.Text')).toBe(false);
  });

  it('catches what Teams would refuse: an unknown element, an input without id', () => {
    const bad = {
      type: 'AdaptiveCard',
      version: '1.5',
      body: [{ type: 'Carousel' }, { type: 'Input.Text' }],
    };
    expect(cardProblems(bad).length).toBeGreaterThanOrEqual(2);
  });
});
