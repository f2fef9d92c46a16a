/**
 * Tokens whose signature and claims were verified, per key, so a session's next requests skip
 * the Web Crypto HMAC (an asynchronous job on the thread pool: ~10 % of the Node server's CPU per
 * API request in a profile). Only successes are kept, and a hit is trusted only while jose would
 * still accept the token without any clock tolerance (before `exp`, younger than the maximum age,
 * and not earlier than when it was verified); anything else is verified again in full, so the
 * answer, and every refusal reason, is exactly jose's.
 */
interface Verified {
  issuedAt: number;
  expiresAt: number;
  verifiedAt: number;
}

/** Plenty for a team's sessions; beyond it the cache starts over rather than grow. */
const MAX_ENTRIES = 1000;
const verified = new WeakMap<CryptoKey, Map<string, Verified>>();

/** The token's expiry (seconds) when it verified before and is still certainly valid at `nowSeconds`. */
export function knownValid(key: CryptoKey, token: string, nowSeconds: number, maxAgeSeconds: number): number | undefined {
  const entry = verified.get(key)?.get(token);
  if (!entry) return undefined;
  const valid = nowSeconds >= entry.verifiedAt && nowSeconds < entry.expiresAt && nowSeconds - entry.issuedAt < maxAgeSeconds;
  return valid ? entry.expiresAt : undefined;
}

export function rememberValid(key: CryptoKey, token: string, claims: { iat: number; exp: number }, nowSeconds: number): void {
  let tokens = verified.get(key);
  if (!tokens) verified.set(key, (tokens = new Map()));
  if (tokens.size >= MAX_ENTRIES) tokens.clear();
  tokens.set(token, { issuedAt: claims.iat, expiresAt: claims.exp, verifiedAt: nowSeconds });
}
