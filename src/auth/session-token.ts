/**
 * Session tokens: short-lived HS256 JWTs made and checked with jose. Time always comes in as an
 * option (`now`), never from the environment, so tests freeze the clock. A refusal carries a
 * stable reason code that callers switch on and tests assert.
 */
import { SignJWT, jwtVerify } from 'jose';

export const SESSION_ISSUER = 'payments-dashboard';
export const SESSION_AUDIENCE = 'payments-dashboard/session';
/** Edge servers and function servers are different machines; allow a few seconds of skew. */
export const DEFAULT_CLOCK_TOLERANCE_SECONDS = 5;

export type SessionRefusal =
  | 'missing'
  | 'malformed'
  | 'algorithm_not_allowed'
  | 'invalid_signature'
  | 'expired'
  | 'not_yet_valid'
  | 'invalid_claims';

export type SessionCheck =
  | { valid: true; expiresAt: Date }
  | { valid: false; reason: SessionRefusal };

export interface IssueOptions {
  now: Date;
  ttlSeconds: number;
}

export async function issueSessionToken(key: CryptoKey, { now, ttlSeconds }: IssueOptions): Promise<string> {
  const issuedAt = Math.floor(now.getTime() / 1000);
  return new SignJWT({})
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
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
}

const MAX_TOKEN_LENGTH = 4096;

export async function verifySessionToken(token: string | undefined, key: CryptoKey, options: VerifyOptions): Promise<SessionCheck> {
  if (!token) return { valid: false, reason: 'missing' };
  if (token.length > MAX_TOKEN_LENGTH) return { valid: false, reason: 'malformed' };
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
    return { valid: true, expiresAt: new Date((payload.exp as number) * 1000) };
  } catch (error) {
    return { valid: false, reason: refusalOf(error) };
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
