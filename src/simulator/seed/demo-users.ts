import { graphDateTime } from '../tenant/graph-date.ts';
import type { ExtensionAttributes, SimUser } from '../tenant/types.ts';
import {
  DEPARTMENTS,
  GIVEN_NAMES,
  OFFICES,
  SURNAMES,
  type Department,
  type Office,
} from './demo-directory-data.ts';
import { DEMO_DOMAIN, DEMO_PEOPLE, type DemoPerson } from './demo-people.ts';
import type { Prng } from './prng.ts';

/** What the generator knows about a user beyond Graph's fields. */
export interface DemoUser {
  user: SimUser;
  kind: 'employee' | 'manager' | 'contractor' | 'newJoiner' | 'frontline';
}

const SEED_EPOCH = Date.UTC(2019, 0, 1);
const SEED_NOW = Date.UTC(2026, 10, 1);
const DAY = 86_400_000;

/** Every extension attribute present and empty, as Graph returns them. */
export function emptyExtensionAttributes(): ExtensionAttributes {
  const attributes: ExtensionAttributes = {};
  for (let n = 1; n <= 15; n += 1) {
    attributes[`extensionAttribute${n}`] = null;
  }
  return attributes;
}

function baseUser(
  id: string,
  given: string,
  surname: string,
  alias: string,
  domain: string,
): SimUser {
  return {
    id,
    userPrincipalName: `${alias}@${domain}`,
    displayName: `${given} ${surname}`,
    givenName: given,
    surname,
    mail: `${alias}@${domain}`,
    department: null,
    jobTitle: null,
    city: null,
    country: null,
    officeLocation: null,
    usageLocation: null,
    accountEnabled: true,
    createdDateTime: graphDateTime(new Date(SEED_EPOCH)),
    onPremisesExtensionAttributes: emptyExtensionAttributes(),
    managerId: null,
    licenseAssignmentStates: [],
  };
}

/** A named person of a seed as a user at the office's headquarters (UPN, mail and ids kept). */
export function castUser(person: DemoPerson, office: Office): SimUser {
  const [alias, domain] = person.userPrincipalName.split('@') as [string, string];
  const user = baseUser(person.id, person.givenName, person.surname, alias, domain);
  Object.assign(user, {
    department: person.department,
    jobTitle: person.jobTitle,
    city: office.city,
    country: office.country,
    officeLocation: `${office.city} HQ`,
    usageLocation: office.usageLocation,
  });
  return user;
}

/** The six people of the Teams App Test Tool, placed in the organisation. */
function demoCast(): DemoUser[] {
  const seattle = OFFICES[0]!;
  return DEMO_PEOPLE.map((person) => {
    const user = castUser(person, seattle);
    const isNew = person.givenName === 'Lynne';
    Object.assign(user, {
      // Lynne joined last week: no usage location yet, so a direct assignment to her fails.
      usageLocation: isNew ? null : seattle.usageLocation,
      createdDateTime: graphDateTime(new Date(isNew ? SEED_NOW - 5 * DAY : SEED_EPOCH)),
      managerId: ['Alex', 'Megan'].includes(person.givenName)
        ? DEMO_PEOPLE[4]!.id
        : person.givenName === 'Patti'
          ? null
          : DEMO_PEOPLE[0]!.id,
    });
    const kind: DemoUser['kind'] = isNew
      ? 'newJoiner'
      : person.jobTitle.endsWith('Manager') || person.givenName === 'Patti'
        ? 'manager'
        : 'employee';
    return { user, kind };
  });
}

function aliasFor(given: string, surname: string, taken: Set<string>): string {
  const base = `${given}.${surname}`.toLowerCase().replace(/[^a-z.]/g, '');
  let alias = base;
  for (let n = 2; taken.has(alias); n += 1) {
    alias = `${base}${n}`;
  }
  taken.add(alias);
  return alias;
}

function generated(rng: Prng, taken: Set<string>, domain: string): DemoUser {
  const given = rng.pick(GIVEN_NAMES);
  const surname = rng.pick(SURNAMES);
  const user = baseUser(rng.guid(), given, surname, aliasFor(given, surname, taken), domain);
  const department: Department = rng.pick(DEPARTMENTS);
  const office = rng.pick(OFFICES);
  const roll = rng.next();
  const kind: DemoUser['kind'] =
    roll < 0.02
      ? 'newJoiner'
      : roll < 0.06
        ? 'contractor'
        : roll < 0.15
          ? 'manager'
          : department.name === 'Retail'
            ? 'frontline'
            : 'employee';
  const title = kind === 'manager' ? department.managerTitle : rng.pick(department.titles);
  const created =
    kind === 'newJoiner'
      ? SEED_NOW - rng.int(14) * DAY
      : SEED_EPOCH + rng.int((SEED_NOW - SEED_EPOCH) / DAY - 30) * DAY;
  Object.assign(user, {
    department: department.name,
    jobTitle: kind === 'contractor' ? `${title} (Contractor)` : title,
    city: office.city,
    country: office.country,
    officeLocation: `${office.city} ${1 + rng.int(4)}`,
    usageLocation: kind === 'newJoiner' ? null : office.usageLocation,
    accountEnabled: rng.next() >= 0.02,
    createdDateTime: graphDateTime(new Date(created)),
  });
  user.onPremisesExtensionAttributes.extensionAttribute1 =
    kind === 'contractor' ? 'Contractor' : 'Employee';
  return { user, kind };
}

/** Who generated people report to, besides their department's managers. */
export interface Leads {
  /** Every generated manager reports to this person. */
  headId: string;
  /** The first five generated people of Sales report to this person. */
  salesLeadId: string;
}

/**
 * A cast followed by generated people (up to `size` in all, UPNs in `domain`), managers wired:
 * managers report to the head, the first Sales people to the sales lead, others to one of their
 * department's managers.
 */
export function withGeneratedUsers(
  rng: Prng,
  cast: DemoUser[],
  size: number,
  domain: string,
  leads: Leads,
): DemoUser[] {
  const taken = new Set(cast.map((p) => p.user.userPrincipalName.split('@')[0]!));
  const users = [...cast];
  while (users.length < size) {
    users.push(generated(rng, taken, domain));
  }
  const managersByDepartment = new Map<string, string[]>();
  for (const { user, kind } of users.slice(cast.length)) {
    if (kind === 'manager') {
      const list = managersByDepartment.get(user.department ?? '') ?? [];
      list.push(user.id);
      managersByDepartment.set(user.department ?? '', list);
    }
  }
  let salesLeadReports = 0;
  for (const { user, kind } of users.slice(cast.length)) {
    if (kind === 'manager') {
      user.managerId = leads.headId;
    } else if (user.department === 'Sales' && salesLeadReports < 5) {
      user.managerId = leads.salesLeadId;
      salesLeadReports += 1;
    } else {
      const managers = managersByDepartment.get(user.department ?? '') ?? [];
      user.managerId = managers.length > 0 ? rng.pick(managers) : null;
    }
  }
  return users;
}

/** The demo cast followed by generated people, managers wired to their department's managers. */
export function createDemoUsers(rng: Prng, size: number): DemoUser[] {
  return withGeneratedUsers(rng, demoCast(), size, DEMO_DOMAIN, {
    headId: DEMO_PEOPLE[4]!.id,
    salesLeadId: DEMO_PEOPLE[0]!.id,
  });
}
