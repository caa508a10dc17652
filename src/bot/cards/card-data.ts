/** The data each card template in `cards/` binds to; every field the template names is here. */
import type { ReportCardData } from './report-card-data.ts';
import type { RulePreviewCardData, RulePreviewErrorCardData } from './rule-preview-card-data.ts';
import type { AlertCardData, AlertSummaryCardData } from '../alerts/alert-card-data.ts';
import type {
  ScheduleApprovalCardData,
  SchedulesCardData,
} from '../schedules/schedule-card-data.ts';

export interface Pager {
  label: string;
  hasNext: boolean;
  hasPrevious: boolean;
  next: number;
  previous: number;
}

export interface CommandLine {
  name: string;
  summary: string;
  example: string;
}

export interface HelpCardData {
  title: string;
  intro: string;
  commands: CommandLine[];
  adminNotes: string[];
  footer: string;
}

export interface WelcomeCardData {
  greeting: string;
  whatItDoes: string;
  roleLine: string;
  forYou: string[];
  examples: string[];
}

export interface LicensesCardData {
  organisation: string;
  summary: string;
  skus: {
    name: string;
    availableText: string;
    availableColor: 'Good' | 'Warning' | 'Attention' | 'Default';
    details: string;
    warning: string;
  }[];
  pager: Pager;
}

export interface UserCardData {
  id: string;
  displayName: string;
  userPrincipalName: string;
  details: string;
  usageLocation: string;
  accountText: string;
  licenseCountText: string;
  licenses: {
    name: string;
    partNumber: string;
    sources: { from: string; state: string; problem: string }[];
    enabledPlans: string;
    disabledPlans: string;
  }[];
  pager: Pager;
}

export interface GroupCardData {
  id: string;
  displayName: string;
  description: string;
  memberCountText: string;
  processing: string;
  errorCount: number;
  errorCountText: string;
  licenses: { name: string; partNumber: string; disabledPlans: string }[];
  /** What a fix just did (reprocess, usage location), shown under the title; '' for none. */
  notice: string;
  noticeColor: 'Default' | 'Good' | 'Warning' | 'Attention';
  /** Approvers get the fix buttons; requesters read the reasons. */
  canFix: boolean;
  reprocessAllTitle: string;
  reasons: GroupReasonCardData[];
  membersInError: {
    id: string;
    displayName: string;
    userPrincipalName: string;
    reasons: string;
  }[];
  pager: Pager;
}

/** A fix button of one reason on the group card. */
export type GroupFixButton =
  | { kind: 'holders'; title: string; skuId: string; shortfall: number }
  | { kind: 'removeDirect'; title: string; skuId: string }
  | { kind: 'reprocessUser'; title: string; userId: string }
  | { kind: 'location'; title: string; placeholder: string };

/** One reason members of a group are in error: in plain words, who, and its fixes. */
export interface GroupReasonCardData {
  heading: string;
  happened: string;
  fix: string;
  who: string;
  /** How many still have the license working (`ActiveWithError`); '' when none. */
  active: string;
  fixes: GroupFixButton[];
}

export interface ChoiceCardData {
  question: string;
  verb: 'user' | 'group';
  choices: { id: string; title: string; subtitle: string }[];
  more: boolean;
  moreText: string;
}

