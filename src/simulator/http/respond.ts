import type { ServerResponse } from 'node:http';
import { isGraphErrorBody, withInnerError, type GraphReply } from './reply.ts';

const jsonContentType =
  'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';

/** The ids every Graph response carries, in its headers and in an error's `innerError`. */
export interface RequestIds {
  requestId: string;
  clientRequestId: string;
}

/** Writes a reply, or destroys the socket when the fault injector dropped the connection. */
export function respond(response: ServerResponse, reply: GraphReply, ids: RequestIds): void {
  if (reply.drop) {
    response.socket?.destroy();
    return;
  }
  const headers: Record<string, string> = {
    'request-id': ids.requestId,
    'client-request-id': ids.clientRequestId,
    ...reply.headers,
  };
  let payload: string | undefined;
  if (typeof reply.body === 'string') {
    payload = reply.body;
    headers['Content-Type'] ??= 'text/plain';
  } else if (reply.body !== undefined) {
    const body = isGraphErrorBody(reply.body)
      ? withInnerError(reply.body, ids, new Date())
      : reply.body;
    payload = JSON.stringify(body);
    headers['Content-Type'] = jsonContentType;
  }
  response.writeHead(reply.status, headers);
  response.end(payload);
}
