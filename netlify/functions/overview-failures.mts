// GET /api/overview/failures on Netlify; the handler is shared with the Node build (src/api/router.ts).
import type { Config } from '@netlify/functions';
import { handleOverviewFailures } from '../../src/api/handlers/overview-failures.ts';
import { netlifyApi } from '../lib/netlify-api.ts';

export default netlifyApi(handleOverviewFailures);

export const config: Config = { path: '/api/overview/failures', method: 'GET' };
