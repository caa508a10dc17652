import { errorReply, type GraphReply } from './reply.ts';

/** The errors the HTTP layer itself answers, worded as Graph words them. */
export const graphErrors = {
  accessTokenEmpty: (): GraphReply =>
    errorReply(401, 'InvalidAuthenticationToken', 'Access token is empty.'),
  // What Graph answers a token issued for a tenant other than the resource's.
  invalidAudience: (): GraphReply =>
    errorReply(
      401,
      'InvalidAuthenticationToken',
      'Access token validation failure. Invalid audience.',
    ),
  segmentNotFound: (segment: string): GraphReply =>
    errorReply(400, 'BadRequest', `Resource not found for the segment '${segment}'.`),
  invalidVersion: (version: string): GraphReply =>
    errorReply(400, 'BadRequest', `Invalid version: ${version}`),
  methodNotAllowed: (): GraphReply =>
    errorReply(
      405,
      'Request_BadRequest',
      'Specified HTTP method is not allowed for the request target.',
    ),
  resourceNotFound: (id: string): GraphReply =>
    errorReply(
      404,
      'Request_ResourceNotFound',
      `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`,
    ),
  invalidJson: (): GraphReply =>
    errorReply(
      400,
      'BadRequest',
      'Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.',
    ),
  invalidPageSize: (value: string): GraphReply =>
    errorReply(
      400,
      'Request_BadRequest',
      `Invalid page size specified: '${value}'. Must be between 1 and 999 inclusive.`,
    ),
  invalidSkipToken: (): GraphReply =>
    errorReply(
      400,
      'Request_BadRequest',
      'The specified page token value has expired or is invalid.',
    ),
  unknownProperty: (name: string, type: string): GraphReply =>
    errorReply(
      400,
      'BadRequest',
      `Could not find a property named '${name}' on type 'microsoft.graph.${type}'.`,
    ),
  invalidReference: (): GraphReply =>
    errorReply(
      400,
      'Request_BadRequest',
      "Invalid object identifier in '@odata.id': expected https://graph.microsoft.com/v1.0/directoryObjects/{id}.",
    ),
  countSegmentUnsupported: (): GraphReply =>
    errorReply(400, 'Request_BadRequest', '$count is not currently supported.'),
  filterNotSupportedHere: (): GraphReply =>
    errorReply(
      400,
      'Request_UnsupportedQuery',
      'The $filter query option is not supported on this resource.',
    ),
  tooManyRequests: (retryAfterSeconds: number, scope: string, information: string): GraphReply =>
    errorReply(
      429,
      'TooManyRequests',
      // Entra's own wording for identity-and-access throttling; the reason is in the headers.
      `Your request is throttled temporarily. Please try after ${retryAfterSeconds} seconds.`,
      {
        'Retry-After': String(retryAfterSeconds),
        'x-ms-throttle-scope': scope,
        'x-ms-throttle-information': information,
      },
    ),
  serviceUnavailable: (): GraphReply =>
    errorReply(
      503,
      'serviceNotAvailable',
      'The service is temporarily unavailable. Try the request again after a delay.',
    ),
  gatewayTimeout: (): GraphReply =>
    errorReply(
      504,
      'GatewayTimeout',
      'The gateway did not receive a timely response from the upstream service.',
    ),
};
