import { Agent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { connect } from 'node:net';

export interface HttpResponse {
  method: string;
  path: string;
  status: number;
  headers: IncomingHttpHeaders;
  /** Header lines exactly as sent, for scanning. */
  rawHeaders: string[];
  body: string;
  /** The body was cut after maxBodyBytes (the connection was then dropped). */
  truncated: boolean;
  ms: number;
}

export interface RequestOptions {
  method?: string;
  /** Sent exactly as given: no normalization, no re-encoding (Node allows bytes 0x21–0xFF). */
  path: string;
  headers?: Record<string, string | string[]>;
  body?: string | Buffer;
  /** Stop reading (and abort) after this many bytes, e.g. for a whole-result CSV. */
  maxBodyBytes?: number;
  timeoutMs?: number;
}

/** Any secret seen in a response, with where it was seen. */
export interface Leak {
  secret: string;
  where: string;
}

/**
 * A small HTTP client over node:http for the suite: raw paths (so traversal and odd bytes reach
 * the server unchanged), a session cookie, and a tally of every status. Every response is
 * scanned for the run's secrets (in plain and URL-encoded form) in its headers and body.
 */
export class SuiteClient {
  readonly baseUrl: string;
  cookie: string | undefined;
  readonly statusCounts = new Map<number, number>();
  readonly serverErrors: HttpResponse[] = [];
  readonly leaks: Leak[] = [];
  requests = 0;
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 16 });
  private readonly secrets: Array<{ name: string; forms: string[] }>;
  private readonly host: string;
  private readonly port: number;

  constructor(baseUrl: string, secrets: Record<string, string>) {
    this.baseUrl = baseUrl;
    const url = new URL(baseUrl);
    this.host = url.hostname;
    this.port = Number(url.port);
    this.secrets = Object.entries(secrets).map(([name, value]) => ({ name, forms: [...new Set([value, encodeURIComponent(value)])] }));
  }

  close(): void {
    this.agent.destroy();
  }

  get(path: string, headers: Record<string, string> = {}): Promise<HttpResponse> {
    return this.request({ path, headers });
  }

  request(options: RequestOptions): Promise<HttpResponse> {
    const method = options.method ?? 'GET';
    const headers: Record<string, string | string[]> = { ...options.headers };
    // An explicit cookie header (even an empty one, meaning "none") overrides the session.
    if (this.cookie && !Object.keys(headers).some((h) => h.toLowerCase() === 'cookie')) headers.cookie = this.cookie;
    if (headers.cookie === '') delete headers.cookie;
    if (options.body !== undefined) headers['content-length'] = String(Buffer.byteLength(options.body));
    const started = performance.now();
    return new Promise<HttpResponse>((resolve, reject) => {
      const req = httpRequest({ host: this.host, port: this.port, method, path: options.path, headers, agent: this.agent }, (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        let truncated = false;
        res.on('data', (chunk: Buffer) => {
          if (truncated) return;
          chunks.push(chunk);
          size += chunk.length;
          if (options.maxBodyBytes !== undefined && size >= options.maxBodyBytes) {
            truncated = true;
            res.destroy();
            finish();
          }
        });
        let done = false;
        const finish = () => {
          if (done) return;
          done = true;
          resolve(this.record({
            method, path: options.path, status: res.statusCode ?? 0, headers: res.headers, rawHeaders: res.rawHeaders,
            body: Buffer.concat(chunks).toString('utf8'), truncated, ms: performance.now() - started,
          }));
        };
        res.on('end', finish);
        res.on('error', (error) => (truncated ? finish() : reject(error)));
        res.on('close', () => (done ? undefined : truncated ? finish() : reject(new Error(`response to ${method} ${options.path} closed before its end`))));
      });
      req.setTimeout(options.timeoutMs ?? 30_000, () => req.destroy(new Error(`${method} ${options.path}: no answer in ${options.timeoutMs ?? 30_000} ms`)));
      req.on('error', reject);
      req.end(options.body);
    });
  }

  /**
   * Writes bytes to a fresh socket and reads the reply, for requests node:http refuses to send
   * (raw UTF-8 or control bytes in the request line). Only the status line is parsed.
   */
  raw(bytes: Buffer, timeoutMs = 10_000): Promise<{ status: number; text: string }> {
    return new Promise((resolve, reject) => {
      const socket = connect(this.port, this.host);
      const chunks: Buffer[] = [];
      socket.setTimeout(timeoutMs, () => socket.destroy(new Error('raw request: no answer')));
      socket.on('connect', () => socket.write(bytes));
      socket.on('data', (chunk) => chunks.push(chunk));
      socket.on('error', reject);
      socket.on('close', () => {
        const text = Buffer.concat(chunks).toString('latin1');
        const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(text)?.[1] ?? 0);
        this.requests++;
        this.statusCounts.set(status, (this.statusCounts.get(status) ?? 0) + 1);
        this.scan(text, `raw request ${JSON.stringify(bytes.toString('latin1').slice(0, 80))}`);
        resolve({ status, text });
      });
    });
  }

  /** A request whose request line is given as bytes (e.g. `GET /api/payments/\xff HTTP/1.1`), with the session cookie. */
  rawRequest(requestLine: Buffer): Promise<{ status: number; text: string }> {
    const headers = `\r\nHost: ${this.host}:${this.port}\r\n${this.cookie ? `Cookie: ${this.cookie}\r\n` : ''}Connection: close\r\n\r\n`;
    return this.raw(Buffer.concat([requestLine, Buffer.from(headers, 'latin1')]));
  }

  /** Scans text from anywhere (a server log, an autocannon body) for the run's secrets. */
  scan(text: string, where: string): Leak[] {
    const found: Leak[] = [];
    for (const { name, forms } of this.secrets) {
      if (forms.some((form) => text.includes(form))) found.push({ secret: name, where });
    }
    this.leaks.push(...found);
    return found;
  }

  private record(response: HttpResponse): HttpResponse {
    this.requests++;
    this.statusCounts.set(response.status, (this.statusCounts.get(response.status) ?? 0) + 1);
    if (response.status >= 500) this.serverErrors.push(response);
    const where = `${response.method} ${response.path.slice(0, 120)} → ${response.status}`;
    this.scan(response.rawHeaders.join('\n'), `headers of ${where}`);
    this.scan(response.body, `body of ${where}`);
    return response;
  }
}

/** "200×12, 400×3" */
export function formatStatusCounts(counts: Map<number, number>): string {
  return [...counts.entries()].sort(([a], [b]) => a - b).map(([status, n]) => `${status}×${n}`).join(', ');
}
