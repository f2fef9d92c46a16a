/**
 * /api/* on the Procfile's server, answered here rather than by @astrojs/node: the same session
 * guard (protectNodeRequest, what the Astro middleware runs) and the same route
 * (routeNodeApiRequest, what the Astro API route runs), without the adapter's work in between. For an uncached request at
 * 10M charges that work was most of the ~2 ms beyond its SQL: a look on disk for a static file of
 * that name (lstat, stat), Astro's render pipeline, and a response written without waiting for
 * 'drain'. Pages and assets still go to the adapter. Only one of the two answers /api in a process
 * (this one whenever serve.ts runs), so the deps, the demo database and the response cache exist
 * once.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { pipeline } from 'node:stream/promises';
import { createRequest, getAbortControllerCleanup } from 'astro/app/node';
import { errorResponse } from '../http/app-error.ts';
import { protectNodeRequest, routeNodeApiRequest } from '../runtime/node-api.ts';

/** Whether a request's URL (path and query, as Node gives it) is an API route's. */
export function isApiRequest(url: string): boolean {
  return url === '/api' || url.startsWith('/api/') || url.startsWith('/api?');
}

/** A Response into Node's ServerResponse, at the pace the socket (or the compressor in front of it) drains. */
async function writeResponse(response: Response, res: ServerResponse): Promise<void> {
  res.statusCode = response.status;
  for (const [name, value] of response.headers) if (name !== 'set-cookie') res.setHeader(name, value);
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) res.setHeader('set-cookie', cookies);
  if (!response.body) {
    res.end();
    return;
  }
  // A client that leaves mid-body ends the pipeline with an error: the body is cancelled (the CSV
  // export stops reading batches) and there is no one left to answer.
  await pipeline(Readable.fromWeb(response.body as NodeReadableStream), res).catch(() => {});
}

/** Answers an /api request. It never rejects: the guard and the router answer failures themselves, and anything else becomes errorResponse's JSON. */
export async function handleApiRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
  let response: Response;
  try {
    const request = createRequest(req);
    // createRequest aborts the request's signal when the socket closes, through a listener on
    // the (kept-alive) socket that is removed once this response is done.
    const cleanup = getAbortControllerCleanup(req);
    if (cleanup) res.once('close', cleanup);
    response = await protectNodeRequest(request, () => routeNodeApiRequest(request, req.socket.remoteAddress));
  } catch (error) {
    response = errorResponse(error);
  }
  await writeResponse(response, res);
}
