/** One of several matches, for a "which one did you mean?" card. */
export interface Choice {
  /** The object id a pick sends back (card data carries ids only). */
  id: string;
  title: string;
  subtitle: string;
}

/** What a name typed by the user led to: exactly one, several to choose from, or none. */
export type Lookup<T> =
  | { kind: 'found'; view: T }
  | { kind: 'several'; choices: Choice[]; more: boolean }
  | { kind: 'none' };

/** How many matches a choice card lists before asking for a more precise name. */
export const MAX_CHOICES = 10;
