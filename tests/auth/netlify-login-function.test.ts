/**
 * netlify/functions/login.mts and logout.mts called as Netlify calls them, (request, context),
 * without `netlify serve`: they mount through the same wrapper as every API function, so a broken
 * configuration is the JSON error, and the failed-login limit keys on Netlify's context.ip.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Context } from '@netlify/functions';
import login from '../../netlify/functions/login.mts';
import logout from '../../netlify/functions/logout.mts';
import { PASSWORD, SECRET, SITE } from './fixtures.ts';

function post(path: string, form: Record<string, string> = {}): Request {
  return new Request(`${SITE}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: SITE, 'sec-fetch-site': 'same-origin' },
    body: new URLSearchParams(form).toString(),
  });
}

/** The fields of Netlify's Context these functions read. */
function context(ip: string, deployContext: string): Context {
  return { ip, deploy: { context: deployContext } } as unknown as Context;
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('the login and logout functions on Netlify', () => {
  it('a configuration error is a 500 JSON error naming nothing of the setup, and the variable goes to the log', async () => {
    vi.stubEnv('DASHBOARD_PASSWORD', PASSWORD);
    vi.stubEnv('SESSION_SECRET', 'too short');
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const response = await login(post('/api/login', { password: PASSWORD }), context('203.0.113.1', 'broken-context'));
      expect(response.status).toBe(500);
      expect(response.headers.get('cache-control')).toBe('no-store');
      const body = await response.json();
      expect(body).toEqual({ error: 'configuration_error', message: expect.stringMatching(/not configured correctly/) });
      expect(JSON.stringify(body)).not.toMatch(/SESSION_SECRET/);
      expect(logged).toHaveBeenCalledWith(expect.stringMatching(/^Configuration error: SESSION_SECRET: must be at least 32 bytes/));
    } finally {
      logged.mockRestore();
    }
  });

  it('logs in, limits failed passwords per context.ip, and logs out', async () => {
    vi.stubEnv('DASHBOARD_PASSWORD', PASSWORD);
    vi.stubEnv('SESSION_SECRET', SECRET);
    vi.stubEnv('DATABASE_URL', '');
    vi.stubEnv('NETLIFY_DATABASE_URL', '');
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const deploy = 'deploy-preview';
    const ok = await login(post('/api/login', { password: PASSWORD, next: '/payments' }), context('203.0.113.1', deploy));
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe('/payments');
    expect(ok.headers.getSetCookie()[0]).toMatch(/^__Host-dashboard_session=eyJ/);

    const guess = (ip: string) => login(post('/api/login', { password: 'guess' }), context(ip, deploy));
    for (let i = 0; i < 5; i++) expect((await guess('198.51.100.7')).status).toBe(303);
    const blocked = await guess('198.51.100.7');
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await guess('198.51.100.8')).status).toBe(303);

    const out = await logout(post('/api/logout'), context('203.0.113.1', deploy));
    expect(out.status).toBe(303);
    expect(out.headers.get('location')).toBe('/login');
    expect(out.headers.getSetCookie()[0]).toMatch(/^__Host-dashboard_session=;.*Max-Age=0/);
  });
});
