import { parseRule, type Comparison, type RuleNode, type RuleValue } from './rule-syntax.ts';

/**
 * A dynamic membership rule checked against the user properties Entra's rules know, and compiled
 * into a test over a user as Graph shows it (`tenant.userResource`). Strings compare without case,
 * as in Entra; a null property equals only `null`.
 */

type PropertyType = 'string' | 'boolean' | 'strings' | 'assignedPlans';

/** Reads a user's property by its Graph name (`department`, `assignedPlans`…). */
export type PropertyReader = (graphName: string) => unknown;

interface UserProperty {
  type: PropertyType;
  read: (user: PropertyReader) => unknown;
}

const graphProperty =
  (name: string) =>
  (user: PropertyReader): unknown =>
    user(name) ?? null;

const STRING_PROPERTIES: Record<string, string> = {
  city: 'city',
  companyname: 'companyName',
  country: 'country',
  department: 'department',
  displayname: 'displayName',
  employeeid: 'employeeId',
  givenname: 'givenName',
  jobtitle: 'jobTitle',
  mail: 'mail',
  mailnickname: 'mailNickname',
  objectid: 'id',
  physicaldeliveryofficename: 'officeLocation',
  postalcode: 'postalCode',
  preferredlanguage: 'preferredLanguage',
  state: 'state',
  streetaddress: 'streetAddress',
  surname: 'surname',
  usagelocation: 'usageLocation',
  userprincipalname: 'userPrincipalName',
  usertype: 'userType',
};

const USER_PROPERTIES: Record<string, UserProperty> = {
  ...Object.fromEntries(
    Object.entries(STRING_PROPERTIES).map(([key, name]) => [
      key,
      { type: 'string', read: graphProperty(name) } satisfies UserProperty,
    ]),
  ),
  ...Object.fromEntries(
    Array.from({ length: 15 }, (_, i) => [
      `extensionattribute${i + 1}`,
      {
        type: 'string',
        read: (user: PropertyReader) =>
          (user('onPremisesExtensionAttributes') as Record<string, unknown> | null | undefined)?.[
            `extensionAttribute${i + 1}`
          ] ?? null,
      } satisfies UserProperty,
    ]),
  ),
  accountenabled: { type: 'boolean', read: graphProperty('accountEnabled') },
  othermails: { type: 'strings', read: graphProperty('otherMails') },
  proxyaddresses: { type: 'strings', read: graphProperty('proxyAddresses') },
  assignedplans: { type: 'assignedPlans', read: graphProperty('assignedPlans') },
};

const ASSIGNED_PLAN_PROPERTIES: Record<string, string> = {
  serviceplanid: 'servicePlanId',
  capabilitystatus: 'capabilityStatus',
  service: 'service',
  assigneddatetime: 'assignedDateTime',
};

const NEGATED: Partial<Record<Comparison, Comparison>> = {
  ne: 'eq',
  notstartswith: 'startswith',
  notendswith: 'endswith',
  notcontains: 'contains',
  notmatch: 'match',
  notin: 'in',
};

/** A compiled rule: true when the user (as Graph shows it) belongs in the group. */
export type UserPredicate = (user: Record<string, unknown>) => boolean;

export type CompiledRule =
  | {
      ok: true;
      matches: UserPredicate;
      /** The same test reading properties one by one (a directory computes costly ones on demand). */
      matchesReader: (read: PropertyReader) => boolean;
    }
  | { ok: false; error: { message: string; position: number } };

class RuleCheckFailure extends Error {
  readonly position: number;

  constructor(message: string, position: number) {
    super(message);
    this.position = position;
    this.name = 'RuleCheckFailure';
  }
}

type Reader = (subject: unknown) => unknown;

/** A scalar property's value as rule text (`true`, `false`, a string); null when unset. */
function asText(actual: unknown): string | null {
  if (typeof actual === 'string') {
    return actual;
  }
  return typeof actual === 'boolean' || typeof actual === 'number' ? String(actual) : null;
}

function compare(
  operator: Comparison,
  value: RuleValue,
  position: number,
  type: 'string' | 'boolean',
): (actual: unknown) => boolean {
  const positive = NEGATED[operator];
  if (positive) {
    const test = compare(positive, value, position, type);
    return (actual) => !test(actual);
  }
  if (type === 'boolean' && operator !== 'eq') {
    throw new RuleCheckFailure(`Invalid operands found for operator -${operator}.`, position);
  }
  if (value.kind === 'null') {
    if (operator !== 'eq') {
      throw new RuleCheckFailure(`Invalid operands found for operator -${operator}.`, position);
    }
    return (actual) => actual === null || actual === undefined;
  }
  const text = (actual: unknown): string | null => asText(actual)?.toLowerCase() ?? null;
  if (operator === 'in') {
    const values = new Set(
      (value.kind === 'list' ? value.values : [value.value]).map((v) => v.toLowerCase()),
    );
    return (actual) => {
      const t = text(actual);
      return t !== null && values.has(t);
    };
  }
  const wanted = value.kind === 'list' ? value.values.join(',') : value.value;
  if (type === 'boolean' && !/^(true|false)$/i.test(wanted)) {
    throw new RuleCheckFailure(`Invalid operands found for operator -${operator}.`, position);
  }
  const lower = wanted.toLowerCase();
  switch (operator) {
    case 'eq':
      return (actual) => text(actual) === lower;
    case 'startswith':
      return (actual) => text(actual)?.startsWith(lower) ?? false;
    case 'endswith':
      return (actual) => text(actual)?.endsWith(lower) ?? false;
    case 'contains':
      return (actual) => text(actual)?.includes(lower) ?? false;
    case 'match': {
      let pattern: RegExp;
      try {
        pattern = new RegExp(wanted, 'i');
      } catch {
        throw new RuleCheckFailure(`Invalid regular expression "${wanted}" for -match.`, position);
      }
      return (actual) => {
        const t = asText(actual);
        return t !== null && pattern.test(t);
      };
    }
    default:
      throw new RuleCheckFailure(`Invalid operands found for operator -${operator}.`, position);
  }
}

