import http from 'node:http';
import https from 'node:https';
import type { Context, Middleware } from '@microsoft/microsoft-graph-client';

type SdkRequestInit = RequestInit & { body?: unknown };

/** Bodies this handler writes itself; anything else (a stream, a form) goes through `fetch`. */
function isPlainBody(body: unknown): body is string | Uint8Array | null | undefined {
  return (
    body === undefined || body === null || typeof body === 'string' || body instanceof Uint8Array
  );
}

function headersOf(init: ConstructorParameters<typeof Headers>[0]): Record<string, string> {
  const plain: Record<string, string> = {};
  new Headers(init).forEach((value, name) => {
    plain[name] = value;
  });
  return plain;
}

function responseHeaders(raw: http.IncomingHttpHeaders): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw)) {
    if (Array.isArray(value)) {
      for (const item of value) {
        headers.append(name, item);
      }
    } else if (value !== undefined) {
      headers.set(name, value);
    }
  }
  return headers;
}

/**
 * A `Response` over a body already read in full whose `text()` decodes the bytes at once, where
 * a `Response` reads them back through a web stream first (a 700 KB page of users, on the path
 * to asking for the next page). It answers as `text()` does (a leading BOM dropped, the body
 * used once); any other way of reading goes the standard way.
 */
function readResponse(bytes: Buffer, init: ResponseInit): Response {
  const response = new Response(bytes, init);
  const standardText = response.text.bind(response);
  const text = (): Promise<string> => {
    if (response.bodyUsed || response.body === null) {
      return standardText();
    }
    // Cancelling marks the body used, as reading it would: a second read fails the same way.
    response.body.cancel().catch(() => undefined);
    const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
    return Promise.resolve(bytes.toString('utf8', bom ? 3 : 0));
  };
  // `text` is read-only in the DOM typings; an own property shadows the prototype's method.
  Object.defineProperty(response, 'text', { value: text });
  return response;
}

/** Statuses whose response has no body (a `Response` refuses one). */
const NO_BODY = new Set([204, 205, 304]);

/**
 * The last handler of the Graph SDK's chain, in place of its `HTTPMessageHandler`: the same
 * request over `node:http(s)` with keep-alive agents instead of `fetch`, which costs about twice
 * the CPU per request (its web streams and request objects) on every Graph read a turn makes.
 * The answer is a standard `Response`, as the SDK's handlers and ours expect; redirects are left
 * to the SDK's redirect handler, as `fetch` with `redirect: 'manual'` does. An aborted request
 * (timeout) rejects with the signal's reason, as `fetch` does.
 */
export class NodeHttpMessageHandler implements Middleware {
  readonly #agents = {
    'http:': new http.Agent({ keepAlive: true }),
    'https:': new https.Agent({ keepAlive: true }),
  };

  async execute(context: Context): Promise<void> {
    const target = context as unknown as {
      request: string | Request;
      options?: SdkRequestInit;
      response?: Response;
    };
    const options = target.options ?? {};
    if (typeof target.request !== 'string' || !isPlainBody(options.body)) {
      target.response = await fetch(target.request, options);
      return;
    }
    target.response = await this.#send(new URL(target.request), options);
  }

  #send(url: URL, options: SdkRequestInit): Promise<Response> {
    const secure = url.protocol === 'https:';
    const send = secure ? https.request : http.request;
    const signal = options.signal ?? undefined;
    const method = (options.method ?? 'GET').toUpperCase();
    return new Promise<Response>((resolve, reject) => {
      // `fetch` rejects with the signal's reason (a TimeoutError), which the error mapper reads.
      const fail = (error: Error): void => {
        const reason: unknown = signal?.aborted ? signal.reason : undefined;
        reject(reason instanceof Error ? reason : error);
      };
      const request = send(
        url,
        {
          method,
          headers: headersOf(options.headers),
          agent: this.#agents[secure ? 'https:' : 'http:'],
          ...(signal ? { signal } : {}),
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('error', fail);
          response.on('end', () => {
            const status = response.statusCode ?? 500;
            const empty = NO_BODY.has(status) || method === 'HEAD';
            const init = {
              status,
              statusText: response.statusMessage ?? '',
              headers: responseHeaders(response.headers),
            };
            resolve(empty ? new Response(null, init) : readResponse(Buffer.concat(chunks), init));
          });
        },
      );
      request.on('error', fail);
      request.end(options.body ?? undefined);
    });
  }

  setNext(): void {
    // The last handler: nothing comes after it.
  }
}
