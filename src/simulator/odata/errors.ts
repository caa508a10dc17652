/**
 * The one error the OData pieces throw: it carries what the HTTP layer serialises as Graph's
 * `{ "error": { "code", "message" } }` body with status 400.
 */
export type ODataErrorCode = 'BadRequest' | 'Request_UnsupportedQuery';

export class ODataQueryError extends Error {
  override readonly name = 'ODataQueryError';
  readonly status = 400;
  readonly code: ODataErrorCode;

  constructor(code: ODataErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

/** A malformed `$filter`, with the position (0-based, as Graph's OData parser counts) of the fault. */
export function syntaxError(text: string, position: number, detail: string): ODataQueryError {
  return new ODataQueryError(
    'BadRequest',
    `Invalid filter clause: Syntax error at position ${position} in '${text}'. ${detail}`,
  );
}

/** A property or operator Entra does not index for `$filter`. */
export function unsupportedClause(property: string, resource: string): ODataQueryError {
  return new ODataQueryError(
    'Request_UnsupportedQuery',
    `Unsupported or invalid query filter clause specified for property '${property}' of resource '${resource}'.`,
  );
}

/** A construct Graph rejects without naming a property (e.g. an unsupported lambda body). */
export function unsupportedQuery(): ODataQueryError {
  return new ODataQueryError('Request_UnsupportedQuery', 'Unsupported Query.');
}

/** Graph's answer when an advanced-only construct comes without `ConsistencyLevel` and `$count`. */
export function advancedQueryMissing(operator: string): ODataQueryError {
  return new ODataQueryError(
    'Request_UnsupportedQuery',
    `Operator '${operator}' is not supported because the required parameters might be missing. ` +
      'Try adding $count=true query parameter and ConsistencyLevel:eventual header. ' +
      'Refer to https://aka.ms/graph-docs/advanced-queries for more information',
  );
}
