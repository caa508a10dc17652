import type {
  AssignedLicense,
  DirectoryUser,
  LicenseAssignmentState,
} from '../domain/licensing.ts';

/**
 * The user reader for the usual answer, without zod: a 50,000-user selection is read in one go
 * and a schema walk per user cost more than the rest of the read. It checks exactly what the
 * zod schema of `directory-records.ts` checks and builds the same value; for anything it does
 * not accept it answers `undefined`, and the schema then says what is wrong (or reads the rare
 * shape it takes and this one does not). Repeated texts go through `pool` (see `StringPool`).
 */
export function readUserFast(value: unknown, pool: TextPool = noPool): DirectoryUser | undefined {
  if (!isRecord(value)) {
    return undefined;
  }
  const { id, userPrincipalName, displayName, accountEnabled } = value;
  if (
    typeof id !== 'string' ||
    (userPrincipalName !== undefined && typeof userPrincipalName !== 'string') ||
    !isText(displayName) ||
    (accountEnabled !== undefined && typeof accountEnabled !== 'boolean')
  ) {
    return undefined;
  }
  const user: DirectoryUser = {
    id,
    userPrincipalName: userPrincipalName ?? '',
    displayName: displayName ?? '',
  };
  for (const name of TEXT_FIELDS) {
    const field = value[name];
    if (!isText(field)) {
      return undefined;
    }
    if (field !== undefined) {
      user[name] = field === null || name === 'mail' ? field : pool.intern(field);
    }
  }
  if (accountEnabled !== undefined) {
    user.accountEnabled = accountEnabled;
  }
  if (value['assignedLicenses'] !== undefined) {
    const licenses = readAssignedLicenses(value['assignedLicenses'], pool);
    if (licenses === undefined) {
      return undefined;
    }
    user.assignedLicenses = licenses;
  }
  if (value['licenseAssignmentStates'] !== undefined) {
    const states = readLicenseStates(value['licenseAssignmentStates'], pool);
    if (states === undefined) {
      return undefined;
    }
    user.licenseAssignmentStates = states;
  }
  return user;
}

/** Gives back one shared copy of a text. */
export interface TextPool {
  intern(text: string): string;
}

/**
 * One copy of each repeated text of a listing (SKU and plan ids, groups, departments, cities…):
 * JSON gives every user their own copies, which a 50,000-user selection keeps alive while it is
 * planned. One pool per listing, dropped with it; unique texts (ids, names, mail) stay out.
 */
export class StringPool implements TextPool {
  readonly #texts = new Map<string, string>();

  intern(text: string): string {
    const known = this.#texts.get(text);
    if (known !== undefined) {
      return known;
    }
    this.#texts.set(text, text);
    return text;
  }
}

const noPool: TextPool = { intern: (text) => text };

const TEXT_FIELDS = [
  'mail',
  'department',
  'jobTitle',
  'city',
  'country',
  'usageLocation',
  'userType',
] as const;

const STATE_NAMES: ReadonlySet<unknown> = new Set([
  'Active',
  'ActiveWithError',
  'Disabled',
  'Error',
]);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A string, null or absent: what Graph sends for an optional text property. */
function isText(value: unknown): value is string | null | undefined {
  return value === undefined || value === null || typeof value === 'string';
}

function isStringArray(value: unknown): value is string[] {
  if (!Array.isArray(value)) {
    return false;
  }
  for (const item of value) {
    if (typeof item !== 'string') {
      return false;
    }
  }
  return true;
}

/** `disabledPlans`: the parsed array itself (nothing else holds it), or empty when absent. */
function readPlans(value: unknown, pool: TextPool): string[] | undefined {
  if (value === undefined) {
    return [];
  }
  if (!isStringArray(value)) {
    return undefined;
  }
  for (let i = 0; i < value.length; i++) {
    value[i] = pool.intern(value[i]!);
  }
  return value;
}

function readAssignedLicenses(value: unknown, pool: TextPool): AssignedLicense[] | undefined {
  if (!Array.isArray(value)) {
    return undefined;
  }
  const licenses: AssignedLicense[] = [];
  for (const item of value) {
    if (!isRecord(item) || typeof item['skuId'] !== 'string') {
      return undefined;
    }
    const disabledPlans = readPlans(item['disabledPlans'], pool);
    if (disabledPlans === undefined) {
      return undefined;
    }
    licenses.push({ skuId: pool.intern(item['skuId']), disabledPlans });
  }
  return licenses;
}

function nullableText(value: unknown, pool: TextPool): string | null | undefined {
  if (value === undefined || value === null) {
    return null;
  }
  return typeof value === 'string' ? pool.intern(value) : undefined;
}

function readLicenseStates(value: unknown, pool: TextPool): LicenseAssignmentState[] | undefined {
  if (!Array.isArray(value)) {
    return undefined;
  }
  const states: LicenseAssignmentState[] = [];
  for (const item of value) {
    if (!isRecord(item) || typeof item['skuId'] !== 'string' || !STATE_NAMES.has(item['state'])) {
      return undefined;
    }
    const disabledPlans = readPlans(item['disabledPlans'], pool);
    const assignedByGroup = nullableText(item['assignedByGroup'], pool);
    const error = nullableText(item['error'], pool);
    const lastUpdatedDateTime = nullableText(item['lastUpdatedDateTime'], pool);
    if (
      disabledPlans === undefined ||
      assignedByGroup === undefined ||
      error === undefined ||
      lastUpdatedDateTime === undefined
    ) {
      return undefined;
    }
    states.push({
      skuId: pool.intern(item['skuId']),
      disabledPlans,
      assignedByGroup,
      state: item['state'] as LicenseAssignmentState['state'],
      // Graph has said both `Other` and `Others`, and `None` for no error: keep what it says.
      error: error as LicenseAssignmentState['error'],
      lastUpdatedDateTime,
    });
  }
  return states;
}
