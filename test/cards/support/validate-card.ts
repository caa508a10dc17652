import { createRequire } from 'node:module';
import type * as AdaptiveCards from 'adaptivecards';

// The package's `lib/` is ESM without file extensions, which Node cannot load; its UMD bundle
// loads fine, and parsing and validating need no DOM.
const require = createRequire(import.meta.url);
const AC = require('adaptivecards/dist/adaptivecards.js') as typeof AdaptiveCards;

/**
 * What Teams' renderer would object to in a card, by the `adaptivecards` library's own rules at
 * schema 1.5: unknown or too-new elements and actions, bad enum values, inputs without ids.
 */
export function cardProblems(card: object): string[] {
  const context = new AC.SerializationContext(AC.Versions.v1_5);
  const parsed = new AC.AdaptiveCard();
  parsed.parse(card, context);
  const problems: string[] = [];
  for (let i = 0; i < context.eventCount; i++) {
    problems.push(context.getEventAt(i).message);
  }
  for (const event of parsed.validateProperties().validationEvents) {
    problems.push(event.message);
  }
  return problems;
}
