import { describe, expect, it } from 'vitest';
import { Router, type Route } from '../../../src/simulator/http/router.ts';

const reply = (label: string) => () => ({ status: 200, body: label });
const routes: Route<string>[] = [
  { method: 'GET', pattern: '/users', handle: reply('list') },
  { method: 'GET', pattern: '/users/$count', handle: reply('count') },
  { method: 'GET', pattern: '/users/{id}', handle: reply('one') },
  { method: 'PATCH', pattern: '/users/{id}', handle: reply('patch') },
  { method: 'POST', pattern: '/users/{id}/assignLicense', handle: reply('assign') },
];
const router = new Router<string>(routes);

describe('router', () => {
  it('prefers a literal segment over a parameter', () => {
    const match = router.match('GET', '/users/$count');
    expect(match.ok && match.name).toBe('GET /users/$count');
  });

  it('decodes parameters (UPNs, ids that are not GUIDs)', () => {
    const match = router.match('post', '/users/alex%40contoso.com/assignLicense');
    expect(match.ok && match.params).toEqual({ id: 'alex@contoso.com' });
  });

  it('matches segments case-insensitively, as Graph does', () => {
    expect(router.match('POST', '/Users/x/ASSIGNLICENSE').ok).toBe(true);
  });

  it('names the first unknown segment', () => {
    const match = router.match('GET', '/users/x/licences');
    expect(!match.ok && (match.reply.body as { error: { message: string } }).error.message).toBe(
      "Resource not found for the segment 'licences'.",
    );
  });

  it('answers 405 for a known path with another method', () => {
    const match = router.match('DELETE', '/users/x');
    expect(!match.ok && match.reply.status).toBe(405);
  });
});
