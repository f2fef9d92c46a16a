import { ConfigError } from '../config/config.ts';

/**
 * What the guard answers when the configuration cannot be read: 500, closed. The variable's
 * problem goes to the log only; visitors learn nothing about the setup.
 */
export function configurationFailure(error: unknown, log: (message: string) => void = console.error): Response {
  log(error instanceof ConfigError ? `Configuration error: ${error.message}` : `Guard failed: ${error instanceof Error ? error.message : String(error)}`);
  return new Response('The dashboard is not configured correctly. The server log says what to fix.', {
    status: 500,
    headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
  });
}
