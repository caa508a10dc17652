/** Collections whose next path segment is one member's id (or UPN): `/users/{id}`. */
const COLLECTIONS = new Set([
  'users',
  'groups',
  'members',
  'transitivemembers',
  'memberof',
  'transitivememberof',
  'subscriptions',
  'directoryobjects',
  'subscribedskus',
  'licensedetails',
  'owners',
]);

/** What may follow a collection without being an id: `$count`, a type cast, `delta`. */
const KEPT_AFTER_COLLECTION = /^(\$[a-z]+|microsoft\.graph\.[a-z]+|delta)$/i;

/** A segment that is a word of Graph's URL grammar, not a value: `$batch`, `microsoft.graph.user`. */
const WORD = /^(\$[a-z]+|[a-z][a-z.]*)$/i;

/**
 * A Graph request's path without anything that names a person or an object: ids, UPNs and other
 * values become `{id}`, the query is dropped, the version prefix too. `GET /users/alex@contoso.com
 * /licenseDetails?$select=…` is `/users/{id}/licenseDetails`: what a dependency span is named by.
 */
export function graphPathTemplate(url: string): string {
  const { pathname } = new URL(url);
  const segments = pathname.split('/').filter((segment) => segment !== '');
  if (/^(v1\.0|beta)$/i.test(segments[0] ?? '')) {
    segments.shift();
  }
  const template = segments.map((segment, at) => {
    const previous = (segments[at - 1] ?? '').toLowerCase();
    const value = COLLECTIONS.has(previous) && !KEPT_AFTER_COLLECTION.test(segment);
    return value || !WORD.test(segment) ? '{id}' : segment;
  });
  return `/${template.join('/')}`;
}
