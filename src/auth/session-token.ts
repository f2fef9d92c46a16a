/**
 * Session tokens: short-lived HS256 JWTs made and checked with jose. Time always comes in as an
 * option (`now`), never from the environment, so tests freeze the clock. A refusal carries a
 * stable reason code that callers switch on and tests assert.
 */
import { SignJWT, decodeJwt, decodeProtectedHeader, jwtVerify } from 'jose';
import { knownValid, rememberValid } from './verified-sessions.ts';

export const SESSION_ISSUER = 'payments-dashboard';
export const SESSION_AUDIENCE = 'payments-dashboard/session';
/** Edge servers and function servers are different machines; allow a few seconds of skew. */
const DEFAULT_CLOCK_TOLERANCE_SECONDS = 5;

export type SessionRefusal =
  | 'missing'
  | 'malformed'
  | 'algorithm_not_allowed'
  | 'invalid_signature'
  | 'expired'
  | 'not_yet_valid'
  | 'invalid_claims'
  /**
   * Signed moments ago with another key than ours: the login that made it ran with other
   * settings (SESSION_SECRET, DASHBOARD_PASSWORD) than this check. Not an old session (those
   * are `invalid_signature`): sending the user back to /login would only loop.
   */
  | 'settings_mismatch';

export type SessionCheck =
  | { valid: true; expiresAt: Date }
  | { valid: false; reason: SessionRefusal };

/** A token this young that fails verification under another key id is a settings mismatch, not an old session. */
export const FRESH_LOGIN_SECONDS = 120;

/**
 * A public name for the key: the first 72 bits of HMAC(key, a fixed label), base64url. It tells
 * two keys apart without saying anything about either (HMAC output reveals nothing of its key).
 */
export async function sessionKeyId(key: CryptoKey): Promise<string> {
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, new TextEncoder().encode('payments-dashboard/key-id')));
  return btoa(String.fromCharCode(...mac.subarray(0, 9))).replaceAll('+', '-').replaceAll('/', '_');
}

export interface IssueOptions {
  now: Date;
  ttlSeconds: number;
  /** sessionKeyId(key), written as the token's `kid`. */
  keyId: string;
}

export async function issueSessionToken(key: CryptoKey, { now, ttlSeconds, keyId }: IssueOptions): Promise<string> {
  const issuedAt = Math.floor(now.getTime() / 1000);
  return new SignJWT({})
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT', kid: keyId })
    .setIssuer(SESSION_ISSUER)
    .setAudience(SESSION_AUDIENCE)
    .setSubject('team')
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + ttlSeconds)
    .sign(key);
}

export interface VerifyOptions {
  now: Date;
  /** Tokens older than this are refused whatever their `exp` says (a TTL shortened later applies at once). */
  maxAgeSeconds: number;
  clockToleranceSeconds?: number;
  /** Ours (sessionKeyId); lets a bad signature on a fresh token be told apart as `settings_mismatch`. */
  keyId?: string;
}

const MAX_TOKEN_LENGTH = 4096;

export async function verifySessionToken(token: string | undefined, key: CryptoKey, options: VerifyOptions): Promise<SessionCheck> {
  if (!token) return { valid: false, reason: 'missing' };
  if (token.length > MAX_TOKEN_LENGTH) return { valid: false, reason: 'malformed' };
  const nowSeconds = options.now.getTime() / 1000;
  const knownExpiry = knownValid(key, token, nowSeconds, options.maxAgeSeconds);
  if (knownExpiry !== undefined) return { valid: true, expiresAt: new Date(knownExpiry * 1000) };
  try {
    const { payload } = await jwtVerify(token, key, {
      algorithms: ['HS256'],
      issuer: SESSION_ISSUER,
      audience: SESSION_AUDIENCE,
      requiredClaims: ['exp', 'iat', 'sub'],
      currentDate: options.now,
      maxTokenAge: options.maxAgeSeconds,
      clockTolerance: options.clockToleranceSeconds ?? DEFAULT_CLOCK_TOLERANCE_SECONDS,
    });
    rememberValid(key, token, { iat: payload.iat as number, exp: payload.exp as number }, nowSeconds);
    return { valid: true, expiresAt: new Date((payload.exp as number) * 1000) };
  } catch (error) {
    const reason = refusalOf(error);
    return { valid: false, reason: reason === 'invalid_signature' && madeElsewhereJustNow(token, options) ? 'settings_mismatch' : reason };
  }
}

/** Another key id, issued within FRESH_LOGIN_SECONDS: a login elsewhere with other settings. */
function madeElsewhereJustNow(token: string, options: VerifyOptions): boolean {
  if (!options.keyId) return false;
  try {
    const { kid } = decodeProtectedHeader(token);
    const { iat } = decodeJwt(token);
    const age = options.now.getTime() / 1000 - (iat ?? -Infinity);
    return typeof kid === 'string' && kid !== options.keyId && age >= -(options.clockToleranceSeconds ?? DEFAULT_CLOCK_TOLERANCE_SECONDS) && age <= FRESH_LOGIN_SECONDS;
  } catch {
    // Not even decodable as a JWT: no login made it, here or elsewhere.
    return false;
  }
}

function refusalOf(error: unknown): SessionRefusal {
  const code = (error as { code?: unknown })?.code;
  const claim = (error as { claim?: unknown })?.claim;
  switch (code) {
    case 'ERR_JWT_EXPIRED':
      return 'expired';
    case 'ERR_JWT_CLAIM_VALIDATION_FAILED':
      // nbf in the future, or iat in the future: made for a later time than now.
      return claim === 'nbf' || claim === 'iat' ? 'not_yet_valid' : 'invalid_claims';
    case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED':
      return 'invalid_signature';
    case 'ERR_JOSE_ALG_NOT_ALLOWED':
      return 'algorithm_not_allowed';
    default:
      return 'malformed';
  }
}
