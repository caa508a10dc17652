/** One person of the Test Tool config, with their role in the demo tenant. */
export interface BannerPerson {
  name: string;
  alias: string;
  /** From the demo directory, e.g. "Sales Manager". */
  jobTitle?: string;
  role: 'approver' | 'requester';
}

/** What the newcomer needs after `npm start`: where to chat, as whom, and how to be someone else. */
export function embeddedBanner(options: {
  botUrl: string;
  simulatorUrl: string;
  /** STANDINS: the stand-ins run in `npm run stand-ins`, and outlive this process. */
  standInsUrl?: string;
  testToolUrl?: string;
  testToolProblem?: string;
  /** Absent when `.m365agentsplayground.yml` is missing: the Test Tool's defaults apply. */
  current?: BannerPerson;
  others: BannerPerson[];
}): string {
  const roleWords = (person: BannerPerson): string =>
    `${person.jobTitle ? `${person.jobTitle}, ` : ''}${
      person.role === 'approver' ? 'a license approver' : 'a requester'
    }`;
  const lines = [
    '',
    'License Desk is running in embedded mode (demo tenant, nothing leaves this machine).',
    '',
  ];
  if (options.testToolUrl) {
    lines.push(
      `  Chat here:   ${options.testToolUrl}`,
      `  You are:     ${
        options.current
          ? `${options.current.name} (${roleWords(options.current)})`
          : 'the Test Tool’s default user (no .m365agentsplayground.yml found)'
      }`,
      '  Try:         help · licenses · user meganb · group Contractors',
    );
  } else {
    lines.push(
      `  The Teams App Test Tool is not running: ${options.testToolProblem ?? 'unknown reason'}`,
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
  if (options.others.length > 0) {
    lines.push(
      `  Others:      ${options.others.map((person) => `${person.alias} (${person.role})`).join(', ')}`,
    );
  }
  lines.push(
    '',
    '  A second tenant, Fabrikam, is served too (an MSP’s customer): chat from it with',
    '               npm run chat -- --as fiona   (its license admin; felix, freya: requesters)',
    '  or, as an approver here, type:  tenants · in fabrikam: licenses',
    '',
    `  Bot:         ${options.botUrl}/api/messages   (health: ${options.botUrl}/healthz)`,
    `  Graph stand-in: ${options.simulatorUrl}/v1.0`,
  );
  if (options.standInsUrl) {
    lines.push(
      `  Stand-ins:   external, from npm run stand-ins at ${options.standInsUrl}`,
      '',
      'Ctrl+C stops the bot; the demo tenant and the store stay with the stand-ins.',
      '',
    );
  } else {
    lines.push('', 'Ctrl+C stops everything.', '');
  }
  return lines.join('\n');
}
