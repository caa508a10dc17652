/** Quotes a value as an OData string literal: `O'Brien` → `'O''Brien'`. */
export function odataString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/**
 * One path segment for a user id or user principal name. UPNs may hold `#`, `?`, `/` or `%`, which
 * would otherwise cut the URL short; `@` stays readable, as Graph's own examples write it.
 */
export function pathSegment(idOrUpn: string): string {
  return encodeURIComponent(idOrUpn).replaceAll('%40', '@');
}

/** A user's resource path, by object id or user principal name. */
export function userPath(idOrUpn: string): string {
  return `/users/${pathSegment(idOrUpn)}`;
}

/** A group's resource path. */
export function groupPath(id: string): string {
  return `/groups/${pathSegment(id)}`;
}

/**
 * Whether Graph serves a user filter only as an "advanced query" (header `ConsistencyLevel:
 * eventual` with `$count=true`): `ne`, `not`, `endswith` and counting a collection.
 */
export function needsAdvancedQuery(filter: string): boolean {
  const outsideLiterals = filter.replace(/'(?:[^']|'')*'/g, "''");
  return /\bne\b|\bnot\b|\bendswith\s*\(|\/\$count\b/i.test(outsideLiterals);
}
