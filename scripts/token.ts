/**
 * `npm run token -- --as meganb` or `npm run token -- --app hr-system --roles Licenses.Request`:
 * prints an access token the embedded demo's REST API accepts, as Entra ID would issue one in the
 * demo tenant: delegated for a demo person (`--as` alias, address or id), app-only for an app
 * (`--app` name, recorded as the requester). Roles default to the person's demo role (approver:
 * Licenses.Approve, requester: Licenses.Request, anyone else: Licenses.Read) and to
 * Licenses.Request for an app. Fabrikam's people (`--as fiona.admin`) get tokens of Fabrikam,
 * the demo's second tenant; an app is in the demo's own tenant unless `--tenant fabrikam`.
 *
 * It signs with the demo's local issuer key pair, kept in `.tmp/license-desk-api-issuer.json`
 * under the directory `npm start` runs in (made by whichever of the two runs first). Run it from
 * the same directory. Production never reads that file: it trusts Entra ID's keys alone.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { API_ROLES, isApiRole, type ApiRole } from '../src/api/auth/api-roles.ts';
import {
  LOCAL_API_AUDIENCE,
  LOCAL_ISSUER_KEY_FILE,
  openLocalIssuer,
} from '../src/api/auth/local-issuer.ts';
import { EMBEDDED_TENANT_ID } from '../src/config/to-config.ts';
import { DEMO_PEOPLE } from '../src/simulator/seed/demo-people.ts';
import { FABRIKAM_PEOPLE, FABRIKAM_TENANT_ID } from '../src/simulator/seed/fabrikam-people.ts';

// The demo serves two tenants: its own (Contoso) and Fabrikam, a customer's (README, "Many tenants").
const PEOPLE = [
  ...DEMO_PEOPLE.map((person) => ({ person, tenantId: EMBEDDED_TENANT_ID })),
  ...FABRIKAM_PEOPLE.map((person) => ({ person, tenantId: FABRIKAM_TENANT_ID })),
];
const TENANTS: Record<string, string> = { home: EMBEDDED_TENANT_ID, fabrikam: FABRIKAM_TENANT_ID };

const DEFAULT_ROLES: Record<string, ApiRole[]> = {
  approver: ['Licenses.Approve'],
  requester: ['Licenses.Request'],
  member: ['Licenses.Read'],
};

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

const { values } = parseArgs({
  options: {
    as: { type: 'string' },
    app: { type: 'string' },
    roles: { type: 'string' },
    minutes: { type: 'string', default: '60' },
    tenant: { type: 'string', default: 'home' },
  },
});

if ((values.as === undefined) === (values.app === undefined)) {
  fail(
    'Say who the token is for: --as <person> (e.g. meganb, alexw) or --app <name> [--roles Licenses.Request].',
  );
}
const roles = values.roles?.split(',').map((role) => role.trim());
if (roles?.some((role) => !isApiRole(role))) {
  fail(`Roles are a comma-separated list of ${API_ROLES.join(', ')}.`);
}
const minutes = Number(values.minutes);
if (!Number.isInteger(minutes) || minutes < 1 || minutes > 24 * 60) {
  fail('--minutes is a whole number from 1 to 1440.');
}

const issuer = await openLocalIssuer(resolve(LOCAL_ISSUER_KEY_FILE));
let claims: Record<string, unknown>;
let tenantId = TENANTS[values.tenant.toLowerCase()];
if (tenantId === undefined) {
  fail(`--tenant is one of the demo's tenants: ${Object.keys(TENANTS).join(', ')}.`);
}
if (values.as !== undefined) {
  const wanted = values.as.toLowerCase();
  const found = PEOPLE.find(
    ({ person: candidate }) =>
      candidate.id === values.as ||
      candidate.userPrincipalName.toLowerCase() === wanted ||
      candidate.userPrincipalName.split('@')[0] === wanted,
  );
  if (found === undefined) {
    fail(
      `No demo person "${values.as}". Choose one of: ${PEOPLE.map(({ person: p }) => p.userPrincipalName.split('@')[0]).join(', ')}.`,
    );
  }
  const { person } = found;
  // A person's token is from their own tenant.
  tenantId = found.tenantId;
  claims = {
    aud: LOCAL_API_AUDIENCE,
    oid: person.id,
    sub: person.id,
    scp: 'access_as_user',
    name: person.displayName,
    preferred_username: person.userPrincipalName,
    roles: roles ?? DEFAULT_ROLES[person.role] ?? [],
  };
} else {
  const app = values.app ?? '';
  claims = {
    aud: LOCAL_API_AUDIENCE,
    azp: app,
    oid: `sp-${app}`,
    sub: `sp-${app}`,
    idtyp: 'app',
    app_displayname: app,
    roles: roles ?? ['Licenses.Request'],
  };
}
console.log(await issuer.sign(tenantId, claims, minutes * 60));
