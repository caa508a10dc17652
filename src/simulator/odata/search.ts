import { ODataQueryError } from './errors.ts';

/** Which properties `$search` may name on a collection. */
export interface SearchSchema {
  resource: string;
  properties: readonly string[];
}

/** Users: the tokenized properties Microsoft lists for `$search`. */
export const userSearchSchema: SearchSchema = {
  resource: 'User',
  properties: [
    'displayName',
    'givenName',
    'surname',
    'mail',
    'mailNickname',
    'userPrincipalName',
    'jobTitle',
    'department',
    'employeeId',
  ],
};

/** Groups: displayName, description, mail and mailNickname. */
export const groupSearchSchema: SearchSchema = {
  resource: 'Group',
  properties: ['displayName', 'description', 'mail', 'mailNickname'],
};

/** A compiled `$search`: clauses joined by AND / OR (AND binds tighter, as in Graph). */
export interface CompiledSearch {
  matches(resource: Record<string, unknown>): boolean;
}

interface Clause {
  property: string;
  term: string;
}

/**
 * Graph answers `$search` on directory objects only with `ConsistencyLevel: eventual`
 * (documented error below); otherwise it never falls back to an unfiltered list.
 */
export function searchNeedsEventual(): ODataQueryError {
  return new ODataQueryError(
    'Request_UnsupportedQuery',
    "Request with $search query parameter only works through MSGraph with a special request header: 'ConsistencyLevel: eventual'",
  );
}

/**
 * Compiles `"displayName:alex" OR "mail:megan"`: each clause is a quoted `property:term`; a
 * term matches where a word of the property's value starts with it (Graph tokenizes on spaces,
 * punctuation and case changes), case-insensitively.
 */
export function compileSearch(text: string, schema: SearchSchema): CompiledSearch {
  const groups: Clause[][] = [[]];
  const pattern = /\s*("([^"]*)"|AND|OR)\s*/gy;
  let position = 0;
  let expectClause = true;
  while (position < text.length) {
    pattern.lastIndex = position;
    const match = pattern.exec(text);
    if (!match) {
      throw syntax(text, position);
    }
    const token = match[1] ?? '';
    if (token === 'AND' || token === 'OR') {
      if (expectClause) {
        throw syntax(text, position);
      }
      if (token === 'OR') {
        groups.push([]);
      }
      expectClause = true;
    } else {
      if (!expectClause) {
        throw syntax(text, position);
      }
      groups[groups.length - 1]?.push(clause(match[2] ?? '', schema, text));
      expectClause = false;
    }
    position = pattern.lastIndex;
  }
  if (expectClause) {
    throw syntax(text, text.length);
  }
  return {
    matches: (resource) =>
      groups.some((all) => all.every((c) => termMatches(resource[c.property], c.term))),
  };
}

function clause(body: string, schema: SearchSchema, text: string): Clause {
  const colon = body.indexOf(':');
  const name = colon < 0 ? '' : body.slice(0, colon).trim();
  const term = colon < 0 ? '' : body.slice(colon + 1).trim();
  if (name === '' || term === '') {
    throw new ODataQueryError(
      'BadRequest',
      `Invalid $search clause '${body}' in '${text}': use "property:value".`,
    );
  }
  const property = schema.properties.find((p) => p.toLowerCase() === name.toLowerCase());
  if (property === undefined) {
    throw new ODataQueryError(
      'Request_UnsupportedQuery',
      `Unsupported or invalid search clause specified for property '${name}' of resource '${schema.resource}'.`,
    );
  }
  return { property, term: term.toLowerCase() };
}

function termMatches(value: unknown, term: string): boolean {
  if (typeof value !== 'string') {
    return false;
  }
  const text = value.toLowerCase();
  for (let at = text.indexOf(term); at >= 0; at = text.indexOf(term, at + 1)) {
    if (at === 0 || !/[\p{L}\p{N}]/u.test(text[at - 1] ?? '') || isCaseBoundary(value, at)) {
      return true;
    }
  }
  return false;
}

/** `JohnSmith` holds the token `Smith`: a capital after a lower-case letter starts a word. */
function isCaseBoundary(value: string, at: number): boolean {
  const before = value[at - 1] ?? '';
  const here = value[at] ?? '';
  return /\p{Ll}/u.test(before) && /\p{Lu}/u.test(here);
}

function syntax(text: string, position: number): ODataQueryError {
  return new ODataQueryError(
    'BadRequest',
    `Syntax error: character '${text[position] ?? ''}' is not valid at position ${position} in '${text}'.`,
  );
}
