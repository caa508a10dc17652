import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ALEX_WILBER, startTestStack, type TestStack } from '../support/stack.ts';
import { cardOf, shownOn, textOf } from './support/replies.ts';

// Activities shaped as Teams sends them: a channel message that @mentions the bot and colleagues.
const MEGAN = '00000000-0000-0000-0000-0000000000021'; // License Approvers
const ADELE = '00000000-0000-0000-0000-0000000000022';
const ISAIAH = '00000000-0000-0000-0000-0000000000023';
const BOT = '28:license-desk-bot';
const CHANNEL = '19:0b7f32667e064dd9b25d7969801541f4@thread.tacv2';
const TEAM = '19:zFLSDFWsesfzcmKArqKJ-65aOXJz@thread.tacv2';
const GROUP = '19:abcdefgroupchat@thread.v2';

let stack: TestStack;

const shown = (card: unknown) => shownOn(card).join('\n');
const botMention = {
  type: 'mention',
  text: '<at>License Desk</at>',
  mentioned: { id: BOT, name: 'License Desk' },
};
const person = (name: string, extra: Record<string, string> = {}) => ({
  type: 'mention',
  text: `<at>${name}</at>`,
  mentioned: { id: `29:1${name.replaceAll(' ', '').toLowerCase()}`, name, ...extra },
});

function inChannel(partial: Record<string, unknown>, as = MEGAN) {
  return stack.send(
    {
      type: 'message',
      conversation: {
        id: CHANNEL,
        conversationType: 'channel',
        tenantId: stack.tenantId,
        isGroup: true,
        name: 'Approvals',
      },
      channelData: {
        teamsChannelId: CHANNEL,
        teamsTeamId: TEAM,
        channel: { id: CHANNEL },
        team: { id: TEAM, name: 'IT' },
        tenant: { id: stack.tenantId },
      },
      ...partial,
    },
    { aadObjectId: as, tenantId: stack.tenantId },
  );
}

function inPersonalChat(partial: Record<string, unknown>, as = MEGAN) {
  return stack.send(
    { type: 'message', ...partial },
    {
      aadObjectId: as,
      tenantId: stack.tenantId,
    },
  );
}

/** The request cards a turn answered with, without redraws of earlier requests' cards. */
function answered(turn: Awaited<ReturnType<typeof inChannel>>) {
  return cardOf({ ...turn, replies: turn.replies.filter((call) => call.kind !== 'update') });
}

beforeAll(async () => {
  stack = await startTestStack();
});

afterEach(() => stack.settle());

afterAll(async () => {
  await stack?.close();
});

describe('colleagues @mentioned in a command', () => {
  it('reads a mention as the person it names (`user @Adele Vance` in a channel)', async () => {
    const turn = await inChannel({
      text: '<at>License Desk</at> user <at>Adele Vance</at>',
      entities: [botMention, person('Adele Vance')],
    });
    expect(shown(cardOf(turn))).toContain('adelev@contoso.onmicrosoft.com');
    expect(textOf(turn)).not.toContain('<at>');
  });

  it('asks for a license for several mentioned people, by name or by object id', async () => {
    const turn = await inChannel(
      {
        text: '<at>License Desk</at> assign Power BI Pro to <at>Adele Vance</at>, <at>Isaiah</at>',
        // Isaiah's mention text was shortened in the compose box: his object id still finds him.
        entities: [botMention, person('Adele Vance'), person('Isaiah', { aadObjectId: ISAIAH })],
      },
      ALEX_WILBER,
    );
    const card = shown(answered(turn));
    expect(card).toContain('Adele Vance');
    expect(card).toContain('Isaiah Langer');
    expect(card).toContain('Power BI Pro');
  });

  it('prefers the object id to a name that would find nobody, in a personal chat too', async () => {
    const turn = await inPersonalChat({
      text: 'user <at>Adele</at>',
      entities: [
        { type: 'mention', text: '<at>Adele</at>', mentioned: { id: '29:1x', aadObjectId: ADELE } },
      ],
    });
    expect(shown(cardOf(turn))).toContain('adelev@contoso.onmicrosoft.com');
  });

  it('falls back to the name when the object id is not one, and asks which one when it fits several', async () => {
    const first = stack.simulator.tenant().users()[6]!.displayName.split(' ')[0]!;
    const turn = await inPersonalChat({
      text: `user <at>${first}</at>`,
      entities: [person(first, { aadObjectId: 'not-an-id' })],
    });
    const card = shown(cardOf(turn));
    expect(card).toContain(`"${first}"`);
    expect(card.split('\n').filter((line) => line.startsWith(first)).length).toBeGreaterThan(1);
  });

  it('says whom it could not find by the name, not by the markup', async () => {
    const turn = await inChannel({
      text: '<at>License Desk</at> user <at>Nobody Here</at>',
      entities: [botMention, person('Nobody Here')],
    });
    expect(textOf(turn)).toContain('I found nobody matching "Nobody Here"');
  });
});

