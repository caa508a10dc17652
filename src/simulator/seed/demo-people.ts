/** The Teams App Test Tool's default tenant id (one digit too long for a GUID, as the tool spells it). */
export const DEMO_TENANT_ID = '00000000-0000-0000-0000-0000000000001';

/** Domain of every demo user's UPN. */
export const DEMO_DOMAIN = 'contoso.onmicrosoft.com';

/** Someone a newcomer chats as from the Teams App Test Tool (`.m365agentsplayground.yml`). */
export interface DemoPerson {
  /** The Test Tool's `aadObjectId`, as it spells it (not a well-formed GUID). */
  id: string;
  displayName: string;
  givenName: string;
  surname: string;
  userPrincipalName: string;
  mail: string;
  jobTitle: string;
  department: string;
  role: 'requester' | 'approver' | 'member';
}

const person = (
  suffix: string,
  givenName: string,
  surname: string,
  alias: string,
  jobTitle: string,
  department: string,
  role: DemoPerson['role'],
): DemoPerson => ({
  id: `00000000-0000-0000-0000-00000000000${suffix}`,
  displayName: `${givenName} ${surname}`,
  givenName,
  surname,
  userPrincipalName: `${alias}@${DEMO_DOMAIN}`,
  mail: `${alias}@${DEMO_DOMAIN}`,
  jobTitle,
  department,
  role,
});

/**
 * The demo cast. Alex Wilber is a manager (the default requester); Megan Bowen and Patti Fernandez
 * are the License Approvers; Lynne Robbins has just joined and has no usage location yet.
 */
export const DEMO_PEOPLE: readonly DemoPerson[] = [
  person('20', 'Alex', 'Wilber', 'alexw', 'Sales Manager', 'Sales', 'requester'),
  person('21', 'Megan', 'Bowen', 'meganb', 'IT Manager', 'IT', 'approver'),
  person('22', 'Adele', 'Vance', 'adelev', 'Account Executive', 'Sales', 'member'),
  person('23', 'Isaiah', 'Langer', 'isaiahl', 'Sales Representative', 'Sales', 'member'),
  person('24', 'Patti', 'Fernandez', 'pattif', 'President', 'Executive Management', 'approver'),
  person('25', 'Lynne', 'Robbins', 'lynner', 'Marketing Specialist', 'Marketing', 'member'),
];
