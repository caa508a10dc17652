import type { DemoPerson } from './demo-people.ts';

/** Fabrikam's tenant id: a well-formed GUID, unlike the Test Tool's home tenant id. */
export const FABRIKAM_TENANT_ID = 'f2b1c3d4-0000-4000-8000-00000000fab1';

/** Domain of every Fabrikam user's UPN. */
export const FABRIKAM_DOMAIN = 'fabrikam.example';

const person = (
  n: number,
  givenName: string,
  surname: string,
  jobTitle: string,
  department: string,
  role: DemoPerson['role'],
): DemoPerson => {
  const alias = `${givenName}.${surname}`.toLowerCase();
  return {
    // GUIDs of Fabrikam's own, so no id is shared with the home tenant's people.
    id: `f2b1c3d4-0001-4000-8000-${String(n).padStart(12, '0')}`,
    displayName: `${givenName} ${surname}`,
    givenName,
    surname,
    userPrincipalName: `${alias}@${FABRIKAM_DOMAIN}`,
    mail: `${alias}@${FABRIKAM_DOMAIN}`,
    jobTitle,
    department,
    role,
  };
};

/**
 * Fabrikam's named people, for an MSP demo of a second customer tenant. Fiona Admin is its
 * license admin (in "Fabrikam License Admins"); Felix Moreau sells (E3 through "Fabrikam Sales");
 * Freya Lind has no license yet.
 */
export const FABRIKAM_PEOPLE: readonly DemoPerson[] = [
  person(1, 'Fiona', 'Admin', 'IT Manager', 'IT', 'approver'),
  person(2, 'Felix', 'Moreau', 'Sales Manager', 'Sales', 'requester'),
  person(3, 'Freya', 'Lind', 'Marketing Specialist', 'Marketing', 'member'),
];
