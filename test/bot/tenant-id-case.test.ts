import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../support/stack.ts';

// A tenant id with letters, configured in lower case; Teams may spell it in upper case.
const TENANT = '7c1d8e2a-3b4f-4c5d-8e6f-9a0b1c2d3e4f';
const SHOUTED = TENANT.toUpperCase();
const PATTI = '00000000-0000-0000-0000-0000000000024';

describe('tenant ids in any case', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack({ tenantId: TENANT });
  });

  afterAll(async () => {
    await stack.close();
  });

  it('serves a message whose tenant id is in another case, and stores it under the configured id', async () => {
    const turn = await stack.send({ text: 'help' }, { aadObjectId: PATTI, tenantId: SHOUTED });
    expect(turn.status).toBe(200);
    expect(JSON.stringify(turn.replies)).not.toContain('another one');
    expect(await stack.desk.store.conversations.findPersonal(TENANT, PATTI)).not.toBeNull();
  });

  it('forgets the personal chat on an uninstall whose tenant id is in another case', async () => {
    await stack.send({ text: 'help' }, { aadObjectId: PATTI, tenantId: TENANT });
    const saved = await stack.desk.store.conversations.findPersonal(TENANT, PATTI);
    expect(saved).not.toBeNull();
    await stack.send(
      {
        type: 'installationUpdate',
        action: 'remove',
        conversation: {
          conversationType: 'personal',
          id: saved!.conversationId,
          tenantId: SHOUTED,
        } as never,
      },
      { aadObjectId: PATTI, tenantId: SHOUTED },
    );
    expect(await stack.desk.store.conversations.findPersonal(TENANT, PATTI)).toBeNull();
  });
});