describe("the bot's own mention", () => {
  it('is dropped by its name when the entity has no text (older group chats)', async () => {
    const turn = await stack.send(
      {
        type: 'message',
        text: '<at>License Desk</at> licenses',
        entities: [{ type: 'mention', mentioned: { id: BOT, name: 'License Desk' } }],
        conversation: {
          id: GROUP,
          conversationType: 'groupChat',
          tenantId: stack.tenantId,
          isGroup: true,
          name: '',
        },
      },
      { aadObjectId: MEGAN, tenantId: stack.tenantId },
    );
    expect(shown(cardOf(turn))).toContain('Licenses in');
  });

  it("drops only the bot's: a colleague's mention without text still reads as them", async () => {
    const turn = await inChannel({
      text: '<at>License Desk</at> user <at>Adele Vance</at>',
      entities: [
        { type: 'mention', mentioned: { id: BOT, name: 'License Desk' } },
        { type: 'mention', mentioned: { id: '29:1adele', name: 'Adele Vance' } },
      ],
    });
    expect(shown(cardOf(turn))).toContain('adelev@contoso.onmicrosoft.com');
  });

  it('reads the command after &nbsp;, a line break or a mention at the end', async () => {
    for (const text of [
      '<at>License Desk</at>&nbsp;licenses',
      '\r\n<at>License Desk</at> licenses\r\n',
      'licenses <at>License Desk</at>',
    ]) {
      const turn = await inChannel({ text, entities: [botMention] });
      expect(shown(cardOf(turn)), text).toContain('Licenses in');
    }
  });
});

describe('messages Teams sends without a usable text', () => {
  it("answers a foreign card's submit that mentions the bot, without an error", async () => {
    const turn = await inChannel({ value: { x: 1 }, entities: [botMention] });
    expect(textOf(turn)).toContain('That button is not one of mine');
    expect(textOf(turn)).not.toContain('Sorry');
  });

  it('answers a foreign submit in a personal chat the same way', async () => {
    const turn = await inPersonalChat({ value: { foo: 'bar' } });
    expect(textOf(turn)).toContain('That button is not one of mine');
  });

  it('ignores entities that are not mentions or lack who was mentioned', async () => {
    for (const entities of [
      [null],
      [{ type: 'mention', text: '<at>x</at>' }],
      [{ type: 'clientInfo', locale: 'en-US' }, 'garbage'],
    ]) {
      const turn = await inPersonalChat({ text: '<at>x</at> licenses', entities });
      expect(shown(cardOf(turn)), JSON.stringify(entities)).toContain('Licenses in');
    }
  });

  it('answers a text that is not a string as an empty message', async () => {
    const turn = await inPersonalChat({ text: 42 });
    expect(textOf(turn)).toContain('empty message');
  });
});

