/**
 * The one name to show for a code the table names in several ways, one spelling per row (plans
 * appear in many products, and rows disagree: "Microsoft Teams", "MICROSOFT TEAMS", "TEAMS1").
 * The name most rows agree on wins, so a typo or a row in capitals does not:
 * - spellings equal but for case count as one name, written as most of its rows not in
 *   capitals write it ("Microsoft Teams", not "MICROSOFT TEAMS"; "Sway", not "SWAY");
 * - the code itself in capitals as the name ("TEAMS1") counts only when no row gives another;
 * - ties go to the spelling met first in the table, so the same table always gives the same name.
 */
export function chooseName(code: string, spellings: readonly string[]): string {
  const byCase = new Map<string, string[]>();
  for (const spelling of spellings) {
    const key = spelling.toLowerCase();
    const group = byCase.get(key) ?? [];
    group.push(spelling);
    byCase.set(key, group);
  }
  const isCodeOnly = (key: string): boolean =>
    key === code.toLowerCase() && byCase.get(key)!.every(isCapitals);
  const names = [...byCase.keys()].filter((key) => !isCodeOnly(key));
  const name = mostFrequent(names.length > 0 ? names : [...byCase.keys()], (key) => {
    return byCase.get(key)!.length;
  });
  const spellingsOfName = byCase.get(name)!;
  const mixedCase = spellingsOfName.filter((spelling) => !isCapitals(spelling));
  const written = mixedCase.length > 0 ? mixedCase : spellingsOfName;
  return mostFrequent(written, (spelling) => written.filter((s) => s === spelling).length);
}

function isCapitals(text: string): boolean {
  return text === text.toUpperCase();
}

/** The first of `items` with the highest count. */
function mostFrequent(items: readonly string[], count: (item: string) => number): string {
  let best = items[0]!;
  for (const item of items) {
    if (count(item) > count(best)) {
      best = item;
    }
  }
  return best;
}
