import * as ACData from 'adaptivecards-templating';
import { cardTemplates, type CardName } from './templates.ts';

/**
 * Each card template parsed once per process. Parsing is the costly part of rendering (every
 * `${…}` goes through the adaptive-expressions ANTLR parser: tens of milliseconds for the larger
 * cards), while expanding a parsed template is cheap and leaves the template as it was.
 *
 * This memo is the one piece of module state in rendering, and deliberately so: it only holds
 * what is derived from the bundled, read-only card JSON, filled on first use so a process (or a
 * test file) pays only for the cards it shows. `expand` runs synchronously, so two turns never
 * share a template mid-expansion.
 */
const compiled = new Map<CardName, ACData.Template>();

/** The parsed template of a card, ready to expand with any data. */
export function compiledTemplate(name: CardName): ACData.Template {
  let template = compiled.get(name);
  if (template === undefined) {
    // A copy: the templating library keeps references into what it is given.
    template = new ACData.Template(structuredClone(cardTemplates[name]));
    compiled.set(name, template);
  }
  return template;
}