/** Template name → the data it binds. */
export interface CardDataByTemplate {
  help: HelpCardData;
  welcome: WelcomeCardData;
  licenses: LicensesCardData;
  user: UserCardData;
  group: GroupCardData;
  choice: ChoiceCardData;
  approval: ApprovalCardData;
  'request-choice': RequestChoiceCardData;
  'selection-confirm': SelectionConfirmCardData;
  'selection-upload': SelectionUploadCardData;
  'fix-location': FixLocationCardData;
  history: HistoryCardData;
  'history-download': HistoryDownloadCardData;
  templates: TemplatesCardData;
  'template-form': TemplateFormCardData;
  'template-plans': TemplatePlansCardData;
  'fix-options': FixOptionsCardData;
  'sku-holders': SkuHoldersCardData;
  'request-form': RequestFormCardData;
  'request-form-plans': RequestFormPlansCardData;
  'bulk-form': BulkFormCardData;
  'bulk-form-what': BulkFormWhatCardData;
  'bulk-form-review': BulkFormReviewCardData;
  prices: PricesCardData;
  'price-form': PriceFormCardData;
  'price-history': PriceHistoryCardData;
  'price-import': PriceImportCardData;
  report: ReportCardData;
  'rule-preview': RulePreviewCardData;
  'rule-preview-error': RulePreviewErrorCardData;
  alert: AlertCardData;
  'alert-summary': AlertSummaryCardData;
  'group-license': GroupLicenseCardData;
  'group-license-form': GroupLicenseFormCardData;
  schedules: SchedulesCardData;
  'schedule-approval': ScheduleApprovalCardData;
}

/** The price table: each subscribed SKU with its monthly price and an Edit button; CSV import. */
export interface PricesCardData {
  title: string;
  /** What was just saved, or ''. */
  message: string;
  summary: string;
  /** Prices in several currencies (never added up), or ''. */
  note: string;
  /** The page shown, for the Edit buttons' way back. */
  page: number;
  skus: {
    skuId: string;
    name: string;
    /** Part number, and who set the price when. */
    details: string;
    priceText: string;
    priceColor: 'Default' | 'Warning';
    editTitle: string;
  }[];
  pager: Pager;
  csvHelp: string;
}

/** One SKU's price to set: amount and currency, with what was wrong with the last try. */
export interface PriceFormCardData {
  title: string;
  current: string;
  message: string;
  skuId: string;
  amount: string;
  currency: string;
  /** The prices card's page to go back to. */
  page: number;
}

/** A page of price changes, newest first, and Cosmos' token for the next (older) page. */
export interface PriceHistoryCardData {
  title: string;
  empty: boolean;
  changes: { line: string; details: string }[];
  hasNext: boolean;
  next: string;
}

/** What a CSV import did: the rows not imported by line and reason, the prices saved. */
export interface PriceImportCardData {
  title: string;
  summary: string;
  hasProblems: boolean;
  problems: string[];
  moreProblems: string;
  hasSaved: boolean;
  saved: string[];
  moreSaved: string;
}

/** The tenant's templates; approvers also get Edit, Delete and New. */
export interface TemplatesCardData {
  title: string;
  empty: boolean;
  canEdit: boolean;
  templates: {
    id: string;
    etag: string;
    name: string;
    description: string;
    /** One line per SKU: product and the plans on. */
    licenses: string[];
    /** Where the SKU lost or gained plans since the template was saved. */
    drift: string[];
    canEdit: boolean;
  }[];
  pager: Pager;
}

/** Step 1 of creating or editing a template: its name and its licenses. */
export interface TemplateFormCardData {
  title: string;
  templateId: string;
  etag: string;
  name: string;
  description: string;
  /** The chosen SKUs' part numbers, comma-separated, as the multi-select returns them. */
  skus: string;
  choices: { title: string; value: string }[];
}

/** Step 2: a toggle per service plan of each chosen SKU. */
export interface TemplatePlansCardData {
  title: string;
  templateId: string;
  etag: string;
  name: string;
  description: string;
  skus: string;
  licenses: {
    product: string;
    plans: { id: string; title: string; value: 'true' | 'false' }[];
  }[];
}

/** A page of history lines, newest first, and the filter (ids only) for the next page. */
export interface HistoryCardData {
  title: string;
  empty: boolean;
  events: { line: string; details: string; color: 'Good' | 'Attention' | 'Default' }[];
  hasNext: boolean;
  next: string;
  filter: { userId: string; adminId: string; skuId: string; since: string };
}

/** A link to download a history export, where file consent cannot work (the embedded demo). */
export interface HistoryDownloadCardData {
  about: string;
  note: string;
  url: string;
}

/** The fix for a missing usage location: pick one, and the same request is asked again with it. */
export interface FixLocationCardData {
  message: string;
  suggestion: string;
  command: string;
}

