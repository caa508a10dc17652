import { tokenizeRule } from './rule-tokens.ts';

/** `preview rule <rule> [with <license> [without <plan>, …]]`, split into its parts. */
export interface RuleCommand {
  rule: string;
  /** The license words after `with`, as typed ('' when `with` ends the command). */
  license?: { name: string; withoutPlans: string[]; typed: string };
}

/**
 * Splits a rule preview's text at the first `with` outside quotes (no rule has that word), and
 * the license at `without`, whose plans are listed with commas or "and". A text whose quotes do
 * not close is all rule, for the rule's parser to point at.
 */
export function readRuleCommand(text: string): RuleCommand {
  const tokens = tokenizeRule(text);
  const at = tokens.ok
    ? tokens.value.find((token) => token.kind === 'word' && token.text.toLowerCase() === 'with')
    : undefined;
  if (at === undefined) {
    return { rule: text.trim() };
  }
  const [name = '', plans] = text.slice(at.end).split(/\s+without\s+/iu, 2);
  const withoutPlans =
    plans === undefined
      ? []
      : plans
          .split(/\s*,\s*|\s+and\s+/iu)
          .map((plan) => plan.trim())
          .filter((plan) => plan !== '');
  return {
    rule: text.slice(0, at.position).trim(),
    license: { name: name.trim(), withoutPlans, typed: text.slice(at.end).trim() },
  };
}
