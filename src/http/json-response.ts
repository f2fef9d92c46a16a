const encoder = new TextEncoder();

/**
 * A JSON response with its Content-Length: the Node server's compression then leaves the small
 * ones alone (it can only tell a body's size from that header, the adapter streams the body), and
 * a client knows where the body ends without chunked framing.
 */
export function jsonResponse(body: unknown, init: { status?: number; headers?: Record<string, string> } = {}): Response {
  const bytes = encoder.encode(JSON.stringify(body));
  return new Response(bytes, {
    status: init.status ?? 200,
    headers: { 'content-type': 'application/json; charset=utf-8', 'content-length': String(bytes.length), ...init.headers },
  });
}