/**
 * "Which one did you mean?" for a request: each pick sends the request again as it would be typed
 * with that choice, so it is parsed, resolved and authorised exactly like typed text.
 */
/** A large selection counted: how many, a sample, and a button to plan it for all of them. */
export interface SelectionConfirmCardData {
  counted: string;
  sample: string;
  question: string;
  count: string;
  /** The command as typed, asked again when confirmed. */
  command: string;
}

/** The demo's way to send a CSV: an upload page, then a button that uses the file. */
export interface SelectionUploadCardData {
  text: string;
  columns: string;
  url: string;
  command: string;
  token: string;
}

export interface RequestChoiceCardData {
  question: string;
  choices: { title: string; subtitle: string; command: string }[];
}

/** A request as approvers and the requester see it; the buttons only for who may decide. */
export interface ApprovalCardData {
  operationId: string;
  title: string;
  stateText: string;
  stateColor: 'Good' | 'Warning' | 'Attention' | 'Accent' | 'Default';
  requester: string;
  targets: string;
  summary: string;
  justification: string;
  impact: { line: string }[];
  policyNote: string;
  /** Ways out of a shortfall, a conflict or a failed user, as buttons anyone viewing may click. */
  fixes: FixButton[];
  hasFixes: boolean;
  canDecide: boolean;
  /** A paused pilot's Continue button, for approvers other than the requester. */
  canContinue: boolean;
  /** The requester while it is pending; the requester and approvers while it runs. */
  canCancel: boolean;
  /** "Cancel request" (pending) or "Stop the run" (running). */
  cancelTitle: string;
  /**
   * Once a run of more users than the card names has ended: every user's result as a CSV,
   * offered like `history export`.
   */
  canExport: boolean;
  /**
   * Before a request of more users than the card names runs: every user's planned change as a
   * CSV, offered like `history export`.
   */
  canPreview: boolean;
  /** Teams user ids (MRIs) whose client fetches their own view of the card; at most 60. */
  refreshUserIds: string[];
  /** How far the run got: one entry while it runs, none otherwise. */
  progress: ApprovalProgressData[];
}

/** A running request's progress bar and figures (see `run-progress-view.ts`). */
export interface ApprovalProgressData {
  /** The bar's parts in whole percent, adding up to 100 (a part of 0 is left out). */
  done: number;
  failed: number;
  skipped: number;
  left: number;
  /** "62% · 1,234 of 2,000 done · 3 failed · 0 skipped · 763 left". */
  counts: string;
  /** "180 users/s · about 4 s left", or ''. */
  pace: string;
}

/** Step 1 of the request form: who, which license or template, and why. */
export interface RequestFormCardData {
  title: string;
  /** What was wrong with the last try, or ''. */
  message: string;
  /** As typed (or the people found), comma-separated. */
  users: string;
  usersExample: string;
  /** The picked choice's value, `sku:<skuId>` or `template:<id>`, or ''. */
  license: string;
  licenseChoices: { title: string; value: string }[];
  justification: string;
  justificationLabel: string;
  justificationRequired: boolean;
  /** Several people matched a typed name: pick one (no choices when nobody is asked about). */
  choose: { question: string; typed: string; choices: { title: string; value: string }[] };
}

/** Step 2: who was found, a toggle per service plan, the usage location when missing, why. */
export interface RequestFormPlansCardData {
  title: string;
  message: string;
  /** The people found, as user principal names, comma-separated. */
  users: string;
  license: string;
  people: { line: string }[];
  licenseLine: string;
  plansNote: string;
  licenses: {
    product: string;
    plans: { id: string; title: string; value: 'true' | 'false' }[];
  }[];
  askLocation: boolean;
  locationNote: string;
  location: string;
  justification: string;
  justificationLabel: string;
  justificationRequired: boolean;
  /** When to run it, as typed ("every night at 02:00"); empty: now. */
  when: string;
}

