import { errorReply, type GraphReply } from './reply.ts';

/** The system query options a list of directory objects takes. */
export const listOptions = [
  '$select',
  '$filter',
  '$top',
  '$count',
  '$orderby',
  '$search',
  '$skiptoken',
] as const;

/** What a single entity (`/users/{id}`, `/groups/{id}`) takes. */
export const entityOptions = ['$select'] as const;

/**
 * Refuses a system query option the endpoint does not honour, instead of answering as if it
 * had been applied: `$skip` is refused by directory objects in Graph itself; `$expand` is not
 * simulated; anything else unknown is refused as Graph refuses unknown `$` options.
 * Options without `$` are custom parameters and ignored, as Graph ignores them.
 */
export function unsupportedQueryOption(
  query: URLSearchParams,
  allowed: readonly string[],
): GraphReply | undefined {
  for (const name of query.keys()) {
    if (!name.startsWith('$')) {
      continue;
    }
    const lower = name.toLowerCase();
    if (allowed.includes(lower)) {
      continue;
    }
    if (lower === '$skip') {
      return errorReply(400, 'Request_BadRequest', "'$skip' is not supported by the service.");
    }
    if (lower === '$expand') {
      return errorReply(
        400,
        'Request_UnsupportedQuery',
        `$expand is not supported by the Graph simulator: read the relationship with its own request (e.g. /users/{id}/memberOf).`,
      );
    }
    return errorReply(400, 'BadRequest', `The query parameter '${name}' is not supported.`);
  }
  return undefined;
}
