import * as ACData from 'adaptivecards-templating';
import { describe, expect, it } from 'vitest';
import type { CardDataByTemplate, FixButton } from '../../src/bot/cards/card-data.ts';
import { expandCard } from '../../src/bot/cards/render-card.ts';
import { cardTemplates, type CardName } from '../../src/bot/cards/templates.ts';
import { cardProblems } from './support/validate-card.ts';

/** Text a requester or the directory could hold: a link, bold, a mention, italics, a heading, lists. */
const HOSTILE =
  '[Approve](https://evil.example) **urgent** <at>Megan</at> _x_\n# h\n- item\n1. one';
/** How it must reach a Markdown-rendered property so that Teams shows it as typed. */
const SHOWN =
  '\\[Approve\\](https://evil.example) \\*\\*urgent\\*\\* \\<at\\>Megan\\</at\\> \\_x\\_\n\\# h\n\\- item\n1\\. one';

const OPERATION_ID = '6f1c2b1e-8c1d-4f7a-9d53-0c1e2f3a4b5c';
const SKU_ID = '06ebc4ee-1bb5-47dd-8120-11324bc54e06';
const pager = { label: 'Page 1 of 2', hasNext: true, hasPrevious: true, next: 2, previous: 1 };
const fixes = (text: string): FixButton[] => [
  {
    kind: 'request',
    title: text,
    command: `assign SPE_E5 to ${text}`,
    skuId: SKU_ID,
    shortfall: 0,
  },
  {
    kind: 'location',
    title: text,
    command: `assign SPE_E5 to ${text}`,
    skuId: SKU_ID,
    shortfall: 0,
  },
  { kind: 'holders', title: text, command: '', skuId: SKU_ID, shortfall: 2 },
];
const plans = (text: string) => [
  { product: text, plans: [{ id: 'plan:SPE_E5:SWAY', title: text, value: 'true' as const }] },
];

const bulkFormValues = (text: string) => ({
  method: 'group',
  who: text,
  operation: 'assign',
  license: 'sku:x',
  toLicense: '',
  plans: text,
  location: 'US',
  justification: text,
  when: text,
});

/**
 * Each card's data with `text` wherever a person or the directory controls what is shown (and,
 * to check that only Markdown is escaped, in inputs, choices, button titles and commands too).
 */
