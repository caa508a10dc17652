import type { Activity } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import * as messageText from '../../../src/bot/routing/message-text.ts';

// The Test Tool's people (the demo tenant's ids) unless a test says production.
const mentionsIn = (activity: Partial<Activity>) => messageText.mentionsIn(activity, 'testTool');
const commandTextOf = (activity: Partial<Activity>) =>
  messageText.commandTextOf(activity, 'testTool');

const BOT = '28:license-desk-bot';
const ADELE = '00000000-0000-0000-0000-0000000000022';
const MEGAN = '00000000-0000-0000-0000-0000000000021';
const LAB = '00000000-0000-0000-0000-0000000000023';
const message = (partial: Record<string, unknown>): Partial<Activity> => ({
  recipient: { id: BOT, name: 'License Desk' },
  ...partial,
});

describe('mentionsIn', () => {
  it('reads only well-formed GUIDs as object ids in production; a demo id stands for its name', () => {
    const entities = [
      { type: 'mention', mentioned: { id: '29:1a', name: 'Adele Vance', aadObjectId: ADELE } },
      {
        type: 'mention',
        mentioned: {
          id: '29:1b',
          name: 'Megan Bowen',
          aadObjectId: '6E2A4F0E-8A1C-4B1E-9C55-0F3C2A7B9D10',
        },
      },
    ];
    expect(messageText.mentionsIn(message({ entities }), 'guid')).toEqual([
      { markups: ['<at>Adele Vance</at>'], meaning: 'Adele Vance', who: '29:1a' },
      {
        markups: ['<at>Megan Bowen</at>'],
        meaning: '6E2A4F0E-8A1C-4B1E-9C55-0F3C2A7B9D10',
        who: '29:1b',
      },
    ]);
    expect(mentionsIn(message({ entities }))[0]!.meaning).toBe(ADELE);
  });

  it("spells the bot's mention by its entity text, its name and the recipient's name", () => {
    const mentions = mentionsIn(
      message({
        entities: [{ type: 'mention', text: '<at>LD</at>', mentioned: { id: BOT, name: 'Desk' } }],
      }),
    );
    expect(mentions).toEqual([
      { markups: ['<at>LD</at>', '<at>Desk</at>', '<at>License Desk</at>'], meaning: '', who: BOT },
    ]);
  });

  it("spells the bot's mention by name when the entity has no text (older group chats)", () => {
    const mentions = mentionsIn(
      message({ entities: [{ type: 'mention', mentioned: { id: BOT, name: 'License Desk' } }] }),
    );
    expect(mentions).toEqual([
      { markups: ['<at>License Desk</at>', '<at>License Desk</at>'], meaning: '', who: BOT },
    ]);
  });

  it("never gives someone else the recipient's name, and reads them by object id or name", () => {
    const mentions = mentionsIn(
      message({
        entities: [
          { type: 'mention', mentioned: { id: '29:1a', name: 'Adele', aadObjectId: ADELE } },
          { type: 'mention', text: '<at>Isaiah</at>', mentioned: { id: '29:1b', name: 'Isaiah' } },
          { type: 'mention', mentioned: { id: '29:1c', aadObjectId: 'no id' } },
        ],
      }),
    );
    expect(mentions).toEqual([
      { markups: ['<at>Adele</at>'], meaning: ADELE, who: '29:1a' },
      { markups: ['<at>Isaiah</at>', '<at>Isaiah</at>'], meaning: 'Isaiah', who: '29:1b' },
      { markups: [], meaning: '', who: '29:1c' },
    ]);
  });

  it('reads a channel, team or tag mention as "@" and its name, never a person to search', () => {
    const mentions = mentionsIn(
      message({
        entities: [
          {
            type: 'mention',
            text: '<at>General</at>',
            mentioned: { id: '19:abc@thread.tacv2', name: 'General' },
          },
          {
            type: 'mention',
            text: '<at>IT</at>',
            mentioned: { id: '19:def@thread.skype', name: 'IT' },
          },
          {
            type: 'mention',
            text: '<at>Finance</at>',
            mentioned: { id: 'MDY3ZjFhNzQtNjQ', name: 'Finance' },
          },
          { type: 'mention', text: '<at>R&amp;D, Lab</at>', mentioned: { id: 'tag-2' } },
          {
            type: 'mention',
            mentioned: { id: '28:other-bot', name: 'Other Bot', aadObjectId: 'x' },
          },
        ],
      }),
    );
    expect(mentions.map((mention) => mention.meaning)).toEqual([
      '@General',
      '@IT',
      '@Finance',
      '@R&D Lab',
      '@Other Bot',
    ]);
  });

  it('reads a person by the name in the entity text when the entity has no name', () => {
    const mentions = mentionsIn(
      message({
        entities: [{ type: 'mention', text: '<at>Isaiah</at>', mentioned: { id: '29:1i' } }],
      }),
    );
    expect(mentions).toEqual([{ markups: ['<at>Isaiah</at>'], meaning: 'Isaiah', who: '29:1i' }]);
  });

  it('keeps a mentioned "Last, First" one person, not two', () => {
    const text = commandTextOf(
      message({
        text: 'assign E5 to <at>Vance, Adele</at>, megan@contoso.com',
        entities: [{ type: 'mention', mentioned: { id: '29:1a', name: 'Vance, Adele' } }],
      }),
    );
    expect(text).toBe('assign E5 to Vance Adele , megan@contoso.com');
  });

  it('skips entities that are not well-formed mentions', () => {
    const entities = [null, 'x', { type: 'clientInfo' }, { type: 'mention', text: '<at>x</at>' }];
    expect(mentionsIn(message({ entities }))).toEqual([]);
    expect(mentionsIn(message({ entities: { type: 'mention' } }))).toEqual([]);
  });
});

