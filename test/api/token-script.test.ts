import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../support/stack.ts';
import { apiClient, type ApiClient } from './support/api-client.ts';

const repoRoot = path.resolve(import.meta.dirname, '..', '..');

/** What `npm run token -- …args` prints. */
async function token(...args: string[]): Promise<string> {
  const { stdout } = await promisify(execFile)(process.execPath, ['scripts/token.ts', ...args], {
    cwd: repoRoot,
  });
  return stdout.trim();
}

describe('npm run token', () => {
  let stack: TestStack;
  let api: ApiClient;

  beforeAll(async () => {
    stack = await startTestStack({ size: 50 });
    api = await apiClient(stack);
  }, 60_000);
  afterAll(async () => {
    await stack?.close();
  });

  it('prints a token for a demo person that the running demo accepts', async () => {
    const reply = await api.call('GET', '/api/automation/bulk-licenses/operations', {
      token: await token('--as', 'meganb'),
    });
    expect(reply.status).toBe(200);
  });

  it('prints an app token whose app becomes the requester', async () => {
    const reply = await api.call(
      'POST',
      '/api/identity/users/adelev@contoso.onmicrosoft.com/licenses',
      {
        token: await token('--app', 'hr-system', '--roles', 'Licenses.Request'),
        body: { sku: 'Power BI Pro', justification: 'from the HR system' },
      },
    );
    expect(reply.status).toBe(202);
    expect(reply.body.requester).toEqual({ userId: 'hr-system', displayName: 'hr-system' });
  });

  it('refuses an unknown person, naming the demo people', async () => {
    await expect(token('--as', 'nobody')).rejects.toMatchObject({
      stderr: expect.stringContaining('meganb') as unknown,
    });
  });
});
