import { loginOverHttp } from '../../helpers/login.ts';
import { startNodeServer, type RunningServer } from '../../helpers/node-build.ts';
import { suiteContext, type ResilienceContext } from './context.ts';
import { SuiteClient } from './http.ts';

/** The values that must never leave the server: checked in every response and in the server's log. */
export function secretsOf(context: ResilienceContext, databaseUrl = context.readerUrl): Record<string, string> {
  const password = new URL(databaseUrl).password;
  return {
    DATABASE_URL: databaseUrl,
    ...(password ? { 'database password': decodeURIComponent(password) } : {}),
    DASHBOARD_PASSWORD: context.dashboardPassword,
    SESSION_SECRET: context.sessionSecret,
  };
}

/**
 * The Node build as production runs it — through src/cli/serve.ts (the Procfile's command),
 * NODE_ENV=production, a real password and session secret, connected as the read-only role —
 * plus whatever a file needs to change. `bareEntry` skips serve.ts (which refuses to start when
 * the database does not answer) to see how the app itself behaves then.
 */
export async function startSuiteServer(env: Record<string, string> = {}, options: { bareEntry?: boolean } = {}): Promise<RunningServer> {
  const context = suiteContext();
  return startNodeServer(context.nodeBuildDir, {
    NODE_ENV: 'production',
    DATABASE_URL: context.readerUrl,
    DASHBOARD_PASSWORD: context.dashboardPassword,
    SESSION_SECRET: context.sessionSecret,
    REPORTING_TIMEZONE: 'UTC',
    ...env,
  }, { viaServeCli: !options.bareEntry });
}

export interface LoginResult {
  status: number;
  location: string | undefined;
  /** name=value of the session cookie, when one was set. */
  cookie: string | undefined;
}

/** POST /api/login as the login form does: same origin, form-encoded, redirects not followed. */
export async function logIn(client: SuiteClient, password: string, options: { next?: string; forwardedFor?: string } = {}): Promise<LoginResult> {
  const body = new URLSearchParams({ password, next: options.next ?? '/' }).toString();
  const response = await client.request({
    method: 'POST',
    path: '/api/login',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      origin: client.baseUrl,
      cookie: '',
      ...(options.forwardedFor ? { 'x-forwarded-for': options.forwardedFor } : {}),
    },
    body,
  });
  const setCookies = ([] as string[]).concat(response.headers['set-cookie'] ?? []);
  const session = setCookies.map((c) => c.split(';')[0]!).find((pair) => /=./.test(pair) && !/=(deleted)?$/.test(pair));
  return { status: response.status, location: response.headers.location, cookie: session };
}

/**
 * A client logged in with the run's password (fails the test when login does not work), watching
 * for the run's secrets with `databaseUrl` as the server's DATABASE_URL.
 */
export async function loggedInClient(server: RunningServer, databaseUrl?: string, extraSecrets: Record<string, string> = {}): Promise<SuiteClient> {
  const context = suiteContext();
  const client = new SuiteClient(server.url, { ...secretsOf(context, databaseUrl ?? context.readerUrl), ...extraSecrets });
  client.cookie = await loginOverHttp(server.url, context.dashboardPassword);
  return client;
}
