import * as ACData from 'adaptivecards-templating';
import { joinPlainBindings, markPlainBindings } from './plain-bindings.ts';
import { cardTemplates, type CardName } from './templates.ts';

/** A card template ready to expand with any data into a new card object. */
export interface CompiledTemplate {
  expand(data: object): object;
}

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
const compiled = new Map<CardName, CompiledTemplate>();

/**
 * The parsed template of a card. This is the one place where data meets Markdown: every value
 * bound into text Teams reads as Markdown is escaped to show literally (a reason `**urgent**`
 * cannot turn bold, a name cannot become a link or an `<at>` mention), while the template's own
 * Markdown keeps working and inputs, choices, button titles and action data get the data as is.
 */
export function compiledTemplate(name: CardName): CompiledTemplate {
  let template = compiled.get(name);
  if (template === undefined) {
    // A copy: it is rewritten here, and the templating library keeps references into it.
    const parsed = new ACData.Template(markPlainBindings(structuredClone(cardTemplates[name])));
    template = {
      expand: (data) => joinPlainBindings(parsed.expand({ $root: data }) as object),
    };
    compiled.set(name, template);
  }
  return template;
}
