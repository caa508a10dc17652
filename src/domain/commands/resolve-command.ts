import { planDisplayName, skuDisplayName } from '../catalogue/display-names.ts';
import { resolvePlanList, skusWithPlan } from '../catalogue/resolve-plan-list.ts';
import { resolvePlan, resolveSku } from '../catalogue/resolve-sku.ts';
import type { LicensingFailure, Result } from '../errors.ts';
import type { Sku } from '../licensing.ts';
import type { LicenseChange } from '../planning/license-change.ts';
import { expandTemplate } from '../templates/expand-template.ts';
import type { LicenseTemplate } from '../templates/license-template.ts';
import { resolveLicense } from '../templates/resolve-license.ts';
import type { LicenseCommand } from './license-command.ts';

/** A word of a command that did not point to exactly one thing: ask, suggest, or explain. */
export type ResolutionProblem =
  | {
      kind: 'ambiguous';
      word: string;
      what: 'license' | 'plan';
      choices: string[];
      message: string;
    }
  | {
      kind: 'unknown';
      word: string;
      what: 'license' | 'plan';
      suggestion?: string;
      message: string;
    }
  | { kind: 'failure'; failure: LicensingFailure; message: string };

const unknown = (
  word: string,
  what: 'license' | 'plan',
  suggestion?: string,
): ResolutionProblem => ({
  kind: 'unknown',
  word,
  what,
  message: `I can't find the ${what} "${word}" in this tenant.${suggestion ? ` Did you mean "${suggestion}"?` : ''}`,
  ...(suggestion ? { suggestion } : {}),
});

const ambiguous = (
  word: string,
  what: 'license' | 'plan',
  choices: string[],
): ResolutionProblem => ({
  kind: 'ambiguous',
  word,
  what,
  choices,
  message: `"${word}" could be ${choices.join(' or ')}: which one?`,
});

type Resolved<T> = Result<T, ResolutionProblem>;

function sku(word: string, skus: readonly Sku[]): Resolved<Sku> {
  const resolution = resolveSku(word, skus);
  if (resolution.kind === 'found') {
    return { ok: true, value: resolution.sku };
  }
  if (resolution.kind === 'ambiguous') {
    return {
      ok: false,
      failure: ambiguous(
        word,
        'license',
        resolution.candidates.map((c) => skuDisplayName(c)),
      ),
    };
  }
  return {
    ok: false,
    failure: unknown(
      word,
      'license',
      resolution.suggestion && skuDisplayName(resolution.suggestion),
    ),
  };
}

function planIds(words: readonly string[], within: Sku): Resolved<string[]> {
  const resolution = resolvePlanList(words, within);
  if (resolution.ok) {
    return { ok: true, value: resolution.planIds };
  }
  const { word, resolution: found } = resolution;
  return {
    ok: false,
    failure:
      found.kind === 'ambiguous'
        ? ambiguous(
            word,
            'plan',
            found.candidates.map((plan) => planDisplayName(plan)),
          )
        : unknown(word, 'plan', found.suggestion && planDisplayName(found.suggestion)),
  };
}

type TemplateLicenses = { sku: Sku; disabledPlanIds: string[] }[];

/**
 * A template's licenses with "without" plans also left off: each word in every SKU of the
 * template that has it. A word none of them has is asked about in the SKU where it is ambiguous,
 * else in the first.
 */
function templateWithout(
  words: readonly string[],
  licenses: TemplateLicenses,
): Resolved<TemplateLicenses> {
  let result = licenses;
  for (const word of words) {
    const found = result.map((license) => resolvePlan(word, license.sku));
    if (!found.some((resolution) => resolution.kind === 'found')) {
      const asked = result.find((_, i) => found[i]!.kind === 'ambiguous') ?? result[0]!;
      return planIds([word], asked.sku) as Extract<Resolved<never>, { ok: false }>;
    }
    result = result.map((license, i) => {
      const resolution = found[i]!;
      return resolution.kind === 'found' &&
        !license.disabledPlanIds.includes(resolution.plan.servicePlanId)
        ? {
            ...license,
            disabledPlanIds: [...license.disabledPlanIds, resolution.plan.servicePlanId],
          }
        : license;
    });
  }
  return { ok: true, value: result };
}

function license(word: string, templates: readonly LicenseTemplate[], skus: readonly Sku[]) {
  const resolution = resolveLicense(word, templates, skus);
  const name = (
    choice: { kind: 'template'; template: LicenseTemplate } | { kind: 'sku'; sku: Sku },
  ) =>
    choice.kind === 'template'
      ? `the template ${choice.template.name}`
      : skuDisplayName(choice.sku);
  if (resolution.kind === 'ambiguous') {
    return {
      ok: false as const,
      failure: ambiguous(word, 'license', resolution.candidates.map(name)),
    };
  }
  if (resolution.kind === 'unknown') {
    return {
      ok: false as const,
      failure: unknown(word, 'license', resolution.suggestion && name(resolution.suggestion)),
    };
  }
  return { ok: true as const, value: resolution.choice };
}

