import type { CachePolicy } from '../cache/cache-policy.ts';
import { cacheHeaders } from '../cache/cache-policy.ts';
import { errorResponse } from '../http/app-error.ts';
import { jsonResponse } from '../http/json-response.ts';
import type { Deps, Handler } from './deps.ts';

/** A 200 JSON body with the headers of its cache class; `generatedAt` is when the data was read. */
export function cachedJson(body: unknown, policy: CachePolicy, generatedAt: Date): Response {
  return jsonResponse(body, { headers: cacheHeaders(policy, generatedAt) });
}

/** Runs a handler; whatever it throws becomes a response in the one place that does that. */
export async function runHandler(handler: Handler, request: Request, deps: Deps): Promise<Response> {
  try {
    return await handler(request, deps);
  } catch (error) {
    return errorResponse(error, deps.log);
  }
}
