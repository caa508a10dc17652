import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestTool, startTestToolAs } from '../../src/embedded/test-tool.ts';
import { freePort } from '../support/free-port.ts';

describe('the Teams App Test Tool launcher', () => {
  let dir: string | undefined;

  afterEach(async () => {
    if (dir) {
      await rm(dir, { recursive: true, force: true });
    }
    dir = undefined;
  });

  it('brings the chat page up and stops it', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'license-desk-tt-'));
    const port = await freePort();
    const tool = await startTestTool({
      botEndpoint: 'http://127.0.0.1:9/api/messages',
      port,
      cwd: dir,
    });
    expect(tool.url).toBe(`http://127.0.0.1:${port}/`);
    const ping = await fetch(new URL('/_debug/ping', tool.url));
    expect(await ping.text()).toContain('pong');
    await tool.stop();
    await expect(fetch(tool.url)).rejects.toThrow();
  }, 60_000);

  it('says why when a bad config file makes it exit without a word', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'license-desk-tt-'));
    await writeFile(
      path.join(dir, '.m365agentsplayground.yml'),
      'version: "0.1.1"\ntenantId: 42\n',
    );
    const failure = startTestTool({
      botEndpoint: 'http://127.0.0.1:9/api/messages',
      port: await freePort(),
      cwd: dir,
      startTimeoutMs: 20_000,
    });
    await expect(failure).rejects.toThrow(/m365agentsplayground\.log/);
    await expect(failure).rejects.toThrow(/exited before its page came up/);
  }, 60_000);

  it('names the people to choose from when nobody matches the user asked for', async () => {
    const started = await startTestToolAs({
      who: 'nobody',
      projectDir: path.resolve(import.meta.dirname, '..', '..'),
      botEndpoint: 'http://127.0.0.1:9/api/messages',
      port: await freePort(),
    });
    expect(started).toEqual({
      ok: false,
      message: expect.stringMatching(/Nobody called "nobody".*Megan Bowen/),
    });
  });
});
