import { z } from 'zod';
import { MAX_RULE_LENGTH } from '../../domain/dynamic-rules/parse-rule.ts';
import { readRuleCommand } from '../../domain/dynamic-rules/rule-command.ts';
import { renderCard } from '../cards/render-card.ts';
import type { CommandTurn, Reply, TextCommand } from '../routing/command.ts';
import { MAX_COMMAND_LENGTH } from '../routing/command-text.ts';
import {
  RULE_EXAMPLE,
  rulePreviewCardData,
  rulePreviewErrorCardData,
} from './rule-preview-card.ts';

/** Previews a rule, with a license when `with` names one. */
async function previewRule(turn: CommandTurn, text: string): Promise<Reply> {
  const asked = readRuleCommand(text);
  if (asked.license?.name === '') {
    return {
      text: 'Say which license after "with": a SKU or a template, e.g. `… with Microsoft 365 E3` or `… with Standard Employee`.',
    };
  }
  const license = asked.license && {
    name: asked.license.name,
    withoutPlans: asked.license.withoutPlans,
  };
  const outcome = await turn.deps.rules.preview(turn.caller.tenantId, asked.rule, license);
  switch (outcome.kind) {
    case 'syntaxError':
      return {
        card: renderCard(
          'rule-preview-error',
          rulePreviewErrorCardData(outcome.rule, outcome.error),
        ),
      };
    case 'licenseProblem':
      return { text: outcome.message };
    case 'preview':
      return {
        card: renderCard(
          'rule-preview',
          rulePreviewCardData(outcome.preview, {
            license: asked.license?.typed ?? '',
            canCreate: turn.caller.role === 'approver',
          }),
        ),
      };
  }
}

/** `preview rule <rule> [with <license>]`: any role may preview; approvers may create the group. */
export const rulePreviewCommand: TextCommand<string> = {
  name: 'preview rule',
  aliases: ['rule preview', 'preview dynamic rule', 'test rule'],
  role: 'requester',
  summary:
    'who an Entra dynamic membership rule would make members, and with a license what such a group would need and cost',
  example: RULE_EXAMPLE,
  input: z.string().trim().min(1).max(MAX_COMMAND_LENGTH),
  usage: `Write the rule after \`preview rule\`, and a license after "with" if you like, e.g. \`${RULE_EXAMPLE}\`.`,
  handle: previewRule,
};

/**
 * What the preview card's "Create this group" sends with the `rule-group-create` verb: the rule
 * as the card showed it (Entra's spelling), the license words after "with" ('' for none) and the
 * name typed. Its handler validates with this, parses the rule again and builds the group with
 * `dynamicGroupBody`; the approval flow around it is registered with the request actions.
 */
export const ruleGroupCreateData = z.object({
  rule: z.string().min(1).max(MAX_RULE_LENGTH),
  license: z.string().max(MAX_COMMAND_LENGTH).default(''),
  name: z.string().trim().min(1).max(256),
});
