import type { Deps, Handler } from './deps.ts';
import { AppError, errorResponse } from '../http/app-error.ts';
import {
  FILTERS_POLICY, FRESHNESS_POLICY, OVERVIEW_BREAKDOWN_POLICY, OVERVIEW_RANGE_POLICY, PAYMENT_DETAIL_POLICY, PAYMENTS_LIST_POLICY, type CachePolicy,
} from '../cache/cache-policy.ts';
import { serveCached } from '../cache/cached-response.ts';
import type { TtlCache } from '../cache/ttl-cache.ts';
import { handleHealth } from './handlers/health.ts';
import { handleOverviewKpis } from './handlers/overview-kpis.ts';
import { handleOverviewDaily } from './handlers/overview-daily.ts';
import { handleOverviewAlerts } from './handlers/overview-alerts.ts';
import { handleOverviewFailures } from './handlers/overview-failures.ts';
import { handleOverviewRecovery } from './handlers/overview-recovery.ts';
import { handleOverviewTopFailures } from './handlers/overview-top-failures.ts';
import { handleOverviewBreakdown } from './handlers/overview-breakdown.ts';
import { handleOverviewRetryHygiene } from './handlers/overview-retry-hygiene.ts';
import { handleFilters } from './handlers/filters.ts';
import { handlePaymentsList } from './handlers/payments-list.ts';
import { handlePaymentsCsv } from './handlers/payments-csv.ts';
import { handlePaymentDetail } from './handlers/payment-detail.ts';
import { handleRefresh } from './handlers/refresh.ts';
import { handleFreshness } from './handlers/freshness.ts';
import { handleLogin } from '../auth/login-handler.ts';
import { handleLogout } from '../auth/logout-handler.ts';

export interface ApiRoute {
  method: 'GET' | 'POST';
  /** An exact path, or one ending in `/:param` for a single path segment. */
  path: string;
  handler: Handler;
  /** The in-process cache's policy on Node; absent = never cached there (refresh, health, the CSV stream). */
  nodeCache?: CachePolicy;
}

/**
 * The one route table: every /api route, served on Node by one Astro catch-all route. Netlify
 * mounts the same handlers one function each (netlify/functions), whose `config.path` and method
 * must be literals Netlify reads without running the file; tests/api/route-table.test.ts proves
 * each function serves exactly its row.
 */
export const API_ROUTES: readonly ApiRoute[] = [
  { method: 'GET', path: '/api/health', handler: handleHealth },
  { method: 'POST', path: '/api/login', handler: handleLogin },
  { method: 'POST', path: '/api/logout', handler: handleLogout },
  { method: 'GET', path: '/api/overview/kpis', handler: handleOverviewKpis, nodeCache: OVERVIEW_RANGE_POLICY },
  { method: 'GET', path: '/api/overview/daily', handler: handleOverviewDaily, nodeCache: OVERVIEW_RANGE_POLICY },
  { method: 'GET', path: '/api/overview/alerts', handler: handleOverviewAlerts, nodeCache: OVERVIEW_RANGE_POLICY },
  { method: 'GET', path: '/api/overview/failures', handler: handleOverviewFailures, nodeCache: OVERVIEW_RANGE_POLICY },
  { method: 'GET', path: '/api/overview/recovery', handler: handleOverviewRecovery, nodeCache: OVERVIEW_RANGE_POLICY },
  { method: 'GET', path: '/api/overview/top-failures', handler: handleOverviewTopFailures, nodeCache: OVERVIEW_RANGE_POLICY },
  { method: 'GET', path: '/api/overview/breakdown', handler: handleOverviewBreakdown, nodeCache: OVERVIEW_BREAKDOWN_POLICY },
  { method: 'GET', path: '/api/overview/retry-hygiene', handler: handleOverviewRetryHygiene, nodeCache: OVERVIEW_RANGE_POLICY },
  { method: 'GET', path: '/api/filters', handler: handleFilters, nodeCache: FILTERS_POLICY },
  { method: 'GET', path: '/api/freshness', handler: handleFreshness, nodeCache: FRESHNESS_POLICY },
  { method: 'GET', path: '/api/payments', handler: handlePaymentsList, nodeCache: PAYMENTS_LIST_POLICY },
  // A stream is never held in memory; the browser and CDN headers still apply.
  { method: 'GET', path: '/api/payments.csv', handler: handlePaymentsCsv },
  { method: 'GET', path: '/api/payments/:chargeId', handler: handlePaymentDetail, nodeCache: PAYMENT_DETAIL_POLICY },
  { method: 'POST', path: '/api/refresh', handler: handleRefresh },
];

function matchesPath(pattern: string, pathname: string): boolean {
  const param = pattern.indexOf('/:');
  if (param === -1) return pattern === pathname;
  const prefix = pattern.slice(0, param + 1);
  return pathname.startsWith(prefix) && pathname.length > prefix.length && !pathname.slice(prefix.length).includes('/');
}

export interface RouteOptions {
  /** The Node host's in-process TTL cache; the CDN plays this part on Netlify. */
  cache?: TtlCache;
}

export async function routeApiRequest(request: Request, deps: Deps, options: RouteOptions = {}): Promise<Response> {
  const { pathname } = new URL(request.url);
  const matches = API_ROUTES.filter((route) => matchesPath(route.path, pathname));
  try {
    if (matches.length === 0) throw new AppError(404, 'not_found', `No API route ${pathname}`);
    const route = matches.find((candidate) => candidate.method === request.method || (request.method === 'HEAD' && candidate.method === 'GET'));
    if (!route) {
      throw new AppError(405, 'method_not_allowed', `${request.method} is not allowed on ${pathname}`, {
        headers: { allow: matches.map((m) => m.method).join(', ') },
      });
    }
    const run = async () => {
      try {
        return await route.handler(request, deps);
      } catch (error) {
        return failure(request, error, deps);
      }
    };
    return options.cache && route.nodeCache ? await serveCached(request, route.nodeCache, options.cache, run) : await run();
  } catch (error) {
    return failure(request, error, deps);
  }
}

/**
 * A client that went away mid-request (its body stream then fails with "aborted") is no fault of
 * the server's: the answer reaches no one, so it is not logged as an unexpected error.
 */
function failure(request: Request, error: unknown, deps: Deps): Response {
  return request.signal.aborted ? new Response(null, { status: 499 }) : errorResponse(error, deps.log);
}
