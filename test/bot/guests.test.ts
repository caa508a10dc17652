import { afterEach, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../support/stack.ts';

const ADELE = '00000000-0000-0000-0000-0000000000022';

describe('guest accounts', () => {
  let stack: TestStack | undefined;

  afterEach(async () => {
    await stack?.close();
    stack = undefined;
  });

  async function asGuest(env: Record<string, string>): Promise<string> {
    stack = await startTestStack({ env });
    const made = stack.simulator.tenant().updateUser(ADELE, { userType: 'Guest' });
    expect(made.ok).toBe(true);
    const turn = await stack.personalMessage(`user ${ADELE}`, ADELE);
    return JSON.stringify(turn.replies);
  }

  it('are refused, and read nothing of the directory, unless ALLOW_GUESTS is set', async () => {
    const said = await asGuest({});
    expect(said).toContain('signed in as a guest');
    expect(said).not.toContain('Adele Vance');
  });

  it('are served like members with ALLOW_GUESTS=true', async () => {
    const said = await asGuest({ ALLOW_GUESTS: 'true' });
    expect(said).not.toContain('signed in as a guest');
    expect(said).toContain('Adele Vance');
  });
});
