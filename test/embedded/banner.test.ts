import { describe, expect, it } from 'vitest';
import { embeddedBanner } from '../../src/embedded/banner.ts';

const people = {
  current: {
    name: 'Alex Wilber',
    alias: 'alexw',
    jobTitle: 'Sales Manager',
    role: 'requester' as const,
  },
  others: [
    { name: 'Megan Bowen', alias: 'meganb', role: 'approver' as const },
    { name: 'Adele Vance', alias: 'adelev', role: 'requester' as const },
  ],
};

describe('what npm start prints', () => {
  it('says where to chat, as whom, and how to chat as an approver', () => {
    const text = embeddedBanner({
      botUrl: 'http://127.0.0.1:3978',
      simulatorUrl: 'http://127.0.0.1:3979',
      testToolUrl: 'http://127.0.0.1:56150/',
      ...people,
    });
    expect(text).toContain('Chat here:   http://127.0.0.1:56150/');
    expect(text).toContain('You are:     Alex Wilber (Sales Manager, a requester)');
    expect(text).toContain('npm run chat -- --as meganb');
    expect(text).toContain('Megan Bowen, a license approver');
  });

  it('gives the reason when the Test Tool did not start', () => {
    const text = embeddedBanner({
      botUrl: 'http://127.0.0.1:3978',
      simulatorUrl: 'http://127.0.0.1:3979',
      testToolProblem: 'port 56150 is in use',
      ...people,
    });
    expect(text).toContain('The Teams App Test Tool is not running: port 56150 is in use');
    expect(text).not.toContain('Chat here');
  });

  it('says Ctrl+C stops everything when the stand-ins run inside npm start', () => {
    const text = embeddedBanner({ botUrl: 'http://127.0.0.1:3978', simulatorUrl: 'x', ...people });
    expect(text).toContain('Ctrl+C stops everything.');
    expect(text).not.toContain('Stand-ins:');
  });

  it('says the stand-ins are external, and stay, when STANDINS names them', () => {
    const text = embeddedBanner({
      botUrl: 'http://127.0.0.1:3978',
      simulatorUrl: 'http://127.0.0.1:3979',
      standInsUrl: 'http://127.0.0.1:3981',
      ...people,
    });
    expect(text).toContain(
      'Stand-ins:   external, from npm run stand-ins at http://127.0.0.1:3981',
    );
    expect(text).toContain('Ctrl+C stops the bot; the demo tenant and the store stay');
    expect(text).not.toContain('Ctrl+C stops everything');
  });
});
