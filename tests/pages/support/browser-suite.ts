/**
 * What each Chromium test file starts with: marts holding known rows on the running PostgreSQL,
 * the Node build serving them (reporting zone UTC), Chromium, and a session logged in once through
 * the real form, whose cookies start every later context logged in. Screenshots go to ARTIFACTS.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { inject } from 'vitest';
import type { ChargeRow } from '../../../src/marts/charge-row.ts';
import { browserSession, launchChromium } from '../../helpers/login.ts';
import { PROJECT_ROOT, startNodeServer, type RunningServer } from '../../helpers/node-build.ts';
import { createMartDatabase, type ScratchDatabase } from '../../helpers/postgres.ts';

export const ARTIFACTS = join(PROJECT_ROOT, 'tests/artifacts');

export interface BrowserSuite {
  db: ScratchDatabase;
  server: RunningServer;
  browser: Browser;
  session: Awaited<ReturnType<BrowserContext['storageState']>>;
  /** Closes the browser, stops the server and drops the database. */
  stop(): Promise<void>;
}

export interface BrowserSuiteOptions {
  /** The team password the server is started with (each file its own, so a log names the file). */
  password: string;
  /** Changes the marts before the server reads them (say, a daily mart that lags). */
  prepare?: (db: ScratchDatabase) => Promise<void>;
}

export async function startBrowserSuite(rows: Iterable<ChargeRow>, { password, prepare }: BrowserSuiteOptions): Promise<BrowserSuite> {
  const db = await createMartDatabase(rows);
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  const stop = async () => {
    await browser?.close();
    await server?.stop();
    await db.drop();
  };
  try {
    await prepare?.(db);
    server = await startNodeServer(inject('nodeBuildDir'), {
      DATABASE_URL: db.url,
      DASHBOARD_PASSWORD: password,
      SESSION_SECRET: `${password}-session-secret-0123456789abcdef`,
      REPORTING_TIMEZONE: 'UTC',
    });
    browser = await launchChromium();
    const session = await browserSession(browser, server.url, password);
    mkdirSync(ARTIFACTS, { recursive: true });
    return { db, server, browser, session, stop };
  } catch (error) {
    // A start that failed half-way still leaves nothing behind.
    await stop();
    throw error;
  }
}
