/**
 * The compact form the licensing table's names are kept in (`product-names.generated.ts`): one
 * line per name, the code (a part number or a service plan name), a tab, then the name. Plain
 * text, because a string costs the module loader next to nothing where 1,300 object entries
 * would be parsed at every start, and the maps are only built when a name is first shown.
 */

/**
 * The form codes are compared in: Graph and the table agree on part numbers and plan names but
 * not on their case, and the table sometimes pads or splits them with stray spaces.
 */
export function nameKey(code: string): string {
  return code.replace(/\s+/g, ' ').trim().toUpperCase();
}

/** Reads the lines "CODE<tab>Name" into a map from code to name. */
export function readNameLines(lines: string): ReadonlyMap<string, string> {
  return new Map(
    lines
      .trim()
      .split('\n')
      .map((line): [string, string] => {
        const tab = line.indexOf('\t');
        return [line.slice(0, tab), line.slice(tab + 1)];
      }),
  );
}
