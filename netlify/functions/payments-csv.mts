// GET /api/payments.csv on Netlify; the handler is shared with the Node build (src/api/router.ts).
import type { Config } from '@netlify/functions';
import { handlePaymentsCsv } from '../../src/api/handlers/payments-csv.ts';
import { netlifyApi } from '../lib/netlify-api.ts';

export default netlifyApi(handlePaymentsCsv);

export const config: Config = { path: '/api/payments.csv', method: 'GET' };
