import { CONFIGURATION_ERROR_MESSAGE, ConfigError } from '../config/env-values.ts';

/**
 * What the guard answers when the configuration cannot be read: 500, closed. The variable's
 * problem goes to the log only; visitors learn nothing about the setup.
 */
export function configurationFailure(error: unknown, log: (message: string) => void = console.error): Response {
  log(error instanceof ConfigError ? `Configuration error: ${error.message}` : `Guard failed: ${error instanceof Error ? error.message : String(error)}`);
  return new Response(CONFIGURATION_ERROR_MESSAGE, {
    status: 500,
    headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
  });
}
