import type { Request, Response } from 'restify';
import type { Telemetry } from '../app/ports/telemetry.ts';

/**
 * Runs one HTTP request's handling inside a request span named by method and route (a turn
 * renames it by its command), with the status it answered. The hook every route may use: only
 * `POST /api/messages` does today; REST routes wrap their handlers the same way. Without
 * telemetry the handler just runs.
 */
export function withRequestSpan(
  telemetry: Telemetry | undefined,
  route: string,
  handler: (req: Request, res: Response) => Promise<void>,
): (req: Request, res: Response) => Promise<void> {
  if (telemetry === undefined) {
    return handler;
  }
  return (req, res) => {
    const method = req.method ?? 'GET';
    return telemetry.span(
      `${method} ${route}`,
      { 'http.request.method': method, 'http.route': route, 'url.path': route },
      async (span) => {
        await handler(req, res);
        span.set({ 'http.response.status_code': res.statusCode });
        if (res.statusCode >= 500) {
          span.fail();
        }
      },
      'request',
    );
  };
}