const samples: { [K in CardName]: (text: string) => CardDataByTemplate[K] } = {
  approval: (text) => ({
    operationId: OPERATION_ID,
    title: `License request: Assign Microsoft 365 E3 to ${text}`,
    stateText: `Rejected by ${text}: ${text}`,
    stateColor: 'Attention',
    requester: text,
    targets: `${text}, ${text}`,
    summary: `Assign Microsoft 365 E3 to ${text}`,
    justification: text,
    impact: [{ line: `${text}: failed (${text})` }],
    policyNote: text,
    fixes: fixes(text),
    hasFixes: true,
    canDecide: true,
    canContinue: false,
    canCancel: true,
    cancelTitle: 'Cancel request',
    canExport: false,
    canPreview: false,
    refreshUserIds: ['29:megan'],
    // Figures License Desk counts: nobody's text.
    progress: [],
  }),
  user: (text) => ({
    id: 'u1',
    displayName: text,
    userPrincipalName: 'adele@contoso.com',
    details: `${text} · ${text} · ${text}`,
    usageLocation: 'US',
    accountText: 'enabled',
    licenseCountText: '1 product',
    licenses: [
      {
        name: 'Microsoft 365 E5',
        partNumber: 'SPE_E5',
        sources: [{ from: `From group "${text}"`, state: 'Error', problem: text }],
        enabledPlans: text,
        disabledPlans: 'none',
      },
    ],
    pager,
  }),
  group: (text) => ({
    id: 'g1',
    displayName: text,
    description: text,
    memberCountText: '3',
    processing: 'Complete',
    errorCount: 1,
    errorCountText: '1',
    licenses: [{ name: text, partNumber: 'SPE_E3', disabledPlans: text }],
    notice: text,
    noticeColor: 'Warning',
    canFix: true,
    reprocessAllTitle: 'Reprocess all 1 member in error',
    reasons: [
      {
        heading: text,
        happened: text,
        fix: text,
        who: `Who: ${text}`,
        active: text,
        fixes: [{ kind: 'reprocessUser', title: `Reprocess ${text}`, userId: 'u1' }],
      },
    ],
    membersInError: [
      { id: 'u1', displayName: text, userPrincipalName: 'x@contoso.com', reasons: text },
    ],
    pager,
  }),
  templates: (text) => ({
    title: `Saved "${text}". License templates`,
    empty: false,
    canEdit: true,
    templates: [
      {
        id: 'standard',
        etag: '"e1"',
        name: text,
        description: text,
        licenses: [`${text}: all service plans on`],
        drift: [text],
        canEdit: true,
      },
    ],
    pager,
  }),
  'template-form': (text) => ({
    title: `Edit template: ${text}`,
    templateId: 'standard',
    etag: '"e1"',
    name: text,
    description: text,
    skus: 'SPE_E3',
    choices: [{ title: text, value: 'SPE_E3' }],
  }),
  'template-plans': (text) => ({
    title: `Service plans for ${text}`,
    templateId: 'standard',
    etag: '"e1"',
    name: text,
    description: text,
    skus: 'SPE_E5',
    licenses: plans(text),
  }),
  history: (text) => ({
    title: `License history (for ${text})`,
    empty: false,
    events: [
      {
        line: `2026-11-23 10:02 · ${text}: added`,
        details: `asked by ${text} · ${text}`,
        color: 'Default',
      },
    ],
    hasNext: true,
    next: 'token',
    filter: { userId: 'u1', adminId: 'u2', skuId: SKU_ID, since: '2026-01-31T00:00:00.000Z' },
  }),
  'history-download': (text) => ({
    about: `License history (for ${text}): 5 line(s).`,
    note: `download ${text}.csv here instead.`,
    url: 'http://127.0.0.1:3978/exports/abc',
  }),
  'sku-holders': (text) => ({
    title: `Who holds ${text}`,
    skuId: SKU_ID,
    seats: '5 of 5 used',
    shortfall: 1,
    shortfallText: '1 seat short',
    summary: text,
    holders: [
      {
        name: text,
        upn: 'x@contoso.com',
        status: `Account disabled · from the groups ${text}`,
        color: 'Attention',
        canRemove: true,
        removeTitle: `Remove it from ${text}`,
        removeCommand: 'remove SPE_E5 from x@contoso.com',
      },
    ],
    pager,
  }),
  choice: (text) => ({
    question: `Several users match "${text}". Which one?`,
    verb: 'user',
    choices: [{ id: 'u1', title: text, subtitle: text }],
    more: true,
    moreText: text,
  }),
  'request-choice': (text) => ({
    question: `"${text}" could be several things: which one?`,
    choices: [{ title: text, subtitle: text, command: `assign SPE_E5 to ${text}` }],
  }),
  'selection-confirm': (text) => ({
    counted: `2,000 users match group "${text}"`,
    sample: text,
    question: text,
    count: '2,000',
    command: `assign E5 to group "${text}"`,
  }),
  'selection-upload': (text) => ({
    text,
    columns: text,
    url: 'http://127.0.0.1:3978/uploads/abc',
    command: `assign ${text} from this file`,
    token: text,
  }),
  'fix-location': (text) => ({
    message: `${text} has no usage location yet.`,
    suggestion: 'US',
    command: `assign SPE_E5 to ${text}`,
  }),
  'fix-options': (text) => ({ message: `${text} cannot get it.`, fixes: fixes(text) }),
  licenses: (text) => ({
    organisation: text,
    summary: text,
    skus: [
      {
        name: text,
        availableText: '-3 available',
        availableColor: 'Attention',
        details: text,
        warning: text,
      },
    ],
    pager,
  }),
  help: (text) => ({
    title: 'What I can do',
    intro: text,
    commands: [{ name: text, summary: text, example: text }],
    adminNotes: [text],
    footer: text,
  }),
  welcome: (text) => ({
    greeting: `Hi ${text}, I'm License Desk`,
    whatItDoes: text,
    roleLine: 'As a requester you can:',
    forYou: [text],
    examples: [text],
  }),
  'request-form': (text) => ({
    title: 'New license request',
    message: `I found nobody matching "${text}".`,
    users: text,
    usersExample: text,
    license: 'sku:x',
    licenseChoices: [{ title: text, value: 'sku:x' }],
    justification: text,
    justificationLabel: 'Why they need it',
    justificationRequired: true,
    choose: {
      question: `Several people match "${text}". Which one?`,
      typed: text,
      choices: [{ title: text, value: 'x@contoso.com' }],
    },
  }),
  'request-form-plans': (text) => ({
    title: 'New license request',
    message: text,
    users: 'x@contoso.com',
    license: 'template:standard',
    people: [{ line: `${text} · x@contoso.com` }],
    licenseLine: `Template: ${text}`,
    plansNote: 'Turn off the service plans they should not get.',
    licenses: plans(text),
    askLocation: true,
    locationNote: `${text} has no usage location yet.`,
    location: 'US',
    justification: text,
    justificationLabel: 'Why they need it',
    justificationRequired: true,
    when: text,
  }),
  'bulk-form': (text) => ({
    title: 'Bulk license change',
    message: `I can't read that filter. ${text}`,
    methods: [{ title: 'By group', method: 'group', style: 'positive' }],
    method: 'group',
    methodLine: 'Everyone in a group',
    who: text,
    whoLabel: 'Group name',
    whoPlaceholder: 'Sales',
    whoHint: 'The group’s name as Entra shows it.',
    whoMultiline: false,
    whoMaxLength: 256,
    carried: {
      operation: '',
      license: '',
      toLicense: '',
      plans: text,
      location: '',
      justification: text,
      when: text,
    },
  }),
  'bulk-form-what': (text) => ({
    title: 'Bulk license change',
    message: text,
    counted: `3 users match group "${text}"`,
    sample: `${text}, ${text}`,
    rowsNote: '1 row of the CSV left out (the others go on):',
    rows: [{ line: `Line 2 (unknown user): "${text}" is not a user of this tenant.` }],
    values: bulkFormValues(text),
    operationChoices: [{ title: 'Assign a license or a template', value: 'assign' }],
    licenseLabel: 'License or template',
    licenseChoices: [{ title: text, value: 'sku:x' }],
    toLicenseChoices: [{ title: text, value: 'sku:x' }],
    askLocation: true,
    locationNote: '1 of them has no usage location.',
    location: 'US',
  }),
  'bulk-form-review': (text) => ({
    title: 'Bulk license change',
    summary: `Assign Power BI Pro to 3 users of group "${text}"`,
    counted: `3 users match group "${text}"`,
    impact: [{ line: `${text}: 1 → 4 of 10 seats used` }],
    approval: `Needs an approver: ${text}`,
    rowsNote: '',
    rows: [],
    typed: `Typed, this is: assign POWER_BI_PRO to group "${text}" because ${text}`,
    values: bulkFormValues(text),
  }),
  prices: (text) => ({
    title: 'License prices (per user, per month)',
    message: `${text} now costs $57.00 per user/month.`,
    summary: '12 licenses, all priced.',
    note: '',
    page: 1,
    skus: [
      {
        skuId: SKU_ID,
        name: text,
        details: `SPE_E5 · set by ${text} on 2026-11-23`,
        priceText: '$57.00 per user/month',
        priceColor: 'Default',
        editTitle: 'Edit SPE_E5',
      },
    ],
    pager,
    csvHelp: 'Paste a CSV with the header SkuPartNumber,MonthlyPrice,Currency.',
  }),
  'price-form': (text) => ({
    title: `Price of ${text}`,
    current: `Now $57.00 per user/month, set by ${text} on 2026-11-23.`,
    message: text,
    skuId: SKU_ID,
    amount: text,
    currency: 'USD',
    page: 1,
  }),
  'price-history': (text) => ({
    title: 'Price history',
    empty: false,
    changes: [{ line: `2026-11-23 10:02 · ${text}: $54.00 → $57.00`, details: `by ${text}` }],
    hasNext: true,
    next: 'token',
  }),
  report: (text) => ({
    title: `License report: ${text}`,
    period: text,
    facts: [{ title: text, value: text }],
    hasSkus: true,
    skus: [{ name: text, seats: text, cost: text, costColor: 'Warning', details: text }],
    more: text,
    totals: [{ title: text, value: text }],
    notes: [text],
    month: '2026-01',
    previous: '2025-12',
    previousTitle: 'Previous month (December 2025)',
  }),
  'group-license': (text) => ({
    title: `Licenses of ${text}`,
    groupId: text,
    members: '3',
    processing: text,
    inError: '0',
    licenses: [{ name: text, partNumber: text, disabledPlans: text }],
    note: text,
  }),
  'group-license-form': (text) => ({
    title: text,
    intro: text,
    groupId: text,
    skus: [{ title: text, value: text }],
    license: text,
    fixedLicense: text,
    plans: [{ title: text, value: text }],
    off: text,
    action: 'unlicense',
    submitTitle: text,
  }),
  alert: (text) => ({
    headline: '⚠️ New alert',
    color: 'Attention',
    title: `Group "${text}": 3 members without their licenses`,
    usersText: '3 affected',
    since: '2026-12-06 08:00 UTC',
    status: 'Open',
    reason: `3 members: ${text}`,
    steps: text,
    showFix: true,
    groupId: text,
    skuId: SKU_ID,
    shortfall: 2,
    operationId: OPERATION_ID,
  }),
  'alert-summary': (text) => ({
    title: `⚠️ ${text}`,
    intro: text,
    alerts: [
      {
        line: `Group "${text}": 3 members without their licenses`,
        details: text,
        color: 'Attention',
        groupId: text,
        skuId: SKU_ID,
        shortfall: 2,
        operationId: OPERATION_ID,
      },
    ],
    more: text,
  }),
  'price-import': (text) => ({
    title: 'Price import',
    summary: 'Saved 1 price; 0 already had that price; 1 row not imported (below).',
    hasProblems: true,
    problems: [`Line 3: "${text}" is not a license of this tenant.`],
    moreProblems: '',
    hasSaved: true,
    saved: [`${text}: $54.00 → $57.00`],
    moreSaved: '',
  }),
  'rule-preview': (text) => ({
    rule: `user.department -eq "${text}"`,
    countText: '2 of 200 users would be members.',
    sample: [{ name: text, upn: text }],
    sampleMore: 'and 1 more',
    hasLicense: true,
    licenseTitle: `A group with this rule giving ${text} would need`,
    licenseFacts: [{ title: text, value: text }],
    notes: [{ text, color: 'Warning' }],
    canCreate: true,
    createNote: text,
    license: text,
  }),
  'rule-preview-error': (text) => ({
    before: text,
    at: text,
    after: text,
    message: text,
    expected: text,
    example: text,
  }),
  schedules: (text) => ({
    title: 'Schedules',
    scope: 'The schedules you asked for, soonest first.',
    notice: `Paused "${text}": it runs nothing until an approver resumes it.`,
    noticeColor: 'Good',
    empty: false,
    schedules: [
      {
        scheduleId: OPERATION_ID,
        summary: text,
        facts: [
          { title: 'When', value: 'every night at 02:00 (Europe/Berlin)' },
          { title: 'Last run', value: text },
          { title: 'Asked by', value: text },
        ],
        // Pause and Resume never show together (active or paused): at most Teams' 5 buttons.
        canPause: true,
        canResume: false,
        canRunNow: true,
        canCancel: true,
        canDelete: true,
        canEdit: true,
        editText: text,
        hasButtons: true,
      },
    ],
    more: '… and 1 more (the ones due latest).',
  }),
  'schedule-approval': (text) => ({
    scheduleId: OPERATION_ID,
    title: 'Schedule request',
    stateText: 'Rejected',
    stateColor: 'Attention',
    owner: text,
    summary: text,
    timing: 'every night at 02:00 (Europe/Berlin)',
    firstRun: '—',
    justification: text,
    decided: `Rejected by ${text} on Fri 2027-01-15 02:00 Europe/Berlin: ${text}`,
    nowTitle: 'If it ran now',
    now: [{ line: text }],
    canDecide: true,
    boundUsers: 50,
    boundSeats: 0,
  }),
};