describe('commandTextOf', () => {
  it('reads the command without the bot and with colleagues as who they are', () => {
    const text = commandTextOf(
      message({
        text: '<at>License Desk</at>&nbsp;assign E5 to <at>Adele</at>',
        entities: [
          { type: 'mention', mentioned: { id: BOT, name: 'License Desk' } },
          { type: 'mention', mentioned: { id: '29:1a', name: 'Adele', aadObjectId: ADELE } },
        ],
      }),
    );
    expect(text).toBe(`assign E5 to ${ADELE}`);
  });

  it('reads colleagues mentioned side by side as a list, by object id or by name', () => {
    const text = commandTextOf(
      message({
        text: '<at>License Desk</at> assign E5 to <at>Adele Vance</at> <at>Megan Bowen</at> <at>Isaiah</at>, bob@contoso.com',
        entities: [
          {
            type: 'mention',
            text: '<at>License Desk</at>',
            mentioned: { id: BOT, name: 'License Desk' },
          },
          {
            type: 'mention',
            text: '<at>Adele Vance</at>',
            mentioned: { id: '29:a', name: 'Adele Vance', aadObjectId: ADELE },
          },
          {
            type: 'mention',
            text: '<at>Megan Bowen</at>',
            mentioned: { id: '29:m', name: 'Megan Bowen', aadObjectId: MEGAN },
          },
          { type: 'mention', text: '<at>Isaiah</at>', mentioned: { id: '29:i', name: 'Isaiah' } },
        ],
      }),
    );
    expect(text).toBe(`assign E5 to ${ADELE} , ${MEGAN} , Isaiah , bob@contoso.com`);
  });

  it('finds a mention whose name has "&" in HTML-encoded text without entity text', () => {
    const text = commandTextOf(
      message({
        text: '<at>License Desk</at> assign E5 to <at>Adele</at>, <at>R&amp;D Lab</at>',
        entities: [
          {
            type: 'mention',
            text: '<at>License Desk</at>',
            mentioned: { id: BOT, name: 'License Desk' },
          },
          {
            type: 'mention',
            text: '<at>Adele</at>',
            mentioned: { id: '29:a', name: 'Adele', aadObjectId: ADELE },
          },
          { type: 'mention', mentioned: { id: '29:b', name: 'R&D Lab', aadObjectId: LAB } },
        ],
      }),
    );
    expect(text).toBe(`assign E5 to ${ADELE} , ${LAB}`);
  });

  it('reads a mention no entity explains as the name in it, not as nothing', () => {
    const text = commandTextOf(
      message({
        text: '<at>License Desk</at> user <at>R&amp;D Lab</at>',
        entities: [{ type: 'mention', mentioned: { id: BOT, name: 'License Desk' } }],
      }),
    );
    expect(text).toBe('user R&D Lab');
  });

  it('reads one person whose mention new Teams split into a tag per word as one person', () => {
    const split = (name: string, aadObjectId?: string) => ({
      type: 'mention',
      text: `<at>${name}</at>`,
      mentioned: { id: '29:adele', name, ...(aadObjectId ? { aadObjectId } : {}) },
    });
    const bot = (name: string) => ({
      type: 'mention',
      text: `<at>${name}</at>`,
      mentioned: { id: BOT, name },
    });
    const text = '<at>License</at> <at>Desk</at> assign E5 to <at>Adele</at> <at>Vance</at>';
    expect(
      commandTextOf(
        message({ text, entities: [bot('License'), bot('Desk'), split('Adele'), split('Vance')] }),
      ),
    ).toBe('assign E5 to Adele Vance');
    expect(
      commandTextOf(
        message({
          text,
          entities: [bot('License'), bot('Desk'), split('Adele', ADELE), split('Vance', ADELE)],
        }),
      ),
    ).toBe(`assign E5 to ${ADELE}`);
  });

  it('keeps people side by side separate when they are different people with one name each', () => {
    const text = commandTextOf(
      message({
        text: 'assign E5 to <at>Adele</at> <at>Vance</at>',
        entities: [
          { type: 'mention', mentioned: { id: '29:a', name: 'Adele' } },
          { type: 'mention', mentioned: { id: '29:v', name: 'Vance' } },
        ],
      }),
    );
    expect(text).toBe('assign E5 to Adele , Vance');
  });

  it('reads addresses Teams turned into mailto links, and text in paragraphs', () => {
    expect(
      commandTextOf(
        message({
          text: '<p>assign E3 to <a href="mailto:adele@contoso.com">adele@contoso.com</a></p>',
        }),
      ),
    ).toBe('assign E3 to adele@contoso.com');
  });

  it('makes text plain once, so an encoded "<b>" typed in a reason stays as typed', () => {
    expect(
      commandTextOf(
        message({ text: 'assign E5 to a@contoso.com because a &lt;b&gt; c &amp;lt; d' }),
      ),
    ).toBe('assign E5 to a@contoso.com because a <b> c &lt; d');
  });

  it('has no command when there is no text, or it is not a string', () => {
    expect(commandTextOf(message({ value: { x: 1 } }))).toBe('');
    expect(commandTextOf(message({ text: 42 }))).toBe('');
  });
});
