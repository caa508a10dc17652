/** One person of the Test Tool config, with their role in the demo tenant. */
export interface BannerPerson {
  name: string;
  alias: string;
  role: 'approver' | 'requester';
}

/** What the newcomer needs after `npm start`: where to chat, as whom, and how to be someone else. */
export function embeddedBanner(options: {
  botUrl: string;
  simulatorUrl: string;
  testToolUrl?: string;
  testToolProblem?: string;
  current: BannerPerson;
  others: BannerPerson[];
}): string {
  const roleWords = (person: BannerPerson): string =>
    person.role === 'approver' ? 'a license approver' : 'a requester';
  const lines = [
    '',
    'License Desk is running in embedded mode (demo tenant, nothing leaves this machine).',
    '',
  ];
  if (options.testToolUrl) {
    lines.push(
      `  Chat here:   ${options.testToolUrl}`,
      `  You are:     ${options.current.name} (${roleWords(options.current)})`,
      '  Try:         help · licenses · user meganb · group Contractors',
    );
  } else {
    lines.push(
      `  The Teams App Test Tool did not start: ${options.testToolProblem ?? 'unknown reason'}`,
    );
  }
  const approver = options.others.find((person) => person.role === 'approver');
  if (approver) {
    lines.push(
      '',
      `  Chat as someone else (a second window, e.g. ${approver.name}, ${roleWords(approver)}):`,
      `               npm run chat -- --as ${approver.alias}`,
    );
  }
  lines.push(
    `  Others:      ${options.others.map((person) => `${person.alias} (${person.role})`).join(', ')}`,
    '',
    `  Bot:         ${options.botUrl}/api/messages   (health: ${options.botUrl}/healthz)`,
    `  Graph stand-in: ${options.simulatorUrl}/v1.0`,
    '',
    'Ctrl+C stops everything.',
    '',
  );
  return lines.join('\n');
}
