// GET /api/filters on Netlify; the handler is shared with the Node build (src/api/router.ts).
import type { Config } from '@netlify/functions';
import { handleFilters } from '../../src/api/handlers/filters.ts';
import { netlifyApi } from '../lib/netlify-api.ts';

export default netlifyApi(handleFilters);

export const config: Config = { path: '/api/filters', method: 'GET' };
