import { describe, expect, it } from 'vitest';
import { isSameOriginRequest, withClientHost } from '../../src/auth/same-origin.ts';

const post = (url: string, headers: Record<string, string>) => new Request(url, { method: 'POST', headers, body: 'password=x' });

describe('isSameOriginRequest', () => {
  it('trusts Fetch Metadata when the browser sends it', () => {
    expect(isSameOriginRequest(post('http://localhost:8888/api/login', { 'sec-fetch-site': 'same-origin', origin: 'http://127.0.0.1:8888' }))).toBe(true);
    for (const site of ['cross-site', 'same-site', 'none']) {
      expect(isSameOriginRequest(post('http://localhost:8888/api/login', { 'sec-fetch-site': site, origin: 'http://localhost:8888' })), site).toBe(false);
    }
  });

  it('Origin only: compared with the host the client used (URL, Host, X-Forwarded-Host or the edge function\'s X-Dashboard-Client-Host)', () => {
    // netlify serve: the function's URL says localhost, the browser used 127.0.0.1.
    expect(isSameOriginRequest(post('http://localhost:8888/api/login', { origin: 'http://127.0.0.1:8888' }))).toBe(false);
    expect(isSameOriginRequest(post('http://localhost:8888/api/login', { origin: 'http://127.0.0.1:8888', 'x-dashboard-client-host': '127.0.0.1:8888' }))).toBe(true);
    expect(isSameOriginRequest(post('http://10.0.0.5:3000/api/login', { origin: 'https://dash.example.com', host: 'dash.example.com' }))).toBe(true);
    expect(isSameOriginRequest(post('http://10.0.0.5:3000/api/login', { origin: 'https://dash.example.com', 'x-forwarded-host': 'dash.example.com, proxy.internal' }))).toBe(true);
    expect(isSameOriginRequest(post('https://dash.example.com/api/login', { origin: 'https://dash.example.com' }))).toBe(true);
  });

  it('refuses other origins, null and garbage; allows non-browser clients that send neither header', () => {
    expect(isSameOriginRequest(post('https://dash.example.com/api/login', { origin: 'https://evil.example' }))).toBe(false);
    expect(isSameOriginRequest(post('https://dash.example.com/api/login', { origin: 'https://dash.example.com.evil.example' }))).toBe(false);
    expect(isSameOriginRequest(post('https://dash.example.com/api/login', { origin: 'null' }))).toBe(false);
    expect(isSameOriginRequest(post('https://dash.example.com/api/login', { origin: 'not a url' }))).toBe(false);
    expect(isSameOriginRequest(post('https://dash.example.com/api/login', {}))).toBe(true);
  });
});

describe('withClientHost', () => {
  it('sets X-Dashboard-Client-Host to the host the edge saw, replacing the client\'s, on POSTs only', async () => {
    const forwarded = withClientHost(post('http://127.0.0.1:8888/api/login', { 'x-dashboard-client-host': 'evil.example' }));
    expect(forwarded.headers.get('x-dashboard-client-host')).toBe('127.0.0.1:8888');
    expect(await forwarded.text()).toBe('password=x');
    const get = new Request('http://127.0.0.1:8888/');
    expect(withClientHost(get)).toBe(get);
  });
});