const names = Object.keys(cardTemplates) as CardName[];
type Node = Record<string, unknown>;

/** The strings of a card that Teams reads as Markdown: TextBlock text, fact titles and values. */
function markdownTexts(node: unknown): string[] {
  if (Array.isArray(node)) {
    return node.flatMap(markdownTexts);
  }
  if (typeof node !== 'object' || node === null) {
    return [];
  }
  const record = node as Node;
  const own =
    record.type === 'TextBlock'
      ? [record.text]
      : record.type === 'FactSet'
        ? (record.facts as Node[]).flatMap((fact) => [fact.title, fact.value])
        : [];
  return [...(own as string[]), ...Object.values(record).flatMap(markdownTexts)];
}

/** The card as Teams shows it once it has read the backslash escapes of Markdown text. */
function unescaped(node: unknown, inMarkdown = false): unknown {
  if (typeof node === 'string') {
    return inMarkdown ? node.replace(/\\([!-/:-@[-`{-~])/g, '$1') : node;
  }
  if (Array.isArray(node)) {
    return node.map((item) => unescaped(item, inMarkdown));
  }
  if (typeof node !== 'object' || node === null) {
    return node;
  }
  const record = node as Node;
  return Object.fromEntries(
    Object.entries(record).map(([key, value]) => [
      key,
      unescaped(
        value,
        (record.type === 'TextBlock' && key === 'text') ||
          (inMarkdown && (key === 'title' || key === 'value')) ||
          (record.type === 'FactSet' && key === 'facts'),
      ),
    ]),
  );
}

const libraryAlone = (name: CardName, data: object): unknown =>
  new ACData.Template(structuredClone(cardTemplates[name])).expand({ $root: data });
const hostile = <K extends CardName>(name: K) => expandCard(name, samples[name](HOSTILE));

describe('text a person or the directory controls, on every card', () => {
  it.each(names)(
    '%s: ordinary text renders exactly as the templating library renders it',
    (name) => {
      const data = samples[name]('Adele Vance');
      expect(expandCard(name, data)).toEqual(libraryAlone(name, data));
    },
  );

  it.each(names)(
    '%s: hostile text makes no link, bold, italics, mention, heading or list',
    (name) => {
      const shown = markdownTexts(hostile(name)).join('\n\n');
      expect(shown).toContain(SHOWN);
      for (const markup of [
        '[Approve](',
        '**urgent**',
        '<at>',
        '</at>',
        ' _x_',
        '\n# h',
        '\n- item',
        '\n1. one',
      ]) {
        expect(shown).not.toContain(markup);
      }
    },
  );

  it.each(names)(
    '%s: only Markdown text changes, and only by backslashes Teams reads away',
    (name) => {
      const data = samples[name](HOSTILE);
      expect(unescaped(expandCard(name, data))).toEqual(libraryAlone(name, data));
    },
  );

  it.each(names)('%s: is still a valid Adaptive Card 1.5 with every binding filled', (name) => {
    const card = hostile(name);
    expect(cardProblems(card)).toEqual([]);
    expect(JSON.stringify(card)).not.toContain('${');
  });

  it.each(names)(
    '%s: binds no element or fact whole from data, where escaping cannot reach',
    (name) => {
      const containers = ['body', 'items', 'columns', 'facts', 'actions', 'inlines', 'card'];
      const boundWhole = (node: unknown): string[] =>
        Array.isArray(node)
          ? node.flatMap(boundWhole)
          : typeof node === 'object' && node !== null
            ? Object.entries(node).flatMap(([key, value]) =>
                containers.includes(key) && typeof value === 'string' ? [key] : boundWhole(value),
              )
            : [];
      expect(boundWhole(cardTemplates[name])).toEqual([]);
    },
  );
});

describe('the approvers’ card', () => {
  const card = hostile('approval') as {
    body: Node[];
    actions: Node[];
    refresh: { action: Node };
  };
  const facts = Object.fromEntries(
    (card.body.find((element) => element.type === 'FactSet')!.facts as Node[]).map((fact) => [
      fact.title,
      fact.value,
    ]),
  );

  it('shows the justification, the requester and the people it is for literally', () => {
    expect(facts).toEqual({
      'Asked by': SHOWN,
      For: `${SHOWN}, ${SHOWN}`,
      What: `Assign Microsoft 365 E3 to ${SHOWN}`,
      Why: SHOWN,
    });
  });

  it('shows the reject reason and who rejected literally', () => {
    expect(markdownTexts(card)).toContain(`Rejected by ${SHOWN}: ${SHOWN}`);
  });

  it('keeps the operation id, verbs and fix commands exactly as they were', () => {
    expect(card.refresh.action.data).toEqual({ operationId: OPERATION_ID });
    expect(card.actions.map((action) => [action.verb, action.data])).toEqual([
      ['request-approve', { operationId: OPERATION_ID }],
      ['request-reject', { operationId: OPERATION_ID }],
      ['request-cancel', { operationId: OPERATION_ID }],
    ]);
    const fixSet = card.body.find((element) => element.type === 'ActionSet')!.actions as Node[];
    expect(fixSet.map((action) => [action.title, action.data])).toEqual([
      [HOSTILE, { command: `assign SPE_E5 to ${HOSTILE}` }],
      [HOSTILE, { command: `assign SPE_E5 to ${HOSTILE}` }],
      [HOSTILE, { skuId: SKU_ID, shortfall: 2 }],
    ]);
  });
});

describe('the cards’ own Markdown', () => {
  it('keeps "**On:**" bold on the user card, with the plans after it literal', () => {
    expect(markdownTexts(hostile('user'))).toContain(`**On:** ${SHOWN}`);
  });

  it('keeps the command name bold on the help card, and its list bullets', () => {
    const shown = markdownTexts(hostile('help'));
    expect(shown).toContain(`**${SHOWN}**: ${SHOWN}`);
    expect(shown).toContain(`- ${SHOWN}`);
  });
});

describe('what Teams shows as given', () => {
  it('fills the request form’s inputs and choices with the text as typed', () => {
    const json = JSON.stringify(hostile('request-form'));
    const typed = JSON.stringify(HOSTILE);
    expect(json).toContain(`"value":${typed}`);
    expect(json).toContain(`"placeholder":${typed}`);
    expect(json).toContain(`"title":${typed}`);
  });

  it('keeps the template form’s name and description as typed', () => {
    const json = JSON.stringify(hostile('template-form'));
    expect(json.split(`"value":${JSON.stringify(HOSTILE)}`)).toHaveLength(3);
  });

  it('keeps the download link and a choice’s id and button title', () => {
    expect(JSON.stringify(hostile('history-download'))).toContain(
      '"url":"http://127.0.0.1:3978/exports/abc"',
    );
    const choice = JSON.stringify(hostile('choice'));
    expect(choice).toContain(
      `"selectAction":{"type":"Action.Execute","title":${JSON.stringify(HOSTILE)},"verb":"user","data":{"id":"u1","page":1}}`,
    );
  });
});