const cannotKeep = (message: string): Resolved<never> => ({
  ok: false,
  failure: {
    kind: 'failure',
    failure: { code: 'INVALID_REQUEST', message, retryable: false },
    message,
  },
});

// Exchange Online's mailbox plans; the foundation plan many licenses carry holds no mailbox.
const mailboxPlan = /^EXCHANGE_S_(?!FOUNDATION)/i;

/** A removal that keeps the mailboxes: the license stays with only its Exchange Online plans on. */
export function keepingMailboxes(target: Sku): Resolved<LicenseChange> {
  const exchange = target.servicePlans.filter((plan) => mailboxPlan.test(plan.servicePlanName));
  if (exchange.length === 0) {
    return cannotKeep(
      `${skuDisplayName(target)} has no Exchange Online plan, so it holds no mailbox to keep: remove it without "keeping mailboxes".`,
    );
  }
  return {
    ok: true,
    value: {
      kind: 'modify',
      sku: target,
      enablePlanIds: [],
      disablePlanIds: target.servicePlans
        .filter((plan) => !mailboxPlan.test(plan.servicePlanName))
        .map((plan) => plan.servicePlanId),
      keepsMailbox: true,
    },
  };
}

/**
 * Turns a parsed command's words into a change on the tenant's SKUs: a template expands to its
 * SKUs and plans, "without" plans are found in the SKU, and a modify without "in <SKU>" uses the
 * one SKU (among `userSkus` when given) that has the plans. Users stay words for the directory.
 */
export function resolveCommand(
  command: Exclude<LicenseCommand, { kind: 'request' }>,
  tenant: {
    skus: readonly Sku[];
    templates: readonly LicenseTemplate[];
    userSkus?: readonly Sku[];
  },
): Resolved<LicenseChange> {
  switch (command.kind) {
    case 'assign': {
      const choice = license(command.license, tenant.templates, tenant.skus);
      if (!choice.ok) {
        return choice;
      }
      if (choice.value.kind === 'template') {
        const expanded = expandTemplate(choice.value.template, tenant.skus);
        if (!expanded.ok) {
          return {
            ok: false,
            failure: {
              kind: 'failure',
              failure: expanded.failure,
              message: expanded.failure.message,
            },
          };
        }
        const licenses = templateWithout(command.withoutPlans, expanded.value);
        return licenses.ok
          ? { ok: true, value: { kind: 'assign', licenses: licenses.value } }
          : licenses;
      }
      const target = choice.value.sku;
      const off = planIds(command.withoutPlans, target);
      return off.ok
        ? {
            ok: true,
            value: { kind: 'assign', licenses: [{ sku: target, disabledPlanIds: off.value }] },
          }
        : off;
    }
    case 'remove': {
      if (command.license.scope === 'all') {
        return command.keepMailbox === true
          ? cannotKeep(
              'Name the license that holds the mailboxes to keep them: "remove all" cannot.',
            )
          : { ok: true, value: { kind: 'removeAll' } };
      }
      const target = sku(command.license.sku, tenant.skus);
      if (target.ok && command.keepMailbox === true) {
        return keepingMailboxes(target.value);
      }
      return target.ok ? { ok: true, value: { kind: 'remove', skus: [target.value] } } : target;
    }
    case 'transfer': {
      const from = sku(command.fromSku, tenant.skus);
      if (!from.ok) {
        return from;
      }
      const to = sku(command.toSku, tenant.skus);
      return to.ok ? { ok: true, value: { kind: 'transfer', from: from.value, to: to.value } } : to;
    }
    case 'modify': {
      let target: Resolved<Sku>;
      if (command.sku !== undefined) {
        target = sku(command.sku, tenant.skus);
      } else {
        const pool = tenant.userSkus ?? tenant.skus;
        const holders = pool.filter((candidate) =>
          command.plans.every((word) => skusWithPlan(word, [candidate]).length > 0),
        );
        const first = command.plans[0]!;
        target =
          holders.length === 1
            ? { ok: true, value: holders[0]! }
            : holders.length === 0
              ? {
                  ok: false,
                  failure: {
                    ...unknown(first, 'plan'),
                    message: tenant.userSkus
                      ? `None of the user's licenses has all of: ${command.plans.join(', ')}.`
                      : `No license in this tenant has all of: ${command.plans.join(', ')}.`,
                  },
                }
              : {
                  ok: false,
                  failure: ambiguous(
                    command.plans.join(', '),
                    'license',
                    holders.map((h) => skuDisplayName(h)),
                  ),
                };
      }
      if (!target.ok) {
        return target;
      }
      const ids = planIds(command.plans, target.value);
      if (!ids.ok) {
        return ids;
      }
      const change: LicenseChange =
        command.action === 'enable'
          ? { kind: 'modify', sku: target.value, enablePlanIds: ids.value, disablePlanIds: [] }
          : { kind: 'modify', sku: target.value, enablePlanIds: [], disablePlanIds: ids.value };
      return { ok: true, value: change };
    }
  }
}
