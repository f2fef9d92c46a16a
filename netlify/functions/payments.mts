// GET /api/payments on Netlify; the handler is shared with the Node build (src/api/router.ts).
import type { Config } from '@netlify/functions';
import { handlePaymentsList } from '../../src/api/handlers/payments-list.ts';
import { netlifyApi } from '../lib/netlify-api.ts';

export default netlifyApi(handlePaymentsList);

export const config: Config = { path: '/api/payments', method: 'GET' };
