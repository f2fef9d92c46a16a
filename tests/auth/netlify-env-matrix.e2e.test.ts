/**
 * Where Netlify's settings come from, under `netlify serve --offline`: functions see the shell's
 * environment and the site's .env, the edge function only the .env. For each source (shell,
 * .env, both) a login with the right password either lands on the dashboard or, when the two
 * runtimes cannot agree, ends on a page that says so; never back on /login without a word.
 * Logins are posted the way a browser without Fetch Metadata posts them (Origin only) to
 * 127.0.0.1, while the functions see `localhost` in their request URL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNetlifyServer, type NetlifyServer } from '../helpers/netlify-server.ts';
import { createMartDatabase, type ScratchDatabase } from '../helpers/postgres.ts';
import { launchChromium, loginInBrowser } from '../helpers/login.ts';

const PASSWORD = 'matrix password';
const SECRET = 'netlify-matrix-session-secret-0123456789abcdef';

let database: ScratchDatabase;
beforeAll(async () => {
  database = await createMartDatabase([]);
});
afterAll(() => database?.drop());

/** The site as a client that typed 127.0.0.1 sees it. */
function numericBase(site: NetlifyServer): string {
  return `http://127.0.0.1:${new URL(site.url).port}`;
}

function postLogin(base: string, headers: Record<string, string>): Promise<Response> {
  return fetch(`${base}/api/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams({ password: PASSWORD, next: '/payments' }),
  });
}

function sessionCookie(response: Response): string | undefined {
  return response.headers.getSetCookie().find((cookie) => cookie.startsWith('__Host-dashboard_session='))?.split(';', 1)[0];
}

const SETTINGS = () => ({ DATABASE_URL: database.url, DASHBOARD_PASSWORD: PASSWORD, SESSION_SECRET: SECRET });

const CASES = [
  // The measured loop: NODE_ENV=production reached the login function, not the edge function.
  { name: 'settings in .env, NODE_ENV=production only in the shell', options: () => ({ dotEnv: SETTINGS(), shellEnv: { NODE_ENV: 'production' } }), agree: true },
  { name: 'settings in the shell and in .env', options: () => ({ env: { ...SETTINGS(), NODE_ENV: 'production' } }), agree: true },
  { name: 'settings only in the shell (the edge function sees none)', options: () => ({ shellEnv: SETTINGS() }), agree: false },
] as const;

describe.each(CASES)('netlify serve --offline, $name', ({ options, agree }) => {
  let site: NetlifyServer;
  beforeAll(async () => {
    site = await startNetlifyServer(options());
  }, 360_000);
  afterAll(() => site?.stop());

  it(agree ? 'an Origin-only login from 127.0.0.1 lands on the page it asked for' : 'a login ends on a page naming the misconfiguration, not on /login', async () => {
    const base = numericBase(site);
    const login = await postLogin(base, { origin: base });
    expect(login.status, site.output().slice(-2000)).toBe(303);
    expect(login.headers.get('location')).toBe('/payments');
    const cookie = sessionCookie(login);
    expect(cookie).toBeDefined();
    const page = await fetch(`${base}/payments`, { redirect: 'manual', headers: { cookie: cookie! } });
    if (agree) {
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<title>Payments');
    } else {
      expect(page.status).toBe(500);
      expect(page.headers.get('location')).toBeNull();
      expect(await page.text()).toContain('configured with different settings than the login');
      expect(site.output()).toContain('Session settings disagree');
    }
  });

  it('refuses real cross-site posts: another Origin, or Sec-Fetch-Site: cross-site', { timeout: 90_000 }, async () => {
    const base = numericBase(site);
    const forgeries: Record<string, string>[] = [{ origin: 'https://evil.example' }, { origin: 'null' }, { 'sec-fetch-site': 'cross-site', origin: base }];
    for (const headers of forgeries) {
      const refused = await postLogin(base, headers);
      // netlify serve retries a function's 403 through the edge function as /api/login.html
      // (see tests/helpers/netlify-server.ts), so the status seen here varies; no session does not.
      expect(refused.status, JSON.stringify(headers)).not.toBe(303);
      expect(sessionCookie(refused), JSON.stringify(headers)).toBeUndefined();
    }
  });

  if (agree) {
    it('a real browser logs in through the form at 127.0.0.1 and stays in', { timeout: 60_000 }, async () => {
      const browser = await launchChromium();
      try {
        const page = await (await browser.newContext()).newPage();
        expect(await loginInBrowser(page, numericBase(site), PASSWORD, '/payments')).toBe(200);
        expect(new URL(page.url()).pathname).toBe('/payments');
      } finally {
        await browser.close();
      }
    });
  }
});
