/** What one request costs against Graph's identity-and-access limits. */
export interface RequestCost {
  resourceUnits: number;
  writes: number;
}

interface CostRule {
  method: 'GET' | 'POST';
  /** Matched against the version-relative path, lower-cased, `{id}` for any one segment. */
  pattern: RegExp;
  resourceUnits: number;
}

const ID = '[^/]+';
const USER = `(?:me|users/${ID})`;
/** An OData cast segment (`/microsoft.graph.user`) reads the same relationship. */
const CAST = '(?:/microsoft\\.graph\\.[a-z]+)?';

// Base costs from Microsoft's table; everything not listed costs 1 (and a write, for changes).
const RULES: readonly CostRule[] = [
  { method: 'GET', pattern: /^users$/, resourceUnits: 2 },
  { method: 'GET', pattern: /^subscribedskus$/, resourceUnits: 3 },
  { method: 'GET', pattern: new RegExp(`^groups/${ID}/members${CAST}$`), resourceUnits: 3 },
  {
    method: 'GET',
    pattern: new RegExp(`^groups/${ID}/transitivemembers${CAST}$`),
    resourceUnits: 5,
  },
  { method: 'GET', pattern: /^applications$/, resourceUnits: 2 },
  { method: 'GET', pattern: /^contracts$/, resourceUnits: 3 },
  { method: 'GET', pattern: /^oauth2permissiongrants(?:\/[^/]+)?$/, resourceUnits: 2 },
  {
    method: 'GET',
    pattern: new RegExp(`^${USER}/(?:licensedetails|memberof|ownedobjects|transitivememberof)$`),
    resourceUnits: 2,
  },
  { method: 'POST', pattern: /^(?:directoryobjects\/getbyids|getobjectsbyid)$/, resourceUnits: 3 },
  { method: 'POST', pattern: /^ismemberof$/, resourceUnits: 4 },
  {
    method: 'POST',
    pattern: new RegExp(`^${USER}/(?:checkmembergroups|checkmemberobjects)$`),
    resourceUnits: 4,
  },
  {
    method: 'POST',
    pattern: new RegExp(`^${USER}/(?:getmembergroups|getmemberobjects)$`),
    resourceUnits: 2,
  },
];

/** Reads that are sent as POST: they cost resource units but no write. */
const POST_READS = RULES.filter((rule) => rule.method === 'POST');

/**
 * The cost of a request: base cost by method and path, then `$select` −1, `$expand` +1,
 * `$top` under 20 −1, never below 1. Changes (POST/PATCH/PUT/DELETE) also cost one write.
 * The `$batch` envelope costs nothing: its inner requests are charged one by one.
 */
export function requestCost(method: string, path: string, query: URLSearchParams): RequestCost {
  const verb = method.toUpperCase();
  const normalised =
    path
      .replace(/^\/+|\/+$/g, '')
      .split('?')[0]
      ?.toLowerCase() ?? '';
  if (normalised === '$batch') {
    return { resourceUnits: 0, writes: 0 };
  }
  const postRead = verb === 'POST' && POST_READS.some((rule) => rule.pattern.test(normalised));
  const isWrite = verb !== 'GET' && verb !== 'HEAD' && !postRead;
  const rule = RULES.find((r) => r.method === verb && r.pattern.test(normalised));
  let units = rule?.resourceUnits ?? 1;
  if (has(query, 'select')) {
    units -= 1;
  }
  if (has(query, 'expand')) {
    units += 1;
  }
  const top = Number(get(query, 'top'));
  if (Number.isFinite(top) && get(query, 'top') !== null && top < 20) {
    units -= 1;
  }
  return { resourceUnits: Math.max(1, units), writes: isWrite ? 1 : 0 };
}

/** Graph takes system query options with or without the `$` prefix. */
function get(query: URLSearchParams, name: string): string | null {
  return query.get(`$${name}`) ?? query.get(name);
}

function has(query: URLSearchParams, name: string): boolean {
  return get(query, name) !== null;
}
