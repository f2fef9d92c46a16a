import { describe, expect, it } from 'vitest';
import { safeNextPath } from '../../src/auth/safe-next.ts';

const SITE = 'https://dashboard.example';

/** Where a browser on SITE would actually go if sent `Location: <path>`. */
function destination(path: string): URL {
  return new URL(path, SITE);
}

describe('safeNextPath', () => {
  it.each([
    ['/', '/'],
    ['/payments', '/payments'],
    ['/payments?status=failed&q=cus_123', '/payments?status=failed&q=cus_123'],
    ['/payments?q=a%20b#row-3', '/payments?q=a%20b#row-3'],
    ['/api/payments.csv?status=failed', '/api/payments.csv?status=failed'],
    ['/javascript:alert(1)', '/javascript:alert(1)'], // a path on this site, harmless
    ['/a/../payments', '/payments'],
  ])('keeps the same-site path %s', (input, expected) => {
    expect(safeNextPath(input)).toBe(expected);
  });

  it.each([
    '//evil.example',
    '//evil.example/payments',
    '///evil.example',
    '/\\evil.example',
    '\\/evil.example',
    '\\\\evil.example',
    'https://evil.example',
    'http://evil.example/',
    'HTTPS://evil.example',
    'evil.example',
    'javascript:alert(1)',
    'JavaScript:alert(document.cookie)',
    'data:text/html,<script>alert(1)</script>',
    ' //evil.example',
    '/\t/evil.example',
    '/\n/evil.example',
    '/%2F%2Fevil.example',
    '/%2f/evil.example',
    '%2F%2Fevil.example',
    '/%5Cevil.example',
    '/%5cevil.example',
    '%5C%5Cevil.example',
    '/%252F%252Fevil.example', // double-encoded
    '/%09/evil.example',
    '/.//evil.example',
    '/%E0%A4%A', // malformed escape
    '/login?next=//evil.example', // back to the form
    '',
  ])('sends %j to / instead', (input) => {
    expect(safeNextPath(input)).toBe('/');
  });

  it('refuses anything that is not a string, and overlong input', () => {
    for (const input of [undefined, null, 42, ['/payments'], { href: '/' }]) expect(safeNextPath(input)).toBe('/');
    expect(safeNextPath(`/${'a'.repeat(3000)}`)).toBe('/');
  });

  it('never returns something a browser would resolve to another origin', () => {
    const attempts = ['//evil', 'https://evil', '/\\evil', '/%2F%2Fevil', '%5C', '/%5C/evil', 'javascript:x', '\u2215\u2215evil', '/\u3002evil', '/.%2e/%2e%2e//evil'];
    for (const attempt of attempts) {
      const result = safeNextPath(attempt);
      expect(result.startsWith('/') && !result.startsWith('//')).toBe(true);
      expect(destination(result).origin).toBe(SITE);
    }
  });
});