/** Compiles a node where `element` is what `_` or `assignedPlan.` reads (inside -any/-all). */
function compileNode(node: RuleNode, scope: 'user' | 'strings' | 'assignedPlans'): Reader {
  switch (node.kind) {
    case 'and': {
      const [left, right] = [compileNode(node.left, scope), compileNode(node.right, scope)];
      return (subject) => Boolean(left(subject)) && Boolean(right(subject));
    }
    case 'or': {
      const [left, right] = [compileNode(node.left, scope), compileNode(node.right, scope)];
      return (subject) => Boolean(left(subject)) || Boolean(right(subject));
    }
    case 'not': {
      const operand = compileNode(node.operand, scope);
      return (subject) => !operand(subject);
    }
    case 'quantified': {
      if (scope !== 'user') {
        throw new RuleCheckFailure('-any and -all cannot be nested.', node.position);
      }
      const property = userProperty(node.property, node.position);
      if (property.type !== 'strings' && property.type !== 'assignedPlans') {
        throw new RuleCheckFailure(
          `Invalid operands found for operator -${node.quantifier}: ${node.property} is not a multi-valued property.`,
          node.position,
        );
      }
      const body = compileNode(node.body, property.type);
      return (subject) => {
        const items = property.read(subject as PropertyReader);
        const list = Array.isArray(items) ? (items as unknown[]) : [];
        return node.quantifier === 'any'
          ? list.some((item) => body(item))
          : list.every((item) => body(item));
      };
    }
    case 'compare': {
      const { read, type } = scalarReader(node.property, scope, node.position);
      const test = compare(node.operator, node.value, node.position, type);
      return (subject) => test(read(subject));
    }
  }
}

function userProperty(name: string, position: number): UserProperty {
  const [prefix, property] = name.split('.');
  const found =
    prefix?.toLowerCase() === 'user' ? USER_PROPERTIES[property!.toLowerCase()] : undefined;
  if (!found) {
    throw new RuleCheckFailure(
      `Wrong property applied. Property '${name}' is not supported in a user rule.`,
      position,
    );
  }
  return found;
}

function scalarReader(
  name: string,
  scope: 'user' | 'strings' | 'assignedPlans',
  position: number,
): { read: Reader; type: 'string' | 'boolean' } {
  if (scope === 'strings') {
    if (name !== '_') {
      throw new RuleCheckFailure(
        `Wrong property applied. Use _ for the values of a string collection, not '${name}'.`,
        position,
      );
    }
    return { read: (value) => value, type: 'string' };
  }
  if (scope === 'assignedPlans') {
    const [prefix, property] = name.split('.');
    const graphName =
      prefix?.toLowerCase() === 'assignedplan'
        ? ASSIGNED_PLAN_PROPERTIES[(property ?? '').toLowerCase()]
        : undefined;
    if (!graphName) {
      throw new RuleCheckFailure(
        `Wrong property applied. Property '${name}' cannot be applied to object 'AssignedPlan'.`,
        position,
      );
    }
    return {
      read: (plan) => (plan as Record<string, unknown> | null)?.[graphName] ?? null,
      type: 'string',
    };
  }
  const property = userProperty(name, position);
  if (property.type === 'strings' || property.type === 'assignedPlans') {
    throw new RuleCheckFailure(
      `Invalid operands found for operator: ${name} is multi-valued; use -any or -all.`,
      position,
    );
  }
  return {
    read: (user) => property.read(user as PropertyReader),
    type: property.type,
  };
}

/**
 * Parses and checks a user membership rule. The error message is Entra's "Dynamic membership rule
 * validation error" detail, with the character position where the rule goes wrong.
 */
export function compileUserRule(text: string): CompiledRule {
  const parsed = parseRule(text);
  if (!parsed.ok) {
    return parsed;
  }
  try {
    const test = compileNode(parsed.rule, 'user');
    return {
      ok: true,
      matches: (user) => Boolean(test((name: string) => user[name])),
      matchesReader: (read) => Boolean(test(read)),
    };
  } catch (error: unknown) {
    if (error instanceof RuleCheckFailure) {
      return { ok: false, error: { message: error.message, position: error.position } };
    }
    throw error;
  }
}