describe('long commands', () => {
  it('takes a request for 20 people by long addresses, with plans, location and reason', async () => {
    const people = stack.simulator
      .tenant()
      .users()
      .filter((user) => user.accountEnabled && user.id !== ALEX_WILBER)
      .sort((a, b) => b.userPrincipalName.length - a.userPrincipalName.length)
      .slice(0, 20);
    const reason = 'they join the security operations team next month and need '.repeat(5);
    const text =
      `<at>License Desk</at> assign Microsoft 365 E5 to ` +
      people.map((user) => user.userPrincipalName).join(', ') +
      ` without Teams location FR because ${reason.trim()}`;
    expect(text.length).toBeGreaterThan(1_100);
    const turn = await inChannel({ text, entities: [botMention] }, ALEX_WILBER);
    expect(textOf(turn)).not.toMatch(/characters|Write it like this|didn't get that/);
    const card = shown(answered(turn));
    for (const user of people) {
      expect(card).toContain(user.displayName);
    }
  });

  it('refuses past 20,000 characters and says what to do instead', async () => {
    const text = `assign Microsoft 365 E5 to ${'someone.with.a.long.name@contoso.onmicrosoft.com, '.repeat(400)}`;
    const turn = await inPersonalChat({ text });
    expect(textOf(turn)).toContain(
      `That is ${text.trim().length.toLocaleString('en-US')} characters`,
    );
    expect(textOf(turn)).toContain('choose them by group, filter or CSV file');
  });
});

describe('mentions as Teams writes them in a list', () => {
  it('asks for everyone mentioned side by side, by object id or by name', async () => {
    for (const [adele, megan] of [
      [
        person('Adele Vance', { aadObjectId: ADELE }),
        person('Megan Bowen', { aadObjectId: MEGAN }),
      ],
      [person('Adele Vance'), person('Megan Bowen')],
    ]) {
      const turn = await inChannel(
        {
          text: '<at>License Desk</at> assign Power BI Pro to <at>Adele Vance</at> <at>Megan Bowen</at>',
          entities: [botMention, adele, megan],
        },
        ALEX_WILBER,
      );
      const card = shown(answered(turn));
      expect(card).toContain('Adele Vance');
      expect(card).toContain('Megan Bowen');
    }
  });

  it('finds a mentioned name with "&" that Teams HTML-encodes and sends without entity text', async () => {
    const turn = await inChannel(
      {
        text: '<at>License Desk</at> assign Power BI Pro to <at>Adele Vance</at>, <at>Isaiah &amp; Co</at>',
        entities: [
          botMention,
          person('Adele Vance'),
          {
            type: 'mention',
            mentioned: { id: '29:1isaiah', name: 'Isaiah & Co', aadObjectId: ISAIAH },
          },
        ],
      },
      ALEX_WILBER,
    );
    const card = shown(answered(turn));
    expect(card).toContain('Adele Vance');
    expect(card).toContain('Isaiah Langer');
  });

  it('looks up no one for a tag or channel mention, though people have names it starts', async () => {
    const tag = stack.simulator.tenant().users()[6]!.displayName.split(' ')[0]!;
    const turn = await inChannel(
      {
        text: `<at>License Desk</at> assign Power BI Pro to <at>${tag}</at>`,
        entities: [
          botMention,
          {
            type: 'mention',
            text: `<at>${tag}</at>`,
            mentioned: { id: 'MDY3ZjFhNzQt', name: tag },
          },
        ],
      },
      ALEX_WILBER,
    );
    expect(textOf(turn)).toContain(`I found nobody matching "@${tag}"`);
  });

  it('takes more than 20 people in one typed command: each is planned', async () => {
    const people = stack.simulator
      .tenant()
      .users()
      .slice(0, 30)
      .map((user) => user.userPrincipalName);
    const turn = await inPersonalChat({ text: `assign Power BI Pro to ${people.join(' ')}` });
    const card = shown(cardOf(turn));
    const changed = Number(/Assign Power BI Pro to (\d+) users/.exec(card)?.[1] ?? 0);
    const already = Number(/(\d+) already in that state/.exec(card)?.[1] ?? 0);
    const skipped = Number(/(\d+) cannot get it as asked/.exec(card)?.[1] ?? 0);
    expect(changed + already + skipped).toBe(30);
    expect(textOf(turn)).not.toContain('at most');
  });

  it('takes a pasted list of 150 addresses, and asks about an ambiguous name in words', async () => {
    const people = stack.simulator
      .tenant()
      .users()
      .slice(40, 190)
      .map((user) => user.userPrincipalName);
    const text = `assign Power BI Pro to ${people.join(', ')}`;
    expect(text.length).toBeGreaterThan(4_000);
    const card = shown(cardOf(await inPersonalChat({ text })));
    const changed = Number(/Assign Power BI Pro to (\d+) users/.exec(card)?.[1] ?? 0);
    const already = Number(/(\d+) already in that state/.exec(card)?.[1] ?? 0);
    const skipped = Number(/(\d+) cannot get it as asked/.exec(card)?.[1] ?? 0);
    expect(changed + already + skipped).toBe(150);
    // One name fits several people: a choice card would carry the long command per choice.
    const firstNames = new Map<string, number>();
    for (const user of stack.simulator.tenant().users()) {
      const first = user.displayName.split(' ')[0]!;
      firstNames.set(first, (firstNames.get(first) ?? 0) + 1);
    }
    const name = [...firstNames].find(([, count]) => count >= 2 && count <= 5)![0];
    const asked = await inPersonalChat({ text: `${text}, ${name}` });
    expect(textOf(asked)).toMatch(
      new RegExp(`Several people match "${name}": .*Send the command again`),
    );
  });
});

describe('one person mentioned in words, as new Teams sometimes sends it', () => {
  // New Teams may send "@Adele Vance" as <at>Adele</at> <at>Vance</at>, one entity per word with
  // one id (botframework-sdk#6617); it may do the same to the bot's own mention.
  const split = (words: string[], id: string, extra: Record<string, string> = {}) =>
    words.map((word) => ({
      type: 'mention',
      text: `<at>${word}</at>`,
      mentioned: { id, name: word, ...extra },
    }));
  const text =
    '<at>License</at> <at>Desk</at> assign Power BI Pro to <at>Adele</at> <at>Vance</at>';

  it('asks for that one person, by the joined name or by the object id', async () => {
    for (const extra of [{}, { aadObjectId: ADELE }] as Record<string, string>[]) {
      const turn = await inChannel(
        {
          text,
          entities: [
            ...split(['License', 'Desk'], BOT),
            ...split(['Adele', 'Vance'], '29:1a', extra),
          ],
        },
        ALEX_WILBER,
      );
      expect(textOf(turn)).not.toMatch(/found nobody|Which one/);
      const card = shown(answered(turn));
      expect(card).toContain('Adele Vance');
      expect(card).toMatch(/Power BI Pro/);
    }
  });

  it('counts that person once toward the 20 people a typed command takes', async () => {
    const others = stack.simulator
      .tenant()
      .users()
      .filter((user) => user.accountEnabled && user.id !== ALEX_WILBER && user.id !== ADELE)
      .slice(0, 19);
    const turn = await inChannel(
      {
        text: `${text}, ${others.map((user) => user.userPrincipalName).join(', ')}`,
        entities: [
          ...split(['License', 'Desk'], BOT),
          ...split(['Adele', 'Vance'], '29:1a', { aadObjectId: ADELE }),
        ],
      },
      ALEX_WILBER,
    );
    expect(textOf(turn)).not.toContain('people; a typed command takes at most 20');
    const card = shown(answered(turn));
    expect(card).toContain('Adele Vance');
    for (const user of others) {
      expect(card).toContain(user.displayName);
    }
  });
});

describe('text Teams HTML-encodes', () => {
  it('keeps a reason with "<b>" in it as typed, on the request and the approval card', async () => {
    // Teams sends a typed "a <b> c &lt; d" as "a &lt;b&gt; c &amp;lt; d".
    const reason = 'a <b> c &lt; d';
    const turn = await inChannel(
      {
        text: '<at>License Desk</at>&nbsp;assign Power BI Pro to <at>Adele Vance</at> because a &lt;b&gt; c &amp;lt; d',
        entities: [botMention, person('Adele Vance', { aadObjectId: ADELE })],
      },
      ALEX_WILBER,
    );
    const card = answered(turn);
    const operationId = (card.refresh as { action: { data: { operationId: string } } }).action.data
      .operationId;
    const stored = await stack.desk.store.operations.get(stack.tenantId, operationId);
    expect(stored?.value.justification).toBe(reason);
    await stack.waitForCalls((call) =>
      ((call.activity.attachments ?? []) as { content: unknown }[]).some(
        (attachment) =>
          // As Teams reads it: the card escapes the reason's Markdown characters with backslashes.
          shown(attachment.content)
            .replace(/\\([!-/:-@[-`{-~])/g, '$1')
            .includes(reason) && JSON.stringify(attachment.content).includes(operationId),
      ),
    );
  });

  it("reads a command after the bot's mention and &nbsp;", async () => {
    const turn = await inChannel({
      text: '<at>License Desk</at>&nbsp;licenses',
      entities: [botMention],
    });
    expect(textOf(turn)).not.toMatch(/didn't get that/);
    expect(shown(cardOf(turn))).toContain('Power BI Pro');
  });
});
