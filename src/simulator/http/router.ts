import { graphErrors } from './graph-errors.ts';
import type { GraphContext } from './graph-request.ts';
import type { GraphReply } from './reply.ts';

/** One endpoint: a method, a path pattern with `{name}` parameters, and its handler. */
export interface Route<C = GraphContext> {
  method: string;
  /** Relative to the version, e.g. `/users/{id}/assignLicense`. */
  pattern: string;
  handle(ctx: C, params: Readonly<Record<string, string>>): GraphReply | Promise<GraphReply>;
}

interface CompiledRoute<C> {
  route: Route<C>;
  segments: readonly string[];
}

/** A matched route, or Graph's answer for a path or method it does not serve. */
export type RouteMatch<C = GraphContext> =
  | { ok: true; route: Route<C>; params: Record<string, string>; name: string }
  | { ok: false; reply: GraphReply };

/**
 * A table of routes. Literal segments win over parameters (`/users/$count` before
 * `/users/{id}`); an unknown segment is Graph's 400 naming it, a known path with another
 * method is 405.
 */
export class Router<C = GraphContext> {
  readonly #routes: CompiledRoute<C>[];

  constructor(routes: readonly Route<C>[]) {
    this.#routes = routes.map((route) => ({ route, segments: splitPath(route.pattern) }));
  }

  match(method: string, path: string): RouteMatch<C> {
    const segments = splitPath(path).map(safeDecode);
    const candidates = this.#routes
      .map((compiled) => ({ compiled, score: matchScore(compiled.segments, segments) }))
      .filter((c): c is { compiled: CompiledRoute<C>; score: number } => c.score !== undefined)
      .sort((a, b) => b.score - a.score);
    if (candidates.length === 0) {
      return { ok: false, reply: graphErrors.segmentNotFound(this.#firstUnknownSegment(segments)) };
    }
    const best = candidates[0]?.score;
    const sameShape = candidates.filter((c) => c.score === best);
    const hit = sameShape.find((c) => c.compiled.route.method === method.toUpperCase());
    if (!hit) {
      return { ok: false, reply: graphErrors.methodNotAllowed() };
    }
    const params: Record<string, string> = {};
    hit.compiled.segments.forEach((segment, i) => {
      if (isParam(segment)) {
        params[segment.slice(1, -1)] = segments[i] ?? '';
      }
    });
    return {
      ok: true,
      route: hit.compiled.route,
      params,
      name: `${hit.compiled.route.method} ${hit.compiled.route.pattern}`,
    };
  }

  #firstUnknownSegment(segments: readonly string[]): string {
    for (let i = 0; i < segments.length; i++) {
      const prefix = segments.slice(0, i + 1);
      const known = this.#routes.some(
        (r) =>
          r.segments.length > i && matchScore(r.segments.slice(0, i + 1), prefix) !== undefined,
      );
      if (!known) {
        return segments[i] ?? '';
      }
    }
    return segments[segments.length - 1] ?? '';
  }
}

/** Higher is more specific: literal segments count more than parameters. */
function matchScore(pattern: readonly string[], segments: readonly string[]): number | undefined {
  if (pattern.length !== segments.length) {
    return undefined;
  }
  let score = 0;
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i] ?? '';
    if (isParam(p)) {
      if ((segments[i] ?? '') === '') {
        return undefined;
      }
      continue;
    }
    if (p.toLowerCase() !== (segments[i] ?? '').toLowerCase()) {
      return undefined;
    }
    score += 1;
  }
  return score;
}

function isParam(segment: string): boolean {
  return segment.startsWith('{') && segment.endsWith('}');
}

function splitPath(path: string): string[] {
  return path.split('/').filter((s) => s !== '');
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
