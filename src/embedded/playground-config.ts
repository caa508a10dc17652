import { parse, stringify } from 'yaml';
import { z } from 'zod';

/** The Test Tool's config file in the working directory. */
export const PLAYGROUND_CONFIG_FILE = '.m365agentsplayground.yml';

const playgroundUser = z.looseObject({
  id: z.string(),
  name: z.string(),
  aadObjectId: z.string(),
  userPrincipleName: z.string().optional(),
  email: z.string().optional(),
});
const playgroundConfig = z.looseObject({
  tenantId: z.string(),
  currentUser: playgroundUser,
  users: z.array(playgroundUser),
  personalChat: z.looseObject({ id: z.string() }).optional(),
});

export type PlaygroundUser = z.infer<typeof playgroundUser>;

/** The people of a Test Tool config: the current user first. */
export function playgroundPeople(yamlText: string): {
  tenantId: string;
  current: PlaygroundUser;
  others: PlaygroundUser[];
} {
  const config = playgroundConfig.parse(parse(yamlText));
  return { tenantId: config.tenantId, current: config.currentUser, others: config.users };
}

/** The short name people type in `--as`: the UPN's local part (`meganb`) or the first name. */
function matches(user: PlaygroundUser, who: string): boolean {
  const wanted = who.trim().toLowerCase();
  const upnAlias = (user.userPrincipleName ?? user.email ?? '').split('@')[0]?.toLowerCase();
  const firstName = user.name.split(' ')[0]?.toLowerCase();
  return (
    wanted === user.aadObjectId.toLowerCase() ||
    wanted === user.name.toLowerCase() ||
    wanted === upnAlias ||
    wanted === firstName ||
    wanted === user.userPrincipleName?.toLowerCase()
  );
}

/**
 * The same Test Tool config with `who` as the current user (the Test Tool cannot switch users in
 * its page). The personal chat gets its own id, so the bot keeps one conversation per person.
 * Returns an error value listing the people when nobody matches.
 */
export function playgroundConfigAs(
  yamlText: string,
  who: string,
  /** Other tenants' people (the demo's customer tenant): chatting as one is chatting from there. */
  otherTenants: readonly { tenantId: string; people: readonly PlaygroundUser[] }[] = [],
): { ok: true; yaml: string; user: PlaygroundUser } | { ok: false; message: string } {
  const raw = parse(yamlText) as Record<string, unknown>;
  const config = playgroundConfig.parse(raw);
  const tenants = [
    { tenantId: config.tenantId, people: [config.currentUser, ...config.users] },
    ...otherTenants,
  ];
  const found = tenants
    .map((tenant) => ({ tenant, chosen: tenant.people.find((user) => matches(user, who)) }))
    .find((match) => match.chosen !== undefined);
  const chosen = found?.chosen;
  if (!found || !chosen) {
    const names = tenants.flatMap((tenant) => tenant.people.map((user) => user.name)).join(', ');
    return { ok: false, message: `Nobody called "${who}" in ${PLAYGROUND_CONFIG_FILE}: ${names}.` };
  }
  const everyone = found.tenant.people;
  const alias = (chosen.userPrincipleName ?? chosen.name).split('@')[0]!.toLowerCase();
  const personalChat = config.personalChat ?? { id: 'personal-chat' };
  const updated = {
    ...raw,
    tenantId: found.tenant.tenantId,
    currentUser: chosen,
    users: everyone.filter((user) => user !== chosen),
    personalChat: { ...personalChat, id: `${personalChat.id}-${alias}` },
  };
  return { ok: true, yaml: stringify(updated), user: chosen };
}
