/**
 * What a handler answers: a status, optional headers and a JSON body (or none). The server turns
 * it into bytes and adds the ids every Graph response carries; the batch handler nests it.
 */
export interface GraphReply {
  status: number;
  headers?: Record<string, string>;
  /** JSON body; undefined for 202/204 without content. A string is sent as text/plain. */
  body?: unknown;
  /** The fault injector asked for the connection to be dropped: no answer at all. */
  drop?: boolean;
}

/** A Graph error before the per-request ids are added (see `withInnerError`). */
export interface GraphErrorBody {
  error: { code: string; message: string; innerError?: Record<string, string> };
}

/** A JSON answer. */
export function jsonReply(
  status: number,
  body: unknown,
  headers?: Record<string, string>,
): GraphReply {
  return headers ? { status, body, headers } : { status, body };
}

/** An error answer in Graph's envelope; `innerError` is filled in when the reply is sent. */
export function errorReply(
  status: number,
  code: string,
  message: string,
  headers?: Record<string, string>,
): GraphReply {
  const body: GraphErrorBody = { error: { code, message } };
  return headers ? { status, body, headers } : { status, body };
}

/** Whether a body is Graph's error envelope, so the ids can be added to it. */
export function isGraphErrorBody(body: unknown): body is GraphErrorBody {
  if (typeof body !== 'object' || body === null || !('error' in body)) {
    return false;
  }
  const error = body.error;
  return typeof error === 'object' && error !== null && 'code' in error && 'message' in error;
}

/** Graph's innerError: the request's ids and a second-resolution UTC date without zone. */
export function withInnerError(
  body: GraphErrorBody,
  ids: { requestId: string; clientRequestId: string },
  now: Date,
): GraphErrorBody {
  return {
    error: {
      code: body.error.code,
      message: body.error.message,
      innerError: {
        date: now.toISOString().slice(0, 19),
        'request-id': ids.requestId,
        'client-request-id': ids.clientRequestId,
      },
    },
  };
}
