import type { RulePreview } from '../../app/rules/preview-rule.ts';
import type { GroupLicenseFigures } from '../../domain/dynamic-rules/group-license-tally.ts';
import type { RuleSyntaxError } from '../../domain/dynamic-rules/rule-node.ts';
import { countryNames } from '../../domain/geo/country-codes.ts';
import { formatMoney } from '../../domain/prices/money.ts';
import type {
  RulePreviewCardData,
  RulePreviewErrorCardData,
} from '../cards/rule-preview-card-data.ts';

/** The example every rule message ends with. */
export const RULE_EXAMPLE =
  'preview rule (user.extensionAttribute10 -eq "E3 All") -and (user.department -ne "Sales") with Microsoft 365 E3';

/** Characters of the rule shown on each side of a syntax error, and of the faulty part. */
const AROUND_ERROR = 200;

const number = (n: number): string => n.toLocaleString('en-US');
const people = (n: number, one = 'member', many = 'members'): string =>
  `${number(n)} ${n === 1 ? one : many}`;

/** The preview card's data: the count, the first members, and the licensing figures if asked. */
export function rulePreviewCardData(
  preview: RulePreview,
  asked: { license: string; canCreate: boolean },
): RulePreviewCardData {
  const { memberCount, userCount, sample } = preview;
  const licensing = preview.licensing;
  return {
    rule: preview.entraRule,
    countText:
      memberCount === 0
        ? `No user matches this rule (${people(userCount, 'user', 'users')} read).`
        : `${number(memberCount)} of ${people(userCount, 'user', 'users')} would be members.`,
    sample: sample.map((member) => ({ name: member.displayName, upn: member.userPrincipalName })),
    sampleMore:
      memberCount > sample.length ? `and ${number(memberCount - sample.length)} more` : '',
    hasLicense: licensing !== undefined,
    licenseTitle:
      licensing === undefined
        ? ''
        : `A group with this rule giving ${licensing.license} would need`,
    licenseFacts: licensing === undefined ? [] : licenseFacts(licensing.figures),
    notes: licensing === undefined ? [] : licenseNotes(licensing.figures),
    canCreate: asked.canCreate,
    createNote:
      'Another approver approves it first; then the group is created with this rule' +
      (licensing === undefined ? '' : ` and given ${licensing.license}`) +
      '. Changing a dynamic rule later can remove members, and their licenses with them.',
    license: asked.license,
  };
}

function licenseFacts(figures: GroupLicenseFigures): { title: string; value: string }[] {
  const disabled =
    figures.disabledGaining > 0
      ? ` (${number(figures.disabledGaining)} of them disabled accounts: a group licenses them too)`
      : '';
  const country = countryNames.get(figures.tenantCountry) ?? figures.tenantCountry;
  const cost = figures.cost
    .filter((entry) => entry.amount !== 0)
    .map((entry) => formatMoney(entry.amount, entry.currency))
    .join(' + ');
  const unpriced =
    figures.unpriced.length > 0 ? `no price set for ${figures.unpriced.join(', ')}` : '';
  return [
    {
      title: 'Would get it',
      value:
        figures.gainingCount === 0
          ? 'nobody: every member holds it already'
          : `${people(figures.gainingCount)}${disabled}`,
    },
    {
      title: 'Already hold it',
      value:
        figures.alreadyHoldCount === 0
          ? 'none'
          : `${people(figures.alreadyHoldCount)} (no seat, nothing changes for them)`,
    },
    ...figures.seats.map((seat) => ({
      title: `${seat.name} seats`,
      value:
        `${number(seat.needed)} needed, ${number(Math.max(0, seat.free))} free` +
        (seat.shortfall > 0 ? `: ${number(seat.shortfall)} short` : ''),
    })),
    {
      title: 'Without usage location',
      value:
        figures.withoutUsageLocation === 0
          ? 'none'
          : `${people(figures.withoutUsageLocation)}: they would get ${country} (${figures.tenantCountry}), the tenant's country`,
    },
    {
      title: 'Monthly cost',
      value: [cost === '' ? 'nothing more' : `${cost} more a month`, unpriced]
        .filter((part) => part !== '')
        .join('; '),
    },
  ];
}

function licenseNotes(figures: GroupLicenseFigures): RulePreviewCardData['notes'] {
  return [
    ...figures.seats
      .filter((seat) => seat.shortfall > 0)
      .map((seat) => ({
        text: `${seat.name}: ${number(seat.shortfall)} seats short. Entra would leave ${people(seat.shortfall)} without it (not enough licenses) until seats are bought or freed.`,
        color: 'Attention' as const,
      })),
    ...figures.conflicts.map((conflict) => ({
      text: `${conflict.description}: ${people(conflict.members)}.`,
      color: 'Warning' as const,
    })),
    ...figures.refusals.map((refusal) => ({
      text: `${refusal.message} (${people(refusal.members)})`,
      color: 'Attention' as const,
    })),
  ];
}

/** The error card's data: the rule cut around the fault, the fault marked, what was expected. */
export function rulePreviewErrorCardData(
  rule: string,
  error: RuleSyntaxError,
): RulePreviewErrorCardData {
  const start = Math.min(error.position, rule.length);
  const end = Math.min(Math.max(error.end, start + 1), rule.length, start + AROUND_ERROR);
  const before = rule.slice(0, start);
  const after = rule.slice(end);
  return {
    before: before.length > AROUND_ERROR ? `…${before.slice(-AROUND_ERROR)}` : before,
    at: start >= rule.length ? ' ← here' : rule.slice(start, end),
    after: after.length > AROUND_ERROR ? `${after.slice(0, AROUND_ERROR)}…` : after,
    message: error.message,
    expected: error.expected,
    example: `For example: ${RULE_EXAMPLE}`,
  };
}
