/**
 * Everything the guard and the login handler need from the configuration, computed once per
 * Config object (the key derivation is async Web Crypto work, cheap but not free per request).
 */
import type { Config } from '../config/config.ts';
import { deriveSessionKey } from './session-key.ts';
import { SESSION_COOKIE_NAME } from './session-cookie.ts';
import { sessionKeyId } from './session-token.ts';

export type AuthConfig = Pick<Config, 'production' | 'password' | 'sessionSecret' | 'sessionTtlSeconds'>;

export interface AuthSettings {
  production: boolean;
  password: string;
  key: CryptoKey;
  /** A public fingerprint of the key, written into every token (see session-token.ts). */
  keyId: string;
  cookieName: string;
  ttlSeconds: number;
}

const cache = new WeakMap<AuthConfig, Promise<AuthSettings>>();

export function authSettings(config: AuthConfig): Promise<AuthSettings> {
  let settings = cache.get(config);
  if (!settings) {
    settings = deriveSessionKey(config.sessionSecret, config.password).then(async (key) => ({
      production: config.production,
      password: config.password,
      key,
      keyId: await sessionKeyId(key),
      cookieName: SESSION_COOKIE_NAME,
      ttlSeconds: config.sessionTtlSeconds,
    }));
    cache.set(config, settings);
  }
  return settings;
}
