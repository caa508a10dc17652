import { resolveCommand } from '../../domain/commands/resolve-command.ts';
import { describeRule } from '../../domain/dynamic-rules/describe-rule.ts';
import {
  GroupLicenseTally,
  type GroupLicenseFigures,
} from '../../domain/dynamic-rules/group-license-tally.ts';
import { compileRule } from '../../domain/dynamic-rules/match-rule.ts';
import { keepFirstByName, type SampleMember } from '../../domain/dynamic-rules/member-sample.ts';
import { parseRule } from '../../domain/dynamic-rules/parse-rule.ts';
import { ruleGraphFields } from '../../domain/dynamic-rules/rule-fields.ts';
import type { RuleSyntaxError } from '../../domain/dynamic-rules/rule-node.ts';
import { skuDisplayName } from '../../domain/catalogue/display-names.ts';
import type { SkuId } from '../../domain/licensing.ts';
import type { SeatPrice } from '../../domain/planning/impact.ts';
import { defaultPlanRules } from '../../domain/planning/plan-rules.ts';
import type { Directory } from '../ports/directory.ts';
import type { PerTenant } from '../ports/per-tenant.ts';
import type { PriceStore } from '../ports/stores.ts';
import type { TemplateStore } from '../ports/template-store.ts';

/** How many members a preview names. */
export const RULE_SAMPLE_SIZE = 10;
/** Users asked of Graph per page: its largest. */
const PAGE_SIZE = 999;

/** What a rule preview reads: the directory, the templates (to resolve a license) and prices. */
export interface RulePreviewPorts {
  directory: PerTenant<Pick<Directory, 'listUsersWithProperties' | 'listSkus' | 'getOrganization'>>;
  templates: Pick<TemplateStore, 'list'>;
  prices: Pick<PriceStore, 'list'>;
}

/** The license a preview is asked about, as typed: a SKU or a template, plans to leave off. */
export interface LicenseAsked {
  name: string;
  withoutPlans?: string[];
}

/** Who a rule makes members, and what licensing a group of them would need. */
export interface RulePreview {
  /** The rule as Entra reads it (straight quotes, operators spelled out): what a group gets. */
  entraRule: string;
  /** Users read, and how many the rule makes members. */
  userCount: number;
  memberCount: number;
  /** The first members by name. */
  sample: SampleMember[];
  licensing?: { license: string; figures: GroupLicenseFigures };
}

export type RulePreviewOutcome =
  | { kind: 'syntaxError'; rule: string; error: RuleSyntaxError }
  | { kind: 'licenseProblem'; message: string; choices?: string[] }
  | { kind: 'preview'; preview: RulePreview };

/**
 * Evaluates a dynamic membership rule against every user of the tenant, read page by page with
 * only the properties the rule reads: the member count, the first members by name, and with a
 * license (a SKU or a template, resolved as license changes resolve them) the seats, no-ops,
 * usage locations, conflicts and monthly cost of a group giving it. Only counts and the sample
 * are kept, never the tenant.
 */
export async function previewRule(
  ports: RulePreviewPorts,
  tenantId: string,
  ruleText: string,
  license?: LicenseAsked,
): Promise<RulePreviewOutcome> {
  const parsed = parseRule(ruleText);
  if (!parsed.ok) {
    return { kind: 'syntaxError', rule: ruleText, error: parsed.failure };
  }
  const directory = ports.directory.forTenant(tenantId);
  let tally: GroupLicenseTally | undefined;
  let licenseName = '';
  if (license !== undefined) {
    const [skus, templates, organization] = await Promise.all([
      directory.listSkus(),
      ports.templates.list(tenantId),
      directory.getOrganization(),
    ]);
    const resolved = resolveCommand(
      {
        kind: 'assign',
        license: license.name,
        users: [],
        withoutPlans: license.withoutPlans ?? [],
      },
      { skus, templates: templates.map((entry) => entry.value) },
    );
    if (!resolved.ok) {
      const problem = resolved.failure;
      return problem.kind === 'ambiguous'
        ? { kind: 'licenseProblem', message: problem.message, choices: problem.choices }
        : { kind: 'licenseProblem', message: problem.message };
    }
    // `assign` resolves to an assignment: a SKU, or a template's SKUs.
    const change = resolved.value as Extract<typeof resolved.value, { kind: 'assign' }>;
    licenseName = change.licenses.map(({ sku }) => skuDisplayName(sku)).join(' and ');
    tally = new GroupLicenseTally(change, {
      skus,
      rules: defaultPlanRules,
      country: organization.countryLetterCode,
    });
  }
  const matches = compileRule(parsed.value);
  const sample: SampleMember[] = [];
  let userCount = 0;
  let memberCount = 0;
  for await (const user of directory.listUsersWithProperties(ruleGraphFields(parsed.value), {
    pageSize: PAGE_SIZE,
  })) {
    userCount += 1;
    if (!matches(user)) {
      continue;
    }
    memberCount += 1;
    keepFirstByName(sample, user, RULE_SAMPLE_SIZE);
    tally?.add(user);
  }
  const preview: RulePreview = {
    entraRule: describeRule(parsed.value),
    userCount,
    memberCount,
    sample,
  };
  if (tally !== undefined) {
    preview.licensing = {
      license: licenseName,
      figures: tally.figures(await seatPrices(ports, tenantId)),
    };
  }
  return { kind: 'preview', preview };
}

async function seatPrices(
  ports: RulePreviewPorts,
  tenantId: string,
): Promise<Map<SkuId, SeatPrice>> {
  const prices = await ports.prices.list(tenantId);
  return new Map(
    prices.map((price) => [
      price.skuId,
      { monthlyAmount: price.monthlyAmount, currency: price.currency },
    ]),
  );
}