/** What the bulk form carries from step to step, as typed or picked (checked again each step). */
export interface BulkFormValues {
  method: string;
  who: string;
  operation: string;
  license: string;
  toLicense: string;
  plans: string;
  location: string;
  justification: string;
  /** When to run it, as typed ("in 7 days", "every night at 02:00"); empty: once approved. */
  when: string;
}

/** Step 1 of the bulk form: how to pick people (a button each), and the one input for it. */
export interface BulkFormCardData {
  title: string;
  message: string;
  /** The methods as buttons; the one in use is `positive`. */
  methods: { title: string; method: string; style: 'positive' | 'default' }[];
  method: string;
  /** The method in use, in words: "By group: the members of a group, nested groups included". */
  methodLine: string;
  who: string;
  whoLabel: string;
  whoPlaceholder: string;
  /** The syntax of the method's input (the filter language, the CSV header). */
  whoHint: string;
  whoMultiline: boolean;
  whoMaxLength: number;
  /** What steps 2 and 3 were told, kept for when the count goes on to them again. */
  carried: Omit<BulkFormValues, 'method' | 'who'>;
}

/** Step 2: the count and a sample, then what to do, to which license, plans, location, why. */
export interface BulkFormWhatCardData {
  title: string;
  message: string;
  /** `describeCount`: "247 users match group "Sales" (12 without usage location)". */
  counted: string;
  /** The first few by name: "Adele Vance, Alex Wilber and 245 more". */
  sample: string;
  rowsNote: string;
  /** The first rows of a pasted CSV left out, by line. */
  rows: { line: string }[];
  values: BulkFormValues;
  operationChoices: { title: string; value: string }[];
  licenseLabel: string;
  licenseChoices: { title: string; value: string }[];
  toLicenseChoices: { title: string; value: string }[];
  askLocation: boolean;
  locationNote: string;
  location: string;
}

/** Step 3: the change as previewed (summary, impact, approval), and Submit or Back. */
export interface BulkFormReviewCardData {
  title: string;
  summary: string;
  counted: string;
  impact: { line: string }[];
  /** Who must approve and why. */
  approval: string;
  rowsNote: string;
  rows: { line: string }[];
  /** The command this form stands for, as it could be typed. */
  typed: string;
  values: BulkFormValues;
}

/**
 * A fix as a button: a request as it would be typed (`request`), the same after a usage location
 * is picked (`location`), or who holds a SKU (`holders`, with the request's shortfall).
 */
export interface FixButton {
  kind: 'request' | 'location' | 'holders';
  title: string;
  command: string;
  skuId: string;
  shortfall: number;
}

/** A request that could not be planned, with its fixes as buttons. */
export interface FixOptionsCardData {
  message: string;
  fixes: FixButton[];
}

/** A page of who holds a SKU, disabled accounts first; direct holders get a Remove button. */
export interface SkuHoldersCardData {
  title: string;
  skuId: string;
  seats: string;
  shortfall: number;
  shortfallText: string;
  summary: string;
  holders: {
    name: string;
    upn: string;
    status: string;
    color: 'Attention' | 'Default';
    canRemove: boolean;
    removeTitle: string;
    removeCommand: string;
  }[];
  pager: Pager;
}

/** What a group licenses, with Add / Change plans / Remove for each license. */
export interface GroupLicenseCardData {
  title: string;
  groupId: string;
  members: string;
  processing: string;
  inError: string;
  licenses: { name: string; partNumber: string; disabledPlans: string }[];
  /** Why the group cannot hold licenses, or ''. */
  note: string;
}

/** The form that asks for a group license: a SKU to add, or the plans of one the group has. */
export interface GroupLicenseFormCardData {
  title: string;
  intro: string;
  groupId: string;
  /** The SKUs to pick from when adding (empty when changing one: `fixedLicense`). */
  skus: { title: string; value: string }[];
  license: string;
  fixedLicense: string;
  /** The license's plans as switches, when changing one (empty when adding). */
  plans: { title: string; value: string }[];
  /** Plans off now, comma-separated. */
  off: string;
  /** `license` (add, or change plans) or `unlicense` (remove the license from the group). */
  action: 'license' | 'unlicense';
  submitTitle: string;
}
