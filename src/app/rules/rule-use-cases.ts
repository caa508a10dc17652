import {
  previewRule,
  type LicenseAsked,
  type RulePreviewOutcome,
  type RulePreviewPorts,
} from './preview-rule.ts';

/** The dynamic-rule use cases as the chat calls them, built once by the composition root. */
export interface RuleUseCases {
  /** Who a rule would make members, and with a license what such a group would need and cost. */
  preview(tenantId: string, rule: string, license?: LicenseAsked): Promise<RulePreviewOutcome>;
}

/** Binds the rule use cases to the ports they read. */
export function ruleUseCases(ports: RulePreviewPorts): RuleUseCases {
  return {
    preview: (tenantId, rule, license) => previewRule(ports, tenantId, rule, license),
  };
}
