/**
 * The HS256 key that signs session tokens, derived (HKDF-SHA-256, Web Crypto) from both
 * SESSION_SECRET and DASHBOARD_PASSWORD: changing either one changes the key, so every session
 * made before the change fails verification. Runtime-neutral (Node, Netlify Functions, Deno).
 */
const encoder = new TextEncoder();
const SALT = encoder.encode('payments-dashboard/session-key/v1');

export async function deriveSessionKey(sessionSecret: string, password: string): Promise<CryptoKey> {
  const secret = await crypto.subtle.importKey('raw', encoder.encode(sessionSecret), 'HKDF', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits(
    { name: 'HKDF', hash: 'SHA-256', salt: SALT, info: encoder.encode(password) },
    secret,
    256,
  );
  return crypto.subtle.importKey('raw', bits, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
}
